import assert from "node:assert/strict";
import { renderRegisterMethodCard } from "../../../src/cards/register-method";
import { SECURITY_INFO_URL } from "../../../src/cards/render";
import { validateAdaptiveCard } from "../../support/adaptive-card-schema";
import { actionsOf, textsOf } from "./card-helpers";

describe("renderRegisterMethodCard", () => {
  for (const oneTimePass of [true, false, undefined]) {
    it(`is a valid Adaptive Card 1.4 (oneTimePass: ${String(oneTimePass)})`, () => {
      assert.deepEqual(validateAdaptiveCard(renderRegisterMethodCard({ oneTimePass })), []);
    });
    it(`leaves no unexpanded binding (oneTimePass: ${String(oneTimePass)})`, () => {
      assert.equal(JSON.stringify(renderRegisterMethodCard({ oneTimePass })).includes("${"), false);
    });
  }

  it("names Authenticator, passkey / security key and Windows Hello", () => {
    assert.match(textsOf(renderRegisterMethodCard()).join("\n"), /Microsoft Authenticator.*passkey or FIDO2 security key.*Windows Hello/s);
  });

  it("warns about the 10-minute window for a one-time pass", () => {
    assert.match(textsOf(renderRegisterMethodCard({ oneTimePass: true })).join("\n"), /one-time:\*\* finish adding the method within 10 minutes/);
  });

  it("mentions the 10-minute window when the pass type is unknown", () => {
    assert.match(textsOf(renderRegisterMethodCard()).join("\n"), /If your pass is one-time.*10 minutes/);
  });

  it("drops the 10-minute warning for a multi-use pass", () => {
    assert.doesNotMatch(textsOf(renderRegisterMethodCard({ oneTimePass: false })).join("\n"), /10 minutes/);
  });

  it("links My Security Info", () => {
    assert.deepEqual(actionsOf(renderRegisterMethodCard()).map((a) => a.url), [SECURITY_INFO_URL]);
  });
});
