// Readiness: each check bounded and named, reasons from a fixed list, one report reused for a few seconds.
import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { checkReadiness, graphCheck, reuseFor, storeCheck, type ReadinessReport } from "../../../src/server/readiness";

/** A timeout that never passes: each check settles on its own. */
const never = () => new Promise<void>(() => undefined);
const answering = (status: number) => ({ send: () => Promise.resolve({ status }) });

describe("readiness checks", () => {
  it("is ready when every check answers", async () => {
    const r = await checkReadiness({ graph: graphCheck(answering(200)), store: storeCheck({ get: () => Promise.resolve(undefined) }) }, 1_000, never);
    assert.equal(r.ready, true);
    assert.deepEqual(r.failed, []);
  });

  for (const [status, ok] of [[200, true], [429, true], [401, false], [403, false], [500, false], [503, false]] as const) {
    it(`Graph answering ${status} counts as ${ok ? "up" : "down"}`, async () => {
      const r = await checkReadiness({ graph: graphCheck(answering(status)) }, 1_000, never);
      assert.equal(r.checks.graph.ok, ok);
    });
  }

  it("names Graph with a fixed reason when it gives no answer, never the error's own text", async () => {
    const r = await checkReadiness({ graph: graphCheck({ send: () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:443 token=abc")) }) }, 1_000, never);
    assert.deepEqual(r.failed, ["graph"]);
    assert.equal(r.checks.graph.reason, "no answer");
  });

  it("says 'failed' for a check that throws something unexpected", async () => {
    const r = await checkReadiness({ store: () => Promise.reject(new Error("SQLITE_CORRUPT at /data/secret.sqlite")) }, 1_000, never);
    assert.deepEqual(r.checks.store, { ok: false, durationInMs: r.checks.store.durationInMs, reason: "failed" });
  });

  it("gives up on a check that doesn't settle within the timeout and aborts it", async () => {
    let aborted = false;
    const r = await checkReadiness(
      {
        graph: (signal) =>
          new Promise(() => {
            signal.addEventListener("abort", () => (aborted = true));
          }),
      },
      3_000,
      () => Promise.resolve(), // the timeout has passed at once
    );
    assert.equal(r.checks.graph.reason, "no answer within 3000 ms");
    assert.equal(aborted, true);
  });
});

describe("reuseFor", () => {
  const report = (ready: boolean): ReadinessReport => ({ ready, failed: ready ? [] : ["graph"], checks: {} });

  it("reuses one report within the interval, shares a running probe, and probes again after it", async () => {
    const clock = new FakeClock();
    let probes = 0;
    const ready = reuseFor(5_000, () => clock.now().getTime(), () => Promise.resolve(report(++probes % 2 === 1)));
    const [a, b] = await Promise.all([ready(), ready()]);
    assert.equal(probes, 1);
    assert.equal(a, b);
    await clock.advance(4_999);
    await ready();
    assert.equal(probes, 1);
    await clock.advance(1);
    assert.equal((await ready()).ready, false);
    assert.equal(probes, 2);
  });
});
