import assert from "node:assert/strict";
import { extractErrorCodes, normalizeText } from "../../../src/conversation/intent";

describe("normalizeText", () => {
  const cases: [string, string, string][] = [
    ["strips a Teams mention", "<at>TAP Helpdesk</at> my pass", "my pass"],
    ["strips paragraph tags", "<p>my pass</p><p>is expired</p>", "my pass is expired"],
    ["decodes entities", "doesn&#39;t&nbsp;work &amp; more", "doesnt work & more"],
    ["folds accents and case", "Mein Temporärer Zugriffspass", "mein temporarer zugriffspass"],
    ["joins n't", "can’t sign in", "cant sign in"],
    ["collapses whitespace", "  a \n\t b  ", "a b"],
    ["removes zero-width characters", "pa\u200Bss", "pass"],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.equal(normalizeText(input), expected);
    });
  }

  it("reads at most 4,000 characters", () => {
    assert.equal(normalizeText("a".repeat(10_000)).length, 4000);
  });
});

describe("extractErrorCodes", () => {
  const cases: [string, number[]][] = [
    ["AADSTS130504: Your Temporary Access Pass has expired.", [130504]],
    ["AADSTS 50076", [50076]],
    ["error 53003", [53003]],
    ["Error code: 50057", [50057]],
    ["code 500121", [500121]],
    ["Code d'erreur : 53000", [53000]],
    ["error #130507", [130507]],
    ["it happened at 12345 Main Street", []],
    ["error 1234567", []],
    ["AADSTS1234567", []],
    ["phone 0123456789", []],
    ["AADSTS50076 then error 50076", [50076]],
  ];
  for (const [text, codes] of cases) {
    it(`finds ${JSON.stringify(codes)} in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(extractErrorCodes(text), codes);
    });
  }

  it("keeps at most ten codes", () => {
    const text = Array.from({ length: 20 }, (_, i) => `AADSTS${50000 + i}`).join(" ");
    assert.equal(extractErrorCodes(text).length, 10);
  });
});
