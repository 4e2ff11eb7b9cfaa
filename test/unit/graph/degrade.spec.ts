import assert from "node:assert/strict";
import { budgetBusy, degrade, describeFailure, toHelpdeskError } from "../../../src/graph/degrade";

const graphBody = (code: string, message: string) => ({ error: { code, message, innerError: { "request-id": "r" } } });
const DENIED = graphBody("Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
const NO_PREMIUM = graphBody("Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license");

describe("degrade", () => {
  describe("per-endpoint needs", () => {
    const cases: [Parameters<typeof degrade>[0], string][] = [
      ["signIns", "needs AuditLog.Read.All and Entra ID P1"],
      ["risk", "needs IdentityRiskyUser.Read.All and Entra ID P2"],
      ["caPolicies", "needs Policy.Read.All and Entra ID P1"],
      ["taps", "needs UserAuthMethod-TAP.Read.All or UserAuthenticationMethod.Read.All"],
      ["methods", "needs UserAuthenticationMethod.Read.All"],
      ["tapPolicy", "needs Policy.Read.AuthenticationMethod"],
      ["membership", "needs GroupMember.Read.All"],
      ["federation", "needs Domain.Read.All"],
    ];
    for (const [fact, needs] of cases) {
      it(`a denied ${fact} read says "${needs}"`, () => {
        const check = degrade(fact, { status: 403, body: DENIED });
        assert.equal(check.ok ? "" : check.reason.includes(needs), true);
      });
    }
  });

  it("says a missing permission is a permission problem", () => {
    assert.equal(describeFailure("signIns", { status: 403, body: DENIED }).kind, "permission");
  });

  it("says the documented non-premium error is a license problem", () => {
    assert.match(describeFailure("signIns", { status: 403, body: NO_PREMIUM }).reason, /license.*needs AuditLog\.Read\.All and Entra ID P1/);
  });

  it("recognises 'not licensed' wording as a license problem", () => {
    const body = graphBody("Forbidden", "Your tenant is not licensed for this feature. It requires Microsoft Entra ID P2.");
    assert.equal(describeFailure("risk", { status: 403, body }).kind, "license");
  });

  it("marks a 429 after retries as transient", () => {
    assert.deepEqual([describeFailure("risk", { status: 429, body: undefined }).kind, describeFailure("risk", { status: 429, body: undefined }).transient], ["throttled", true]);
  });

  it("calls no answer at all a timeout", () => {
    assert.equal(describeFailure("taps", { status: 0, body: undefined }).kind, "timeout");
  });

  it("calls a 504 a timeout", () => {
    assert.equal(describeFailure("taps", { status: 504, body: undefined }).kind, "timeout");
  });

  it("calls a 500 unavailable and transient", () => {
    const d = describeFailure("methods", { status: 500, body: undefined });
    assert.deepEqual([d.kind, d.transient], ["unavailable", true]);
  });

  it("keeps a permission failure non-transient (safe to cache)", () => {
    assert.equal(describeFailure("caPolicies", { status: 403, body: DENIED }).transient, false);
  });

  it("words a busy sign-in budget honestly", () => {
    const check = budgetBusy("signIns");
    assert.equal(check.ok ? "" : check.reason, "couldn't check sign-in logs right now: the tenant's sign-in log budget is busy — ask again in a minute");
  });

  describe("toHelpdeskError", () => {
    it("turns a 404 into USER_NOT_FOUND", () => {
      assert.equal(toHelpdeskError("user", { status: 404, body: undefined }).code, "USER_NOT_FOUND");
    });

    it("turns a 403 into GRAPH_FORBIDDEN naming the permission", () => {
      const e = toHelpdeskError("membership", { status: 403, body: DENIED });
      assert.deepEqual([e.code, e.safeMessage.includes("GroupMember.Read.All")], ["GRAPH_FORBIDDEN", true]);
    });

    it("turns a 429 into GRAPH_THROTTLED", () => {
      assert.equal(toHelpdeskError("user", { status: 429, body: undefined }).code, "GRAPH_THROTTLED");
    });

    it("keeps the request-id for support", () => {
      assert.equal(toHelpdeskError("user", { status: 503, body: undefined, requestId: "req-1" }).requestId, "req-1");
    });
  });
});
