// The helpdesk presenter: each typed helpdesk view becomes its card, with times in the helpdesk's zone.
import assert from "node:assert/strict";
import { presentHelpdeskView } from "../../../src/cards/helpdesk-present";
import type { HelpdeskView } from "../../../src/helpdesk/outcomes";
import { textsOf } from "./card-helpers";
import { PASS_VALUE, buttonsOf, sampleTicket, validateHelpdeskCard } from "./helpdesk-helpers";

const BERLIN = { timeZone: "Europe/Berlin" };
const text = (view: HelpdeskView): string => textsOf(presentHelpdeskView(view, BERLIN)).join(" | ");

const VIEWS: HelpdeskView[] = [
  { kind: "ticket", ticket: sampleTicket(), buttons: ["ticket_assign", "ticket_issue"], issueForm: { minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, policyForcesOneTime: true } },
  { kind: "requester_status", ticket: sampleTicket({ status: "open", assignee: undefined }), canWithdraw: true },
  { kind: "manager_question", ticketId: "T-7F3K2Q", subjectName: "Ben", agentName: "Ana", requestedAt: "2026-11-28T12:05:00Z", state: "pending" },
  { kind: "pass_handover", ticketId: "T-7F3K2Q", deliveryId: "dlv-1", subjectName: "Ben", passValue: PASS_VALUE, validUntil: "2026-11-28T13:10:00Z", isUsableOnce: true, scrubAt: "2026-11-28T12:25:00Z", scrubbed: false },
  { kind: "pass_notice", ticketId: "T-7F3K2Q", issuedByName: "Ana", createdAt: "2026-11-28T12:10:00Z", validUntil: "2026-11-28T13:10:00Z", isUsableOnce: true },
  { kind: "audit", title: "Recent helpdesk activity", events: [], exportHint: "Type audit export." },
];

describe("presentHelpdeskView", () => {
  for (const view of VIEWS) {
    it(`presents a ${view.kind} view as a valid card`, () => {
      assert.deepEqual(validateHelpdeskCard(presentHelpdeskView(view, BERLIN)), []);
    });
  }

  it("offers exactly the ticket panel's buttons", () => {
    assert.deepEqual(buttonsOf(presentHelpdeskView(VIEWS[0], BERLIN)).map((b) => b.verb), ["ticket_assign", "ticket_issue"]);
  });

  it("shows the issue form's start fields in the helpdesk's zone", () => {
    assert.match(JSON.stringify(presentHelpdeskView(VIEWS[0], BERLIN)), /Start date \(Europe\/Berlin\)/);
  });

  it("formats the manager's question time in the helpdesk's zone", () => {
    assert.match(text(VIEWS[2]), /13:05/);
  });

  it("puts the pass value only on the hand-over card", () => {
    assert.deepEqual(VIEWS.map((v) => JSON.stringify(presentHelpdeskView(v, BERLIN)).includes(PASS_VALUE)), [false, false, false, true, false, false]);
  });

  it("shows a scrubbed hand-over without a value or an end time", () => {
    const card = presentHelpdeskView({ kind: "pass_handover", ticketId: "T-7F3K2Q", deliveryId: "dlv-1", subjectName: "Ben", isUsableOnce: true, scrubAt: "2026-11-28T12:25:00Z", scrubbed: true }, BERLIN);
    assert.deepEqual(validateHelpdeskCard(card), []);
  });

  it("words the requester's status from the ticket", () => {
    assert.match(text(VIEWS[1]), /Open/);
  });
});
