import assert from "node:assert/strict";
import { MAX_AUDIT_ROWS, renderAuditCard, type AuditCardView } from "../../../src/cards/helpdesk-audit";
import type { AuditEvent } from "../../../src/helpdesk/domain/model";
import { HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";
import { actionTypesOf, validateHelpdeskCard } from "./helpdesk-helpers";

const event = (i: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `2026-11-28T12:${String(i % 60).padStart(2, "0")}:00Z-${i}`,
  at: `2026-11-28T12:${String(i % 60).padStart(2, "0")}:00Z`,
  actor: { id: "agent-ana", displayName: "Ana Agent" },
  action: "ticket_issue",
  ticketId: "T-7F3K2Q",
  target: { id: "user-ben", displayName: "Ben Expired" },
  verificationMethod: "callback_phone_on_record",
  result: "success",
  detail: "One-time pass, 60 minutes.",
  graphRequestId: "req-1",
  ...overrides,
});
const view = (events: AuditEvent[], overrides: Partial<AuditCardView> = {}): AuditCardView => ({
  title: "Audit: recent",
  events,
  exportHint: "Type 'audit export' for a CSV file.",
  ...overrides,
});
const rows = (card: ReturnType<typeof renderAuditCard>): unknown[] => card.body.filter((e) => (e as { type?: string }).type === "Container");

describe("renderAuditCard", () => {
  for (const [name, events] of [
    ["empty", []],
    ["one", [event(1)]],
    ["full", Array.from({ length: 40 }, (_, i) => event(i))],
  ] as const) {
    it(`is a valid Adaptive Card 1.4 (${name})`, () => {
      assert.deepEqual(validateHelpdeskCard(renderAuditCard(view([...events]))), []);
    });
    it(`leaves no unexpanded binding (${name})`, () => {
      assert.equal(JSON.stringify(renderAuditCard(view([...events]))).includes("${"), false);
    });
  }

  it("shows time, actor, result, action, target and detail for a record", () => {
    assert.deepEqual(textsOf(renderAuditCard(view([event(5)]))).slice(2, 6), [
      "2026-11-28 12:05 UTC · Ana Agent",
      "Success",
      "ticket\\_issue → Ben Expired · T-7F3K2Q",
      "One-time pass, 60 minutes.",
    ]);
  });

  it("uses the caller's time format", () => {
    assert.equal(textsOf(renderAuditCard(view([event(5)], { formatTime: () => "13:05" })))[2], "13:05 · Ana Agent");
  });

  for (const [result, text] of [["denied", "Denied"], ["failed", "Failed"]] as const) {
    it(`marks a ${result} record`, () => {
      assert.equal(textsOf(renderAuditCard(view([event(1, { result })])))[3], text);
    });
  }

  it(`shows at most ${MAX_AUDIT_ROWS} rows`, () => {
    assert.equal(rows(renderAuditCard(view(Array.from({ length: 40 }, (_, i) => event(i))))).length, MAX_AUDIT_ROWS);
  });

  it("says how many records there are in all", () => {
    assert.equal(textsOf(renderAuditCard(view(Array.from({ length: 40 }, (_, i) => event(i)))))[1], "Showing 25 of 40 records");
  });

  it("says when nothing matches", () => {
    assert.ok(textsOf(renderAuditCard(view([]))).includes("No audit records match."));
  });

  it("shows the export hint", () => {
    assert.equal(textsOf(renderAuditCard(view([event(1)]))).at(-1), "Type 'audit export' for a CSV file.");
  });

  it("has no buttons", () => {
    assert.deepEqual(actionTypesOf(renderAuditCard(view([event(1)]))), []);
  });

  it("stays under Teams' card size limit at 25 long rows", () => {
    const long = "x".repeat(2000);
    const events = Array.from({ length: 30 }, (_, i) => event(i, { detail: long, actor: { id: "a", displayName: long }, target: { id: "t", displayName: long } }));
    assert.ok(JSON.stringify(renderAuditCard(view(events))).length < 28_000);
  });

  describe("untrusted text", () => {
    const hostileEvent = (text: string): AuditEvent =>
      event(1, { actor: { id: "a", displayName: text }, target: { id: "t", displayName: text }, action: text, ticketId: text, detail: text });
    const hostile = () => renderAuditCard(view([hostileEvent(HOSTILE_TEXT)], { title: HOSTILE_TEXT, exportHint: HOSTILE_TEXT }));

    it("can't add or change elements", () => {
      assert.deepEqual(typesOf(hostile()), typesOf(renderAuditCard(view([hostileEvent("plain")], { title: "t", exportHint: "h" }))));
    });

    it("escapes markdown", () => {
      assert.deepEqual(markdownTextsOf(hostile()).filter((t) => /(?<!\\)[[\]*_]/.test(t)), []);
    });

    it("leaves no template binding", () => {
      assert.equal(JSON.stringify(hostile()).includes("${"), false);
    });
  });
});
