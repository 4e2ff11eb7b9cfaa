// Drives a FakeClock while real I/O (loopback HTTP) happens, until the promise under test settles.
import type { FakeClock } from "../../src/clock";

/** Step size and a safety bound for advanceUntilSettled. */
export interface SettleOptions {
  /** How far to move time per step while someone sleeps; small steps keep wake-up times exact. */
  stepInMs?: number;
  /** Fail instead of advancing past this much fake time. */
  maxFakeInMs?: number;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Lets I/O and microtasks run and, whenever code is sleeping on the fake clock, advances it a step,
 * until `promise` settles. Returns (or rethrows) the promise's outcome.
 */
export async function advanceUntilSettled<T>(clock: FakeClock, promise: Promise<T>, options: SettleOptions = {}): Promise<T> {
  const step = options.stepInMs ?? 25;
  const max = options.maxFakeInMs ?? 10 * 60_000;
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  let advanced = 0;
  while (!settled) {
    await tick();
    if (settled) break;
    if (clock.pending > 0) {
      if (advanced >= max) throw new Error(`advanceUntilSettled: still pending after ${max} ms of fake time`);
      await clock.advance(step);
      advanced += step;
    }
  }
  return promise;
}

/** Resolves once at least `count` sleepers wait on the clock (so a test can assert "it is waiting now"). */
export async function untilSleeping(clock: FakeClock, count = 1, maxTicks = 1000): Promise<void> {
  for (let i = 0; i < maxTicks; i++) {
    if (clock.pending >= count) return;
    await tick();
  }
  throw new Error(`untilSleeping: fewer than ${count} sleepers after ${maxTicks} ticks`);
}
