// Sends what the durable outbox holds: different conversations in parallel, one conversation at a time and in order,
// paced under Teams' limits, retried with backoff, given up with a reason. Runs as a leased job (jobs/scheduler.ts).
//
// Delivery guarantee, honestly: a message is claimed (etag) before it is sent and its outcome is written right after
// the platform answers, before anything else. Exactly once holds except in one window: if the process dies after the
// platform accepted a message and before that one store write landed (a SQLite write: well under a millisecond; a
// network store: one round trip), the message is sent again after the restart — the platform has no idempotency key
// for bot messages, so we choose at least once over at most once there. A resumed send is logged (outbox_resumed).
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { DurableOutbox, PendingEntry, PendingItem } from "./outbox";
import { DEFAULT_BACKOFF, Pacer, TEAMS_LIMITS, retryDelay, type BackoffPolicy, type PacingLimits } from "./pacing";
import type { DeliveryResult, Destination, MessageSender, OutboxMessage, OutboxOutcome } from "./port";

export interface DispatcherOptions {
  outbox: DurableOutbox;
  sender: MessageSender;
  clock: Clock;
  logger: Logger;
  /** This instance in claims; give a restarted instance the same id and it resumes its claims at once. */
  holderId: string;
  /** The conversation a destination lands in (pacing is per conversation); by default its conversation id or person id. */
  keyOf?: (destination: Destination) => Promise<string>;
  limits?: PacingLimits;
  backoff?: BackoffPolicy;
  /** In [0, 1): the jitter of backoff delays. */
  random?: () => number;
  /** Conversations sent to at once (default 16). */
  parallel?: number;
  /** How long one run may wait for pacing and backoff before it hands back (default 20 s; keep under the job's lease). */
  runInMs?: number;
  /** How long a claim holds; longer than the slowest send (the connector times out sooner), or another instance may resend. */
  claimInMs?: number;
}

/** What a run did. */
export interface DispatchStats {
  /** Platform calls answered (not counting messages given up without a call, to a conversation already known dead). */
  calls: number;
  delivered: number;
  undeliverable: number;
  /** Answers that asked for another try (429, 412, 5xx, network). */
  retries: number;
  /** Sends taken over from a claim left by a stopped instance (possibly sent before: see the header). */
  resumed: number;
}

const zero = (): DispatchStats => ({ calls: 0, delivered: 0, undeliverable: 0, retries: 0, resumed: 0 });
const HOUR = 3_600_000;
const UPDATE_GONE = "ActivityNotFoundInConversation";

type Step = { outcome: OutboxOutcome } | { notBefore: Date; reason: string };

export class OutboxDispatcher {
  /** Everything this dispatcher did since it was created. */
  readonly totals: DispatchStats = zero();
  private readonly pacer: Pacer;
  private readonly inFlight = new Set<string>();
  /** Outcomes the store refused to record (the message was sent): written before anything else next run. */
  private readonly unrecorded = new Map<string, { entry: PendingEntry; outcome: OutboxOutcome }>();
  private readonly abort = new AbortController();
  /** Resolves on stop(): every wait races it (one listener, however many waits). */
  private readonly stopped: Promise<void>;
  private seeded = false;

  constructor(private readonly o: DispatcherOptions) {
    this.pacer = new Pacer(o.limits ?? TEAMS_LIMITS);
    this.stopped = new Promise((resolve) => this.abort.signal.addEventListener("abort", () => resolve(), { once: true }));
  }

  /** One pass over the queue: sends what is due, waiting for pacing and backoff up to runInMs. */
  async runOnce(): Promise<DispatchStats> {
    const stats = zero();
    if (this.abort.signal.aborted) return stats;
    const deadline = this.now() + (this.o.runInMs ?? 20_000);
    await this.flushUnrecorded();
    await this.seed();
    const groups = await this.group(await this.o.outbox.pending());
    await inParallel(groups, this.o.parallel ?? 16, async ([key, entries]) => {
      try {
        for (const entry of entries) if ((await this.runItem(entry, key, deadline, stats)) === "wait") return;
      } catch (err) {
        // A store failure: this conversation waits for the next run; the others go on (and none is left running past this run).
        this.o.logger.error({ event: "outbox_conversation_failed", key, err }, "sending to one conversation failed; trying again next run");
      }
    });
    this.pacer.prune(this.now());
    await this.o.outbox.pruneCalls(new Date(this.now() - HOUR)).catch((err: unknown) => this.o.logger.warn({ event: "outbox_prune_failed", err }, "could not prune the call log"));
    for (const k of Object.keys(stats) as (keyof DispatchStats)[]) this.totals[k] += stats[k];
    return stats;
  }

  /** Runs until the queue is empty (tests, tools); waits a second between runs that could do nothing. */
  async drain(): Promise<DispatchStats> {
    const before = { ...this.totals };
    while (!this.abort.signal.aborted && !(await this.o.outbox.idle())) {
      const s = await this.runOnce();
      if (s.calls + s.delivered + s.undeliverable === 0) await this.sleepUntil(this.now() + 1_000);
    }
    const after = { ...this.totals };
    for (const k of Object.keys(after) as (keyof DispatchStats)[]) after[k] -= before[k];
    return after;
  }

  /** Stops waiting and claiming; sends already under way finish and are recorded. */
  stop(): void {
    this.abort.abort(new Error("outbox dispatcher stopped"));
  }

  /** One message: wait for its turn, claim, send, record; again after a retry while the run lasts. "wait": its conversation waits. */
  private async runItem(first: PendingEntry, key: string, deadline: number, stats: DispatchStats): Promise<"next" | "wait"> {
    let entry: PendingEntry | undefined = first;
    if ((!first.value.confirmed || first.value.claim) && !(await this.o.outbox.confirm(first))) return "next";
    while (entry) {
      const { claim, id, notBefore } = entry.value;
      // Ours and under way (or sent, its outcome waiting for the store): never again. Another instance's live claim: its turn.
      if (this.inFlight.has(id) || (claim && Date.parse(claim.until) > this.now() && claim.holder !== this.o.holderId)) return "wait";
      const start = Math.max(notBefore ? Date.parse(notBefore) : 0, this.pacer.nextFor(key, this.now()));
      if (start > deadline || this.abort.signal.aborted) return "wait";
      await this.sleepUntil(start);
      if (!(await this.appPlace())) return "wait";
      let called = false;
      try {
        const claimed = await this.o.outbox.claim(entry, this.o.holderId, new Date(this.now() + (this.o.claimInMs ?? 120_000)));
        if (!claimed) return "wait";
        if (claim) {
          stats.resumed++;
          this.o.logger.warn({ event: "outbox_resumed", id, previousHolder: claim.holder }, "sending a message whose earlier attempt was cut short (it may have arrived already)");
        }
        called = true;
        const answered = await this.attempt(claimed, key, stats);
        ({ next: entry, called } = answered);
      } finally {
        if (called) this.pacer.endApp(this.now());
        else this.pacer.cancelApp();
      }
    }
    return "next";
  }

  /** Waits for a place under the app-wide rate; false when stopped meanwhile (no place taken). */
  private async appPlace(): Promise<boolean> {
    for (;;) {
      if (this.abort.signal.aborted) return false;
      const next = this.pacer.startApp(this.now());
      if (next === true) return true;
      await this.sleepUntil(next);
    }
  }

  /**
   * Sends once and records the answer before anything else; the entry back in the queue after a retry answer, and
   * whether the platform was called (a conversation already known dead isn't: no pacing, no call noted).
   */
  private async attempt(claimed: PendingEntry, key: string, stats: DispatchStats): Promise<{ next?: PendingEntry; called: boolean }> {
    const item = claimed.value;
    this.inFlight.add(item.id);
    let next: PendingEntry | undefined;
    const result = await this.send(item.message);
    const answeredAt = this.o.clock.now();
    const step = this.decide(item, result, answeredAt);
    try {
      if ("outcome" in step) await this.record(claimed, step.outcome);
      else next = await this.o.outbox.release(claimed, step.notBefore, step.reason);
    } finally {
      if (!this.unrecorded.has(item.id)) this.inFlight.delete(item.id);
    }
    const called = !("skipped" in result && result.skipped);
    if (called) {
      this.pacer.record(key, answeredAt.getTime());
      if (result.status === "retry" && result.afterMs !== undefined) this.pacer.block(key, answeredAt.getTime() + result.afterMs);
      await this.o.outbox.logCall(key, answeredAt, item.id, item.attempts).catch((err: unknown) => this.o.logger.warn({ event: "outbox_call_log_failed", err }, "could not note a platform call"));
    }
    this.count(stats, item, result, step, called);
    return { next, called };
  }

  private async send(m: OutboxMessage): Promise<DeliveryResult> {
    try {
      if (m.replaces) {
        const updated = await this.o.sender.update(m.replaces, m.message);
        if (!(updated.status === "rejected" && updated.code === UPDATE_GONE)) return updated;
      }
      return await this.o.sender.deliver(m.destination, m.message);
    } catch (err) {
      // A bug, not a platform answer: retried like a passing failure, so it ends as undeliverable instead of looping.
      this.o.logger.error({ event: "outbox_send_threw", id: m.id, err }, "sending an outbox message threw");
      return { status: "retry", reason: `unexpected error (${err instanceof Error ? err.name : "unknown"})` };
    }
  }

  private decide(item: PendingItem, result: DeliveryResult, at: Date): Step {
    const base = { id: item.id, at: at.toISOString() };
    if (result.status === "delivered") return { outcome: { ...base, status: "delivered", ref: result.ref } };
    if (result.status !== "retry") return { outcome: { ...base, status: "undeliverable", reason: result.reason } };
    const backoff = this.o.backoff ?? DEFAULT_BACKOFF;
    if (item.attempts >= backoff.maxAttempts) return { outcome: { ...base, status: "undeliverable", reason: `gave up after ${item.attempts} attempts; last answer: ${result.reason}` } };
    const delay = retryDelay(item.attempts, result.afterMs, backoff, this.o.random ?? Math.random);
    return { notBefore: new Date(at.getTime() + delay), reason: result.reason };
  }

  /** Writes an outcome; when the store fails, keeps it in memory for the next run instead of sending again. */
  private async record(entry: PendingEntry, outcome: OutboxOutcome): Promise<void> {
    try {
      await this.o.outbox.finish(entry, outcome);
    } catch (err) {
      this.unrecorded.set(outcome.id, { entry, outcome });
      this.o.logger.error({ event: "outbox_record_failed", id: outcome.id, err }, "could not record where a message ended; trying again next run");
    }
  }

  private async flushUnrecorded(): Promise<void> {
    for (const [id, { entry, outcome }] of this.unrecorded) {
      this.inFlight.add(id);
      try {
        await this.o.outbox.finish(entry, outcome);
        this.unrecorded.delete(id);
      } catch {
        // still failing: the claim is ours and the id stays in flight, so nobody resends it in this process
        continue;
      }
      this.inFlight.delete(id);
    }
  }

  private count(stats: DispatchStats, item: PendingItem, result: DeliveryResult, step: Step, called: boolean): void {
    if (called) stats.calls++;
    const log = this.o.logger;
    if (!("outcome" in step)) {
      stats.retries++;
      log.info({ event: "outbox_retry", id: item.id, attempt: item.attempts, reason: step.reason, notBefore: step.notBefore.toISOString() }, "will try this message again");
    } else if (step.outcome.status === "delivered") {
      stats.delivered++;
      log.debug({ event: "outbox_delivered", id: item.id, attempts: item.attempts }, "message delivered");
    } else {
      if (result.status === "retry") stats.retries++;
      stats.undeliverable++;
      log.warn({ event: "outbox_undeliverable", id: item.id, attempts: item.attempts, reason: step.outcome.reason }, "message given up as undeliverable");
    }
  }

  /** Pacing history survives a restart: the calls of the last hour are read back once. */
  private async seed(): Promise<void> {
    if (this.seeded) return;
    for (const call of await this.o.outbox.callsSince(new Date(this.now() - HOUR))) this.pacer.record(call.key, call.at);
    this.seeded = true;
  }

  /** Pending messages per pacing key, each key's in queue order; keys ordered by their oldest message. */
  private async group(entries: PendingEntry[]): Promise<[string, PendingEntry[]][]> {
    const keyOf = this.o.keyOf ?? ((d: Destination) => Promise.resolve(d.kind === "conversation" ? d.conversationId : `person:${d.personId}`));
    const keys = new Map<string, Promise<string>>();
    const groups = new Map<string, PendingEntry[]>();
    for (const entry of entries) {
      const d = entry.value.message.destination;
      const cacheKey = JSON.stringify(d);
      if (!keys.has(cacheKey)) keys.set(cacheKey, keyOf(d));
      const key = await keys.get(cacheKey)!;
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    return [...groups];
  }

  private now(): number {
    return this.o.clock.now().getTime();
  }

  private async sleepUntil(t: number): Promise<void> {
    const ms = t - this.now();
    if (ms <= 0 || this.abort.signal.aborted) return;
    // unref: a pending wait never keeps the process alive after stop().
    await Promise.race([this.o.clock.sleep(ms, undefined, { unref: true }), this.stopped]);
  }
}

/** Runs `fn` over `items` with at most `n` at once. */
async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, n), items.length) }, worker));
}
