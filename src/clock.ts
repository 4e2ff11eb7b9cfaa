// Time is injected everywhere so tests never sleep.

export interface Clock {
  now(): Date;
  /** Waits `ms` milliseconds (a fake clock resolves when time is advanced). */
  sleep(ms: number, abortSignal?: AbortSignal, options?: SleepOptions): Promise<void>;
}

/** `unref`: a background timer that must not keep the process alive on its own. */
export interface SleepOptions {
  unref?: boolean;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, abortSignal, options) =>
    new Promise((resolve, reject) => {
      if (abortSignal?.aborted) return reject(abortSignal.reason as Error);
      // The listener goes when the timer fires: long-lived signals (a scheduler's, sleeping every second) would
      // otherwise collect one listener per sleep.
      const onAbort = (): void => {
        clearTimeout(t);
        reject(abortSignal?.reason as Error);
      };
      const t = setTimeout(() => {
        abortSignal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      if (options?.unref) t.unref();
      abortSignal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export interface FakeClockOptions {
  /**
   * Virtual time for end-to-end runs: a sleep moves the clock forward at once instead of waiting,
   * so code that backs off or waits for a budget slot runs instantly and deterministically.
   */
  autoAdvance?: boolean;
}

/** A clock for tests: time moves only when `advance` is called (or on sleep, with autoAdvance); sleepers wake in order. */
export class FakeClock implements Clock {
  private current: number;
  private sleepers: { until: number; resolve: () => void }[] = [];
  private readonly autoAdvance: boolean;

  constructor(start: Date | string = "2026-11-28T12:00:00Z", options: FakeClockOptions = {}) {
    this.current = new Date(start).getTime();
    this.autoAdvance = options.autoAdvance ?? false;
  }

  now(): Date {
    return new Date(this.current);
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    if (this.autoAdvance) {
      this.current += ms;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.sleepers.push({ until: this.current + ms, resolve });
      this.sleepers.sort((a, b) => a.until - b.until);
    });
  }

  /** Number of pending sleeps, so a test can wait until code under test has started sleeping. */
  get pending(): number {
    return this.sleepers.length;
  }

  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const next = this.sleepers[0];
      if (!next || next.until > target) break;
      this.sleepers.shift();
      this.current = next.until;
      next.resolve();
      await new Promise<void>((r) => setImmediate(r));
    }
    this.current = target;
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
}
