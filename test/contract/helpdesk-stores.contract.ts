// The helpdesk's durable records (tickets, audit, pass deliveries) behave the same on every DocumentStore adapter.
import assert from "node:assert/strict";
import { isHelpdeskError } from "../../src/errors";
import { AuditLog } from "../../src/helpdesk/repositories/audit";
import type { AuditEvent, Ticket } from "../../src/helpdesk/domain/model";
import { PassDeliveries, type PassDelivery } from "../../src/helpdesk/repositories/pass-deliveries";
import { applyAction, claimIssue, openTicket } from "../../src/helpdesk/domain/ticket-machine";
import { TicketRepository } from "../../src/helpdesk/repositories/tickets";
import { forgetSecret, registerSecret } from "../../src/secrets";
import type { DocumentStore } from "../../src/store/port";

const T0 = new Date("2026-11-28T12:00:00.000Z");
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const alice = { id: "alice", displayName: "Alice" };
const bob = { id: "bob", displayName: "Bob" };
const sam = { id: "sam", displayName: "Sam" };

function ticket(id: string, subject = sam, created = T0): Ticket {
  return openTicket(
    { id, kind: "new_pass", origin: "subject_teams_chat", requester: subject, requesterConversationId: "c1", subject, diagnosis: { codes: ["TAP_EXPIRED"], evidence: [] } },
    created,
  );
}

const isConflict = (e: unknown): boolean => isHelpdeskError(e) && e.code === "CONFLICT";
const isBadInput = (e: unknown): boolean => isHelpdeskError(e) && e.code === "BAD_INPUT";

export function describeHelpdeskStoreContract(name: string, open: () => DocumentStore): void {
  describe(`helpdesk records on ${name}`, () => {
    let store: DocumentStore;
    beforeEach(() => {
      store = open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe("TicketRepository", () => {
      it("returns a created ticket with its etag", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-AAAAAA"));
        assert.deepEqual(await repo.get("T-AAAAAA"), { ticket: ticket("T-AAAAAA"), etag });
      });

      it("refuses to create a ticket whose id is taken", async () => {
        const repo = new TicketRepository(store);
        await repo.create(ticket("T-AAAAAA"));
        await assert.rejects(repo.create(ticket("T-AAAAAA", bob)), isConflict);
      });

      it("gives nothing for a tampered id, without reading the store", async () => {
        assert.equal(await new TicketRepository(store).get("T-AAAAAA' OR 1=1"), undefined);
      });

      it("updates with the current etag", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-AAAAAA"));
        const assigned = { ...ticket("T-AAAAAA"), status: "assigned" as const, assignee: alice };
        const { etag: next } = await repo.update("T-AAAAAA", etag, assigned);
        assert.deepEqual(await repo.get("T-AAAAAA"), { ticket: assigned, etag: next });
      });

      it("refuses an update with a stale etag", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-AAAAAA"));
        await repo.update("T-AAAAAA", etag, ticket("T-AAAAAA"));
        await assert.rejects(repo.update("T-AAAAAA", etag, ticket("T-AAAAAA")), isConflict);
      });

      it("refuses an update of a ticket that doesn't exist", async () => {
        await assert.rejects(new TicketRepository(store).update("T-AAAAAA", '"1"', ticket("T-AAAAAA")), isConflict);
      });

      it("refuses to store a ticket under another ticket's id", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-AAAAAA"));
        await assert.rejects(repo.update("T-AAAAAA", etag, ticket("T-BBBBBB")), isBadInput);
      });

      it("of two concurrent updates with the same etag, exactly one wins", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-AAAAAA"));
        const results = await Promise.allSettled([
          repo.update("T-AAAAAA", etag, { ...ticket("T-AAAAAA"), assignee: alice, status: "assigned" }),
          repo.update("T-AAAAAA", etag, { ...ticket("T-AAAAAA"), assignee: bob, status: "assigned" }),
        ]);
        assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
      });

      it("20 concurrent Issue clicks: exactly one claims the ticket", async () => {
        const repo = new TicketRepository(store);
        const base = ticket("T-AAAAAA");
        const verified: Ticket = {
          ...base,
          status: "assigned",
          assignee: alice,
          verification: { method: "callback_phone_on_record", status: "confirmed", requestedBy: alice, requestedAt: T0.toISOString(), decidedBy: alice, decidedAt: T0.toISOString() },
        };
        await repo.create(verified);
        const click = async (): Promise<boolean> => {
          const current = await repo.get("T-AAAAAA");
          const claim = claimIssue(current!.ticket, alice, at(1));
          if (!claim.ok) return false;
          try {
            await repo.update("T-AAAAAA", current!.etag, claim.ticket);
            return true;
          } catch (e) {
            if (isConflict(e)) return false;
            throw e;
          }
        };
        const won = await Promise.all(Array.from({ length: 20 }, click));
        assert.equal(won.filter(Boolean).length, 1);
      });

      it("lists open and assigned tickets, oldest first", async () => {
        const repo = new TicketRepository(store);
        await repo.create(ticket("T-CCCCCC", sam, at(2)));
        await repo.create(ticket("T-BBBBBB", sam, at(1)));
        const resolved = applyAction({ ...ticket("T-DDDDDD"), status: "assigned", assignee: alice }, "resolve", alice, at(3), { note: "done" });
        await repo.create(resolved.ok ? resolved.ticket : ticket("T-DDDDDD"));
        assert.deepEqual((await repo.listOpen()).map((t) => t.id), ["T-BBBBBB", "T-CCCCCC"]);
      });

      it("lists a person's tickets", async () => {
        const repo = new TicketRepository(store);
        await repo.create(ticket("T-BBBBBB", sam));
        await repo.create(ticket("T-CCCCCC", bob));
        assert.deepEqual((await repo.listBySubject("bob")).map((t) => t.id), ["T-CCCCCC"]);
      });

      it("moves a ticket between status partitions as it changes, and drops it once done", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-BBBBBB"));
        const assigned: Ticket = { ...ticket("T-BBBBBB"), status: "assigned", assignee: alice };
        const { etag: next } = await repo.update("T-BBBBBB", etag, assigned);
        const partitions = async (): Promise<string[][]> =>
          [await store.queryRange("ticketsByStatus", "open"), await store.queryRange("ticketsByStatus", "assigned")].map((p) => p.map((e) => e.key));
        assert.deepEqual(await partitions(), [[], [`${T0.toISOString()}|T-BBBBBB`]]);
        await repo.update("T-BBBBBB", next, { ...assigned, status: "resolved" });
        assert.deepEqual([await partitions(), await repo.listOpen()], [[[], []], []]);
      });

      it("a stale ifMatch on update is CONFLICT and leaves the ticket listed where it is", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-BBBBBB"));
        await repo.update("T-BBBBBB", etag, { ...ticket("T-BBBBBB"), note: "x" } as Ticket);
        await assert.rejects(repo.update("T-BBBBBB", etag, { ...ticket("T-BBBBBB"), status: "withdrawn" }), isConflict);
        assert.deepEqual((await repo.listOpen()).map((t) => t.id), ["T-BBBBBB"]);
      });

      it("ignores an index entry whose ticket write never happened, and prunes one the ticket has moved past", async () => {
        const repo = new TicketRepository(store);
        const { etag } = await repo.create(ticket("T-BBBBBB"));
        await repo.update("T-BBBBBB", etag, { ...ticket("T-BBBBBB"), status: "assigned", assignee: alice });
        const row = `${T0.toISOString()}|T-BBBBBB`;
        await store.putIn("ticketsByStatus", "open", row, "T-BBBBBB");
        await store.putIn("ticketsByStatus", "open", `${T0.toISOString()}|T-CCCCCC`, "T-CCCCCC");
        assert.deepEqual((await repo.listOpen()).map((t) => [t.id, t.status]), [["T-BBBBBB", "assigned"]]);
        assert.deepEqual((await store.queryRange("ticketsByStatus", "open")).map((e) => e.value), ["T-CCCCCC"]);
      });

      it("never stores a registered secret, wherever it was put", async () => {
        registerSecret("Hk4$Ty8wQ");
        try {
          const repo = new TicketRepository(store);
          await repo.create({ ...ticket("T-AAAAAA"), securityReason: "caller read out Hk4$Ty8wQ" });
          assert.equal(JSON.stringify(await store.list("tickets")).includes("Hk4$Ty8wQ"), false);
        } finally {
          forgetSecret("Hk4$Ty8wQ");
        }
      });
    });

    describe("AuditLog", () => {
      const event = (minutes: number, overrides: Partial<AuditEvent> = {}): Omit<AuditEvent, "id"> => ({
        at: at(minutes).toISOString(),
        actor: alice,
        action: "tap_issued",
        target: sam,
        result: "success",
        ...overrides,
      });

      it("gives each event a sortable id: its ISO time plus a suffix", async () => {
        const stored = await new AuditLog(store, { randomSuffix: () => "k3v9" }).append(event(0));
        assert.equal(stored.id, "2026-11-28T12:00:00.000Z-k3v9");
      });

      it("is append-only: an id clash never overwrites the earlier event", async () => {
        const log = new AuditLog(store, { randomSuffix: () => "same" });
        await log.append(event(0, { detail: "first" }));
        await assert.rejects(log.append(event(0, { detail: "second" })), isConflict);
        assert.deepEqual((await log.recent(10)).map((e) => e.detail), ["first"]);
      });

      it("offers no way to change or remove an event", () => {
        const log = new AuditLog(store) as unknown as Record<string, unknown>;
        assert.deepEqual([typeof log.update, typeof log.delete, typeof log.remove], ["undefined", "undefined", "undefined"]);
      });

      it("two events in the same millisecond are both kept", async () => {
        const log = new AuditLog(store);
        await Promise.all([log.append(event(0)), log.append(event(0))]);
        assert.equal((await log.recent(10)).length, 2);
      });

      it("recent gives the newest first, up to the limit", async () => {
        const log = new AuditLog(store);
        for (const m of [1, 3, 2]) await log.append(event(m, { detail: `m${m}` }));
        assert.deepEqual((await log.recent(2)).map((e) => e.detail), ["m3", "m2"]);
      });

      it("byPerson finds events where the person acted or was the target", async () => {
        const log = new AuditLog(store);
        await log.append(event(1, { actor: bob, target: alice, detail: "a-target" }));
        await log.append(event(2, { actor: alice, target: sam, detail: "a-actor" }));
        await log.append(event(3, { actor: bob, target: sam, detail: "other" }));
        assert.deepEqual((await log.byPerson("alice")).map((e) => e.detail), ["a-actor", "a-target"]);
      });

      it("since gives events at or after the time, oldest first", async () => {
        const log = new AuditLog(store);
        for (const m of [3, 1, 2]) await log.append(event(m, { detail: `m${m}` }));
        assert.deepEqual((await log.since(at(2))).map((e) => e.detail), ["m2", "m3"]);
      });

      it("recent and since read across days, in time order", async () => {
        const log = new AuditLog(store);
        for (const m of [-2 * 24 * 60, 3, -24 * 60]) await log.append(event(m, { detail: `m${m}` }));
        assert.deepEqual((await log.recent(10)).map((e) => e.detail), ["m3", "m-1440", "m-2880"]);
        assert.deepEqual((await log.recent(2)).map((e) => e.detail), ["m3", "m-1440"]);
        assert.deepEqual((await log.since(at(-25 * 60))).map((e) => e.detail), ["m-1440", "m3"]);
      });

      it("byPerson gives the newest first, up to the limit", async () => {
        const log = new AuditLog(store);
        for (const m of [1, 3, 2]) await log.append(event(m, { detail: `m${m}` }));
        assert.deepEqual((await log.byPerson("sam", 2)).map((e) => e.detail), ["m3", "m2"]);
      });

      it("byPersonSince gives the person's events at or after the time, oldest first", async () => {
        const log = new AuditLog(store);
        await log.append(event(1, { detail: "before" }));
        await log.append(event(2, { detail: "at" }));
        await log.append(event(3, { actor: bob, target: alice, detail: "not sam" }));
        await log.append(event(4, { actor: bob, target: sam, detail: "after" }));
        assert.deepEqual((await log.byPersonSince("sam", at(2))).map((e) => e.detail), ["at", "after"]);
      });

      it("scrubs a registered secret from the detail", async () => {
        registerSecret("Pq2@Zx7mN");
        try {
          const stored = await new AuditLog(store).append(event(0, { detail: "Graph said: Pq2@Zx7mN was rejected" }));
          assert.equal(stored.detail, "Graph said: [redacted] was rejected");
        } finally {
          forgetSecret("Pq2@Zx7mN");
        }
      });

      it("refuses an event with a secret outside the detail, storing nothing", async () => {
        registerSecret("Pq2@Zx7mN");
        try {
          const log = new AuditLog(store);
          await assert.rejects(log.append(event(0, { ticketId: "Pq2@Zx7mN" })), isBadInput);
          assert.deepEqual(await log.recent(10), []);
        } finally {
          forgetSecret("Pq2@Zx7mN");
        }
      });

      it("stores only the known fields", async () => {
        const withValue = { ...event(0), temporaryAccessPass: "Wr5%Lk1pB" } as Omit<AuditEvent, "id">;
        await new AuditLog(store).append(withValue);
        const written = [await store.queryRange("audit", "2026-11-28"), await store.queryRange("audit-by-person", "alice")];
        assert.equal(written.flat().length, 2);
        assert.equal(JSON.stringify(written).includes("Wr5%Lk1pB"), false);
      });

      it("refuses an event without a valid time", async () => {
        await assert.rejects(new AuditLog(store).append(event(0, { at: "yesterday-ish" })), isBadInput);
      });
    });

    describe("PassDeliveries", () => {
      const delivery = (id: string, scrubAtMinutes: number): PassDelivery => ({
        id,
        ticketId: "T-AAAAAA",
        agentConversationId: "conv-alice",
        activityId: `act-${id}`,
        scrubAt: at(scrubAtMinutes).toISOString(),
        scrubbed: false,
      });

      it("a delivery is due at its scrub time, not before", async () => {
        const d = new PassDeliveries(store);
        await d.add(delivery("d1", 15));
        assert.deepEqual([(await d.due(at(14))).length, (await d.due(at(15))).map((x) => x.id)], [0, ["d1"]]);
      });

      it("due lists the earliest scrub first", async () => {
        const d = new PassDeliveries(store);
        await d.add(delivery("d1", 15));
        await d.add(delivery("d2", 5));
        assert.deepEqual((await d.due(at(20))).map((x) => x.id), ["d2", "d1"]);
      });

      it("a scrubbed delivery is no longer due", async () => {
        const d = new PassDeliveries(store);
        await d.add(delivery("d1", 15));
        await d.markScrubbed("d1");
        assert.deepEqual(await d.due(at(20)), []);
      });

      it("markScrubbed says whether this call did it", async () => {
        const d = new PassDeliveries(store);
        await d.add(delivery("d1", 15));
        assert.deepEqual([await d.markScrubbed("d1"), await d.markScrubbed("d1"), await d.markScrubbed("nope")], [true, false, false]);
      });

      it("the timer and a Handed over click racing: exactly one scrubs", async () => {
        const d = new PassDeliveries(store);
        await d.add(delivery("d1", 15));
        const results = await Promise.all([d.markScrubbed("d1"), d.markScrubbed("d1")]);
        assert.deepEqual(results.filter(Boolean).length, 1);
      });

      it("adding the same delivery again keeps the first", async () => {
        const d = new PassDeliveries(store);
        await d.add(delivery("d1", 15));
        await d.add(delivery("d1", 99));
        assert.equal((await d.get("d1"))?.scrubAt, at(15).toISOString());
      });

      it("due reads the pending range, not the whole collection, and scrubbed deliveries leave it", async () => {
        const d = new PassDeliveries(store);
        await d.add(delivery("d1", 15));
        await d.add(delivery("d2", 30));
        await d.markScrubbed("d1");
        assert.deepEqual((await store.queryRange("passDeliveriesPending", "pending")).map((e) => e.value), ["d2"]);
      });

      it("due prunes a pending entry whose delivery was never written or is already scrubbed", async () => {
        const d = new PassDeliveries(store);
        await store.putIn("passDeliveriesPending", "pending", `${at(1).toISOString()}|ghost`, "ghost");
        await d.add(delivery("d1", 2));
        const scrubbed = (await d.get("d1"))!;
        await store.put("passDeliveries", "d1", { ...scrubbed, scrubbed: true });
        assert.deepEqual(await d.due(at(20)), []);
        assert.deepEqual(await store.queryRange("passDeliveriesPending", "pending"), []);
      });

      it("never stores anything beyond where the message is (no value)", async () => {
        const withValue = { ...delivery("d1", 15), value: "Mn3&Gh6tR" } as PassDelivery;
        await new PassDeliveries(store).add(withValue);
        assert.equal(JSON.stringify(await store.list("passDeliveries")).includes("Mn3&Gh6tR"), false);
      });
    });
  });
}
