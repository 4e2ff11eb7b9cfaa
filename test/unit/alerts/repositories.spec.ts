import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryDocumentStore } from "../../../src/store/memory";
import { SqliteDocumentStore } from "../../../src/store/sqlite";
import type { DocumentStore } from "../../../src/store/port";
import { AlertRepository, type StoredDigest } from "../../../src/alerts/repositories";
import { sampleDigest } from "./samples";

/** A digest as large as the 2,000-holder benchmark's first one. */
function bigDigest(n: number): StoredDigest {
  const base = sampleDigest();
  const f = base.findings[2];
  return { ...base, findings: Array.from({ length: n }, (_, i) => ({ ...f, key: `stale_pass:t${i}`, pass: { ...f.pass!, tapId: `t${i}`, userId: `u${i}` } })) };
}

/** A store that records the largest value written (Azure Tables: 1 MB an entity, 64 KB a property). */
class SizeWatch extends MemoryDocumentStore {
  largest = 0;
  override putIn<T>(collection: string, partition: string, row: string, value: T, options?: Parameters<DocumentStore["putIn"]>[4]): Promise<{ etag: string }> {
    this.largest = Math.max(this.largest, JSON.stringify(value).length);
    return super.putIn(collection, partition, row, value, options);
  }
}

describe("alert repository: digests as rows", () => {
  for (const [name, open] of [
    ["memory", () => ({ store: new MemoryDocumentStore() as DocumentStore, done: () => undefined })],
    ["SQLite", () => {
      const dir = mkdtempSync(join(tmpdir(), "tap-alerts-"));
      return { store: new SqliteDocumentStore(join(dir, "s.sqlite")) as DocumentStore, done: () => rmSync(dir, { recursive: true, force: true }) };
    }],
  ] as const) {
    it(`${name}: a digest comes back whole and in order; statuses land on their items, also from concurrent clicks`, async () => {
      const { store, done } = open();
      try {
        const repo = new AlertRepository(store);
        const digest = bigDigest(300);
        await repo.saveDigest(digest);
        const back = (await repo.digest(digest.id))?.value;
        assert.deepEqual(back?.findings.map((f) => f.key), digest.findings.map((f) => f.key));
        const status = (by: string) => ({ state: "deleted" as const, by, at: "2026-11-28T12:05:00Z" });
        await Promise.all([repo.setStatuses(digest.id, { "stale_pass:t1": status("A") }), repo.setStatuses(digest.id, { "stale_pass:t2": status("B") })]);
        const after = (await repo.digest(digest.id))?.value;
        assert.deepEqual([after?.statuses["stale_pass:t1"]?.by, after?.statuses["stale_pass:t2"]?.by, Object.keys(after?.statuses ?? {}).length], ["A", "B", 2]);
      } finally {
        await store.close();
        done();
      }
    });
  }

  it("no stored record grows with the digest (2,000 findings: every row stays far below Azure's 64 KB per property)", async () => {
    const store = new SizeWatch();
    await new AlertRepository(store).saveDigest(bigDigest(2000));
    assert.ok(store.largest < 4_000, `largest row ${store.largest} bytes`);
  });

  it("pruning removes a digest's rows and its index entry", async () => {
    const store = new MemoryDocumentStore();
    const repo = new AlertRepository(store);
    await repo.saveDigest(bigDigest(3));
    assert.equal(await repo.prune(new Date("2026-12-31T00:00:00Z")), 1);
    assert.equal(await repo.digest(sampleDigest().id), undefined);
    assert.deepEqual(await store.queryRange("alerts", `digest:${sampleDigest().id}`), []);
  });
});
