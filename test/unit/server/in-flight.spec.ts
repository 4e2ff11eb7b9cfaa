// The in-flight counter a shutdown drains: waits for running work, gives up when the grace period ends.
import assert from "node:assert/strict";
import { InFlight } from "../../../src/server/in-flight";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("InFlight", () => {
  it("drains at once when nothing is in flight, and is closing from then on", async () => {
    const inFlight = new InFlight(() => new Promise(() => undefined));
    assert.deepEqual(await inFlight.drain(1_000), { drained: true, abandoned: 0 });
    assert.equal(inFlight.closing, true);
  });

  it("waits for in-flight work to finish before the grace period ends", async () => {
    const grace = deferred();
    const inFlight = new InFlight(() => grace.promise);
    const work = deferred();
    const tracked = inFlight.track(() => work.promise);
    assert.equal(inFlight.size, 1);
    const drain = inFlight.drain(10_000);
    work.resolve();
    await tracked;
    assert.deepEqual(await drain, { drained: true, abandoned: 0 });
  });

  it("gives up when the grace period ends and says how much was still running", async () => {
    const grace = deferred();
    const inFlight = new InFlight(() => grace.promise);
    void inFlight.track(() => new Promise(() => undefined));
    void inFlight.track(() => new Promise(() => undefined));
    const drain = inFlight.drain(10_000);
    grace.resolve();
    assert.deepEqual(await drain, { drained: false, abandoned: 2 });
  });

  it("counts work that failed as finished", async () => {
    const inFlight = new InFlight();
    await assert.rejects(inFlight.track(() => Promise.reject(new Error("boom"))));
    assert.equal(inFlight.size, 0);
  });
});
