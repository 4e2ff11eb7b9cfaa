import assert from "node:assert/strict";
import { MAX_ATTENTION_LINES, MAX_CARD_CHARS, presentSetupCheck, renderSetupCheckCard, type SetupCheckCardView } from "../../../src/cards/setup-check";
import type { SetupLine, SetupStatus } from "../../../src/setup/facts";
import { HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";
import { validateHelpdeskCard } from "./helpdesk-helpers";

const line = (status: SetupStatus, title: string, patch: Partial<SetupLine> = {}): SetupLine => ({
  area: "bot_access",
  title,
  status,
  finding: `${title} finding.`,
  fix: status === "green" ? "" : `Fix ${title}.`,
  ...patch,
});

function view(lines: SetupLine[]): SetupCheckCardView {
  const counts = { green: 0, amber: 0, red: 0 };
  for (const l of lines) counts[l.status] += 1;
  return { checkedAtText: "Sat 28 Nov 2026, 12:00 UTC", overall: counts.red > 0 ? "red" : counts.amber > 0 ? "amber" : "green", counts, lines };
}

describe("renderSetupCheckCard", () => {
  const MIXED = [line("green", "People"), line("amber", "Who can use a pass", { area: "tap_targets" }), line("red", "Sign-in logs"), line("green", "Domains"), line("red", "Switch", { area: "tap_policy" })];

  for (const [name, lines] of [["all green", [line("green", "People")]], ["mixed", MIXED], ["empty", []]] as const) {
    it(`is a valid Adaptive Card with no unbound expression (${name})`, () => {
      const card = renderSetupCheckCard(view([...lines]));
      assert.deepEqual(validateHelpdeskCard(card), []);
      assert.equal(JSON.stringify(card).includes("${"), false);
    });
  }

  it("shows red lines before amber ones, then the green ones; each needing-attention line with its fix", () => {
    const texts = textsOf(renderSetupCheckCard(view(MIXED)));
    const order = ["Sign-in logs", "Switch", "Who can use a pass", "People", "Domains"].map((t) => texts.indexOf(t));
    assert.ok(order.every((i) => i >= 0), JSON.stringify(texts));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.ok(texts.includes("**Fix:** Fix Sign-in logs."));
    assert.equal(texts.filter((t) => t.startsWith("**Fix:**")).length, 3);
  });

  it("labels each line in words as well as colour, and names its section", () => {
    const texts = textsOf(renderSetupCheckCard(view(MIXED)));
    assert.deepEqual(texts.filter((t) => t === "Red" || t === "Amber"), ["Red", "Red", "Amber"]);
    assert.ok(texts.includes(" · Pass policy · "));
    assert.ok(texts.includes(" · The bot's access · "));
  });

  it("headline and counts follow the worst line", () => {
    const red = textsOf(renderSetupCheckCard(view(MIXED)));
    assert.match(red[1], /fix the red lines first/);
    assert.equal(red[2], "2 red · 1 amber · 2 green · checked Sat 28 Nov 2026, 12:00 UTC");
    assert.match(textsOf(renderSetupCheckCard(view([line("green", "People")])))[1], /Everything a pass needs is in place/);
    assert.equal(typesOf(renderSetupCheckCard(view([line("green", "People")]))).includes("TextRun"), true);
  });

  it("escapes directory text (a Conditional Access policy's name) so it can't add markup or bindings", () => {
    const card = renderSetupCheckCard(view([line("amber", HOSTILE_TEXT, { finding: `Blocks ${HOSTILE_TEXT}`, fix: HOSTILE_TEXT })]));
    assert.deepEqual(validateHelpdeskCard(card), []);
    for (const t of markdownTextsOf(card)) assert.doesNotMatch(t, /(^|[^\\])\[Click me\]|(^|[^\\])\*\*\[/);
    assert.equal(JSON.stringify(card).includes("${"), false);
    assert.equal(typesOf(card).includes("Action.OpenUrl"), false);
  });

  it(`shows at most ${MAX_ATTENTION_LINES} lines needing attention and counts the rest`, () => {
    const many = Array.from({ length: MAX_ATTENTION_LINES + 7 }, (_, i) => line("amber", `Policy ${i}`));
    const texts = textsOf(renderSetupCheckCard(view(many)));
    assert.equal(texts.filter((t) => t === "Amber").length, MAX_ATTENTION_LINES);
    assert.ok(texts.includes("…and 7 more that need attention. Fix the ones above and run the check again."));
  });

  it("stays under Teams' card size with many long lines, leaving greens out first", () => {
    const long = "x".repeat(2000);
    const lines = [...Array.from({ length: 30 }, (_, i) => line("red", `Red ${i} ${long}`, { finding: long, fix: long })), ...Array.from({ length: 30 }, (_, i) => line("green", `Green ${i}`, { finding: long }))];
    const card = renderSetupCheckCard(view(lines));
    assert.ok(JSON.stringify(card).length <= MAX_CARD_CHARS, String(JSON.stringify(card).length));
    assert.deepEqual(validateHelpdeskCard(card), []);
    const texts = textsOf(card);
    assert.ok(texts.some((t) => /^…and \d+ more that need attention/.test(t)));
    assert.ok(texts.includes("…and 30 more in order."));
  });

  it("presentSetupCheck shows the check's time in the helpdesk's zone", () => {
    const card = presentSetupCheck({ kind: "setup_check", checkedAt: "2026-11-28T12:00:00Z", overall: "green", counts: { green: 1, amber: 0, red: 0 }, lines: [line("green", "People")] }, { timeZone: "Europe/Berlin" });
    assert.match(textsOf(card)[2], /checked Sat 28 Nov 2026, 13:00 Europe\/Berlin$/);
  });
});
