import assert from "node:assert/strict";
import {
  analyseGrant,
  assessPolicies,
  caInputs,
  enforcedApplying,
  enforcedDepending,
  evaluateConditions,
  strengthAllowsPass,
} from "../../../src/triage/conditional-access";
import type { CaPolicy, NamedLocation, SignInEvent } from "../../../src/triage/snapshot";
import { caPolicy, healthy, IDS, signIn, STRENGTHS, type SnapshotBuilder } from "../../support/snapshot-builder";

describe("triage/conditional-access", () => {
  const OFFICE: NamedLocation = {
    id: "loc-office",
    displayName: "Head office",
    kind: "ip",
    isTrusted: true,
    ipRanges: ["203.0.113.0/24", "2001:db8:100::/48"],
    countries: [],
    includeUnknownCountries: false,
  };
  const ALLOWED: NamedLocation = {
    id: "loc-countries",
    displayName: "Allowed countries",
    kind: "country",
    isTrusted: false,
    ipRanges: [],
    countries: ["US", "DE"],
    includeUnknownCountries: false,
  };
  const ALL = { includeUsers: ["All"] };
  const outsideCountries = { includeLocations: ["All"], excludeLocations: [ALLOWED.id] };
  const outsideTrusted = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] };
  const failedFrom = (patch: Partial<SignInEvent>) => signIn(5, { errorCode: 53003, ...patch });

  /** Judges `policy` for a member of TAP Users + Finance whose newest failure and answers are given. */
  function judge(policy: CaPolicy, setup: (b: SnapshotBuilder) => SnapshotBuilder = (b) => b): string {
    const s = setup(healthy().groups(IDS.tapUsers, IDS.finance).namedLocations(OFFICE, ALLOWED).risk(null)).build();
    const v = evaluateConditions(policy, caInputs(s));
    return v.verdict === "depends" ? `depends:${v.on.join("+")}` : v.verdict;
  }

  describe("evaluateConditions: users", () => {
    const table: [string, CaPolicy, string][] = [
      ["includes All users", caPolicy({ users: ALL }), "applies"],
      ["includes None", caPolicy({ users: { includeUsers: ["None"] } }), "not_applicable"],
      ["includes the user id", caPolicy({ users: { includeUsers: [IDS.user] } }), "applies"],
      ["includes a group the person is in", caPolicy({ users: { includeGroups: [IDS.finance] } }), "applies"],
      ["includes another group", caPolicy({ users: { includeGroups: [IDS.contractors] } }), "not_applicable"],
      ["excludes the user", caPolicy({ users: { includeUsers: ["All"], excludeUsers: [IDS.user] } }), "not_applicable"],
      ["excludes a group the person is in (exclusion wins)", caPolicy({ users: { includeGroups: [IDS.finance], excludeGroups: [IDS.tapUsers] } }), "not_applicable"],
      ["excludes another group", caPolicy({ users: { includeUsers: ["All"], excludeGroups: [IDS.contractors] } }), "applies"],
      ["includes a role the person lacks", caPolicy({ users: { includeRoles: ["role-x"] } }), "not_applicable"],
      ["includes guests, person is a member", caPolicy({ users: { includeUsers: ["GuestsOrExternalUsers"] } }), "not_applicable"],
    ];
    for (const [name, policy, expected] of table) {
      it(`${name} → ${expected}`, () => assert.equal(judge(policy), expected));
    }

    it("a role the person holds matches", () => {
      const s = healthy().roles("role-x").build();
      assert.equal(evaluateConditions(caPolicy({ users: { includeRoles: ["role-x"] } }), caInputs(s)).verdict, "applies");
    });

    it("applies a guest policy to an external guest", () => {
      const s = healthy().user({ userType: "Guest", creationType: "Invitation", externalUserState: "Accepted" }).build();
      const policy = caPolicy({ users: { includeGuestsOrExternalUsers: "b2bCollaborationGuest,internalGuest" } });
      assert.equal(evaluateConditions(policy, caInputs(s)).verdict, "applies");
    });

    it("applies an internal-guest policy to an internal guest", () => {
      const s = healthy().user({ userType: "Guest" }).build();
      assert.equal(evaluateConditions(caPolicy({ users: { includeGuestsOrExternalUsers: "internalGuest" } }), caInputs(s)).verdict, "applies");
    });

    it("depends on membership when it can't be read and a group decides", () => {
      const s = healthy().unreadable("membership", "no GroupMember.Read.All").build();
      const v = evaluateConditions(caPolicy({ users: { includeGroups: [IDS.finance] } }), caInputs(s));
      assert.deepEqual(v, { verdict: "depends", scope: "sign-in", on: ["membership"] });
    });
  });

  describe("evaluateConditions: applications and user actions", () => {
    const registration = { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] };
    const table: [string, CaPolicy, string][] = [
      ["All resources", caPolicy({ users: ALL }), "applies"],
      ["Office365", caPolicy({ users: ALL, applications: { includeApplications: ["Office365"] } }), "applies"],
      ["one specific app", caPolicy({ users: ALL, applications: { includeApplications: ["app-123"] } }), "not_applicable"],
      ["admin portals", caPolicy({ users: ALL, applications: { includeApplications: ["MicrosoftAdminPortals"] } }), "not_applicable"],
      ["Register security information", caPolicy({ users: ALL, applications: registration }), "applies"],
      ["Register or join devices", caPolicy({ users: ALL, applications: { includeApplications: [], includeUserActions: ["urn:user:registerdevice"] } }), "not_applicable"],
      ["an authentication context", caPolicy({ users: ALL, applications: { includeApplications: [] }, authenticationContexts: ["c1"] }), "not_applicable"],
    ];
    for (const [name, policy, expected] of table) {
      it(`${name} → ${expected}`, () => assert.equal(judge(policy), expected));
    }

    it("a user-action policy guards registration, not the sign-in", () => {
      const v = evaluateConditions(caPolicy({ users: ALL, applications: registration }), caInputs(healthy().build()));
      assert.deepEqual(v, { verdict: "applies", scope: "registration" });
    });
  });

  describe("evaluateConditions: client app types", () => {
    const legacy = caPolicy({ users: ALL, clientAppTypes: ["exchangeActiveSync", "other"] });
    const browserOnly = caPolicy({ users: ALL, clientAppTypes: ["browser"] });
    const table: [string, CaPolicy, (b: SnapshotBuilder) => SnapshotBuilder, string][] = [
      ["legacy only, nothing known (a pass is never legacy)", legacy, (b) => b, "not_applicable"],
      ["legacy only, failed ActiveSync sign-in", legacy, (b) => b.signIns(failedFrom({ clientAppUsed: "Exchange ActiveSync" })), "applies"],
      ["legacy only, failed IMAP sign-in", legacy, (b) => b.signIns(failedFrom({ clientAppUsed: "IMAP4" })), "applies"],
      ["legacy only, failed browser sign-in", legacy, (b) => b.signIns(failedFrom({ clientAppUsed: "Browser" })), "not_applicable"],
      ["browser only, client unknown", browserOnly, (b) => b, "depends:client_app"],
      ["browser only, person uses an app", browserOnly, (b) => b.answers({ browser: "app" }), "not_applicable"],
      ["browser only, person uses Edge", browserOnly, (b) => b.answers({ browser: "edge" }), "applies"],
      ["browser and apps", caPolicy({ users: ALL, clientAppTypes: ["browser", "mobileAppsAndDesktopClients"] }), (b) => b, "applies"],
    ];
    for (const [name, policy, setup, expected] of table) {
      it(`${name} → ${expected}`, () => assert.equal(judge(policy, setup), expected));
    }
  });

  describe("evaluateConditions: platforms", () => {
    const android = caPolicy({ users: ALL, platforms: { includePlatforms: ["android"], excludePlatforms: [] } });
    const allButWindows = caPolicy({ users: ALL, platforms: { includePlatforms: ["all"], excludePlatforms: ["windows"] } });
    const table: [string, CaPolicy, (b: SnapshotBuilder) => SnapshotBuilder, string][] = [
      ["android, device unknown", android, (b) => b, "depends:platform"],
      ["android, person on Android", android, (b) => b.answers({ device: "android" }), "applies"],
      ["android, person on a Mac", android, (b) => b.answers({ device: "mac" }), "not_applicable"],
      ["all but Windows, failed sign-in from Windows 11", allButWindows, (b) => b.signIns(failedFrom({})), "not_applicable"],
      ["all but Windows, failed sign-in from iOS", allButWindows, (b) => b.signIns(failedFrom({ device: { operatingSystem: "iOS 18.1" } })), "applies"],
    ];
    for (const [name, policy, setup, expected] of table) {
      it(`${name} → ${expected}`, () => assert.equal(judge(policy, setup), expected));
    }
  });

  describe("evaluateConditions: locations", () => {
    const countries = caPolicy({ users: ALL, locations: outsideCountries });
    const trusted = caPolicy({ users: ALL, locations: outsideTrusted });
    const onlyOffice = caPolicy({ users: ALL, locations: { includeLocations: [OFFICE.id], excludeLocations: [] } });
    const from = (country: string, ip: string) => (b: SnapshotBuilder) =>
      b.signIns(failedFrom({ ipAddress: ip, location: { countryOrRegion: country } }));
    const table: [string, CaPolicy, (b: SnapshotBuilder) => SnapshotBuilder, string][] = [
      ["outside allowed countries, nothing known", countries, (b) => b, "depends:location"],
      ["outside allowed countries, failed from Brazil", countries, from("BR", "177.12.4.9"), "applies"],
      ["outside allowed countries, failed from Germany", countries, from("DE", "198.51.100.7"), "not_applicable"],
      ["outside allowed countries, failed from an unknown country", countries, from("", "198.51.100.7"), "applies"],
      ["outside allowed countries, person at home", countries, (b) => b.answers({ place: "home" }), "not_applicable"],
      ["outside allowed countries, person abroad", countries, (b) => b.answers({ place: "abroad" }), "depends:location"],
      ["outside trusted, failed from the office range", trusted, from("US", "203.0.113.44"), "not_applicable"],
      ["outside trusted, failed from the office IPv6 range", trusted, from("US", "2001:db8:100:4::12"), "not_applicable"],
      ["outside trusted, failed from home", trusted, from("US", "198.51.100.7"), "applies"],
      ["outside trusted, person in the office", trusted, (b) => b.answers({ place: "office" }), "not_applicable"],
      ["outside trusted, person at home", trusted, (b) => b.answers({ place: "home" }), "applies"],
      ["only the office, failed from the office", onlyOffice, from("US", "203.0.113.9"), "applies"],
      ["only the office, failed elsewhere", onlyOffice, from("US", "198.51.100.7"), "not_applicable"],
      ["an unknown named location", caPolicy({ users: ALL, locations: { includeLocations: ["gone"], excludeLocations: [] } }), from("US", "198.51.100.7"), "depends:location"],
    ];
    for (const [name, policy, setup, expected] of table) {
      it(`${name} → ${expected}`, () => assert.equal(judge(policy, setup), expected));
    }

    it("unreadable named locations leave 'outside trusted' unknown even with the sign-in's IP", () => {
      const s = healthy().unreadable("namedLocations", "no P1").signIns(failedFrom({ ipAddress: "198.51.100.7", location: { countryOrRegion: "US" } })).build();
      const v = evaluateConditions(trusted, caInputs(s));
      assert.deepEqual(v, { verdict: "depends", scope: "sign-in", on: ["location"] });
    });

    it("a later success means the failure no longer describes the problem", () => {
      const setup = (b: SnapshotBuilder) => b.signIns(signIn(1, { errorCode: 0 }), failedFrom({ ipAddress: "177.12.4.9", location: { countryOrRegion: "BR" } }));
      assert.equal(judge(countries, setup), "depends:location");
    });
  });

  describe("evaluateConditions: device filter, risk, several conditions", () => {
    const hybridOnly = caPolicy({ users: ALL, deviceFilter: { mode: "include", rule: 'device.trustType -eq "ServerAD"' } });
    const notCompliant = caPolicy({ users: ALL, deviceFilter: { mode: "exclude", rule: "device.isCompliant -eq True" } });
    const highRisk = caPolicy({ users: ALL, userRiskLevels: ["high"] });
    const table: [string, CaPolicy, (b: SnapshotBuilder) => SnapshotBuilder, string][] = [
      ["device filter, device unknown", hybridOnly, (b) => b, "depends:device"],
      ["device filter includes hybrid, hybrid device", hybridOnly, (b) => b.signIns(failedFrom({ device: { trustType: "Hybrid Azure AD joined" } })), "applies"],
      ["device filter includes hybrid, registered device", hybridOnly, (b) => b.signIns(failedFrom({ device: { trustType: "Azure AD registered" } })), "not_applicable"],
      ["device filter excludes compliant, compliant device", notCompliant, (b) => b.signIns(failedFrom({ device: { isCompliant: true } })), "not_applicable"],
      ["device filter excludes compliant, personal device", notCompliant, (b) => b.signIns(failedFrom({ device: { isCompliant: false } })), "applies"],
      ["user risk high, person high", highRisk, (b) => b.risk({ level: "high", state: "atRisk" }), "applies"],
      ["user risk high, person low", highRisk, (b) => b.risk({ level: "low", state: "atRisk" }), "not_applicable"],
      ["user risk high, risk unreadable", highRisk, (b) => b.unreadable("risk", "no P2"), "depends:user_risk"],
      ["sign-in risk (never known in advance)", caPolicy({ users: ALL, signInRiskLevels: ["high"] }), (b) => b, "depends:sign_in_risk"],
      [
        "several unknowns are all reported",
        caPolicy({ users: ALL, clientAppTypes: ["browser"], locations: outsideTrusted }),
        (b) => b,
        "depends:client_app+location",
      ],
      [
        "one condition that fails outweighs the unknowns",
        caPolicy({ users: ALL, clientAppTypes: ["browser"], locations: outsideTrusted, platforms: { includePlatforms: ["iOS"], excludePlatforms: [] } }),
        (b) => b.answers({ device: "windows" }),
        "not_applicable",
      ],
    ];
    for (const [name, policy, setup, expected] of table) {
      it(`${name} → ${expected}`, () => assert.equal(judge(policy, setup), expected));
    }
  });

  describe("assessPolicies: state and evidence", () => {
    const block = { operator: "OR" as const, builtInControls: ["block"] };
    const countries = caPolicy({ id: "ca-countries", displayName: "Block outside allowed countries", users: ALL, locations: outsideCountries, grant: block });
    const base = () => healthy().namedLocations(OFFICE, ALLOWED);

    it("skips disabled policies and marks report-only ones as not enforced", () => {
      const s = base().caPolicies(caPolicy({ id: "off", state: "disabled", users: ALL }), caPolicy({ id: "ro", state: "enabledForReportingButNotEnforced", users: ALL })).build();
      const all = assessPolicies(s);
      assert.deepEqual(all.map((a) => [a.policy.id, a.enforced, a.applicability]), [["ro", false, "applies"]]);
      assert.deepEqual(enforcedApplying(all), []);
    });

    it("a recent failure naming the policy proves it, whatever the conditions leave open", () => {
      const failed = failedFrom({ appliedPolicies: [{ id: "ca-countries", displayName: "Block outside allowed countries", result: "failure", enforcedGrantControls: ["Block"] }] });
      const [a] = assessPolicies(base().caPolicies(countries).signIns(failed).build());
      assert.equal(a.applicability, "applies");
      assert.equal(a.basis, "sign-in result");
      assert.equal(a.failedIn?.id, failed.id);
    });

    it("a sign-in result overrides conditions the evaluator would rule out (a specific app)", () => {
      const appOnly = caPolicy({ id: "ca-app", users: ALL, applications: { includeApplications: ["app-123"] }, grant: block });
      const failed = failedFrom({ appliedPolicies: [{ id: "ca-app", displayName: "Test policy", result: "failure", enforcedGrantControls: ["Block"] }] });
      assert.equal(assessPolicies(base().caPolicies(appOnly).signIns(failed).build())[0].applicability, "applies");
    });

    it("a report-only failure in the log proves nothing", () => {
      const ro = { ...countries, state: "enabledForReportingButNotEnforced" as const };
      const failed = failedFrom({ appliedPolicies: [{ id: "ca-countries", displayName: "x", result: "failure", enforcedGrantControls: [] }] });
      const [a] = assessPolicies(base().caPolicies(ro).signIns(failed).build());
      assert.equal(a.enforced, false);
      assert.equal(a.failedIn, undefined);
    });

    it("without evidence a location-scoped block only depends, it never applies", () => {
      const [a] = assessPolicies(base().caPolicies(countries).build());
      assert.equal(a.applicability, "depends");
      assert.deepEqual(a.dependsOn, ["location"]);
      assert.deepEqual(enforcedDepending([a]), [a]);
    });

    it("a sign-in-risk block depends on risk and is never offered as a possibility", () => {
      const risky = caPolicy({ users: ALL, signInRiskLevels: ["high"], grant: block });
      const all = assessPolicies(base().caPolicies(risky).build());
      assert.deepEqual([all[0].applicability, all[0].dependsOn], ["depends", ["sign_in_risk"]]);
      assert.deepEqual(enforcedDepending(all), []);
    });

    it("the person's answer decides with basis 'answers'", () => {
      const trusted = caPolicy({ users: ALL, locations: outsideTrusted, grant: block });
      const [a] = assessPolicies(base().caPolicies(trusted).answers({ place: "home" }).build());
      assert.deepEqual([a.applicability, a.basis], ["applies", "answers"]);
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
