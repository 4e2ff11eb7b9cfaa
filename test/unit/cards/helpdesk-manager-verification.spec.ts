import assert from "node:assert/strict";
import { renderManagerVerificationCard, type ManagerVerificationView } from "../../../src/cards/helpdesk-manager-verification";
import { HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";
import { actionTypesOf, buttonsOf, validateHelpdeskCard } from "./helpdesk-helpers";

const view = (overrides: Partial<ManagerVerificationView> = {}): ManagerVerificationView => ({
  ticketId: "T-7F3K2Q",
  subjectName: "Ben Expired",
  agentName: "Ana Agent",
  requestedAtText: "12:05",
  state: "pending",
  ...overrides,
});
const render = (overrides: Partial<ManagerVerificationView> = {}) => renderManagerVerificationCard(view(overrides));

describe("renderManagerVerificationCard", () => {
  for (const state of ["pending", "confirmed", "denied", "expired"] as const) {
    it(`is a valid Adaptive Card 1.4 (${state})`, () => {
      assert.deepEqual(validateHelpdeskCard(render({ state })), []);
    });
    it(`leaves no unexpanded binding (${state})`, () => {
      assert.equal(JSON.stringify(render({ state })).includes("${"), false);
    });
  }

  it("asks whether the subject asked just now", () => {
    assert.equal(textsOf(render())[1], "Did Ben Expired ask for a new Temporary Access Pass just now?");
  });

  it("says which agent asked and when", () => {
    assert.match(textsOf(render())[2] ?? "", /^Ana Agent from the helpdesk asked at 12:05\./);
  });

  it("offers Yes and No with only the ticket id", () => {
    assert.deepEqual(buttonsOf(render()), [
      { title: "Yes, they asked me", verb: "verify_confirm", data: { ticketId: "T-7F3K2Q" } },
      { title: "No", verb: "verify_deny", data: { ticketId: "T-7F3K2Q" } },
    ]);
  });

  const recorded: [ManagerVerificationView["state"], RegExp][] = [
    ["confirmed", /^You confirmed that Ben Expired asked/],
    ["denied", /^You said Ben Expired didn't ask/],
    ["expired", /^This question expired/],
  ];
  for (const [state, text] of recorded) {
    it(`says what was recorded once ${state}`, () => {
      assert.ok(textsOf(render({ state })).some((t) => text.test(t)));
    });
    it(`has no buttons once ${state}`, () => {
      assert.deepEqual(actionTypesOf(render({ state })), []);
    });
  }

  describe("untrusted text", () => {
    const hostile = () => render({ subjectName: HOSTILE_TEXT, agentName: HOSTILE_TEXT, requestedAtText: HOSTILE_TEXT });

    it("can't add or change elements or actions", () => {
      assert.deepEqual(typesOf(hostile()), typesOf(render({ subjectName: "x", agentName: "y", requestedAtText: "z" })));
    });

    it("leaves no template binding", () => {
      assert.equal(JSON.stringify(hostile()).includes("${"), false);
    });

    it("escapes markdown", () => {
      assert.deepEqual(markdownTextsOf(hostile()).filter((t) => /(?<!\\)[[\]*_]/.test(t)), []);
    });
  });
});
