// A background loop on the injected clock: run one round, sleep until the next one is due, repeat until stopped.
// The sleep is unref'd (it never keeps the process alive) and stop() wakes it at once whatever the clock.
// Each round logs under the loop's name and a fresh `ref`, like a scheduler job run.
import type { Clock } from "../clock";
import { failureFields } from "../errors";
import { newRef, withLogContext, type Logger } from "../log";

/** What the loop does and when. */
export interface RefreshLoopOptions {
  /** Logged as `job` on every line of a round (each round also gets its own `ref`). */
  name: string;
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
      await withLogContext({ job: this.options.name, ref: newRef() }, () =>
        this.linked(signal, (round) =>
          this.options.run(round).catch((err: unknown) => {
            if (!signal.aborted) this.options.logger.warn({ event: "background_refresh_failed", ...failureFields(err), err }, "background refresh failed");
          }),
        ),
      );
      if (signal.aborted) return;
      const ms = Math.max(this.options.minDelayInMs, this.options.nextDelayInMs());
      // A fake clock ignores the signal; `linked` wakes the loop on stop anyway.
      // swallow-ok: the sleep rejects only when the loop is stopped, and the loop checks the signal right after.
      await this.linked(signal, (sleep) => Promise.race([this.options.clock.sleep(ms, sleep, { unref: true }).catch(() => undefined), aborted(sleep)]));
    }
  }

  /**
   * Runs `work` with a signal of its own that follows `signal`, and unhooks it afterwards: listeners added for one
   * round or one sleep must not pile up on the loop's long-lived signal.
   */
  private async linked(signal: AbortSignal, work: (own: AbortSignal) => Promise<void>): Promise<void> {
    const own = new AbortController();
    const follow = () => own.abort(signal.reason);
    signal.addEventListener("abort", follow, { once: true });
    try {
      await work(own.signal);
    } finally {
      signal.removeEventListener("abort", follow);
      own.abort();
    }
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}
