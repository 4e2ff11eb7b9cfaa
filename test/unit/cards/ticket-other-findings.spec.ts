// The ticket card names the findings besides the primary one once, on one line (issue 6, item 8).
import assert from "node:assert/strict";
import { otherFindingCodes, otherFindingsText } from "../../../src/cards/ticket-text";
import { renderTicketCard, toTicketCardView } from "../../../src/cards/ticket";
import type { FindingCode } from "../../../src/triage/findings";
import { textsOf } from "./card-helpers";
import { hhmm, sampleTicket } from "./helpdesk-helpers";

describe("ticket card: other findings", () => {
  describe("otherFindingCodes", () => {
    it("leaves out the primary code", () => {
      assert.deepEqual(otherFindingCodes("TAP_EXPIRED", ["TAP_EXPIRED", "CA_BLOCKED"], 8), ["CA_BLOCKED"]);
    });

    it("names a repeated code once, in first-seen order", () => {
      assert.deepEqual(otherFindingCodes("TAP_EXPIRED", ["CA_BLOCKED", "TAP_EXPIRED", "CA_BLOCKED", "RISKY_USER"], 8), ["CA_BLOCKED", "RISKY_USER"]);
    });

    it("drops blank codes", () => {
      assert.deepEqual(otherFindingCodes("TAP_EXPIRED", ["", "  ", "CA_BLOCKED"], 8), ["CA_BLOCKED"]);
    });

    it("keeps every code when no primary is recorded", () => {
      assert.deepEqual(otherFindingCodes(undefined, ["CA_BLOCKED", "CA_BLOCKED"], 8), ["CA_BLOCKED"]);
    });

    it("stops at the cap", () => {
      assert.deepEqual(otherFindingCodes(undefined, ["A", "B", "C"], 2), ["A", "B"]);
    });
  });

  describe("otherFindingsText", () => {
    it("joins the codes after one label", () => {
      assert.equal(otherFindingsText(["CA_BLOCKED", "RISKY_USER"]), "Also found: CA_BLOCKED, RISKY_USER");
    });

    it("is empty without codes", () => {
      assert.equal(otherFindingsText([]), "");
    });
  });

  describe("rendered", () => {
    const textsFor = (primary: FindingCode, codes: FindingCode[]): string[] => {
      const ticket = sampleTicket({ diagnosis: { primary, codes, evidence: [] } });
      return textsOf(renderTicketCard(toTicketCardView(ticket, { available: [], formatTime: hhmm })));
    };

    it("shows the label once and each other code once", () => {
      const texts = textsFor("TAP_EXPIRED", ["TAP_EXPIRED", "CA_BLOCKED", "CA_BLOCKED"]);
      const also = texts.filter((t) => t.includes("Also"));
      assert.deepEqual(also, ["Also found: CA_BLOCKED"]);
      assert.equal(texts.join(" | ").split("CA_BLOCKED").length - 1, 1, "CA_BLOCKED appears once on the whole card");
    });

    it("shows no Also line when the primary is the only finding", () => {
      assert.equal(textsFor("TAP_EXPIRED", ["TAP_EXPIRED"]).some((t) => t.includes("Also")), false);
    });
  });
});
