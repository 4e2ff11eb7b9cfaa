import assert from "node:assert/strict";
import { renderSubjectNotificationCard, type SubjectNotificationView } from "../../../src/cards/helpdesk-subject-notification";
import { HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";
import { actionTypesOf, buttonsOf, validateHelpdeskCard } from "./helpdesk-helpers";

const view = (overrides: Partial<SubjectNotificationView> = {}): SubjectNotificationView => ({
  ticketId: "T-7F3K2Q",
  issuedByName: "Ana Agent",
  createdAtText: "28 Nov 2026, 13:10",
  validUntilText: "28 Nov 2026, 14:10",
  isUsableOnce: true,
  ...overrides,
});
const render = (overrides: Partial<SubjectNotificationView> = {}) => renderSubjectNotificationCard(view(overrides));
const facts = (overrides: Partial<SubjectNotificationView> = {}): unknown =>
  (render(overrides).body.find((e) => (e as { type?: string }).type === "FactSet") as { facts: unknown[] }).facts;

describe("renderSubjectNotificationCard", () => {
  for (const alreadyReported of [false, true]) {
    it(`is a valid Adaptive Card 1.4 (reported: ${alreadyReported})`, () => {
      assert.deepEqual(validateHelpdeskCard(render({ alreadyReported })), []);
    });
    it(`leaves no unexpanded binding (reported: ${alreadyReported})`, () => {
      assert.equal(JSON.stringify(render({ alreadyReported })).includes("${"), false);
    });
  }

  it("says who created the pass, when, until when and how often it works", () => {
    assert.deepEqual(facts(), [
      { title: "Created by", value: "Ana Agent (helpdesk)" },
      { title: "Created at", value: "28 Nov 2026, 13:10" },
      { title: "Valid until", value: "28 Nov 2026, 14:10" },
      { title: "Use", value: "One sign-in" },
    ]);
  });

  it("offers This wasn't me with only the ticket id", () => {
    assert.deepEqual(buttonsOf(render()), [{ title: "This wasn't me", verb: "tap_not_me", data: { ticketId: "T-7F3K2Q" } }]);
  });

  it("confirms security was notified after a report", () => {
    assert.ok(textsOf(render({ alreadyReported: true })).some((t) => t.startsWith("The security team has been notified")));
  });

  it("has no button after a report", () => {
    assert.deepEqual(actionTypesOf(render({ alreadyReported: true })), []);
  });

  describe("untrusted text", () => {
    const hostile = () => render({ issuedByName: HOSTILE_TEXT, createdAtText: HOSTILE_TEXT, validUntilText: HOSTILE_TEXT });

    it("can't add or change elements or actions", () => {
      assert.deepEqual(typesOf(hostile()), typesOf(render({ issuedByName: "x", createdAtText: "y", validUntilText: "z" })));
    });

    it("escapes markdown", () => {
      assert.deepEqual(markdownTextsOf(hostile()).filter((t) => /(?<!\\)[[\]*_]/.test(t)), []);
    });

    it("leaves no template binding", () => {
      assert.equal(JSON.stringify(hostile()).includes("${"), false);
    });
  });
});
