import { MemoryDocumentStore } from "../../src/store/memory";
import { SqliteDocumentStore } from "../../src/store/sqlite";
import { describeHelpdeskStoreContract } from "./helpdesk-stores.contract";

describeHelpdeskStoreContract("memory", () => new MemoryDocumentStore());
describeHelpdeskStoreContract("sqlite (in memory)", () => new SqliteDocumentStore(":memory:"));
