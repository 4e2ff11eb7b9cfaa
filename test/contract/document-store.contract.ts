// One contract suite for every DocumentStore adapter: embedded SQLite, memory, and later Azure Storage.
import assert from "node:assert/strict";
import type { DocumentStore } from "../../src/store/port";
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
  });
}
