import assert from "node:assert/strict";
import { TicketRepository } from "../../../src/helpdesk/repositories/tickets";
import { MemoryDocumentStore } from "../../../src/store/memory";
import type { Versioned } from "../../../src/store/port";
import { ticketFor } from "./fixtures";

/** A store that refuses to list a whole collection: ticket lists must read their index ranges. */
class NoListStore extends MemoryDocumentStore {
  override list<T>(): Promise<Versioned<T>[]> {
    return Promise.reject(new Error("no whole-collection listing"));
  }
}

describe("TicketRepository lists read index ranges", () => {
  it("listOpen and listBySubject never list the tickets collection", async () => {
    const repo = new TicketRepository(new NoListStore());
    const t = ticketFor();
    await repo.create(t);
    assert.deepEqual([(await repo.listOpen()).map((x) => x.id), (await repo.listBySubject(t.subject.id)).map((x) => x.id)], [[t.id], [t.id]]);
  });
});
