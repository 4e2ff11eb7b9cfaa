import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { TtlCache, type Loaded } from "../../../src/graph/cache";

interface Shape {
  a: string;
  b: number;
}

function counter() {
  const calls: string[][] = [];
  const load = (missing: (keyof Shape)[]): Promise<{ a?: Loaded<string>; b?: Loaded<number> }> => {
    calls.push(missing.map(String));
    const out: { a?: Loaded<string>; b?: Loaded<number> } = {};
    if (missing.includes("a")) out.a = { value: `a${calls.length}`, ttlInMs: 300_000 };
    if (missing.includes("b")) out.b = { value: calls.length, ttlInMs: 60_000 };
    return Promise.resolve(out);
  };
  return { calls, load };
}

describe("TtlCache", () => {
  let clock: FakeClock;
  let cache: TtlCache<Shape>;

  beforeEach(() => {
    clock = new FakeClock("2026-11-28T12:00:00Z");
    cache = new TtlCache<Shape>(clock, { onBackgroundError: (e) => assert.fail(`unexpected background error: ${String(e)}`) });
  });

  it("loads a missing key", async () => {
    const { load } = counter();
    assert.deepEqual(await cache.getMany(["a"], load), { a: "a1" });
  });

  it("serves a second read within the TTL from the cache", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a"], load);
    await cache.getMany(["a"], load);
    assert.equal(calls.length, 1);
  });

  it("still serves the value 1 ms before the TTL ends", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(299_999);
    await cache.getMany(["a"], load);
    assert.equal(calls.length, 1);
  });

  it("reloads exactly at the TTL", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(300_000);
    assert.deepEqual(await cache.getMany(["a"], load), { a: "a2" });
    assert.equal(calls.length, 2);
  });

  it("reloads only the key whose shorter TTL ran out", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a", "b"], load);
    await clock.advance(60_000);
    await cache.getMany(["a", "b"], load);
    assert.deepEqual(calls, [["a", "b"], ["b"]]);
  });

  it("shares one load between concurrent misses (single flight)", async () => {
    const { calls, load } = counter();
    const results = await Promise.all([cache.getMany(["a"], load), cache.getMany(["a"], load), cache.get("a", () => Promise.resolve({ value: "x", ttlInMs: 1 }))]);
    assert.equal(calls.length, 1);
    assert.deepEqual(results, [{ a: "a1" }, { a: "a1" }, "a1"]);
  });

  it("loads several missing keys in one call", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a", "b"], load);
    assert.deepEqual(calls, [["a", "b"]]);
  });

  it("joins an in-flight key and loads only the other one", async () => {
    const { calls, load } = counter();
    await Promise.all([cache.getMany(["a"], load), cache.getMany(["a", "b"], load)]);
    assert.deepEqual(calls, [["a"], ["b"]]);
  });

  it("does not keep a value loaded with TTL 0", async () => {
    let loads = 0;
    const load = () => Promise.resolve({ value: `v${++loads}`, ttlInMs: 0 });
    await cache.get("a", load);
    assert.equal(await cache.get("a", load), "v2");
  });

  it("rejects every waiter when the shared load fails, then loads afresh", async () => {
    let fail = true;
    const load = () => (fail ? Promise.reject(new Error("boom")) : Promise.resolve({ value: "ok", ttlInMs: 1000 }));
    const both = await Promise.allSettled([cache.get("a", load), cache.get("a", load)]);
    fail = false;
    assert.deepEqual(both.map((r) => r.status), ["rejected", "rejected"]);
    assert.equal(await cache.get("a", load), "ok");
  });

  it("forgets an invalidated key", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a"], load);
    cache.invalidate("a");
    await cache.getMany(["a"], load);
    assert.equal(calls.length, 2);
  });
});

describe("TtlCache with stale-while-revalidate (maxStaleTtls 3)", () => {
  let clock: FakeClock;
  let cache: TtlCache<Shape>;
  let backgroundErrors: unknown[];
  const settle = () => new Promise<void>((r) => setImmediate(r));

  beforeEach(() => {
    clock = new FakeClock("2026-11-28T12:00:00Z");
    backgroundErrors = [];
    cache = new TtlCache<Shape>(clock, { maxStaleTtls: 3, onBackgroundError: (e) => void backgroundErrors.push(e) });
  });

  it("hands a failed background reload to onBackgroundError (nobody awaits it) and keeps serving the stale value", async () => {
    const { load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(300_000);
    const down = new Error("graph down");
    assert.deepEqual(await cache.getMany(["a"], load, () => Promise.reject(down)), { a: "a1" });
    await settle();
    assert.deepEqual(backgroundErrors, [down]);
  });

  it("serves the stale value at the TTL without waiting for the reload", async () => {
    const { load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(300_000);
    assert.deepEqual(await cache.getMany(["a"], load), { a: "a1" });
  });

  it("reloads a stale key in the background", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(300_000);
    await cache.getMany(["a"], load);
    await settle();
    assert.deepEqual(await cache.getMany(["a"], load), { a: "a2" });
    assert.equal(calls.length, 2);
  });

  it("starts one background reload for concurrent stale reads", async () => {
    const { calls, load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(300_000);
    await Promise.all([cache.getMany(["a"], load), cache.getMany(["a"], load)]);
    assert.equal(calls.length, 2);
  });

  it("uses the background loader for stale keys", async () => {
    const { load } = counter();
    const background: string[][] = [];
    await cache.getMany(["a"], load);
    await clock.advance(300_000);
    await cache.getMany(["a"], load, (missing) => {
      background.push(missing.map(String));
      return load(missing);
    });
    assert.deepEqual(background, [["a"]]);
  });

  it("still serves the stale value 1 ms before its maximum staleness (4 TTLs after storing)", async () => {
    const { load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(1_199_999);
    assert.deepEqual(cache.usable("a"), { value: "a1", fresh: false });
  });

  it("drops the value exactly at its maximum staleness and waits for a load", async () => {
    const { load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(1_200_000);
    assert.deepEqual([cache.usable("a"), await cache.getMany(["a"], load)], [undefined, { a: "a2" }]);
  });

  it("keeps the last good value when a reload fails transiently (TTL 0)", async () => {
    await cache.get("a", () => Promise.resolve({ value: "good", ttlInMs: 1000 }));
    await clock.advance(1000);
    await cache.refresh(["a"], () => Promise.resolve({ a: { value: "throttled", ttlInMs: 0 } }));
    assert.deepEqual(cache.usable("a"), { value: "good", fresh: false });
  });

  it("replaces the last good value with a kept failure (e.g. permission withdrawn)", async () => {
    await cache.get("a", () => Promise.resolve({ value: "good", ttlInMs: 1000 }));
    await cache.refresh(["a"], () => Promise.resolve({ a: { value: "forbidden", ttlInMs: 1000 } }));
    assert.deepEqual(cache.usable("a"), { value: "forbidden", fresh: true });
  });

  it("refresh reloads a fresh key and restarts its TTL", async () => {
    const { load } = counter();
    await cache.getMany(["a"], load);
    await clock.advance(240_000);
    await cache.refresh(["a"], load);
    await clock.advance(299_999);
    assert.deepEqual(cache.usable("a"), { value: "a2", fresh: true });
  });

  it("refresh joins a load already in flight instead of starting another", async () => {
    const { calls, load } = counter();
    await Promise.all([cache.getMany(["a"], load), cache.refresh(["a"], load)]);
    assert.equal(calls.length, 1);
  });

  it("reports when a key reaches a fraction of its TTL", async () => {
    const { load } = counter();
    await cache.getMany(["a"], load);
    assert.deepEqual([cache.dueAt("a", 0.8), cache.dueAt("b", 0.8)], [clock.now().getTime() + 240_000, undefined]);
  });
});
