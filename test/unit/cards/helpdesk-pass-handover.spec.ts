import assert from "node:assert/strict";
import { renderPassHandoverCard, type PassHandoverView } from "../../../src/cards/helpdesk-pass-handover";
import { HOSTILE_TEXT, textsOf, typesOf } from "./card-helpers";
import { PASS_VALUE, actionTypesOf, buttonsOf, validateHelpdeskCard } from "./helpdesk-helpers";

const view = (overrides: Partial<PassHandoverView> = {}): PassHandoverView => ({
  ticketId: "T-7F3K2Q",
  deliveryId: "dlv-1",
  subjectName: "Ben Expired",
  passValue: PASS_VALUE,
  validUntilText: "13:10",
  isUsableOnce: true,
  scrubAtText: "12:25",
  scrubbed: false,
  ...overrides,
});
const render = (overrides: Partial<PassHandoverView> = {}) => renderPassHandoverCard(view(overrides));
/** The value's characters as they might survive escaping or splitting, to look for any trace. */
const traces = (value: string): string[] => [value, value.slice(0, 5), value.slice(-5), value.replace(/[!+]/g, (c) => `\\${c}`)];

describe("renderPassHandoverCard", () => {
  for (const scrubbed of [false, true]) {
    it(`is a valid Adaptive Card 1.4 (scrubbed: ${scrubbed})`, () => {
      assert.deepEqual(validateHelpdeskCard(render({ scrubbed })), []);
    });
    it(`leaves no unexpanded binding (scrubbed: ${scrubbed})`, () => {
      assert.equal(JSON.stringify(render({ scrubbed })).includes("${"), false);
    });
  }

  describe("before the scrub", () => {
    it("shows the value exactly, in monospace text that isn't markdown", () => {
      const run = JSON.stringify(render()).match(/\{"type":"TextRun","text":"([^"]*)"[^}]*"fontType":"Monospace"/);
      assert.equal(run?.[1], PASS_VALUE);
    });

    it("shows a value with markdown and template characters as it is", () => {
      const value = "a*b_[c]${x}";
      assert.ok(JSON.stringify(render({ passValue: value })).includes(JSON.stringify(value)));
    });

    it("says how to hand it over: the number on record or in person", () => {
      assert.ok(textsOf(render()).includes("Read it to Ben Expired on the phone number on record (the one you called back), or give it in person."));
    });

    it("says never to paste it into a chat, channel or ticket", () => {
      assert.ok(textsOf(render()).some((t) => t.startsWith("Never paste it into a chat, a channel, an email or the ticket")));
    });

    it("gives a manager advice for handing it over themselves", () => {
      assert.ok(textsOf(render({ recipient: "manager" })).some((t) => t.startsWith("Give it to Ben Expired in person")));
    });

    it("says when the value will be removed", () => {
      assert.ok(textsOf(render()).includes("I remove the pass from this message at 12:25, or as soon as you press Handed over."));
    });

    it("offers Handed over with the ticket and delivery ids only", () => {
      assert.deepEqual(buttonsOf(render()), [{ title: "Handed over", verb: "tap_handed_over", data: { ticketId: "T-7F3K2Q", deliveryId: "dlv-1" } }]);
    });

    it("refuses to render without a value", () => {
      assert.throws(() => render({ passValue: undefined }), RangeError);
    });
  });

  describe("after the scrub", () => {
    it("says when the pass was removed", () => {
      assert.ok(textsOf(render({ scrubbed: true })).some((t) => t.startsWith("The pass was removed from this message at 12:25.")));
    });

    it("contains no trace of the value even when one is passed", () => {
      const json = JSON.stringify(render({ scrubbed: true, passValue: PASS_VALUE }));
      assert.deepEqual(traces(PASS_VALUE).filter((t) => json.includes(t)), []);
    });

    it("has no button", () => {
      assert.deepEqual(actionTypesOf(render({ scrubbed: true })), []);
    });

    it("has no monospace pass element", () => {
      assert.equal(JSON.stringify(render({ scrubbed: true })).includes("Monospace"), false);
    });
  });

  describe("untrusted text", () => {
    it("can't add or change elements or actions", () => {
      const hostile = render({ subjectName: HOSTILE_TEXT, validUntilText: HOSTILE_TEXT, scrubAtText: HOSTILE_TEXT });
      assert.deepEqual(typesOf(hostile), typesOf(render({ subjectName: "x", validUntilText: "y", scrubAtText: "z" })));
    });

    it("leaves no template binding", () => {
      assert.equal(JSON.stringify(render({ subjectName: HOSTILE_TEXT, scrubbed: true })).includes("${"), false);
    });
  });
});
