import assert from "node:assert/strict";
import { codeText, compileTemplate, escapeMarkdown, expandCard, plainText } from "../../../src/cards/render";

describe("escapeMarkdown", () => {
  const cases: [string, string, string][] = [
    ["plain text", "Ben Expired", "Ben Expired"],
    ["an email", "ben.expired@northwind-demo.example", "ben.expired@northwind-demo.example"],
    ["emphasis", "**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"],
    ["a link", "[x](https://evil.example)", "\\[x\\](https://evil.example)"],
    ["a backslash", "a\\b", "a\\\\b"],
    ["a template binding", "${triageId}", "$\\{triageId}"],
    ["a leading list marker", "- item", "\\- item"],
    ["a leading number", "1. item", "1\\. item"],
    ["a leading heading", "# title", "\\# title"],
    ["line breaks", "one\ntwo\r\n- three", "one two - three"],
    ["HTML, which cards never render", "<b>hi</b>", "<b>hi</b>"],
  ];
  for (const [name, input, expected] of cases) {
    it(`escapes ${name}`, () => {
      assert.equal(escapeMarkdown(input), expected);
    });
  }

  it("cuts long text with an ellipsis", () => {
    assert.equal(escapeMarkdown("x".repeat(50), 10), `${"x".repeat(9)}…`);
  });
});

describe("plainText", () => {
  it("keeps markdown characters as they are", () => {
    assert.equal(plainText("**a** [b](c)"), "**a** [b](c)");
  });

  it("breaks a template binding invisibly", () => {
    assert.equal(plainText("${x}"), "$\u200B{x}");
  });
});

describe("codeText", () => {
  it("passes a finding code through", () => {
    assert.equal(codeText("TAP_NOT_YET_VALID"), "TAP_NOT_YET_VALID");
  });

  it("treats anything else as untrusted text", () => {
    assert.equal(codeText("${x}\nY"), "$\u200B{x} Y");
  });
});

describe("expandCard", () => {
  it("binds data into a template", () => {
    const card = expandCard(compileTemplate({ type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text: "${name}" }] }), { name: "A" });
    assert.deepEqual(card.body, [{ type: "TextBlock", text: "A" }]);
  });

  it("throws when a binding has no data (a template bug)", () => {
    const template = compileTemplate({ type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text: "${missing}" }] });
    assert.throws(() => expandCard(template, {}), /unbound expression/);
  });

  it("throws when the template is not a card", () => {
    assert.throws(() => expandCard(compileTemplate({ type: "Other" }), {}), /did not expand to an AdaptiveCard/);
  });
});
