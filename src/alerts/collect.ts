// collectScanInput: one scan's reads through the TapScanReader port, assembled into a ScanInput. Pass holders come
// from three sources — the registration report (hours stale), the audit log for what is newer, the passes the bot
// issued itself — and each person is read once, 20 to a $batch, while later report pages still wait for the budget.
import type { Clock } from "../clock";
import type { HolderRead, PagedRead, ReadOptions, ReportHolder, TapScanReader } from "../graph/port";
import { checked, unchecked, type Check } from "../triage/snapshot";
import type { HolderMethods, HolderRef, HolderSource, PolicyChangeEvent, ScanInput, TapAuditEvent } from "./scan-input";

/** What one scan needs to know besides the reader. */
export interface CollectOptions {
  /** The scan's "now". */
  now: Date;
  /** When the previous scan ran; undefined for the first one. */
  since?: Date;
  /** People the bot issued a pass to and may still hold it (from its own records). */
  botIssued: HolderRef[];
  /** The window a burst of pass-related sign-in failures is counted in. */
  burstWindowMinutes: number;
  /** How stale the registration report may be ("up to a few hours"): the audit log covers at least this much. Default 8. */
  reportLatencyHours?: number;
  /** The audit log's retention without P1 (7 days in Free): read this far back when the report can't be read. Default 7. */
  auditRetentionDays?: number;
  /** $batch requests of holders' methods in flight at once. Default 4 (80 reads). */
  concurrency?: number;
  /** Stamps figures.finishedAt; without it the scan's `now` is used. */
  clock?: Pick<Clock, "now">;
  abortSignal?: AbortSignal;
}

/** Graph's $batch limit: holders per methods request. */
export const HOLDERS_PER_BATCH = 20;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Known {
  ref: HolderRef;
  sources: HolderSource[];
  read?: HolderRead;
}

/** Holders seen so far, deduplicated by user id; full batches of 20 go out as soon as they fill, a few at a time. */
class HolderQueue {
  readonly known = new Map<string, Known>();
  batches = 0;
  private pending: Known[] = [];
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight: Promise<void>[] = [];

  constructor(
    private readonly reader: TapScanReader,
    private readonly concurrency: number,
    private readonly read: ReadOptions,
  ) {}

  add(ref: HolderRef, source: HolderSource): void {
    const key = ref.userId.toLowerCase();
    const known = this.known.get(key);
    if (known) {
      if (!known.sources.includes(source)) known.sources.push(source);
      known.ref.displayName ??= ref.displayName;
      known.ref.userPrincipalName ??= ref.userPrincipalName;
      return;
    }
    const entry: Known = { ref: { userId: ref.userId, displayName: ref.displayName, userPrincipalName: ref.userPrincipalName }, sources: [source] };
    this.known.set(key, entry);
    this.pending.push(entry);
    if (this.pending.length >= HOLDERS_PER_BATCH) this.send(this.pending.splice(0, HOLDERS_PER_BATCH));
  }

  /** Sends what is left and waits for every read (call once no more holders are coming). */
  async drain(): Promise<void> {
    for (;;) {
      while (this.pending.length > 0) this.send(this.pending.splice(0, HOLDERS_PER_BATCH));
      const sent = this.inFlight.length;
      await Promise.all(this.inFlight);
      if (this.inFlight.length === sent && this.pending.length === 0) return;
    }
  }

  private send(batch: Known[]): void {
    this.batches++;
    const run = this.run(batch);
    // Awaited in drain(); marked handled here so an abort before then isn't an unhandled rejection.
    // swallow-ok: drain() awaits this same promise and sees its rejection.
    run.catch(() => undefined);
    this.inFlight.push(run);
  }

  private async run(batch: Known[]): Promise<void> {
    // A finishing batch hands its slot straight to the next waiting one.
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      const answers = await this.reader.readHolderMethods(batch.map((k) => k.ref.userId), this.read);
      for (const k of batch) k.read = answers.get(k.ref.userId) ?? { ok: false, gone: false, reason: NO_ANSWER };
    } catch (e) {
      if (this.read.abortSignal?.aborted) throw e;
      for (const k of batch) k.read = { ok: false, gone: false, reason: NO_ANSWER };
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const NO_ANSWER = "couldn't check the person's sign-in methods right now: Microsoft Graph didn't answer — the next scan tries again";

/** The newest pass event per person (the audit log's word on whether they hold one now). */
export function latestTapEvents(events: readonly TapAuditEvent[]): Map<string, TapAuditEvent> {
  const out = new Map<string, TapAuditEvent>();
  for (const e of events) {
    const key = e.userId.toLowerCase();
    const seen = out.get(key);
    if (!seen || e.at.getTime() >= seen.at.getTime()) out.set(key, e);
  }
  return out;
}

/**
 * Whether a report row still needs reading: not when the audit log says the pass was deleted after the row was last
 * updated (and not registered again since). A row without a date is read, to be sure.
 */
export function reportRowStillHolds(row: ReportHolder, latest: ReadonlyMap<string, TapAuditEvent>): boolean {
  const event = latest.get(row.userId.toLowerCase());
  if (!event || event.kind !== "deleted" || row.reportedAt === undefined) return true;
  return event.at.getTime() <= row.reportedAt.getTime();
}

/**
 * How far back the audit log is read: far enough to cover what the (stale) report can't show yet and everything since
 * the previous scan; when the report is unreadable, as far as the log goes (its Free retention).
 */
export function auditSince(options: CollectOptions, reportReadable: boolean): Date {
  const now = options.now.getTime();
  const oldest = now - (options.auditRetentionDays ?? 7) * DAY;
  if (!reportReadable) return new Date(oldest);
  const reportGap = now - (options.reportLatencyHours ?? 8) * HOUR;
  return new Date(Math.max(oldest, Math.min(reportGap, options.since?.getTime() ?? reportGap)));
}

/** Sign-in failures since the previous scan or the burst window, whichever is longer ago. */
export function failuresSince(options: CollectOptions): Date {
  const window = options.now.getTime() - options.burstWindowMinutes * 60_000;
  return new Date(Math.min(window, options.since?.getTime() ?? window));
}

/** Report rows held back until the audit log says which of them were deleted since. */
class ReportRows {
  private rows: ReportHolder[] = [];
  private accept?: (row: ReportHolder) => void;
  private sawPage!: () => void;
  readonly firstPage = new Promise<void>((resolve) => (this.sawPage = resolve));

  add = (rows: ReportHolder[]): void => {
    this.sawPage();
    if (this.accept) rows.forEach(this.accept);
    else this.rows.push(...rows);
  };

  release(accept: (row: ReportHolder) => void): void {
    this.accept = accept;
    this.rows.forEach(accept);
    this.rows = [];
  }
}

/** The same promise, marked handled: if the scan stops early (abort), a read still running can't reject unhandled. */
function handled<T>(promise: Promise<T>): Promise<T> {
  // swallow-ok: the caller awaits the returned promise, which still rejects.
  promise.catch(() => undefined);
  return promise;
}

/** Reads one scan's worth of Graph through `reader` and assembles the ScanInput the detectors work on. */
export async function collectScanInput(reader: TapScanReader, options: CollectOptions): Promise<ScanInput> {
  const read: ReadOptions = { abortSignal: options.abortSignal };
  const requestsBefore = reader.requestsSent();
  const queue = new HolderQueue(reader, options.concurrency ?? 4, read);
  for (const ref of options.botIssued) queue.add(ref, "bot");
  const configs = handled(reader.readMethodConfigurations(read));
  const failures = handled(reader.readTapSignInFailures(failuresSince(options), read));
  const rows = new ReportRows();
  const report = handled(reader.readReportHolders(rows.add, read));
  // The first page (or the report's refusal) decides how far back the audit log must be read.
  const reportReadable = await Promise.race([rows.firstPage.then(() => true), report.then((r) => r.pages > 0)]);
  const policyChanges: PolicyChangeEvent[] = [];
  const audit = await reader.readTapAuditEvents(auditSince(options, reportReadable), read, { policyChange: (e) => policyChanges.push(e) });
  const latest = latestTapEvents(audit.result.ok ? audit.result.value : []);
  for (const event of latest.values()) {
    if (event.kind === "registered") queue.add({ userId: event.userId, displayName: event.displayName, userPrincipalName: event.userPrincipalName }, "audit");
  }
  rows.release((row) => {
    if (reportRowStillHolds(row, latest)) queue.add(row, "report");
  });
  const reportDone = await report;
  await queue.drain();
  const [methodConfigs, tapFailures] = await Promise.all([configs, failures]);
  const input = assemble({ options, queue, report: reportDone, audit, reportReadable, methodConfigs, tapFailures, requests: reader.requestsSent() - requestsBefore });
  return { ...input, policyChanges: audit.result.ok ? checked(policyChanges) : unchecked(audit.result.reason) };
}

interface Parts {
  options: CollectOptions;
  queue: HolderQueue;
  report: PagedRead<number>;
  audit: PagedRead<TapAuditEvent[]>;
  reportReadable: boolean;
  methodConfigs: Awaited<ReturnType<TapScanReader["readMethodConfigurations"]>>;
  tapFailures: Awaited<ReturnType<TapScanReader["readTapSignInFailures"]>>;
  requests: number;
}

function assemble(p: Parts): ScanInput {
  const holders: HolderMethods[] = [];
  const unreadable: ScanInput["unreadable"] = [];
  for (const k of p.queue.known.values()) {
    const r = k.read ?? { ok: false, gone: false, reason: NO_ANSWER };
    if (r.ok) holders.push({ ...k.ref, taps: r.taps, permanentMethods: r.permanentMethods, ...(r.permanentMethodsUnknown ? { permanentMethodsUnknown: true } : {}), sources: k.sources });
    else unreadable.push({ ...k.ref, reason: r.reason });
  }
  const auditCount: Check<number> = p.audit.result.ok ? checked(p.audit.result.value.length) : unchecked(p.audit.result.reason);
  return {
    at: p.options.now,
    holders,
    unreadable,
    tapPolicy: p.methodConfigs.tapPolicy,
    methodConfigs: p.methodConfigs.methodConfigs,
    tapFailures: p.tapFailures.result,
    sources: { report: p.report.result, audit: auditCount, bot: p.options.botIssued.length },
    gaps: gapsOf(p, unreadable),
    figures: {
      graphRequests: p.requests,
      reportPages: p.report.pages,
      auditPages: p.audit.pages,
      signInPages: p.tapFailures.pages,
      methodBatches: p.queue.batches,
      holdersRead: p.queue.known.size,
      startedAt: p.options.now,
      finishedAt: p.options.clock?.now() ?? p.options.now,
    },
  };
}

/** What the scan could not see, in plain words, each with what it means for the result. */
function gapsOf(p: Parts, unreadable: ScanInput["unreadable"]): string[] {
  const gaps: string[] = [];
  const retention = p.options.auditRetentionDays ?? 7;
  if (!p.report.result.ok) {
    gaps.push(
      p.reportReadable
        ? `${p.report.result.reason}; read ${p.report.pages} page(s) of it, so people on the pages after that may be missing`
        : `${p.report.result.reason}; without it, passes issued more than ${retention} days ago by someone other than the bot can't be found`,
    );
  }
  if (!p.audit.result.ok) {
    gaps.push(
      p.reportReadable
        ? `${p.audit.result.reason}; passes issued in the last ${p.options.reportLatencyHours ?? 8} hours may be missing (the registration report lags behind)`
        : `${p.audit.result.reason}; only passes the bot issued itself were checked`,
    );
  }
  if (!p.tapFailures.result.ok) gaps.push(`${p.tapFailures.result.reason}; a burst of failing passes can't be spotted`);
  if (!p.methodConfigs.tapPolicy.ok) gaps.push(`${p.methodConfigs.tapPolicy.reason}; policy changes can't be spotted`);
  const passOnly = [...p.queue.known.values()].filter((k) => k.read?.ok === true && k.read.permanentMethodsUnknown).length;
  if (passOnly > 0) {
    gaps.push(`couldn't read the permanent methods of ${passOnly} ${passOnly === 1 ? "person" : "people"}: needs UserAuthenticationMethod.Read.All; passes kept after a permanent method can't be spotted, and nobody is nudged`);
  }
  const byReason = new Map<string, number>();
  for (const u of unreadable) byReason.set(u.reason, (byReason.get(u.reason) ?? 0) + 1);
  for (const [reason, n] of byReason) gaps.push(`${reason} (${n} ${n === 1 ? "person" : "people"})`);
  return gaps;
}
