import assert from "node:assert/strict";
import { renderRequestRecordedCard, type RequestRecordedView } from "../../../src/cards/request-recorded";
import { validateAdaptiveCard } from "../../support/adaptive-card-schema";
import { HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";

const view = (overrides: Partial<RequestRecordedView> = {}): RequestRecordedView => ({
  requestId: "REQ-tri-42-N",
  kind: "new_pass",
  subjectName: "Ben Expired",
  primaryCode: "TAP_EXPIRED",
  helpdeskConnected: true,
  ...overrides,
});
const text = (v: RequestRecordedView): string => textsOf(renderRequestRecordedCard(v)).join("\n");

describe("renderRequestRecordedCard", () => {
  for (const kind of ["new_pass", "still_broken", "contact_security"] as const) {
    for (const helpdeskConnected of [true, false]) {
      it(`is a valid Adaptive Card 1.4 (${kind}, connected: ${helpdeskConnected})`, () => {
        assert.deepEqual(validateAdaptiveCard(renderRequestRecordedCard(view({ kind, helpdeskConnected }))), []);
      });
      it(`never promises a pass (${kind}, connected: ${helpdeskConnected})`, () => {
        assert.doesNotMatch(text(view({ kind, helpdeskConnected })), /you will (get|receive)|will be issued|is on its way/i);
      });
    }
  }

  it("leads with the request reference", () => {
    assert.equal(textsOf(renderRequestRecordedCard(view()))[0], "Reference: REQ-tri-42-N");
  });

  it("records the diagnosis code", () => {
    assert.equal(textsOf(renderRequestRecordedCard(view()))[1], "Diagnosis: TAP_EXPIRED");
  });

  it("says a person decides, not the bot, when the helpdesk is connected", () => {
    assert.match(text(view()), /An agent decides what the right fix is.*not issued automatically/);
  });

  it("says nobody was notified when the helpdesk isn't connected", () => {
    assert.match(text(view({ helpdeskConnected: false })), /isn't connected to me yet, so nobody has been notified/);
  });

  it("asks the person to quote the reference when the helpdesk isn't connected", () => {
    assert.match(text(view({ helpdeskConnected: false })), /contact your helpdesk directly and quote reference REQ-tri-42-N/);
  });

  it("says who the request is for", () => {
    assert.match(text(view()), /I recorded this for Ben Expired with reference REQ-tri-42-N/);
  });

  it("can't be reshaped by hostile text", () => {
    const hostile = renderRequestRecordedCard(view({ subjectName: HOSTILE_TEXT, requestId: HOSTILE_TEXT }));
    assert.deepEqual(typesOf(hostile), typesOf(renderRequestRecordedCard(view())));
  });

  it("escapes hostile text", () => {
    const hostile = renderRequestRecordedCard(view({ subjectName: HOSTILE_TEXT, requestId: HOSTILE_TEXT, helpdeskConnected: false }));
    assert.deepEqual([markdownTextsOf(hostile).filter((t) => /(?<!\\)[[\]*_]/.test(t)), JSON.stringify(hostile).includes("${")], [[], false]);
  });
});
