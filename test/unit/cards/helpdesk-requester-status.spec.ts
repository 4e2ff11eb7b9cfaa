import assert from "node:assert/strict";
import { renderRequesterStatusCard, type RequesterStatusView } from "../../../src/cards/helpdesk-requester-status";
import type { TicketStatus } from "../../../src/helpdesk/domain/model";
import { HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";
import { actionTypesOf, buttonsOf, validateHelpdeskCard } from "./helpdesk-helpers";

const view = (overrides: Partial<RequesterStatusView> = {}): RequesterStatusView => ({
  ticketId: "T-7F3K2Q",
  status: "open",
  statusText: "Open",
  subjectName: "Ben Expired",
  canWithdraw: true,
  ...overrides,
});
const render = (overrides: Partial<RequesterStatusView> = {}) => renderRequesterStatusCard(view(overrides));
const STATUSES: TicketStatus[] = ["open", "assigned", "resolved", "rejected", "withdrawn"];

describe("renderRequesterStatusCard", () => {
  for (const status of STATUSES) {
    it(`is a valid Adaptive Card 1.4 (${status})`, () => {
      assert.deepEqual(validateHelpdeskCard(render({ status })), []);
    });
    it(`leaves no unexpanded binding (${status})`, () => {
      assert.equal(JSON.stringify(render({ status })).includes("${"), false);
    });
  }

  it("shows whose request it is and its status", () => {
    assert.deepEqual(textsOf(render({ status: "assigned", statusText: "Assigned to Ana Agent" })).slice(0, 3), [
      "Helpdesk request T-7F3K2Q",
      "Your request for Ben Expired",
      "Assigned to Ana Agent",
    ]);
  });

  for (const status of ["open", "assigned"] as const) {
    it(`offers Withdraw my request with only the ticket id while ${status}`, () => {
      assert.deepEqual(buttonsOf(render({ status })), [{ title: "Withdraw my request", verb: "ticket_withdraw", data: { ticketId: "T-7F3K2Q" } }]);
    });
  }

  for (const status of ["resolved", "rejected", "withdrawn"] as const) {
    it(`has no button once ${status}, even if the caller allows withdrawing`, () => {
      assert.deepEqual(actionTypesOf(render({ status, canWithdraw: true })), []);
    });
  }

  it("has no button when the caller doesn't allow withdrawing", () => {
    assert.deepEqual(actionTypesOf(render({ canWithdraw: false })), []);
  });

  it("never promises a pass", () => {
    const all = STATUSES.flatMap((status) => textsOf(render({ status }))).join("\n");
    assert.doesNotMatch(all, /you will (get|receive)|will be issued|is on its way/i);
  });

  describe("untrusted text", () => {
    const hostile = () => render({ statusText: HOSTILE_TEXT, subjectName: HOSTILE_TEXT });

    it("can't add or change elements or actions", () => {
      assert.deepEqual(typesOf(hostile()), typesOf(render({ statusText: "x", subjectName: "y" })));
    });

    it("escapes markdown", () => {
      assert.deepEqual(markdownTextsOf(hostile()).filter((t) => /(?<!\\)[[\]*_]/.test(t)), []);
    });

    it("leaves no template binding", () => {
      assert.equal(JSON.stringify(hostile()).includes("${"), false);
    });
  });
});
