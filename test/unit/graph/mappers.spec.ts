import assert from "node:assert/strict";
import type * as MSGraph from "@microsoft/microsoft-graph-types";
import {
  findTapConfig,
  toAuthStrength,
  toCaPolicy,
  toDate,
  toDomainFederation,
  toMembership,
  toMethodKind,
  toMethodPolicies,
  toRegisteredMethod,
  toRiskInfo,
  toSignInEvent,
  toSubjectUser,
  toTapInfo,
  toTapPolicy,
  upnDomain,
} from "../../../src/graph/mappers";

describe("mappers", () => {
  describe("toDate", () => {
    it("parses an ISO 8601 string with fractional seconds", () => {
      assert.equal(toDate("2022-06-02T16:21:09.765173Z")?.toISOString(), "2022-06-02T16:21:09.765Z");
    });

    it("returns undefined for null", () => {
      assert.equal(toDate(null), undefined);
    });

    it("returns undefined for an unreadable date", () => {
      assert.equal(toDate("yesterday"), undefined);
    });
  });

  describe("toSubjectUser", () => {
    it("maps a B2B guest's properties", () => {
      const user = toSubjectUser({
        id: "u1",
        displayName: "Gita Guest",
        userPrincipalName: "gita_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        accountEnabled: true,
        userType: "Guest",
        externalUserState: "Accepted",
        creationType: "Invitation",
        businessPhones: [],
      });
      assert.deepEqual(
        { userType: user.userType, externalUserState: user.externalUserState, creationType: user.creationType },
        { userType: "Guest", externalUserState: "Accepted", creationType: "Invitation" },
      );
    });

    it("keeps accountEnabled false", () => {
      assert.equal(toSubjectUser({ id: "u1", accountEnabled: false }).accountEnabled, false);
    });

    it("turns null optional properties into undefined", () => {
      const user = toSubjectUser({ id: "u1", mail: null, jobTitle: null, onPremisesSyncEnabled: null });
      assert.deepEqual([user.mail, user.jobTitle, user.onPremisesSyncEnabled], [undefined, undefined, undefined]);
    });

    it("defaults businessPhones to an empty list", () => {
      assert.deepEqual(toSubjectUser({ id: "u1" }).businessPhones, []);
    });
  });

  describe("toTapInfo", () => {
    const listed = {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
      id: "t1",
      temporaryAccessPass: null,
      createdDateTime: "2022-06-02T16:21:09.765173Z",
      startDateTime: "2022-06-05T00:00:00Z",
      lifetimeInMinutes: 60,
      isUsableOnce: false,
      isUsable: false,
      methodUsabilityReason: "NotYetValid",
    };

    it("maps the documented example", () => {
      assert.deepEqual(toTapInfo(listed), {
        id: "t1",
        createdAt: new Date("2022-06-02T16:21:09.765Z"),
        startsAt: new Date("2022-06-05T00:00:00Z"),
        lifetimeInMinutes: 60,
        isUsableOnce: false,
        isUsable: false,
        usabilityReason: "NotYetValid",
      });
    });

    it("starts a pass without startDateTime at its creation", () => {
      assert.equal(toTapInfo({ ...listed, startDateTime: null }).startsAt.toISOString(), "2022-06-02T16:21:09.765Z");
    });

    it("keeps an undocumented usability reason as a string", () => {
      assert.equal(toTapInfo({ ...listed, methodUsabilityReason: "SomethingNew" }).usabilityReason, "SomethingNew");
    });
  });

  describe("toMethodKind", () => {
    const cases: [string | undefined, string][] = [
      ["#microsoft.graph.passwordAuthenticationMethod", "password"],
      ["#microsoft.graph.fido2AuthenticationMethod", "fido2"],
      ["#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", "microsoftAuthenticator"],
      ["#microsoft.graph.windowsHelloForBusinessAuthenticationMethod", "windowsHelloForBusiness"],
      ["#microsoft.graph.platformCredentialAuthenticationMethod", "platformCredential"],
      ["#microsoft.graph.phoneAuthenticationMethod", "phone"],
      ["#microsoft.graph.emailAuthenticationMethod", "email"],
      ["#microsoft.graph.softwareOathAuthenticationMethod", "softwareOath"],
      ["#microsoft.graph.temporaryAccessPassAuthenticationMethod", "temporaryAccessPass"],
      ["#microsoft.graph.hardwareOathAuthenticationMethod", "other"],
      [undefined, "other"],
    ];
    for (const [odataType, kind] of cases) {
      it(`${String(odataType)} → ${kind}`, () => {
        assert.equal(toMethodKind(odataType), kind);
      });
    }
  });

  describe("toRegisteredMethod", () => {
    it("keeps the display name and creation time of a FIDO2 key", () => {
      const m = toRegisteredMethod({ "@odata.type": "#microsoft.graph.fido2AuthenticationMethod", id: "f1", displayName: "YubiKey 5", createdDateTime: "2026-01-01T00:00:00Z" });
      assert.deepEqual(m, { kind: "fido2", id: "f1", displayName: "YubiKey 5", createdAt: new Date("2026-01-01T00:00:00Z") });
    });
  });

  describe("toMembership", () => {
    const items = [
      { "@odata.type": "#microsoft.graph.group", id: "g1", displayName: "TAP users" },
      { "@odata.type": "#microsoft.graph.directoryRole", id: "role-instance-1", displayName: "Helpdesk Administrator", roleTemplateId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" },
      { "@odata.type": "#microsoft.graph.administrativeUnit", id: "au1" },
      { "@odata.type": "#microsoft.graph.group", id: "g1" },
    ];

    it("collects group ids once each", () => {
      assert.deepEqual(toMembership(items).groupIds, ["g1"]);
    });

    it("collects directory roles by template id, not instance id", () => {
      assert.deepEqual(toMembership(items).roleTemplateIds, ["729827e3-9c14-49f7-bb1b-9608f156bbb8"]);
    });
  });

  describe("toSignInEvent", () => {
    const signIn = {
      id: "s1",
      createdDateTime: "2026-11-28T11:00:00Z",
      appDisplayName: "My Signins",
      status: { errorCode: 53003, failureReason: "Blocked by Conditional Access", additionalDetails: null },
      conditionalAccessStatus: "failure" as const,
      appliedConditionalAccessPolicies: [{ id: "p1", displayName: "Require compliant device", result: "failure" as const, enforcedGrantControls: ["compliantDevice"] }],
      deviceDetail: { operatingSystem: "Windows10", browser: "Edge 120", isCompliant: false, isManaged: null, trustType: "" },
      clientAppUsed: "Browser",
    };

    it("maps the error code and CA result", () => {
      const e = toSignInEvent(signIn);
      assert.deepEqual([e.errorCode, e.failureReason, e.conditionalAccessStatus], [53003, "Blocked by Conditional Access", "failure"]);
    });

    it("maps applied policies", () => {
      assert.deepEqual(toSignInEvent(signIn).appliedPolicies, [{ id: "p1", displayName: "Require compliant device", result: "failure", enforcedGrantControls: ["compliantDevice"] }]);
    });

    it("maps the device, dropping nulls", () => {
      assert.deepEqual(toSignInEvent(signIn).device, { operatingSystem: "Windows10", browser: "Edge 120", isCompliant: false, isManaged: undefined, trustType: "" });
    });

    it("treats a missing status as success", () => {
      assert.equal(toSignInEvent({ id: "s2", createdDateTime: "2026-11-28T11:00:00Z" }).errorCode, 0);
    });
  });

  describe("toRiskInfo", () => {
    it("maps level, state, detail and time", () => {
      assert.deepEqual(toRiskInfo({ id: "u1", riskLevel: "high", riskState: "atRisk", riskDetail: "none", riskLastUpdatedDateTime: "2026-11-27T08:00:00Z" }), {
        level: "high",
        state: "atRisk",
        detail: "none",
        lastUpdatedAt: new Date("2026-11-27T08:00:00Z"),
      });
    });
  });

  describe("TAP policy", () => {
    const policy = {
      id: "authenticationMethodsPolicy",
      authenticationMethodConfigurations: [
        {
          "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
          id: "TemporaryAccessPass",
          state: "enabled" as const,
          defaultLifetimeInMinutes: 60,
          defaultLength: 8,
          minimumLifetimeInMinutes: 60,
          maximumLifetimeInMinutes: 480,
          isUsableOnce: false,
          includeTargets: [{ targetType: "group" as const, id: "all_users", isRegistrationRequired: false }],
          excludeTargets: [{ targetType: "group" as const, id: "g-excluded" }],
        },
        { "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration", id: "Fido2", state: "disabled" as const, includeTargets: [], excludeTargets: [] },
        { "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration", id: "MicrosoftAuthenticator", state: "enabled" as const, includeTargets: [{ targetType: "group" as const, id: "g2" }] },
      ],
    };

    it("finds the TAP configuration whatever the id's case", () => {
      const lower = { ...policy, authenticationMethodConfigurations: [{ ...policy.authenticationMethodConfigurations[0], id: "temporaryAccessPass" }] };
      assert.equal(findTapConfig(lower)?.defaultLength, 8);
    });

    it("maps the documented example", () => {
      assert.deepEqual(toTapPolicy(findTapConfig(policy)!), {
        state: "enabled",
        defaultLifetimeInMinutes: 60,
        minimumLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 480,
        isUsableOnce: false,
        defaultLength: 8,
        includeTargets: [{ id: "all_users", targetType: "group" }],
        excludeTargets: [{ id: "g-excluded", targetType: "group" }],
      });
    });

    it("fills the documented defaults when fields are missing", () => {
      const p = toTapPolicy({ id: "TemporaryAccessPass" });
      assert.deepEqual([p.state, p.minimumLifetimeInMinutes, p.maximumLifetimeInMinutes, p.defaultLength], ["disabled", 60, 480, 8]);
    });

    it("lists the other method configurations without TAP", () => {
      assert.deepEqual(
        toMethodPolicies(policy).map((m) => [m.id, m.state, m.includeTargets.length]),
        [
          ["Fido2", "disabled", 0],
          ["MicrosoftAuthenticator", "enabled", 1],
        ],
      );
    });
  });

  describe("toCaPolicy", () => {
    const ca: MSGraph.ConditionalAccessPolicy = {
      id: "ca1",
      displayName: "Phishing-resistant for all",
      state: "enabled" as const,
      conditions: {
        users: {
          includeUsers: ["All"],
          excludeUsers: [],
          includeGroups: [],
          excludeGroups: ["g-breakglass"],
          includeRoles: [],
          excludeRoles: [],
          // A flags enum on the wire (comma-joined); the typings model it as one member.
          includeGuestsOrExternalUsers: { guestOrExternalUserTypes: "b2bCollaborationGuest,internalGuest" as MSGraph.ConditionalAccessGuestOrExternalUserTypes },
        },
        applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [] },
        clientAppTypes: ["all" as const],
        platforms: null,
        userRiskLevels: [],
        signInRiskLevels: [],
      },
      grantControls: { operator: "OR", builtInControls: [], authenticationStrength: { id: "00000000-0000-0000-0000-000000000004", displayName: "Phishing-resistant MFA" } },
    };

    it("maps the authentication strength id", () => {
      assert.equal(toCaPolicy(ca).grant?.authenticationStrengthId, "00000000-0000-0000-0000-000000000004");
    });

    it("maps the guest types string", () => {
      assert.equal(toCaPolicy(ca).users.includeGuestsOrExternalUsers, "b2bCollaborationGuest,internalGuest");
    });

    it("leaves platforms undefined when the policy has none", () => {
      assert.equal(toCaPolicy(ca).platforms, undefined);
    });

    it("keeps the report-only state", () => {
      assert.equal(toCaPolicy({ ...ca, state: "enabledForReportingButNotEnforced" }).state, "enabledForReportingButNotEnforced");
    });

    it("leaves grant undefined for a session-only policy", () => {
      assert.equal(toCaPolicy({ ...ca, grantControls: null }).grant, undefined);
    });

    it("keeps the register-security-info user action", () => {
      const action = { ...ca, conditions: { ...ca.conditions, applications: { includeUserActions: ["urn:user:registersecurityinfo"] } } };
      assert.deepEqual(toCaPolicy(action).applications.includeUserActions, ["urn:user:registersecurityinfo"]);
    });
  });

  describe("toAuthStrength", () => {
    it("keeps the TAP combinations", () => {
      const s = toAuthStrength({ id: "00000000-0000-0000-0000-000000000002", displayName: "Multifactor authentication", allowedCombinations: ["temporaryAccessPassOneTime", "temporaryAccessPassMultiUse", "password,sms"] });
      assert.deepEqual(s.allowedCombinations, ["temporaryAccessPassOneTime", "temporaryAccessPassMultiUse", "password,sms"]);
    });
  });

  describe("federation", () => {
    it("maps federatedIdpMfaBehavior", () => {
      assert.deepEqual(toDomainFederation("fabrikam.com", { id: "f", federatedIdpMfaBehavior: "enforceMfaByFederatedIdp" }), {
        domain: "fabrikam.com",
        federatedIdpMfaBehavior: "enforceMfaByFederatedIdp",
      });
    });

    it("takes the UPN domain after the last @, lower-cased", () => {
      assert.equal(upnDomain("gita_fabrikam.com#EXT#@Contoso.onmicrosoft.com"), "contoso.onmicrosoft.com");
    });
  });
});
