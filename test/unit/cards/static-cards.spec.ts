import assert from "node:assert/strict";
import type { AdaptiveCard } from "../../../src/cards/render";
import { renderHelpCard, renderWelcomeCard, renderWhatIsTapCard } from "../../../src/cards/static-cards";
import { classifyMessage } from "../../../src/conversation/intent";
import { validateAdaptiveCard } from "../../support/adaptive-card-schema";
import { actionsOf, HOSTILE_TEXT, textsOf, typesOf } from "./card-helpers";

const joined = (card: AdaptiveCard): string => textsOf(card).join("\n");

describe("static cards", () => {
  const cards: [string, () => AdaptiveCard][] = [
    ["welcome", () => renderWelcomeCard()],
    ["welcome with a name", () => renderWelcomeCard({ personName: "Adele Vance" })],
    ["help", () => renderHelpCard()],
    ["help without the check command", () => renderHelpCard({ showCheck: false })],
    ["what is a TAP", () => renderWhatIsTapCard()],
    ["what is a TAP with the tenant lifetime", () => renderWhatIsTapCard({ defaultLifetimeText: "1 hour" })],
  ];
  for (const [name, make] of cards) {
    it(`is a valid Adaptive Card 1.4 (${name})`, () => {
      assert.deepEqual(validateAdaptiveCard(make()), []);
    });
    it(`leaves no unexpanded binding (${name})`, () => {
      assert.equal(JSON.stringify(make()).includes("${"), false);
    });
  }

  describe("welcome", () => {
    it("greets the person by name", () => {
      assert.equal(textsOf(renderWelcomeCard({ personName: "Adele Vance" }))[0], "Hi Adele Vance, I'm TAP Helpdesk");
    });

    it("suggests three things to type", () => {
      const list = textsOf(renderWelcomeCard()).find((t) => t.startsWith("- "));
      assert.equal(list?.split("\n").length, 3);
    });

    it("promises never to ask for a password or a pass", () => {
      assert.match(joined(renderWelcomeCard()), /never ask for your password or your pass/);
    });

    it("says it reads sign-in state from the directory", () => {
      assert.match(joined(renderWelcomeCard()), /read your sign-in state from the company directory/);
    });

    it("has buttons whose text the classifier understands", () => {
      const kinds = actionsOf(renderWelcomeCard()).map((a) => classifyMessage(String((a.data?.msteams as { value: string }).value)).kind);
      assert.deepEqual(kinds, ["tap_problem", "what_is_tap"]);
    });

    it("can't be reshaped by a hostile name", () => {
      assert.deepEqual(typesOf(renderWelcomeCard({ personName: HOSTILE_TEXT })), typesOf(renderWelcomeCard({ personName: "Adele" })));
    });
  });

  describe("help", () => {
    it("lists the commands", () => {
      const text = joined(renderHelpCard());
      assert.deepEqual(
        ["Describe the problem", "**check** _name or email_", "what is a TAP?", "start over"].filter((c) => !text.includes(c)),
        [],
      );
    });

    it("says who the check command is for", () => {
      assert.match(joined(renderHelpCard()), /helpdesk agents and managers/);
    });

    it("can hide the check command", () => {
      assert.doesNotMatch(joined(renderHelpCard({ showCheck: false })), /\*\*check\*\*/);
    });
  });

  describe("what is a TAP", () => {
    it("explains one-time and multi-use passes", () => {
      assert.match(joined(renderWhatIsTapCard()), /one-time pass.*multi-use pass/s);
    });

    it("names the methods a pass is for", () => {
      assert.match(joined(renderWhatIsTapCard()), /Microsoft Authenticator, a passkey or security key, or Windows Hello/);
    });

    it("says never to share it", () => {
      assert.match(joined(renderWhatIsTapCard()), /don't share or forward it/);
    });

    it("gives the documented lifetime range by default", () => {
      assert.match(joined(renderWhatIsTapCard()), /10 minutes to 30 days/);
    });

    it("uses the tenant's default lifetime when known", () => {
      assert.match(joined(renderWhatIsTapCard({ defaultLifetimeText: "8 hours" })), /lasts 8 hours/);
    });
  });
});
