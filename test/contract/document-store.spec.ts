import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeDocumentStoreContract } from "./document-store.contract";
import { MemoryDocumentStore } from "../../src/store/memory";
import { SqliteDocumentStore } from "../../src/store/sqlite";

describeDocumentStoreContract("memory", () => Promise.resolve(new MemoryDocumentStore()));
describeDocumentStoreContract("sqlite (in memory)", () => Promise.resolve(new SqliteDocumentStore(":memory:")));

describe("SqliteDocumentStore durability", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tap-store-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps what was written after the file is closed and reopened", async () => {
    const path = join(dir, "nested", "state.sqlite");
    const first = new SqliteDocumentStore(path);
    await first.put("c", "k", { step: "asking" });
    await first.close();
    const second = new SqliteDocumentStore(path);
    assert.deepEqual((await second.get("c", "k"))?.value, { step: "asking" });
    await second.close();
  });

  it("keeps partitioned entries after the file is closed and reopened", async () => {
    const path = join(dir, "entries.sqlite");
    const first = new SqliteDocumentStore(path);
    const { etag } = await first.putIn("c", "p", "r", { n: 1 });
    await first.close();
    const second = new SqliteDocumentStore(path);
    assert.deepEqual(await second.queryRange("c", "p"), [{ partition: "p", key: "r", value: { n: 1 }, etag }]);
    await second.close();
  });
});
