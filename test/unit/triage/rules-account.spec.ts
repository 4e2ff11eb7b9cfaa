import assert from "node:assert/strict";
import { diagnose } from "../../../src/triage/diagnose";
import type { Rule } from "../../../src/triage/rule";
import { accountDisabled, externalGuest, userAtRisk } from "../../../src/triage/rules";
import type { RiskInfo, Snapshot, SubjectUser } from "../../../src/triage/snapshot";
import { caPolicy, healthy, signIn } from "../../support/snapshot-builder";

const fires = (rule: Rule, s: Snapshot): boolean => rule.evaluate(s).finding?.code === rule.code;

describe("rule ACCOUNT_DISABLED", () => {
  it("fires when accountEnabled is false", () => {
    assert.equal(fires(accountDisabled, healthy().user({ accountEnabled: false }).build()), true);
  });

  it("stays silent for an enabled account with a clean log", () => {
    assert.equal(fires(accountDisabled, healthy().build()), false);
  });

  it("fires on a recent 50057 with a conflict when the account now reads enabled", () => {
    const outcome = accountDisabled.evaluate(healthy().signIns(signIn(5, { errorCode: 50057 })).build());
    assert.match(outcome.finding?.conflict ?? "", /re-enabled/);
  });

  it("counts a pasted 50057 like a logged one", () => {
    assert.equal(fires(accountDisabled, healthy().answers({ errorCodes: [50057] }).build()), true);
  });

  it("ignores a 50057 followed by a successful sign-in", () => {
    const s = healthy().signIns(signIn(30, { errorCode: 50057 }), signIn(10, { errorCode: 0 })).build();
    assert.equal(fires(accountDisabled, s), false);
  });

  it("never offers a new pass", () => {
    const actions = accountDisabled.evaluate(healthy().user({ accountEnabled: false }).build()).finding?.actions ?? [];
    assert.equal(actions.includes("new_pass"), false);
  });

  it("outranks an expired pass", () => {
    const s = healthy().user({ accountEnabled: false }).passTimes(180, 60).build();
    assert.deepEqual(diagnose(s).findings.map((f) => f.code), ["ACCOUNT_DISABLED", "TAP_EXPIRED"]);
  });
});

describe("rule USER_AT_RISK", () => {
  const risk = (level: string, state: string): RiskInfo => ({ level, state });
  const table: [string, RiskInfo | null, boolean][] = [
    ["no risk record", null, false],
    ["risk none", risk("none", "none"), false],
    ["risk low", risk("low", "atRisk"), false],
    ["risk medium, at risk", risk("medium", "atRisk"), true],
    ["risk medium, dismissed", risk("medium", "dismissed"), false],
    ["risk high, at risk", risk("high", "atRisk"), true],
    ["risk high, remediated", risk("high", "remediated"), false],
    ["confirmed compromised", risk("low", "confirmedCompromised"), true],
  ];
  for (const [name, info, expected] of table) {
    it(name, () => {
      assert.equal(fires(userAtRisk, healthy().risk(info).build()), expected);
    });
  }

  it("fires on a 53004 sign-in", () => {
    assert.equal(fires(userAtRisk, healthy().signIns(signIn(5, { errorCode: 53004 })).build()), true);
  });

  it("fires on a pasted 53011", () => {
    assert.equal(fires(userAtRisk, healthy().answers({ errorCodes: [53011] }).build()), true);
  });

  it("fires when a user-risk policy covers the person's level", () => {
    const s = healthy()
      .risk(risk("low", "atRisk"))
      .caPolicies(caPolicy({ users: { includeUsers: ["All"] }, userRiskLevels: ["low"], grant: { operator: "OR", builtInControls: ["block"] } }))
      .build();
    const values = userAtRisk.evaluate(s).finding?.evidence.map((e) => e.label) ?? [];
    assert.ok(values.includes("User-risk policy"));
  });

  it("routes to security only", () => {
    assert.deepEqual(userAtRisk.evaluate(healthy().risk(risk("high", "atRisk")).build()).finding?.actions, ["contact_security"]);
  });

  it("stays silent when risk can't be read (no P2)", () => {
    assert.equal(fires(userAtRisk, healthy().unreadable("risk", "needs Entra ID P2").build()), false);
  });
});

describe("rule EXTERNAL_GUEST", () => {
  const table: [string, Partial<SubjectUser>, boolean][] = [
    ["member", { userType: "Member" }, false],
    ["internal guest", { userType: "Guest" }, false],
    ["invited guest", { userType: "Guest", creationType: "Invitation" }, true],
    ["guest with an external state", { userType: "Guest", externalUserState: "Accepted" }, true],
    ["invited member (B2B member) is not a guest", { userType: "Member", creationType: "Invitation" }, false],
  ];
  for (const [name, patch, expected] of table) {
    it(name, () => {
      assert.equal(fires(externalGuest, healthy().user(patch).build()), expected);
    });
  }

  it("explains the home-tenant path and cross-tenant MFA trust", () => {
    const finding = externalGuest.evaluate(healthy().user({ userType: "Guest", creationType: "Invitation" }).build()).finding;
    assert.match(finding?.agentNotes.join(" ") ?? "", /cross-tenant access settings trust MFA/);
  });

  it("asks a pending guest to accept the invitation first", () => {
    const finding = externalGuest.evaluate(healthy().user({ userType: "Guest", externalUserState: "PendingAcceptance" }).build()).finding;
    assert.match(finding?.userSteps[0] ?? "", /Accept the invitation/);
  });
});
