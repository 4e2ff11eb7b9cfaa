import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { RefreshLoop } from "../../../src/graph/refresh-loop";
import { createLogger } from "../../../src/log";
import { untilSleeping } from "../../support/clock-helpers";

const tick = () => new Promise<void>((r) => setImmediate(r));

describe("RefreshLoop", () => {
  let clock: FakeClock;
  let rounds: number;
  let failNext: boolean;
  let loop: RefreshLoop;
  const lines: string[] = [];

  beforeEach(() => {
    clock = new FakeClock("2026-11-28T12:00:00Z");
    rounds = 0;
    failNext = false;
    lines.length = 0;
    loop = new RefreshLoop({
      name: "test-refresh",
      clock,
      logger: createLogger({ level: "warn", destination: { write: (l: string) => void lines.push(l) } }),
      run: () => {
        rounds++;
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error("graph down"));
        }
        return Promise.resolve();
      },
      nextDelayInMs: () => 60_000,
      minDelayInMs: 5_000,
    });
  });

  afterEach(() => loop.stop());

  it("runs the first round at once (warming at start)", async () => {
    loop.start();
    await untilSleeping(clock);
    assert.equal(rounds, 1);
  });

  it("does not run the next round 1 ms before it is due", async () => {
    loop.start();
    await untilSleeping(clock);
    await clock.advance(59_999);
    await tick();
    assert.equal(rounds, 1);
  });

  it("runs the next round when it is due", async () => {
    loop.start();
    await untilSleeping(clock);
    await clock.advance(60_000);
    await untilSleeping(clock);
    assert.equal(rounds, 2);
  });

  it("keeps going after a failed round and logs it", async () => {
    failNext = true;
    loop.start();
    await untilSleeping(clock);
    await clock.advance(60_000);
    await untilSleeping(clock);
    assert.deepEqual([rounds, lines.filter((l) => l.includes("background_refresh_failed")).length], [2, 1]);
  });

  it("logs a failed round under the loop's name and the round's own reference, with the failure classified", async () => {
    failNext = true;
    loop.start();
    await untilSleeping(clock);
    const line = JSON.parse(lines.find((l) => l.includes("background_refresh_failed")) ?? "{}") as Record<string, unknown>;
    assert.equal(line.job, "test-refresh");
    assert.match(String(line.ref), /^[0-9a-f]{8}$/);
    assert.equal(line.failure, "unknown");
  });

  it("starts no round after stop", async () => {
    loop.start();
    await untilSleeping(clock);
    loop.stop();
    await clock.advance(600_000);
    await tick();
    assert.deepEqual([rounds, loop.running], [1, false]);
  });

  it("ignores a second start", async () => {
    loop.start();
    loop.start();
    await untilSleeping(clock);
    assert.equal(rounds, 1);
  });
});
