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

/** While the app's calls in flight alone reach the rate, how often to look again. */
const APP_FULL_POLL_IN_MS = 10;

/**
 * Keeps the call history per conversation key and app-wide, and answers when the next call may start. Calls are
 * counted from when their answer arrived: the platform saw each call no later than that, so "fewer than max answered
 * within the window (and, app-wide, none beyond that still in flight)" holds at the platform whatever the network's
 * jitter. Per conversation one call is in flight at a time (the dispatcher's order); app-wide calls run in parallel.
 */
export class Pacer {
  private readonly calls = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly appDone: number[] = [];
  private appInFlight = 0;
  private readonly keep: number;
  private readonly keepCount: number;

  constructor(private readonly limits: PacingLimits = TEAMS_LIMITS) {
    this.keep = Math.max(1_000, ...limits.perConversation.map((w) => w.windowInMs));
    this.keepCount = Math.max(...limits.perConversation.map((w) => w.max));
  }

  /** When the next call to `key` may start: its windows and any Retry-After block. */
  nextFor(key: string, now: number): number {
    return Math.max(earliestSend(this.calls.get(key) ?? [], this.limits.perConversation, now), this.blocked.get(key) ?? now);
  }

  /**
   * Starts an app-wide call at `now` when fewer than appPerSecond calls are in flight or were answered within the last
   * second (true; call endApp when it is answered), or says when to ask again. Checked and counted in one step, so
   * parallel callers can't both take the last place.
   */
  startApp(now: number): true | number {
    const max = this.limits.appPerSecond;
    while (this.appDone.length > 0 && this.appDone[0] <= now - 1_000) this.appDone.shift();
    if (this.appInFlight + this.appDone.length < max) {
      this.appInFlight++;
      return true;
    }
    const places = max - this.appInFlight;
    if (places <= 0) return now + APP_FULL_POLL_IN_MS;
    // Enough of the oldest answers must leave the second for one place: the (length - places)-th one.
    return this.appDone[this.appDone.length - places] + 1_000;
  }

  /** An app-wide place taken with startApp was not used for a call after all. */
  cancelApp(): void {
    this.appInFlight = Math.max(0, this.appInFlight - 1);
  }

  /** An app-wide call started with startApp was answered (or given up) at `at`. */
  endApp(at: number): void {
    this.appInFlight = Math.max(0, this.appInFlight - 1);
    insertSorted(this.appDone, at);
  }

  /** Records a call to `key` answered at `at` (every answered call counts, refusals too). */
  record(key: string, at: number): void {
    const list = this.calls.get(key) ?? [];
    insertSorted(list, at);
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

function insertSorted(list: number[], t: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > t) i--;
  list.splice(i, 0, t);
}
