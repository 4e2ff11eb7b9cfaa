// Pacing under Teams' documented rate limits: per conversation (sliding windows) and app-wide, plus the retry delay.
// Pure: times in (ms since epoch, from the caller's injected clock), times out; nothing here sleeps or reads a clock.

/** At most `max` calls within any `windowInMs`: a call at t counts for every window position covering (t - windowInMs, t]. */
export interface RateWindow {
  windowInMs: number;
  max: number;
}

/**
 * Teams' "per bot per thread" limits for sending to a conversation (creating one has the same): 7 per second, 8 per
 * 2 seconds, 60 per 30 seconds, 1800 per hour. A thread is one 1:1 chat, group chat or channel. Source: Microsoft
 * Learn, "Optimize your bot with rate limiting in Teams" (msteams-docs bots/how-to/rate-limit.md).
 */
export const TEAMS_PER_CONVERSATION: readonly RateWindow[] = [
  { windowInMs: 1_000, max: 7 },
  { windowInMs: 2_000, max: 8 },
  { windowInMs: 30_000, max: 60 },
  { windowInMs: 3_600_000, max: 1800 },
];

/**
 * App-wide calls per second. The same Learn page says "the global limit per app per tenant is 30 Requests Per Second"
 * in its current revision (an older revision and a Microsoft Q&A answer say 50); we stay under the lower figure.
 */
export const TEAMS_APP_PER_SECOND = 30;

/**
 * The earliest time at or after `now` when one more call keeps every window, given the times of earlier calls
 * (`history`, ascending). The result is never before the last earlier call, so calls stay in order.
 */
export function earliestSend(history: readonly number[], windows: readonly RateWindow[], now: number): number {
  let t = Math.max(now, history.length > 0 ? history[history.length - 1] : now);
  for (const w of windows) {
    if (w.max <= 0 || history.length < w.max) continue;
    // The max-th most recent call must have left the window: the new call at t sees (t - W, t].
    t = Math.max(t, history[history.length - w.max] + w.windowInMs);
  }
  return t;
}

/** Exponential backoff with full jitter; after `maxAttempts` attempts a message is given up as undeliverable. */
export interface BackoffPolicy {
  baseInMs: number;
  capInMs: number;
  maxAttempts: number;
}

/** 1 s doubling up to a minute, eight attempts in all: a passing outage of a few minutes is ridden out. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseInMs: 1_000, capInMs: 60_000, maxAttempts: 8 };

/**
 * How long to wait after the `attempt`-th failed attempt (1-based): the platform's Retry-After when it gave one,
 * otherwise "full jitter" — uniform in [0, min(cap, base · 2^(attempt-1))) — so retries of many senders spread out.
 */
export function retryDelay(attempt: number, afterMs: number | undefined, policy: BackoffPolicy, random: () => number): number {
  if (afterMs !== undefined && Number.isFinite(afterMs) && afterMs >= 0) return Math.ceil(afterMs);
  const ceiling = Math.min(policy.capInMs, policy.baseInMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(Math.min(0.999999, Math.max(0, random())) * ceiling);
}

/** The limits a Pacer keeps. */
export interface PacingLimits {
  perConversation: readonly RateWindow[];
  /** App-wide calls per second (all conversations together). */
  appPerSecond: number;
}

export const TEAMS_LIMITS: PacingLimits = { perConversation: TEAMS_PER_CONVERSATION, appPerSecond: TEAMS_APP_PER_SECOND };

/**
 * Keeps the call history per conversation key and app-wide, and answers when the next call may start. Per
 * conversation, calls are recorded when their answer arrived (one call in flight per conversation, so the platform saw
 * each call no later than that): the next one starts a full window after, whatever the network's jitter. App-wide,
 * slots are handed out in order when taken (calls to different conversations run in parallel).
 */
export class Pacer {
  private readonly calls = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly app: number[] = [];
  private readonly appWindows: RateWindow[];
  private readonly keep: number;
  private readonly keepCount: number;

  constructor(private readonly limits: PacingLimits = TEAMS_LIMITS) {
    this.appWindows = [{ windowInMs: 1_000, max: limits.appPerSecond }];
    this.keep = Math.max(1_000, ...limits.perConversation.map((w) => w.windowInMs));
    this.keepCount = Math.max(limits.appPerSecond, ...limits.perConversation.map((w) => w.max));
  }

  /** When the next call to `key` may start: its windows and any Retry-After block. */
  nextFor(key: string, now: number): number {
    return Math.max(earliestSend(this.calls.get(key) ?? [], this.limits.perConversation, now), this.blocked.get(key) ?? now);
  }

  /** Takes the next app-wide slot at or after `earliest` and returns its time; the caller starts its call then. */
  takeAppSlot(earliest: number): number {
    const t = earliestSend(this.app, this.appWindows, earliest);
    this.app.push(t);
    if (this.app.length > this.keepCount * 2) this.app.splice(0, this.app.length - this.keepCount);
    return t;
  }

  /** Records a call to `key` answered at `at` (every answered call counts, refusals too). */
  record(key: string, at: number): void {
    const list = this.calls.get(key) ?? [];
    let i = list.length;
    while (i > 0 && list[i - 1] > at) i--;
    list.splice(i, 0, at);
    while (list.length > this.keepCount || (list.length > 0 && list[0] <= at - this.keep)) list.shift();
    this.calls.set(key, list);
  }

  /** No call to `key` before `until` (the platform asked us to wait: 429 Retry-After). */
  block(key: string, until: number): void {
    this.blocked.set(key, Math.max(until, this.blocked.get(key) ?? 0));
  }

  /** Forgets what can no longer limit a call at or after `now` (keys nobody sent to for an hour). */
  prune(now: number): void {
    for (const [key, list] of this.calls) if (list.length === 0 || list[list.length - 1] <= now - this.keep) this.calls.delete(key);
    for (const [key, until] of this.blocked) if (until <= now) this.blocked.delete(key);
  }
}
