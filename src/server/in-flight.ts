// Counts requests being served, so a shutdown can wait for in-flight turns to finish before closing the store.

/** Resolves after `ms` milliseconds; injected so tests decide when a grace period is over. */
export type GraceTimer = (ms: number) => Promise<void>;

const realTimer: GraceTimer = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export interface DrainResult {
  /** True when every in-flight request finished within the grace period. */
  drained: boolean;
  /** Requests still running when the grace period ended. */
  abandoned: number;
}

/** Tracks in-flight work; `drain` marks it closing and waits (bounded) until none is left. */
export class InFlight {
  private count = 0;
  private draining = false;
  private idle: (() => void)[] = [];

  constructor(private readonly timer: GraceTimer = realTimer) {}

  /** True once drain was called: new work should be turned away. */
  get closing(): boolean {
    return this.draining;
  }

  get size(): number {
    return this.count;
  }

  /** Runs `fn` counted as in flight until it settles. */
  async track<T>(fn: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await fn();
    } finally {
      this.count--;
      if (this.count === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  /** Waits until nothing is in flight, or until `graceInMs` has passed. */
  async drain(graceInMs: number): Promise<DrainResult> {
    this.draining = true;
    if (this.count === 0) return { drained: true, abandoned: 0 };
    const idle = new Promise<"idle">((resolve) => this.idle.push(() => resolve("idle")));
    const outcome = await Promise.race([idle, this.timer(graceInMs).then(() => "timeout" as const)]);
    return outcome === "idle" ? { drained: true, abandoned: 0 } : { drained: false, abandoned: this.count };
  }
}
