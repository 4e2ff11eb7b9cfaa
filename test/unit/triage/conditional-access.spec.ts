import assert from "node:assert/strict";
import {
  analyseGrant,
  caSubject,
  policyApplies,
  strengthAllowsPass,
  type Applicability,
} from "../../../src/triage/conditional-access";
import type { CaPolicy } from "../../../src/triage/snapshot";
import { caPolicy, healthy, IDS, STRENGTHS } from "../../support/snapshot-builder";

describe("triage/conditional-access", () => {
  describe("policyApplies", () => {
    const member = caSubject(healthy().groups(IDS.tapUsers, IDS.finance).build());
    const table: [string, CaPolicy, Applicability][] = [
      ["includes All users", caPolicy({ users: { includeUsers: ["All"] } }), "applies"],
      ["includes the user id", caPolicy({ users: { includeUsers: [IDS.user] } }), "applies"],
      ["includes a group the person is in", caPolicy({ users: { includeGroups: [IDS.finance] } }), "applies"],
      ["includes another group", caPolicy({ users: { includeGroups: [IDS.contractors] } }), "not_applicable"],
      ["excludes the user", caPolicy({ users: { includeUsers: ["All"], excludeUsers: [IDS.user] } }), "not_applicable"],
      ["excludes a group the person is in", caPolicy({ users: { includeUsers: ["All"], excludeGroups: [IDS.finance] } }), "not_applicable"],
      ["report-only", caPolicy({ state: "enabledForReportingButNotEnforced", users: { includeUsers: ["All"] } }), "not_applicable"],
      ["disabled", caPolicy({ state: "disabled", users: { includeUsers: ["All"] } }), "not_applicable"],
      ["targets one specific app", caPolicy({ users: { includeUsers: ["All"] }, applications: { includeApplications: ["app-123"] } }), "not_applicable"],
      ["targets Office365", caPolicy({ users: { includeUsers: ["All"] }, applications: { includeApplications: ["Office365"] } }), "applies"],
      [
        "targets Register security information",
        caPolicy({ users: { includeUsers: ["All"] }, applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] } }),
        "applies",
      ],
      ["legacy clients only", caPolicy({ users: { includeUsers: ["All"] }, clientAppTypes: ["exchangeActiveSync", "other"] }), "not_applicable"],
      ["user-risk gated (left to the risk rule)", caPolicy({ users: { includeUsers: ["All"] }, userRiskLevels: ["high"] }), "not_applicable"],
      ["platform-scoped, device unknown", caPolicy({ users: { includeUsers: ["All"] }, platforms: { includePlatforms: ["android"], excludePlatforms: [] } }), "depends_on_device"],
      ["includes a role the person lacks", caPolicy({ users: { includeRoles: ["role-x"] } }), "not_applicable"],
      ["includes guests, person is a member", caPolicy({ users: { includeUsers: ["GuestsOrExternalUsers"] } }), "not_applicable"],
    ];
    for (const [name, policy, expected] of table) {
      it(`${name} → ${expected}`, () => {
        assert.equal(policyApplies(policy, member), expected);
      });
    }

    it("applies a guest policy to an external guest", () => {
      const guest = caSubject(healthy().user({ userType: "Guest", creationType: "Invitation", externalUserState: "Accepted" }).build());
      const policy = caPolicy({ users: { includeGuestsOrExternalUsers: "b2bCollaborationGuest,internalGuest" } });
      assert.equal(policyApplies(policy, guest), "applies");
    });

    it("applies an internal-guest policy to an internal guest", () => {
      const guest = caSubject(healthy().user({ userType: "Guest" }).build());
      const policy = caPolicy({ users: { includeGuestsOrExternalUsers: "internalGuest" } });
      assert.equal(policyApplies(policy, guest), "applies");
    });

    it("is unknown when membership can't be read and a group decides", () => {
      const who = caSubject(healthy().unreadable("membership", "no GroupMember.Read.All").build());
      assert.equal(policyApplies(caPolicy({ users: { includeGroups: [IDS.finance] } }), who), "unknown");
    });

    it("matches the platform once the device is known", () => {
      const who = caSubject(healthy().answers({ device: "android" }).build());
      const policy = caPolicy({ users: { includeUsers: ["All"] }, platforms: { includePlatforms: ["android"], excludePlatforms: [] } });
      assert.equal(policyApplies(policy, who), "applies");
    });
  });

  describe("analyseGrant", () => {
    const s = healthy().build();
    it("sees a block", () => {
      assert.equal(analyseGrant(s, caPolicy({ grant: { operator: "OR", builtInControls: ["block"] } }), "temporaryAccessPassOneTime").block, true);
    });

    it("keeps a device control when it's the only one", () => {
      const grant = analyseGrant(s, caPolicy({ grant: { operator: "OR", builtInControls: ["compliantDevice"] } }), "temporaryAccessPassOneTime");
      assert.deepEqual(grant.deviceControls, ["compliantDevice"]);
    });

    it("drops a device control when mfa is an OR alternative", () => {
      const grant = analyseGrant(s, caPolicy({ grant: { operator: "OR", builtInControls: ["compliantDevice", "mfa"] } }), "temporaryAccessPassOneTime");
      assert.deepEqual(grant.deviceControls, []);
    });

    it("keeps a device control when mfa is required AND", () => {
      const grant = analyseGrant(s, caPolicy({ grant: { operator: "AND", builtInControls: ["compliantDevice", "mfa"] } }), "temporaryAccessPassOneTime");
      assert.deepEqual(grant.deviceControls, ["compliantDevice"]);
    });

    it("resolves a built-in strength even when the strength list is unreadable", () => {
      const blind = healthy().unreadable("strengths", "no Policy.Read.All").build();
      const grant = analyseGrant(
        blind,
        caPolicy({ grant: { operator: "OR", builtInControls: [], authenticationStrengthId: STRENGTHS.phishingResistant.id } }),
        "temporaryAccessPassOneTime",
      );
      assert.equal(grant.strengthWithoutPass?.displayName, "Phishing-resistant MFA");
    });

    it("reports a custom strength it can't resolve", () => {
      const blind = healthy().unreadable("strengths", "no Policy.Read.All").build();
      const grant = analyseGrant(blind, caPolicy({ grant: { operator: "OR", builtInControls: [], authenticationStrengthId: "custom-1" } }), undefined);
      assert.equal(grant.unknownStrengthId, "custom-1");
    });
  });

  describe("strengthAllowsPass", () => {
    const oneTimeOnly = { id: "c1", displayName: "Bootstrap", allowedCombinations: ["temporaryAccessPassOneTime"] };
    it("accepts a one-time pass in a one-time strength", () => {
      assert.equal(strengthAllowsPass(oneTimeOnly, "temporaryAccessPassOneTime"), true);
    });
    it("rejects a multi-use pass in a one-time strength", () => {
      assert.equal(strengthAllowsPass(oneTimeOnly, "temporaryAccessPassMultiUse"), false);
    });
    it("accepts either kind when there's no pass yet", () => {
      assert.equal(strengthAllowsPass(oneTimeOnly, undefined), true);
    });
    it("rejects any pass in Phishing-resistant MFA", () => {
      assert.equal(strengthAllowsPass(STRENGTHS.phishingResistant, undefined), false);
    });
  });
});
