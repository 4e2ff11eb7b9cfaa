// A background loop on the injected clock: run one round, sleep until the next one is due, repeat until stopped.
// The sleep is unref'd (it never keeps the process alive) and stop() wakes it at once whatever the clock.
import type { Clock } from "../clock";
import type { Logger } from "../log";

/** What the loop does and when. */
export interface RefreshLoopOptions {
  clock: Clock;
  logger: Logger;
  /** One round of work; a failure is logged and the loop goes on. The signal aborts on stop(). */
  run: (abortSignal: AbortSignal) => Promise<void>;
  /** How long to sleep after a round, e.g. until the next cached value reaches its refresh-ahead point. */
  nextDelayInMs: () => number;
  /** Lower bound between rounds: also the retry pace while Graph keeps failing. */
  minDelayInMs: number;
}

/**
 * Not for a FakeClock with autoAdvance: there every sleep returns at once and the loop would spin through virtual time.
 */
export class RefreshLoop {
  private abort?: AbortController;

  constructor(private readonly options: RefreshLoopOptions) {}

  /** Starts the loop; the first round runs at once. Starting a running loop does nothing. */
  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    void this.loop(abort.signal);
  }

  /** Stops the loop: no further round starts, and a round waiting for a budget slot gives up. */
  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
  }

  get running(): boolean {
    return this.abort !== undefined;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.options.run(signal);
      } catch (err) {
        if (!signal.aborted) this.options.logger.warn({ event: "background_refresh_failed", err }, "background refresh failed");
      }
      if (signal.aborted) return;
      await this.sleep(Math.max(this.options.minDelayInMs, this.options.nextDelayInMs()), signal);
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      signal.addEventListener("abort", () => resolve(), { once: true });
      // A fake clock ignores the signal; the listener above wakes the loop anyway.
      this.options.clock.sleep(ms, signal, { unref: true }).then(resolve, () => resolve());
    });
  }
}
