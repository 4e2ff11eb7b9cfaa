import { MemoryDocumentStore } from "../../src/store/memory";
import { SqliteDocumentStore } from "../../src/store/sqlite";
import { describeOutboxContract } from "./outbox.contract";

describeOutboxContract("memory", () => new MemoryDocumentStore());
describeOutboxContract("sqlite (in memory)", () => new SqliteDocumentStore(":memory:"));
