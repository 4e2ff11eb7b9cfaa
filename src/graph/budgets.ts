// Per-tenant request budgets for the Graph endpoints with tiny documented limits (graph-tap-facts §9),
// so fifty people asking at once queue politely instead of collecting 429s.
import type { Clock } from "../clock";

/**
 * Buckets with their own small limit. "signInLogs" is Graph's identity-and-access reports budget: sign-in logs, the
 * directory audit log and the authentication methods registration report share it (REPORTS_BUCKET); Conditional
 * Access and Identity Protection share the other.
 */
export type BudgetBucket = "signInLogs" | "conditionalAccessAndRisk";

/** The reports budget by the name its other readers know it: sign-in logs, directory audits, the registration report. */
export const REPORTS_BUCKET: BudgetBucket = "signInLogs";

/** How many requests fit in a sliding window. */
export interface BudgetLimit {
  /** Requests allowed in any window. */
  limit: number;
  windowInMs: number;
}

/**
 * Sign-in logs, directory audits and the registration report: 5 requests per 10 s per app per tenant, read as one
 * budget for all three (the strictest reading of the docs). CA and Identity Protection: 1 request per second per tenant.
 */
export const DEFAULT_BUDGET_LIMITS: Readonly<Record<BudgetBucket, BudgetLimit>> = Object.freeze({
  signInLogs: { limit: 5, windowInMs: 10_000 },
  conditionalAccessAndRisk: { limit: 1, windowInMs: 1_000 },
});

/** How long a caller is willing to queue for a slot. */
export interface AcquireOptions {
  /** Give up (return false, reserve nothing) when the slot is further away than this. */
  maxWaitInMs: number;
  /** Budgets are per tenant; one helpdesk normally serves one. */
  tenantId?: string;
  abortSignal?: AbortSignal;
}

/** The clock that drives the windows, and optional limits for tests or other clouds. */
export interface GraphBudgetsOptions {
  clock: Clock;
  limits?: Partial<Record<BudgetBucket, BudgetLimit>>;
}

/**
 * Sliding-window budgets. Each granted request is a timestamp (possibly in the future for someone queued);
 * a request at time t occupies the window (t - window, t], i.e. it stops counting exactly `window` ms later.
 * A new request is granted at the earlier of now and the moment the `limit`-th most recent grant leaves the window,
 * and that moment is reserved at once, so concurrent callers each get their own slot without polling.
 */
export class GraphBudgets {
  private readonly clock: Clock;
  private readonly limits: Record<BudgetBucket, BudgetLimit>;
  private readonly grants = new Map<string, number[]>();

  constructor(options: GraphBudgetsOptions) {
    this.clock = options.clock;
    this.limits = { ...DEFAULT_BUDGET_LIMITS, ...options.limits };
  }

  /** Waits (on the injected clock) for a slot; false when it would wait longer than maxWaitInMs. */
  async acquire(bucket: BudgetBucket, options: AcquireOptions): Promise<boolean> {
    return (await this.acquireSlot(bucket, options)) !== undefined;
  }

  /** Like acquire, but resolves to the granted slot's time (for `finished`), or undefined when refused. */
  async acquireSlot(bucket: BudgetBucket, options: AcquireOptions): Promise<number | undefined> {
    let grantAt = this.reserve(bucket, options);
    if (grantAt === undefined) return undefined;
    try {
      for (;;) {
        // A timer may fire a millisecond before the wall clock reaches the slot: wait out the remainder.
        const wait = grantAt - this.clock.now().getTime();
        if (wait > 0) {
          await this.clock.sleep(wait, options.abortSignal);
          continue;
        }
        // Requests still in flight when this slot was reserved have since been answered, and count from then
        // (`finished`): if that leaves no room in the window now, the slot moves to when there is.
        const due = this.recheck(bucket, options.tenantId, grantAt);
        if (due === grantAt) return grantAt;
        grantAt = due;
      }
    } catch (e) {
      this.release(bucket, options.tenantId, grantAt);
      throw e;
    }
  }

  /**
   * The request sent at slot `grantAt` got its answer now. Graph may have counted it at any moment until then
   * (network latency), so from now on it counts from now: slots handed out afterwards can't collide with it.
   */
  finished(bucket: BudgetBucket, grantAt: number, tenantId?: string): void {
    const times = this.prune(bucket, tenantId);
    const i = times.lastIndexOf(grantAt);
    if (i < 0) return;
    times.splice(i, 1);
    times.push(Math.max(grantAt, this.clock.now().getTime()));
    times.sort((a, b) => a - b);
  }

  /**
   * Takes a slot only if one is free right now and at least `keepFree` more stay free after it (no waiting).
   * Lets cheap per-person reads leave a slot in reserve for a shared read that serves everyone else.
   */
  tryAcquire(bucket: BudgetBucket, options: { keepFree: number; tenantId?: string }): boolean {
    const times = this.prune(bucket, options.tenantId);
    if (this.limits[bucket].limit - times.length <= options.keepFree) return false;
    times.push(this.clock.now().getTime());
    return true;
  }

  /** Slots free right now (reserved future grants count as taken). */
  freeNow(bucket: BudgetBucket, tenantId?: string): number {
    return Math.max(0, this.limits[bucket].limit - this.prune(bucket, tenantId).length);
  }

  /** When the next slot would be granted, without taking it (for tests and diagnostics). */
  nextSlotAt(bucket: BudgetBucket, tenantId?: string): Date {
    return new Date(this.nextGrantTime(bucket, this.prune(bucket, tenantId)));
  }

  private reserve(bucket: BudgetBucket, options: AcquireOptions): number | undefined {
    const times = this.prune(bucket, options.tenantId);
    const grantAt = this.nextGrantTime(bucket, times);
    if (grantAt - this.clock.now().getTime() > options.maxWaitInMs) return undefined;
    times.push(grantAt);
    return grantAt;
  }

  private nextGrantTime(bucket: BudgetBucket, times: number[]): number {
    const { limit, windowInMs } = this.limits[bucket];
    const now = this.clock.now().getTime();
    if (times.length < limit) return now;
    // Grants are appended in non-decreasing order, so the limit-th most recent one decides.
    const blocking = times[times.length - limit] ?? now;
    return Math.max(now, blocking + windowInMs);
  }

  private prune(bucket: BudgetBucket, tenantId = "default"): number[] {
    const key = `${tenantId}\u0000${bucket}`;
    const { windowInMs } = this.limits[bucket];
    const now = this.clock.now().getTime();
    const times = (this.grants.get(key) ?? []).filter((t) => t + windowInMs > now);
    this.grants.set(key, times);
    return times;
  }

  /**
   * `grantAt` (now or past) is about to be used: fine if fewer than `limit` other requests already went out within the
   * window ending now; otherwise the reservation moves to when the oldest of those leaves it, and that time is returned.
   */
  private recheck(bucket: BudgetBucket, tenantId: string | undefined, grantAt: number): number {
    const { limit, windowInMs } = this.limits[bucket];
    const now = this.clock.now().getTime();
    const times = this.prune(bucket, tenantId);
    const mine = times.lastIndexOf(grantAt);
    const sent = times.filter((t, i) => i !== mine && t <= now);
    if (sent.length < limit) return grantAt;
    const due = (sent[sent.length - limit] ?? now) + windowInMs;
    if (mine >= 0) times.splice(mine, 1);
    times.push(due);
    times.sort((a, b) => a - b);
    return due;
  }

  private release(bucket: BudgetBucket, tenantId: string | undefined, grantAt: number): void {
    const times = this.prune(bucket, tenantId);
    const i = times.lastIndexOf(grantAt);
    if (i >= 0) times.splice(i, 1);
  }
}

/**
 * Budgeted requests sent one after another (e.g. a collection and its further pages): each `next()` first marks the
 * previous request as finished, then waits for the following slot, so every request starts a full window after the
 * answer to the one before it arrived.
 */
export class BudgetChain {
  private last?: number;

  constructor(
    private readonly budgets: GraphBudgets,
    private readonly bucket: BudgetBucket,
    private readonly options: AcquireOptions,
  ) {}

  /** The next slot; false when none comes within maxWaitInMs. */
  async next(): Promise<boolean> {
    this.finish();
    this.last = await this.budgets.acquireSlot(this.bucket, this.options);
    return this.last !== undefined;
  }

  /** Marks the last granted request as answered now. */
  finish(): void {
    if (this.last !== undefined) this.budgets.finished(this.bucket, this.last, this.options.tenantId);
    this.last = undefined;
  }
}
