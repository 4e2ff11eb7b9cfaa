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
    cache = new TtlCache<Shape>(clock);
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
