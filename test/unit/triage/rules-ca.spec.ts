import assert from "node:assert/strict";
import { diagnose } from "../../../src/triage/diagnose";
import type { Rule } from "../../../src/triage/rule";
import { caBlocked, caCompliantDeviceRequired, caStrengthExcludesTap } from "../../../src/triage/rules";
import type { CaPolicy, NamedLocation, Snapshot } from "../../../src/triage/snapshot";
import { caPolicy, healthy, IDS, NOW, signIn, STRENGTHS } from "../../support/snapshot-builder";

const fires = (rule: Rule, s: Snapshot): boolean => rule.evaluate(s).finding?.code === rule.code;
const forFinance = (grant: CaPolicy["grant"], extra: Partial<Parameters<typeof caPolicy>[0]> = {}): CaPolicy =>
  caPolicy({ displayName: "Finance policy", users: { includeGroups: [IDS.finance] }, grant, ...extra });
const inFinance = () => healthy().groups(IDS.tapUsers, IDS.finance);

describe("CA grant controls (one table across the three CA rules)", () => {
  const strength = (id: string): CaPolicy["grant"] => ({ operator: "OR", builtInControls: [], authenticationStrengthId: id });
  const table: [string, CaPolicy["grant"], string | undefined][] = [
    ["block", { operator: "OR", builtInControls: ["block"] }, "CA_BLOCKED"],
    ["compliantDevice (with a failed sign-in)", { operator: "OR", builtInControls: ["compliantDevice"] }, "CA_COMPLIANT_DEVICE_REQUIRED"],
    ["domainJoinedDevice (with a failed sign-in)", { operator: "OR", builtInControls: ["domainJoinedDevice"] }, "CA_COMPLIANT_DEVICE_REQUIRED"],
    ["mfa: a pass counts", { operator: "OR", builtInControls: ["mfa"] }, undefined],
    ["compliantDevice OR mfa: the pass satisfies mfa", { operator: "OR", builtInControls: ["compliantDevice", "mfa"] }, undefined],
    ["strength Phishing-resistant MFA", strength(STRENGTHS.phishingResistant.id), "CA_STRENGTH_EXCLUDES_TAP"],
    ["strength Passwordless MFA", strength(STRENGTHS.passwordless.id), "CA_STRENGTH_EXCLUDES_TAP"],
    ["strength Multifactor authentication (includes a pass)", strength(STRENGTHS.mfa.id), undefined],
  ];
  for (const [name, grant, expected] of table) {
    it(`${name} → ${expected ?? "no finding"}`, () => {
      const s = inFinance()
        .caPolicies(forFinance(grant))
        .signIns(signIn(5, { errorCode: 50126, device: { operatingSystem: "Windows 11", isCompliant: false } }))
        .build();
      const codes = diagnose(s).findings.map((f) => f.code).filter((c) => c.startsWith("CA_"));
      assert.deepEqual(codes, expected ? [expected] : []);
    });
  }
});

describe("rule CA_BLOCKED", () => {
  const block: CaPolicy["grant"] = { operator: "OR", builtInControls: ["block"] };
  const table: [string, CaPolicy, boolean][] = [
    ["applies by group", forFinance(block), true],
    ["report-only", forFinance(block, { state: "enabledForReportingButNotEnforced" }), false],
    ["disabled", forFinance(block, { state: "disabled" }), false],
    ["excluded user", caPolicy({ users: { includeUsers: ["All"], excludeUsers: [IDS.user] }, grant: block }), false],
    ["excluded group", caPolicy({ users: { includeUsers: ["All"], excludeGroups: [IDS.finance] }, grant: block }), false],
    ["another group", caPolicy({ users: { includeGroups: [IDS.contractors] }, grant: block }), false],
  ];
  for (const [name, policy, expected] of table) {
    it(name, () => {
      assert.equal(fires(caBlocked, inFinance().caPolicies(policy).build()), expected);
    });
  }

  it("fires on a 53003 sign-in and cites the failing policy", () => {
    const s = healthy()
      .signIns(
        signIn(5, {
          errorCode: 53003,
          conditionalAccessStatus: "failure",
          appliedPolicies: [{ id: "a", displayName: "Block contractors outside trusted locations", result: "failure", enforcedGrantControls: ["Block"] }],
        }),
      )
      .build();
    assert.match(caBlocked.evaluate(s).finding?.summary ?? "", /Block contractors outside trusted locations/);
  });

  it("asks about the device for a platform-scoped block", () => {
    const s = healthy().caPolicies(caPolicy({ users: { includeUsers: ["All"] }, platforms: { includePlatforms: ["android"], excludePlatforms: [] }, grant: block })).build();
    assert.deepEqual(caBlocked.evaluate(s).questions, ["stage", "device"]);
  });
});

describe("rule CA_BLOCKED with conditional policies (location, client, registration)", () => {
  const block: CaPolicy["grant"] = { operator: "OR", builtInControls: ["block"] };
  const allowed: NamedLocation = { id: "loc-c", displayName: "Allowed countries", kind: "country", isTrusted: false, ipRanges: [], countries: ["US", "DE"], includeUnknownCountries: false };
  const office: NamedLocation = { id: "loc-o", displayName: "Head office", kind: "ip", isTrusted: true, ipRanges: ["203.0.113.0/24"], countries: [], includeUnknownCountries: false };
  const geo = caPolicy({ id: "ca-geo", displayName: "Block outside allowed countries", users: { includeUsers: ["All"] }, locations: { includeLocations: ["All"], excludeLocations: ["loc-c"] }, grant: block });
  const legacy = caPolicy({ id: "ca-legacy", displayName: "Block legacy authentication", users: { includeUsers: ["All"] }, clientAppTypes: ["exchangeActiveSync", "other"], grant: block });
  const registration = caPolicy({
    id: "ca-reg",
    displayName: "Securing security info registration",
    users: { includeUsers: ["All"] },
    applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
    locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
    grant: block,
  });
  const tenant = () => healthy().namedLocations(allowed, office).caPolicies(geo, legacy, registration);
  const failure = (patch: Parameters<typeof signIn>[1]) => signIn(5, { errorCode: 53003, ...patch });

  it("is never the primary cause without evidence: it asks and says it as a possibility", () => {
    const s = tenant().build();
    const outcome = caBlocked.evaluate(s);
    assert.equal(outcome.finding, undefined);
    assert.deepEqual(outcome.questions, ["stage", "location"]);
    assert.match(outcome.possibilities?.join(" ") ?? "", /If you sign in outside Allowed countries \(US, DE\), the rule "Block outside allowed countries" blocks it/);
    const d = diagnose(s);
    assert.equal(d.findings[0].code, "TAP_LOOKS_VALID");
    assert.ok((d.possibilities ?? []).length >= 1);
  });

  it("an expired pass stays the cause for someone in scope of a location block", () => {
    const s = tenant().pass({ startsAt: new Date(NOW.getTime() - 3 * 3_600_000), lifetimeInMinutes: 60 }).build();
    assert.equal(diagnose(s).findings[0].code, "TAP_EXPIRED");
    assert.ok(!diagnose(s).findings.some((f) => f.code === "CA_BLOCKED"));
  });

  it("names the policy from a failed sign-in abroad", () => {
    const applied = [{ id: "ca-geo", displayName: "Block outside allowed countries", result: "failure", enforcedGrantControls: ["Block"] }];
    const s = tenant().signIns(failure({ ipAddress: "192.0.2.9", location: { countryOrRegion: "BR", city: "São Paulo" }, appliedPolicies: applied })).build();
    const outcome = caBlocked.evaluate(s);
    assert.equal(outcome.certainty ?? "proven", "proven");
    assert.match(outcome.finding?.summary ?? "", /"Block outside allowed countries".*São Paulo, BR, 192\.0\.2\.9/);
    assert.equal(outcome.finding?.escalation?.personMayFix, true);
  });

  it("decides from the failed sign-in's place even when Entra's policy list is hidden (no CA read permission)", () => {
    const s = tenant().signIns(failure({ ipAddress: "192.0.2.9", location: { countryOrRegion: "BR" } })).build();
    assert.match(caBlocked.evaluate(s).finding?.summary ?? "", /Block outside allowed countries/);
  });

  it("names the legacy-client block from an ActiveSync failure, with the fix to use a modern app", () => {
    const applied = [{ id: "ca-legacy", displayName: "Block legacy authentication", result: "failure", enforcedGrantControls: ["Block"] }];
    const s = tenant().signIns(failure({ clientAppUsed: "Exchange ActiveSync", location: { countryOrRegion: "US" }, appliedPolicies: applied })).build();
    const f = caBlocked.evaluate(s).finding;
    assert.match(f?.summary ?? "", /Block legacy authentication/);
    assert.ok(f?.userSteps.some((x) => /Outlook/.test(x)));
  });

  it("someone who says they're abroad hears it as a condition, reported rather than proven", () => {
    const outcome = caBlocked.evaluate(tenant().answers({ stage: "after_tap", place: "abroad" }).build());
    assert.equal(outcome.certainty, "reported");
    assert.match(outcome.finding?.summary ?? "", /If the country you're in now isn't one of them/);
  });

  it("someone at home who can't add a method hears about the registration rule", () => {
    const f = caBlocked.evaluate(tenant().answers({ stage: "register_method", place: "home" }).build()).finding;
    assert.equal(f?.title, "A security rule blocks adding sign-in methods here");
    assert.match(f?.summary ?? "", /Securing security info registration/);
  });

  it("someone in the office is fine", () => {
    const outcome = caBlocked.evaluate(tenant().answers({ stage: "after_tap", place: "office" }).build());
    assert.equal(outcome.finding, undefined);
    assert.deepEqual(outcome.questions, []);
  });

  it("a rejected pass never leads to the location question (CA runs after the pass is accepted)", () => {
    assert.deepEqual(caBlocked.evaluate(tenant().answers({ stage: "tap_prompt" }).build()).questions, []);
  });

  it("notes a report-only block that would apply, without blaming it", () => {
    const ro = caPolicy({ id: "ro", displayName: "Report-only: block everyone", state: "enabledForReportingButNotEnforced", users: { includeUsers: ["All"] }, grant: block });
    const outcome = caBlocked.evaluate(healthy().caPolicies(ro).build());
    assert.equal(outcome.finding, undefined);
    assert.match(outcome.notes?.join(" ") ?? "", /Report-only policy "Report-only: block everyone"/);
  });
});

describe("rule CA_COMPLIANT_DEVICE_REQUIRED", () => {
  const compliant = forFinance({ operator: "OR", builtInControls: ["compliantDevice"] });

  it("is confirmed by 53000", () => {
    const s = inFinance().caPolicies(compliant).signIns(signIn(5, { errorCode: 53000 })).build();
    assert.equal(fires(caCompliantDeviceRequired, s), true);
  });

  it("is confirmed by a pasted 53001 even without readable policies", () => {
    const s = healthy().unreadable("caPolicies", "no Policy.Read.All").answers({ errorCodes: [53001] }).build();
    assert.equal(fires(caCompliantDeviceRequired, s), true);
  });

  it("asks about the device when the policy applies but no sign-in shows it", () => {
    const outcome = caCompliantDeviceRequired.evaluate(inFinance().caPolicies(compliant).build());
    assert.deepEqual([outcome.finding, outcome.questions], [undefined, ["device"]]);
  });

  it("fires from the answers for a personal Windows PC", () => {
    const s = inFinance().caPolicies(compliant).answers({ device: "windows", windowsJoin: "personal" }).build();
    assert.equal(fires(caCompliantDeviceRequired, s), true);
  });

  it("doesn't count a non-compliant failure when no device policy applies", () => {
    const s = healthy().signIns(signIn(5, { device: { operatingSystem: "Linux", isCompliant: false } })).build();
    assert.equal(fires(caCompliantDeviceRequired, s), false);
  });
});

describe("rule CA_STRENGTH_EXCLUDES_TAP", () => {
  const requires = (id: string): CaPolicy => forFinance({ operator: "OR", builtInControls: [], authenticationStrengthId: id });
  const oneTimeOnly = { id: "custom-onetime", displayName: "Bootstrap (one-time)", allowedCombinations: ["temporaryAccessPassOneTime", "fido2"] };
  const table: [string, (s: ReturnType<typeof inFinance>) => ReturnType<typeof inFinance>, boolean][] = [
    ["one-time pass, strength with one-time", (b) => b.strengths(oneTimeOnly).caPolicies(requires(oneTimeOnly.id)), false],
    ["multi-use pass, strength with one-time only", (b) => b.strengths(oneTimeOnly).tapPolicy({ isUsableOnce: false }).pass({ isUsableOnce: false }).caPolicies(requires(oneTimeOnly.id)), true],
    ["one-time pass, Phishing-resistant MFA", (b) => b.caPolicies(requires(STRENGTHS.phishingResistant.id)), true],
    ["no pass, strength with one-time (either kind counts)", (b) => b.noPass().strengths(oneTimeOnly).caPolicies(requires(oneTimeOnly.id)), false],
    ["no pass, Phishing-resistant MFA", (b) => b.noPass().caPolicies(requires(STRENGTHS.phishingResistant.id)), true],
  ];
  for (const [name, setup, expected] of table) {
    it(name, () => {
      assert.equal(fires(caStrengthExcludesTap, setup(inFinance()).build()), expected);
    });
  }

  it("suggests a Register security information policy as the admin fix", () => {
    const notes = caStrengthExcludesTap.evaluate(inFinance().caPolicies(requires(STRENGTHS.phishingResistant.id)).build()).finding?.agentNotes ?? [];
    assert.ok(notes.some((n) => n.includes('"Register security information"')));
  });

  it("sends the person to My Security Info when a registration policy already accepts the pass", () => {
    const registration = caPolicy({
      id: "ca-reg",
      displayName: "Register security info with TAP",
      users: { includeUsers: ["All"] },
      applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
      grant: { operator: "OR", builtInControls: [], authenticationStrengthId: STRENGTHS.mfa.id },
    });
    const s = inFinance().caPolicies(requires(STRENGTHS.phishingResistant.id), registration).build();
    assert.deepEqual(caStrengthExcludesTap.evaluate(s).finding?.actions, ["open_security_info", "still_broken", "fixed"]);
  });
});
