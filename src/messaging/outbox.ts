// The durable outbox over the DocumentStore: idempotent enqueue by id, pending messages in one ordered partition,
// claims with etags, and where each message ended. The sending loop is ./dispatcher.ts.
//
// Layout (every read is one document or one row range; nothing scans a whole collection):
//   outboxPending / "queue" / `${enqueuedAt}|${seq}|${id}`  → PendingItem   the queue, in enqueue order
//   outboxIds     / id                                     → IdRecord      idempotency and the outcome, kept
//   outboxUndeliverable / "all" / (the queue row's key)     → outcome       for the report, in enqueue order
//   outboxCalls   / "log" / `${at}|${id}|${attempt}`         → { key }       recent platform calls, to pace after a restart
import type { Clock } from "../clock";
import { HelpdeskError, isHelpdeskError } from "../errors";
import { scrubSecrets } from "../secrets";
import type { DocumentStore, Entry } from "../store/port";
import type { Outbox, OutboxMessage, OutboxOutcome } from "./port";

export const OUTBOX_PENDING = "outboxPending";
export const OUTBOX_IDS = "outboxIds";
export const OUTBOX_UNDELIVERABLE = "outboxUndeliverable";
export const OUTBOX_CALLS = "outboxCalls";
const QUEUE = "queue";
const ALL = "all";
const LOG = "log";
const PAGE = 500;

/** Who is sending a message now, and until when the claim holds (after that another instance may take it over). */
export interface Claim {
  holder: string;
  until: string;
}

/** A message in the queue. */
export interface PendingItem {
  id: string;
  message: OutboxMessage;
  enqueuedAt: string;
  /** Attempts started so far (counted when claimed, so a crash mid-send counts too). */
  attempts: number;
  /** Not to be tried before this time (backoff, Retry-After). */
  notBefore?: string;
  lastReason?: string;
  claim?: Claim;
  /** Its id record points at this row (checked once; a duplicate row from a raced enqueue never gets this). */
  confirmed?: boolean;
}

/** One per id, forever: makes enqueue idempotent and holds the outcome. */
export interface IdRecord {
  row: string;
  enqueuedAt: string;
  outcome?: OutboxOutcome;
}

export type Undeliverable = Extract<OutboxOutcome, { status: "undeliverable" }>;

/** A queue row as read. */
export type PendingEntry = Entry<PendingItem>;

const ID_SHAPE = /^[\x21-\x7e]{1,200}$/;

/** A message must not carry a secret: the outbox writes it to the store. */
function assertStorable(m: OutboxMessage): void {
  if (!ID_SHAPE.test(m.id)) throw new HelpdeskError("BAD_INPUT", "an outbox message id must be 1-200 printable ASCII characters");
  const json = JSON.stringify(m);
  const handover = "view" in m.message && m.message.view.kind === "pass_handover";
  if (handover || scrubSecrets(json) !== json) throw new HelpdeskError("BAD_INPUT", "a message holding a secret can't go through the outbox (it is stored)");
}

const isConflict = (e: unknown): boolean => isHelpdeskError(e) && e.code === "CONFLICT";

/** The outbox's records. Enqueue from anywhere; one dispatcher (holding the scheduler's lease) sends. */
export class DurableOutbox implements Outbox {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Queues messages in order; an id seen before (queued, sent or given up) is skipped, so a producer may re-run.
   * The queue row is written before the id record: a crash between them leaves a row the dispatcher adopts.
   */
  async enqueue(messages: OutboxMessage[]): Promise<void> {
    messages.forEach(assertStorable);
    const enqueuedAt = this.clock.now().toISOString();
    for (const [seq, m] of messages.entries()) {
      if (await this.store.get(OUTBOX_IDS, m.id)) continue;
      const row = `${enqueuedAt}|${String(seq).padStart(6, "0")}|${m.id}`;
      await this.store.putIn<PendingItem>(OUTBOX_PENDING, QUEUE, row, { id: m.id, message: m, enqueuedAt, attempts: 0 });
      try {
        await this.store.put<IdRecord>(OUTBOX_IDS, m.id, { row, enqueuedAt }, { ifNoneMatch: "*" });
      } catch (e) {
        if (!isConflict(e)) throw e;
        // Enqueued concurrently (or the dispatcher adopted our row first): keep only the row the id record names.
        const existing = await this.store.get<IdRecord>(OUTBOX_IDS, m.id);
        if (existing?.value.row !== row) await this.store.deleteIn(OUTBOX_PENDING, QUEUE, row);
      }
    }
  }

  async outcome(id: string): Promise<OutboxOutcome | undefined> {
    return (await this.store.get<IdRecord>(OUTBOX_IDS, id))?.value.outcome;
  }

  /** Messages given up, in the order they were queued; `since` compares with the time they were queued. */
  async undeliverable(options: { since?: string; limit?: number } = {}): Promise<Undeliverable[]> {
    const rows = await this.store.queryRange<Undeliverable>(OUTBOX_UNDELIVERABLE, ALL, { from: options.since, limit: options.limit });
    return rows.map((r) => r.value);
  }

  /** Every queued message in enqueue order (read page by page). */
  async pending(): Promise<PendingEntry[]> {
    const all: PendingEntry[] = [];
    for (let from: string | undefined; ; ) {
      const page = await this.store.queryRange<PendingItem>(OUTBOX_PENDING, QUEUE, { from, limit: PAGE });
      all.push(...page);
      if (page.length < PAGE) return all;
      from = `${page[page.length - 1].key}\u0000`;
    }
  }

  /** True when nothing is queued. */
  async idle(): Promise<boolean> {
    return (await this.store.queryRange(OUTBOX_PENDING, QUEUE, { limit: 1 })).length === 0;
  }

  /**
   * Checks a row against its id record before it is sent: adopts a row whose enqueue was cut short, and removes a
   * duplicate row or one whose message already ended (a crash after the outcome was written). False: don't send it.
   */
  async confirm(entry: PendingEntry): Promise<boolean> {
    const id = entry.value.id;
    let record = await this.store.get<IdRecord>(OUTBOX_IDS, id);
    if (!record) {
      try {
        await this.store.put<IdRecord>(OUTBOX_IDS, id, { row: entry.key, enqueuedAt: entry.value.enqueuedAt }, { ifNoneMatch: "*" });
        return true;
      } catch (e) {
        if (!isConflict(e)) throw e;
        record = await this.store.get<IdRecord>(OUTBOX_IDS, id);
      }
    }
    const outcome = record?.value.outcome;
    if (outcome?.status === "undeliverable" && record) await this.store.putIn(OUTBOX_UNDELIVERABLE, ALL, record.value.row, outcome);
    if (record?.value.row === entry.key && !outcome) return true;
    await this.store.deleteIn(OUTBOX_PENDING, QUEUE, entry.key);
    return false;
  }

  /** Claims a row for `holder` until `until` (etag-conditional). Undefined when someone else changed it first. */
  async claim(entry: PendingEntry, holder: string, until: Date): Promise<PendingEntry | undefined> {
    const value: PendingItem = { ...entry.value, attempts: entry.value.attempts + 1, claim: { holder, until: until.toISOString() }, confirmed: true };
    try {
      const { etag } = await this.store.putIn(OUTBOX_PENDING, QUEUE, entry.key, value, { ifMatch: entry.etag });
      return { ...entry, value, etag };
    } catch (e) {
      if (isConflict(e)) return undefined;
      throw e;
    }
  }

  /**
   * Records where a claimed message ended, then removes it from the queue. The outcome is one write, done first: a
   * crash after it leaves a row that confirm() removes without sending again.
   */
  async finish(entry: PendingEntry, outcome: OutboxOutcome): Promise<void> {
    // Keyed by the queue row, so writing it again after a crash is the same entry.
    if (outcome.status === "undeliverable") await this.store.putIn(OUTBOX_UNDELIVERABLE, ALL, entry.key, outcome);
    await this.store.put<IdRecord>(OUTBOX_IDS, entry.value.id, { row: entry.key, enqueuedAt: entry.value.enqueuedAt, outcome });
    await this.store.deleteIn(OUTBOX_PENDING, QUEUE, entry.key);
  }

  /** Puts a claimed message back in its place in the queue, not to be tried before `notBefore`. Undefined on a lost claim. */
  async release(entry: PendingEntry, notBefore: Date, reason: string): Promise<PendingEntry | undefined> {
    const value: PendingItem = { ...entry.value, claim: undefined, notBefore: notBefore.toISOString(), lastReason: reason };
    delete value.claim;
    try {
      const { etag } = await this.store.putIn(OUTBOX_PENDING, QUEUE, entry.key, value, { ifMatch: entry.etag });
      return { ...entry, value, etag };
    } catch (e) {
      if (isConflict(e)) return undefined;
      throw e;
    }
  }

  /** Notes a platform call (pacing survives a restart). */
  async logCall(key: string, at: Date, id: string, attempt: number): Promise<void> {
    await this.store.putIn(OUTBOX_CALLS, LOG, `${at.toISOString()}|${id}|${attempt}`, { key });
  }

  /** Platform calls since `since`, oldest first. */
  async callsSince(since: Date): Promise<{ key: string; at: number }[]> {
    const rows = await this.store.queryRange<{ key: string }>(OUTBOX_CALLS, LOG, { from: since.toISOString() });
    return rows.map((r) => ({ key: r.value.key, at: Date.parse(r.key.slice(0, r.key.indexOf("|"))) }));
  }

  /** Drops call notes older than `before` (a page at a time). */
  async pruneCalls(before: Date): Promise<void> {
    const old = await this.store.queryRange(OUTBOX_CALLS, LOG, { to: before.toISOString(), limit: PAGE });
    for (const row of old) await this.store.deleteIn(OUTBOX_CALLS, LOG, row.key);
  }
}
