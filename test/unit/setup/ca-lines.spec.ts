import assert from "node:assert/strict";
import { caLines, describeCaUsers, type CaCheckInput } from "../../../src/setup/ca-lines";
import type { SetupLine } from "../../../src/setup/facts";
import { checked, unchecked, type AuthStrength, type CaPolicy } from "../../../src/triage/snapshot";
import { caPolicy, STRENGTHS } from "../../support/snapshot-builder";
import { GROUPS, NAMES, OFFICE } from "./fixtures";

const REGISTER = { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] };
const ALL = { includeUsers: ["All"] };
const FINANCE = { includeGroups: [GROUPS.finance] };
const outsideTrusted = { includeLocations: ["All"], excludeLocations: ["AllTrusted"] };
const strength = (s: AuthStrength) => ({ operator: "OR" as const, builtInControls: [], authenticationStrengthId: s.id });
const controls = (...c: string[]) => ({ operator: "OR" as const, builtInControls: c });
const BOOTSTRAP: AuthStrength = { id: "custom-bootstrap", displayName: "Bootstrap and recovery", allowedCombinations: ["temporaryAccessPassOneTime", "fido2"] };
const MULTI_USE_ONLY: AuthStrength = { id: "custom-multi", displayName: "Reusable pass only", allowedCombinations: ["temporaryAccessPassMultiUse"] };

function run(policies: CaPolicy[], patch: Partial<CaCheckInput> = {}): SetupLine[] {
  return caLines({ policies: checked(policies), strengths: checked([...Object.values(STRENGTHS), BOOTSTRAP, MULTI_USE_ONLY]), names: NAMES, passMode: undefined, ...patch });
}
/** [area, status] of the lines a policy set produces. */
const shape = (all: SetupLine[]) => all.map((l) => `${l.area}:${l.status}`);

describe("setup/ca-lines", () => {
  describe("one policy at its boundaries", () => {
    const table: [string, CaPolicy, string[]][] = [
      ["registration needs phishing-resistant MFA, for everyone", caPolicy({ users: ALL, applications: REGISTER, grant: strength(STRENGTHS.phishingResistant) }), ["ca_registration:red"]],
      ["registration needs phishing-resistant MFA, for one group", caPolicy({ users: FINANCE, applications: REGISTER, grant: strength(STRENGTHS.phishingResistant) }), ["ca_registration:red"]],
      ["registration needs phishing-resistant MFA, outside trusted locations", caPolicy({ users: ALL, applications: REGISTER, locations: outsideTrusted, grant: strength(STRENGTHS.phishingResistant) }), ["ca_registration:amber"]],
      ["registration needs a compliant device", caPolicy({ users: ALL, applications: REGISTER, grant: controls("compliantDevice") }), ["ca_registration:red"]],
      ["registration needs a compliant device OR MFA", caPolicy({ users: ALL, applications: REGISTER, grant: controls("compliantDevice", "mfa") }), ["ca_overall:green"]],
      ["registration blocked outside trusted locations", caPolicy({ users: ALL, applications: REGISTER, locations: outsideTrusted, grant: controls("block") }), ["ca_registration:amber"]],
      ["registration blocked everywhere", caPolicy({ users: ALL, applications: REGISTER, grant: controls("block") }), ["ca_registration:red"]],
      ["registration needs MFA", caPolicy({ users: ALL, applications: REGISTER, grant: controls("mfa") }), ["ca_overall:green"]],
      ["registration: report-only phishing-resistant", caPolicy({ state: "enabledForReportingButNotEnforced", users: ALL, applications: REGISTER, grant: strength(STRENGTHS.phishingResistant) }), ["ca_registration:amber"]],
      ["registration: disabled phishing-resistant", caPolicy({ state: "disabled", users: ALL, applications: REGISTER, grant: strength(STRENGTHS.phishingResistant) }), ["ca_overall:green"]],
      ["sign-in needs phishing-resistant MFA, for everyone", caPolicy({ users: ALL, grant: strength(STRENGTHS.phishingResistant) }), ["ca_sign_in:red"]],
      ["sign-in needs phishing-resistant MFA, for one group", caPolicy({ users: FINANCE, grant: strength(STRENGTHS.phishingResistant) }), ["ca_sign_in:amber"]],
      ["sign-in needs a compliant device, for everyone", caPolicy({ users: ALL, grant: controls("compliantDevice") }), ["ca_sign_in:red"]],
      ["sign-in needs a compliant device, for one group", caPolicy({ users: FINANCE, grant: controls("compliantDevice") }), ["ca_sign_in:amber"]],
      ["sign-in: report-only compliant device for everyone", caPolicy({ state: "enabledForReportingButNotEnforced", users: ALL, grant: controls("compliantDevice") }), ["ca_sign_in:amber"]],
      ["sign-in blocked outside trusted locations (judged per person)", caPolicy({ users: ALL, locations: outsideTrusted, grant: controls("block") }), ["ca_overall:green"]],
      ["sign-in blocked for one group (judged per person)", caPolicy({ users: FINANCE, grant: controls("block") }), ["ca_overall:green"]],
      ["sign-in blocked for everyone", caPolicy({ users: ALL, grant: controls("block") }), ["ca_sign_in:red"]],
      ["legacy clients blocked (a pass never uses them)", caPolicy({ users: ALL, clientAppTypes: ["exchangeActiveSync", "other"], grant: controls("block") }), ["ca_overall:green"]],
      ["MFA for everyone (a pass is MFA)", caPolicy({ users: ALL, grant: controls("mfa") }), ["ca_overall:green"]],
      ["a specific app only", caPolicy({ users: ALL, applications: { includeApplications: ["00000002-0000-0ff1-ce00-000000000000"] }, grant: controls("compliantDevice") }), ["ca_overall:green"]],
      ["registration needs phishing-resistant MFA, for two named people", caPolicy({ users: { includeUsers: ["u1", "u2"] }, applications: REGISTER, grant: strength(STRENGTHS.phishingResistant) }), ["ca_registration:red"]],
      ["sign-in needs phishing-resistant MFA, for two named people", caPolicy({ users: { includeUsers: ["u1", "u2"] }, grant: strength(STRENGTHS.phishingResistant) }), ["ca_sign_in:amber"]],
      ["sign-in needs a compliant device, for everyone but break-glass accounts", caPolicy({ users: { includeUsers: ["All"], excludeUsers: ["bg1"] }, grant: controls("compliantDevice") }), ["ca_sign_in:red"]],
      ["sign-in needs a compliant device, for everyone but the onboarding group", caPolicy({ users: { includeUsers: ["All"], excludeGroups: [GROUPS.tapUsers] }, grant: controls("compliantDevice") }), ["ca_sign_in:amber"]],
      ["guests only (a pass is for members and internal guests)", caPolicy({ users: { includeUsers: ["GuestsOrExternalUsers"] }, grant: controls("compliantDevice") }), ["ca_overall:green"]],
      ["a strength the bot can't read", caPolicy({ users: ALL, grant: { operator: "OR", builtInControls: [], authenticationStrengthId: "gone" } }), ["ca_sign_in:amber"]],
    ];
    for (const [name, policy, expected] of table) {
      it(`${name} → ${expected.join(", ")}`, () => assert.deepEqual(shape(run([policy])), expected));
    }
  });

  it("a one-time-only tenant: a strength with only reusable passes on registration is red; with either kind allowed it lets a pass in", () => {
    const policy = caPolicy({ users: ALL, applications: REGISTER, grant: strength(MULTI_USE_ONLY) });
    assert.deepEqual(shape(run([policy], { passMode: "temporaryAccessPassOneTime" })), ["ca_registration:red"]);
    assert.deepEqual(shape(run([policy], { passMode: undefined })), ["ca_registration:green", "ca_overall:green"]);
  });

  it("a bootstrap strength on registration for everyone is listed green and takes the sting out of a sign-in strength", () => {
    const bootstrap = caPolicy({ id: "boot", displayName: "Bootstrap with a pass", users: ALL, applications: REGISTER, grant: strength(BOOTSTRAP) });
    const admins = caPolicy({ id: "adm", displayName: "Admins phishing-resistant", users: FINANCE, grant: strength(STRENGTHS.phishingResistant) });
    const all = run([bootstrap, admins], { passMode: "temporaryAccessPassOneTime" });
    assert.deepEqual(shape(all), ["ca_registration:green", "ca_sign_in:green", "ca_overall:green"]);
    assert.match(all[1].finding, /"Bootstrap with a pass" lets a pass register security info/);
  });

  it("a bootstrap doesn't help against a device requirement", () => {
    const bootstrap = caPolicy({ id: "boot", users: ALL, applications: REGISTER, grant: strength(BOOTSTRAP) });
    const device = caPolicy({ id: "dev", users: FINANCE, grant: controls("compliantDevice") });
    assert.deepEqual(shape(run([bootstrap, device])), ["ca_registration:green", "ca_sign_in:amber"]);
  });

  it("says whom and where, with names", () => {
    const [reg] = run([caPolicy({ displayName: "Securing registration", users: { includeUsers: ["All"], excludeUsers: ["GuestsOrExternalUsers"] }, applications: REGISTER, locations: outsideTrusted, grant: controls("block") })]);
    assert.equal(reg.title, "Securing registration");
    assert.match(reg.finding, /^Blocks registering security info outside trusted locations \(for everyone except guests\): people can sign in with a pass there but can't add a method\.$/);
    const [fin] = run([caPolicy({ users: FINANCE, grant: controls("compliantDevice") })]);
    assert.match(fin.finding, /^Requires a compliant device for members of Finance: on a new or unmanaged device/);
    const [office] = run([caPolicy({ users: ALL, applications: REGISTER, locations: { includeLocations: [OFFICE.id], excludeLocations: [] }, grant: controls("compliantDevice") })]);
    assert.match(office.finding, /register security info from Head office \(for everyone\)/);
  });

  it("names the strength a pass doesn't satisfy, and how to fix it", () => {
    const [l] = run([caPolicy({ users: ALL, applications: REGISTER, grant: strength(STRENGTHS.phishingResistant) })]);
    assert.match(l.finding, /"Phishing-resistant MFA" authentication strength to register security info for everyone, which a pass doesn't satisfy/);
    assert.match(l.fix, /strength that includes Temporary Access Pass/);
  });

  it("a report-only policy is amber at most and says nothing is stopped yet", () => {
    const [l] = run([caPolicy({ state: "enabledForReportingButNotEnforced", users: ALL, grant: strength(STRENGTHS.phishingResistant) })]);
    assert.equal(l.status, "amber");
    assert.match(l.finding, /^Report-only for now, so nothing is stopped yet\. Once switched on, it requires/);
    assert.match(l.fix, /^Before switching it on: /);
  });

  it("Conditional Access unreadable → one amber line with the reason", () => {
    const all = caLines({ policies: unchecked("couldn't read Conditional Access policies: the tenant's license doesn't include it (needs Policy.Read.All and Entra ID P1)"), strengths: checked([]), names: NAMES, passMode: undefined });
    assert.deepEqual(shape(all), ["ca_overall:amber"]);
    assert.match(all[0].finding, /^Couldn't read Conditional Access policies/);
  });

  it("counts the policies it judged when none stops a pass", () => {
    const [l] = run([caPolicy({ users: ALL, grant: controls("mfa") }), caPolicy({ state: "disabled", users: ALL, grant: controls("block") })]);
    assert.match(l.finding, /^None of the 1 enabled or report-only policies/);
  });

  describe("describeCaUsers", () => {
    const table: [Partial<CaPolicy["users"]>, string][] = [
      [{ includeUsers: ["All"] }, "everyone"],
      [{ includeUsers: ["All"], excludeGroups: [GROUPS.admins] }, "everyone except members of Engineering Admins"],
      [{ includeGroups: [GROUPS.finance, GROUPS.admins] }, "members of Finance and Engineering Admins"],
      [{ includeRoles: ["62e90394-69f5-4237-9190-012177145e10"] }, "holders of Global Administrator"],
      [{ includeUsers: ["GuestsOrExternalUsers"] }, "guests"],
      [{ includeUsers: ["u1", "u2"] }, "2 people named in it"],
    ];
    for (const [users, text] of table) {
      it(text, () => assert.equal(describeCaUsers(caPolicy({ users }).users, NAMES), text));
    }
  });
});
