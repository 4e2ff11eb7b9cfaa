// One scan of the tenant's passes: collect (Graph, within budgets) → detect (pure) → plan the digest (pure) → record
// and enqueue the digest for every alerts conversation and the 1:1 nudges. Runs as one scheduler job (one instance at
// a time); `scan now` runs the same scan.
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { Outbox, OutboxMessage } from "../messaging/port";
import { planDigest, type TrackedFinding } from "./digest";
import { detectFindings, type AlertSettings, type Finding } from "./findings";
import type { AlertDestination, AlertRepository, StoredDigest } from "./repositories";
import type { HolderRef, ScanInput } from "./scan-input";
import { digestSummary, digestView } from "./digest-view";
import { SECURITY_INFO_URL, type AlertNudgeView } from "./views";
import { randomUUID } from "node:crypto";

/** Reads one scan's data; `since` is the previous scan's time (undefined on the first scan). */
export type CollectScan = (options: { now: Date; since?: Date; botIssued: HolderRef[]; burstWindowMinutes: number }) => Promise<ScanInput>;

export interface ScannerOptions {
  repo: AlertRepository;
  collect: CollectScan;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  settings: AlertSettings;
  /** Passes the bot issued since a time (from the helpdesk's audit trail). */
  issuedSince(since: Date): Promise<HolderRef[]>;
}

/** What a scan found and did, for `scan now` and the logs. */
export interface ScanReport {
  scannedAt: string;
  holdersRead: number;
  graphRequests: number;
  durationInMs: number;
  findings: number;
  reported: number;
  fixed: number;
  destinations: number;
  nudges: number;
  digestId?: string;
  gaps: string[];
}

/** How long a digest's buttons keep working (older digests and bulk requests are pruned). */
const KEEP_DIGESTS_IN_MS = 30 * 24 * 3600_000;

/** How far back the first scan looks for passes the bot issued (the longest lifetime Entra allows is 30 days). */
const FIRST_SCAN_LOOKBACK_IN_MS = 30 * 24 * 3600_000;

export class AlertScanner {
  private running: Promise<ScanReport> | undefined;

  constructor(private readonly o: ScannerOptions) {}

  /** Runs a scan; a scan already running in this instance is joined rather than doubled. */
  scan(): Promise<ScanReport> {
    this.running ??= this.runScan().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runScan(): Promise<ScanReport> {
    const { repo, clock } = this.o;
    const now = clock.now();
    const { value: state } = await repo.state();
    const destinations = await repo.destinations();
    if (state.pendingDigestId) {
      // A restart (or failure) between recording a digest and enqueueing it: enqueue it now.
      const pending = await repo.digest(state.pendingDigestId);
      if (pending) await this.enqueueDigest(pending.value, destinations);
    }
    const since = state.lastScanAt ? new Date(state.lastScanAt) : undefined;
    const issued = await this.o.issuedSince(since ?? new Date(now.getTime() - FIRST_SCAN_LOOKBACK_IN_MS));
    const watched = await repo.watchList();
    const input = await this.o.collect({ now, since, botIssued: dedupe([...watched, ...issued]), burstWindowMinutes: this.o.settings.burstWindowMinutes });
    const findings = detectFindings(input, state.lastPolicy, this.o.settings, since);
    const tracked = await repo.tracked();
    const plan = planDigest(findings, tracked, input.at, unknownIn(input));
    const digest: StoredDigest | undefined =
      plan.report.length > 0
        ? { id: `${input.at.toISOString()}-${randomUUID().slice(0, 8)}`, createdAt: input.at.toISOString(), findings: plan.report, fixedCount: plan.fixed.length, gaps: input.gaps, statuses: {} }
        : undefined;
    const digestId = digest?.id;
    if (digest) {
      await repo.saveDigest(digest);
      await repo.saveState({ ...state, pendingDigestId: digest.id });
    }
    await repo.saveTracked(plan.upserts, plan.removals);
    await this.updateWatchList(input, watched);
    if (digest) await this.enqueueDigest(digest, destinations);
    const nudges = await this.nudge(findings, input.at);
    await repo.prune(new Date(input.at.getTime() - KEEP_DIGESTS_IN_MS));
    await repo.saveState({
      lastScanAt: input.at.toISOString(),
      lastPolicy: input.tapPolicy.ok ? input.tapPolicy.value : state.lastPolicy,
      lastFigures: { graphRequests: input.figures.graphRequests, holdersRead: input.figures.holdersRead },
    });
    const report: ScanReport = {
      scannedAt: input.at.toISOString(),
      holdersRead: input.figures.holdersRead,
      graphRequests: input.figures.graphRequests,
      durationInMs: input.figures.finishedAt.getTime() - input.figures.startedAt.getTime(),
      findings: findings.length,
      reported: plan.report.length,
      fixed: plan.fixed.length,
      destinations: digestId ? destinations.length : 0,
      nudges,
      digestId,
      gaps: input.gaps,
    };
    this.o.logger.info({ event: "alert_scan_done", ...report, gaps: report.gaps.length }, "pass alert scan done");
    return report;
  }

  /** Enqueues a recorded digest for every alerts conversation (outbox ids make a second enqueue a no-op). */
  private async enqueueDigest(digest: StoredDigest, destinations: AlertDestination[]): Promise<void> {
    if (destinations.length > 0) await this.o.outbox.enqueue(destinations.map((d) => digestMessage(digest, d.key, d.destination)));
  }

  /**
   * One nudge per pass that ends soon while its holder has no permanent method: every such finding of this scan (not only
   * the new ones, so a nudge lost to a failed scan is sent by the next), queued first and then recorded.
   */
  private async nudge(findings: Finding[], now: Date): Promise<number> {
    const due: Array<{ tapId: string; message: OutboxMessage }> = [];
    for (const f of findings) {
      if (!f.nudge || !f.pass || (await this.o.repo.nudged(f.pass.tapId))) continue;
      const view: AlertNudgeView = { kind: "alert_nudge", endsAt: f.pass.endsAt, registerUrl: SECURITY_INFO_URL };
      due.push({ tapId: f.pass.tapId, message: { id: `nudge:${f.pass.tapId}`, destination: { kind: "person", personId: f.pass.userId }, message: { view, summary: "Your Temporary Access Pass ends soon" } } });
    }
    if (due.length === 0) return 0;
    await this.o.outbox.enqueue(due.map((d) => d.message));
    for (const d of due) await this.o.repo.markNudged(d.tapId, now);
    return due.length;
  }

  /** Keeps reading people who hold a pass (until it's gone), so a stale report never hides a fix or a problem. */
  private async updateWatchList(input: ScanInput, watched: HolderRef[]): Promise<void> {
    const holding = input.holders.filter((h) => h.taps.length > 0);
    await this.o.repo.watch(holding);
    const unreadable = new Set(input.unreadable.map((u) => u.userId));
    const stillHolding = new Set(holding.map((h) => h.userId));
    await this.o.repo.unwatch(watched.filter((w) => !stillHolding.has(w.userId) && !unreadable.has(w.userId)).map((w) => w.userId));
  }
}

/** The outbox message of one digest for one conversation (its id is stable: enqueueing it twice sends it once). */
export function digestMessage(digest: StoredDigest, destinationKey: string, destination: OutboxMessage["destination"]): OutboxMessage {
  return { id: `digest:${digest.id}:${destinationKey}`, destination, message: { view: digestView(digest), summary: digestSummary(digest) } };
}

function dedupe(holders: HolderRef[]): HolderRef[] {
  const byId = new Map<string, HolderRef>();
  for (const h of holders) byId.set(h.userId, { ...byId.get(h.userId), ...h });
  return [...byId.values()];
}

/** A tracked finding whose source this scan couldn't read is kept as it is (not "fixed"). */
function unknownIn(input: ScanInput): (t: TrackedFinding) => boolean {
  const unreadable = new Set(input.unreadable.map((u) => u.userId));
  // A pass the policy disables (policy off, or the person out of its targets) reads "DisabledByPolicy" whatever else is
  // true of it (expired, used): its earlier findings can't be judged now, so they are kept, neither fixed nor repeated.
  for (const h of input.holders) if (h.taps.some((t) => t.usabilityReason === "DisabledByPolicy")) unreadable.add(h.userId);
  return (t) => {
    if (t.userId !== undefined) return unreadable.has(t.userId);
    if (t.kind === "failure_burst") return !input.tapFailures.ok;
    if (t.kind === "policy_drift") return !input.tapPolicy.ok;
    if (t.kind === "method_off") return !input.methodConfigs.ok && !input.tapPolicy.ok;
    return false;
  };
}
