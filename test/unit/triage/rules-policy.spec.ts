import assert from "node:assert/strict";
import type { Rule } from "../../../src/triage/rule";
import { registrationMethodsDisabled, tapPolicyDisabled, tapUserNotInPolicy } from "../../../src/triage/rules";
import type { Snapshot } from "../../../src/triage/snapshot";
import { healthy, IDS, type SnapshotBuilder } from "../../support/snapshot-builder";

const fires = (rule: Rule, s: Snapshot): boolean => rule.evaluate(s).finding?.code === rule.code;
const DISABLED_BY_POLICY = { isUsable: false, usabilityReason: "DisabledByPolicy" } as const;

describe("rule TAP_POLICY_DISABLED", () => {
  it("fires when the tenant policy is disabled", () => {
    assert.equal(fires(tapPolicyDisabled, healthy().tapPolicy({ state: "disabled" }).build()), true);
  });

  it("fires without a pass too (a new one wouldn't work)", () => {
    assert.equal(fires(tapPolicyDisabled, healthy().noPass().tapPolicy({ state: "disabled" }).build()), true);
  });

  it("stays silent when the policy is enabled", () => {
    assert.equal(fires(tapPolicyDisabled, healthy().build()), false);
  });

  it("stays silent when the policy can't be read", () => {
    assert.equal(fires(tapPolicyDisabled, healthy().unreadable("tapPolicy", "no Policy.Read.AuthenticationMethod").build()), false);
  });
});

describe("rule TAP_USER_NOT_IN_POLICY", () => {
  const table: [string, (b: SnapshotBuilder) => SnapshotBuilder, boolean][] = [
    ["targeted by group", (b) => b, false],
    ["targeted by all_users", (b) => b.groups().tapPolicy({ includeTargets: [{ id: "all_users", targetType: "group" }] }), false],
    ["excluded by group (exclusion wins)", (b) => b.groups(IDS.tapUsers, IDS.tapExcluded).pass(DISABLED_BY_POLICY), true],
    ["not targeted", (b) => b.groups(IDS.otherGroup).pass(DISABLED_BY_POLICY), true],
    ["not targeted, no pass yet", (b) => b.groups(IDS.otherGroup).noPass(), true],
    ["membership unreadable and nothing else says blocked", (b) => b.unreadable("membership", "no GroupMember.Read.All"), false],
    ["policy unreadable but the pass reads DisabledByPolicy", (b) => b.unreadable("tapPolicy", "no permission").pass(DISABLED_BY_POLICY), true],
  ];
  for (const [name, setup, expected] of table) {
    it(name, () => {
      assert.equal(fires(tapUserNotInPolicy, setup(healthy()).build()), expected);
    });
  }

  it("says the person is excluded rather than not included", () => {
    const s = healthy().groups(IDS.tapUsers, IDS.tapExcluded).build();
    assert.match(tapUserNotInPolicy.evaluate(s).finding?.evidence[0]?.value ?? "", /excludes/);
  });

  it("leaves a DisabledByPolicy multi-use pass to TAP_MULTIUSE_NOT_ALLOWED", () => {
    const s = healthy().pass({ ...DISABLED_BY_POLICY, isUsableOnce: false }).build();
    assert.equal(fires(tapUserNotInPolicy, s), false);
  });

  it("leaves a DisabledByPolicy pass under a disabled policy to TAP_POLICY_DISABLED", () => {
    const s = healthy().tapPolicy({ state: "disabled" }).pass(DISABLED_BY_POLICY).build();
    assert.equal(fires(tapUserNotInPolicy, s), false);
  });

  it("explains DisabledByPolicy for a targeted person as a conflict (changes not applied yet)", () => {
    const s = healthy().pass(DISABLED_BY_POLICY).build();
    assert.match(tapUserNotInPolicy.evaluate(s).finding?.conflict ?? "", /may not have applied yet/);
  });
});

describe("rule REGISTRATION_METHODS_DISABLED", () => {
  it("stays silent when both methods are allowed", () => {
    assert.deepEqual(registrationMethodsDisabled.evaluate(healthy().build()), {});
  });

  it("fires when the person is excluded from both (kiosk staff)", () => {
    assert.equal(fires(registrationMethodsDisabled, healthy().groups(IDS.tapUsers, IDS.kioskStaff).build()), true);
  });

  it("fires when both are switched off", () => {
    const s = healthy().methodPolicy("Fido2", { state: "disabled" }).methodPolicy("MicrosoftAuthenticator", { state: "disabled" }).build();
    assert.equal(fires(registrationMethodsDisabled, s), true);
  });

  it("only notes it when one method is still available", () => {
    const outcome = registrationMethodsDisabled.evaluate(healthy().methodPolicy("Fido2", { state: "disabled" }).build());
    assert.deepEqual([outcome.finding, outcome.notes?.length], [undefined, 1]);
  });

  it("is a fails_later finding", () => {
    assert.equal(registrationMethodsDisabled.evaluate(healthy().groups(IDS.tapUsers, IDS.kioskStaff).build()).finding?.impact, "fails_later");
  });

  it("stays silent when the method policies can't be read", () => {
    assert.deepEqual(registrationMethodsDisabled.evaluate(healthy().unreadable("methodPolicies", "no permission").build()), {});
  });
});
