// The correlation ids a turn logs under: the activity id, and the ticket id a card button carries; odd shapes are not logged.
import assert from "node:assert/strict";
import { turnLogContext } from "../../../src/teams/endpoint";

describe("turnLogContext", () => {
  it("uses the activity id Teams sent as the turn id", () => {
    const { ref, ...ids } = turnLogContext({ id: "1732798800000", type: "message" });
    assert.deepEqual(ids, { turnId: "1732798800000" });
    assert.match(ref ?? "", /^[0-9a-f]{8}$/);
  });

  it("gives every turn its own short reference, even when Teams repeats an activity id", () => {
    assert.notEqual(turnLogContext({ id: "1732798800000" }).ref, turnLogContext({ id: "1732798800000" }).ref);
  });

  it("generates a turn id when the activity has none", () => {
    const a = turnLogContext({ type: "message" });
    const b = turnLogContext({ type: "message" });
    assert.match(a.turnId ?? "", /^[0-9a-f-]{36}$/);
    assert.notEqual(a.turnId, b.turnId);
  });

  it("takes the ticket id from an Action.Execute button's data", () => {
    assert.equal(turnLogContext({ id: "f:1", value: { action: { type: "Action.Execute", verb: "ticket_assign", data: { ticketId: "T-7F3K2Q" } } } }).ticketId, "T-7F3K2Q");
  });

  it("takes the ticket id from an Action.Submit button's data", () => {
    assert.equal(turnLogContext({ id: "f:2", value: { verb: "ticket_withdraw", ticketId: "T-7F3K2Q" } }).ticketId, "T-7F3K2Q");
  });

  it("doesn't log ids of an unexpected shape (they come from the caller)", () => {
    const c = turnLogContext({ id: '{"level":60} injected\nline', value: { ticketId: "T-1 <script>" } });
    assert.notEqual(c.turnId, '{"level":60} injected\nline');
    assert.equal(c.ticketId, undefined);
  });
});
