// One contract suite for every DocumentStore adapter: embedded SQLite, memory, and later Azure Storage.
import assert from "node:assert/strict";
import type { DocumentStore, RangeQuery } from "../../src/store/port";
import { isHelpdeskError } from "../../src/errors";

export function describeDocumentStoreContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("returns undefined for a missing key", async () => {
      assert.equal(await store.get("c", "missing"), undefined);
    });

    it("round-trips a JSON value with its etag", async () => {
      const { etag } = await store.put("c", "k", { a: 1, nested: { b: ["x"] } });
      const got = await store.get<{ a: number; nested: { b: string[] } }>("c", "k");
      assert.deepEqual(got, { key: "k", value: { a: 1, nested: { b: ["x"] } }, etag });
    });

    it("keeps collections apart", async () => {
      await store.put("c1", "k", 1);
      await store.put("c2", "k", 2);
      assert.equal((await store.get<number>("c1", "k"))?.value, 1);
      assert.equal((await store.get<number>("c2", "k"))?.value, 2);
    });

    it("changes the etag on every write", async () => {
      const first = await store.put("c", "k", 1);
      const second = await store.put("c", "k", 2);
      assert.notEqual(first.etag, second.etag);
    });

    it("writes with a matching ifMatch", async () => {
      const { etag } = await store.put("c", "k", 1);
      await store.put("c", "k", 2, { ifMatch: etag });
      assert.equal((await store.get<number>("c", "k"))?.value, 2);
    });

    it("rejects a stale ifMatch with CONFLICT and keeps the newer value", async () => {
      const { etag } = await store.put("c", "k", 1);
      await store.put("c", "k", 2);
      await assert.rejects(store.put("c", "k", 3, { ifMatch: etag }), (e: unknown) => isHelpdeskError(e) && e.code === "CONFLICT");
      assert.equal((await store.get<number>("c", "k"))?.value, 2);
    });

    it("rejects ifMatch on a missing key", async () => {
      await assert.rejects(store.put("c", "nope", 1, { ifMatch: '"1"' }), (e: unknown) => isHelpdeskError(e) && e.code === "CONFLICT");
    });

    it("creates once with ifNoneMatch and rejects the second create", async () => {
      await store.put("c", "k", 1, { ifNoneMatch: "*" });
      await assert.rejects(store.put("c", "k", 2, { ifNoneMatch: "*" }), (e: unknown) => isHelpdeskError(e) && e.code === "CONFLICT");
      assert.equal((await store.get<number>("c", "k"))?.value, 1);
    });

    it("lets exactly one of many concurrent creates win", async () => {
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.put("c", "once", i, { ifNoneMatch: "*" })));
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    });

    it("deletes, and deleting a missing key is fine", async () => {
      await store.put("c", "k", 1);
      await store.delete("c", "k");
      await store.delete("c", "k");
      assert.equal(await store.get("c", "k"), undefined);
    });

    it("rejects a delete with a stale ifMatch", async () => {
      const { etag } = await store.put("c", "k", 1);
      await store.put("c", "k", 2);
      await assert.rejects(store.delete("c", "k", { ifMatch: etag }), (e: unknown) => isHelpdeskError(e) && e.code === "CONFLICT");
    });

    it("lists by prefix in key order with a limit", async () => {
      for (const k of ["b/2", "a/1", "b/1", "b/3", "c/1"]) await store.put("c", k, k);
      const keys = (await store.list<string>("c", { prefix: "b/", limit: 2 })).map((v) => v.key);
      assert.deepEqual(keys, ["b/1", "b/2"]);
    });

    it("stores keys with odd characters verbatim", async () => {
      const key = "msteams/a:b/ü%20'\"";
      await store.put("c", key, true);
      assert.equal((await store.get<boolean>("c", key))?.value, true);
    });

    describe("partitioned entries", () => {
      const isConflict = (e: unknown): boolean => isHelpdeskError(e) && e.code === "CONFLICT";
      const rows = ["r1", "r2", "r3", "r4", "r5"];
      const seed = async (): Promise<void> => {
        for (const r of [...rows].reverse()) await store.putIn("e", "p", r, r);
        await store.putIn("e", "other", "r3", "other");
        await store.putIn("e2", "p", "r3", "e2");
      };
      const keys = async (range?: RangeQuery): Promise<string[]> => (await store.queryRange<string>("e", "p", range)).map((x) => x.key);

      it("round-trips one entry with its partition, row and etag", async () => {
        const { etag } = await store.putIn("e", "p", "r", { a: 1 });
        assert.deepEqual(await store.getIn("e", "p", "r"), { key: "r", value: { a: 1 }, etag });
        assert.deepEqual(await store.queryRange("e", "p"), [{ partition: "p", key: "r", value: { a: 1 }, etag }]);
      });

      it("returns undefined for a missing entry and [] for an empty partition", async () => {
        assert.equal(await store.getIn("e", "p", "missing"), undefined);
        assert.deepEqual(await store.queryRange("e", "nothing-here"), []);
      });

      it("keeps partitions, collections and plain documents apart", async () => {
        await seed();
        await store.put("e", "r3", "document");
        assert.equal((await store.getIn<string>("e", "other", "r3"))?.value, "other");
        assert.equal((await store.getIn<string>("e2", "p", "r3"))?.value, "e2");
        assert.equal((await store.get<string>("e", "r3"))?.value, "document");
        assert.deepEqual((await store.list("e")).map((v) => v.key), ["r3"]);
      });

      it("reads a whole partition in row order", async () => {
        await seed();
        assert.deepEqual(await keys(), rows);
      });

      it("includes `from` and excludes `to`", async () => {
        await seed();
        assert.deepEqual(await keys({ from: "r2", to: "r4" }), ["r2", "r3"]);
      });

      it("treats bounds between keys as plain string bounds", async () => {
        await seed();
        assert.deepEqual(await keys({ from: "r2~", to: "r4~" }), ["r3", "r4"]);
      });

      it("leaves either end open", async () => {
        await seed();
        assert.deepEqual([await keys({ from: "r4" }), await keys({ to: "r2" })], [["r4", "r5"], ["r1"]]);
      });

      it("gives [] for an empty or inverted range", async () => {
        await seed();
        assert.deepEqual([await keys({ from: "r3", to: "r3" }), await keys({ from: "r4", to: "r2" })], [[], []]);
      });

      it("limits from the low end", async () => {
        await seed();
        assert.deepEqual(await keys({ from: "r2", limit: 2 }), ["r2", "r3"]);
      });

      it("reverses, and a reversed limit keeps the entries nearest `to`", async () => {
        await seed();
        assert.deepEqual([await keys({ reverse: true }), await keys({ to: "r5", reverse: true, limit: 2 })], [[...rows].reverse(), ["r4", "r3"]]);
      });

      it("a limit of 0 gives nothing", async () => {
        await seed();
        assert.deepEqual(await keys({ limit: 0 }), []);
      });

      it("orders ISO timestamps as time", async () => {
        for (const t of ["2026-11-28T12:00:00.000Z-b", "2026-11-28T09:30:00.000Z-a", "2026-11-28T12:00:00.000Z-a"]) await store.putIn("e", "day", t, t);
        const got = (await store.queryRange<string>("e", "day", { from: "2026-11-28T10:00:00.000Z" })).map((x) => x.key);
        assert.deepEqual(got, ["2026-11-28T12:00:00.000Z-a", "2026-11-28T12:00:00.000Z-b"]);
      });

      it("writes with a matching ifMatch and changes the etag", async () => {
        const first = await store.putIn("e", "p", "r", 1);
        const second = await store.putIn("e", "p", "r", 2, { ifMatch: first.etag });
        assert.notEqual(first.etag, second.etag);
        assert.deepEqual(await store.queryRange("e", "p"), [{ partition: "p", key: "r", value: 2, etag: second.etag }]);
      });

      it("rejects a stale ifMatch, or ifMatch on a missing entry, with CONFLICT", async () => {
        const { etag } = await store.putIn("e", "p", "r", 1);
        await store.putIn("e", "p", "r", 2);
        await assert.rejects(store.putIn("e", "p", "r", 3, { ifMatch: etag }), isConflict);
        await assert.rejects(store.putIn("e", "p", "nope", 3, { ifMatch: etag }), isConflict);
        assert.equal((await store.getIn<number>("e", "p", "r"))?.value, 2);
      });

      it("creates once with ifNoneMatch; exactly one of many concurrent creates wins", async () => {
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.putIn("e", "p", "once", i, { ifNoneMatch: "*" })));
        assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
        await assert.rejects(store.putIn("e", "p", "once", 99, { ifNoneMatch: "*" }), isConflict);
      });

      it("the same row in another partition is a different entry for ifNoneMatch", async () => {
        await store.putIn("e", "p", "r", 1, { ifNoneMatch: "*" });
        await store.putIn("e", "q", "r", 2, { ifNoneMatch: "*" });
        assert.deepEqual([(await store.getIn("e", "p", "r"))?.value, (await store.getIn("e", "q", "r"))?.value], [1, 2]);
      });

      it("deletes; a missing entry is fine; a stale ifMatch is CONFLICT", async () => {
        const { etag } = await store.putIn("e", "p", "r", 1);
        const { etag: newer } = await store.putIn("e", "p", "r", 2);
        await assert.rejects(store.deleteIn("e", "p", "r", { ifMatch: etag }), isConflict);
        await store.deleteIn("e", "p", "r", { ifMatch: newer });
        await store.deleteIn("e", "p", "r");
        assert.deepEqual(await store.queryRange("e", "p"), []);
      });
    });
  });
}
