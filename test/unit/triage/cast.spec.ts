// Every row of the demo cast (Northwind Labs) built as a snapshot here, asserting the expected primary cause.
import assert from "node:assert/strict";
import { diagnose } from "../../../src/triage/diagnose";
import type { FindingCode } from "../../../src/triage/findings";
import type { CaPolicy } from "../../../src/triage/snapshot";
import { caPolicy, healthy, IDS, minutesAgo, NOW, signIn, STRENGTHS, type SnapshotBuilder } from "../../support/snapshot-builder";

const POLICY_A = caPolicy({
  id: "ca-a",
  displayName: "Block contractors outside trusted locations",
  users: { includeGroups: [IDS.contractors] },
  grant: { operator: "OR", builtInControls: ["block"] },
});
const POLICY_B = caPolicy({
  id: "ca-b",
  displayName: "Finance requires compliant device",
  users: { includeGroups: [IDS.finance] },
  grant: { operator: "OR", builtInControls: ["compliantDevice"] },
});
const POLICY_C = caPolicy({
  id: "ca-c",
  displayName: "Admins need phishing-resistant MFA",
  users: { includeGroups: [IDS.engineeringAdmins] },
  grant: { operator: "OR", builtInControls: [], authenticationStrengthId: STRENGTHS.phishingResistant.id },
});
const POLICY_D = caPolicy({
  id: "ca-d",
  displayName: "Report-only: block legacy auth",
  state: "enabledForReportingButNotEnforced",
  users: { includeUsers: ["All"] },
  grant: { operator: "OR", builtInControls: ["block"] },
});
const POLICY_E = caPolicy({
  id: "ca-e",
  displayName: "Old: block all guests",
  state: "disabled",
  users: { includeUsers: ["GuestsOrExternalUsers"] },
  grant: { operator: "OR", builtInControls: ["block"] },
});
const TENANT_POLICIES: CaPolicy[] = [POLICY_A, POLICY_B, POLICY_C, POLICY_D, POLICY_E];

/** A Northwind Labs person: in "TAP Users", tenant policies as seeded, a valid one-time pass started 10 minutes ago. */
function northwind(upn: string): SnapshotBuilder {
  return healthy()
    .user({ userPrincipalName: upn })
    .caPolicies(...TENANT_POLICIES)
    .strengths(STRENGTHS.mfa, STRENGTHS.passwordless, STRENGTHS.phishingResistant);
}

const applied = (policy: CaPolicy, controls: string[]) => [
  { id: policy.id, displayName: policy.displayName, result: "failure", enforcedGrantControls: controls },
];

const CAST: [string, () => SnapshotBuilder, FindingCode][] = [
  ["avery", () => northwind("avery@northwind-demo.example"), "TAP_LOOKS_VALID"],
  [
    "ben",
    () =>
      northwind("ben@northwind-demo.example")
        .passTimes(180, 60)
        .pass({ isUsable: false, usabilityReason: "Expired" })
        .signIns(signIn(60, { errorCode: 130504, failureReason: "Your Temporary Access Pass has expired." })),
    "TAP_EXPIRED",
  ],
  [
    "chloe",
    () =>
      northwind("chloe@northwind-demo.example").pass({
        createdAt: minutesAgo(60),
        startsAt: new Date("2026-11-29T09:00:00Z"),
        isUsable: false,
        usabilityReason: "NotYetValid",
      }),
    "TAP_NOT_YET_VALID",
  ],
  [
    "dev",
    () =>
      northwind("dev@northwind-demo.example")
        .passTimes(30, 60)
        .pass({ isUsable: false, usabilityReason: "OneTimeUsed" })
        .signIns(
          signIn(20, { errorCode: 0 }),
          signIn(5, { errorCode: 130501, failureReason: "Temporary Access Pass sign in was blocked due to User Credential Policy" }),
        ),
    "TAP_ALREADY_USED",
  ],
  [
    "elena",
    () =>
      northwind("elena@northwind-demo.example")
        .passTimes(120, 480)
        .pass({ isUsableOnce: false, isUsable: false, usabilityReason: "DisabledByPolicy" }),
    "TAP_MULTIUSE_NOT_ALLOWED",
  ],
  ["farah", () => northwind("farah@northwind-demo.example").groups().pass({ isUsable: false, usabilityReason: "DisabledByPolicy" }), "TAP_USER_NOT_IN_POLICY"],
  [
    "gus",
    () =>
      northwind("gus@northwind-demo.example")
        .groups(IDS.tapUsers, IDS.tapExcluded)
        .pass({ isUsable: false, usabilityReason: "DisabledByPolicy" }),
    "TAP_USER_NOT_IN_POLICY",
  ],
  ["hana", () => northwind("hana@northwind-demo.example").noPass(), "TAP_MISSING"],
  [
    "ivan",
    () =>
      northwind("ivan@northwind-demo.example")
        .user({ accountEnabled: false })
        .passTimes(180, 60)
        .pass({ isUsable: false, usabilityReason: "Expired" })
        .signIns(signIn(30, { errorCode: 50057 })),
    "ACCOUNT_DISABLED",
  ],
  ["jade", () => northwind("jade@northwind-demo.example").risk({ level: "high", state: "atRisk" }), "USER_AT_RISK"],
  [
    "kai",
    () =>
      northwind("kai@northwind-demo.example")
        .groups(IDS.tapUsers, IDS.contractors)
        .signIns(signIn(5, { errorCode: 53003, conditionalAccessStatus: "failure", appliedPolicies: applied(POLICY_A, ["Block"]) })),
    "CA_BLOCKED",
  ],
  [
    "lena",
    () =>
      northwind("lena@northwind-demo.example")
        .groups(IDS.tapUsers, IDS.finance)
        .signIns(
          signIn(5, {
            errorCode: 53000,
            conditionalAccessStatus: "failure",
            appliedPolicies: applied(POLICY_B, ["RequireCompliantDevice"]),
            device: { operatingSystem: "Windows 11", browser: "Edge 130.0", isCompliant: false },
          }),
        ),
    "CA_COMPLIANT_DEVICE_REQUIRED",
  ],
  ["milo", () => northwind("milo@northwind-demo.example").groups(IDS.tapUsers, IDS.engineeringAdmins), "CA_STRENGTH_EXCLUDES_TAP"],
  [
    "nora",
    () =>
      northwind("nora_contoso.example#EXT#@northwind-demo.example")
        .user({ userType: "Guest", creationType: "Invitation", externalUserState: "Accepted", mobilePhone: undefined })
        .noPass(),
    "EXTERNAL_GUEST",
  ],
  [
    "omar",
    () =>
      northwind("omar@corp.northwind-demo.example")
        .federation({ domain: "corp.northwind-demo.example", federatedIdpMfaBehavior: "enforceMfaByFederatedIdp" })
        .answers({ device: "windows", stage: "windows_logon" }),
    "FEDERATED_IDP_REDIRECT",
  ],
  [
    "pia",
    () =>
      northwind("pia@northwind-demo.example").signIns(
        signIn(5, { errorCode: 130506, appDisplayName: "Windows Sign In", device: { operatingSystem: "Windows 11", trustType: "Hybrid Azure AD joined" } }),
      ),
    "WINDOWS_DEVICE_ALREADY_JOINED",
  ],
  [
    "quinn",
    () =>
      northwind("quinn@northwind-demo.example")
        .passTimes(30, 60)
        .signIns(signIn(10, { errorCode: 130507, device: { browser: "Firefox 128.0", operatingSystem: "Linux" } })),
    "BROWSER_OR_PLATFORM",
  ],
  ["rosa", () => northwind("rosa@northwind-demo.example").groups(IDS.tapUsers, IDS.kioskStaff), "REGISTRATION_METHODS_DISABLED"],
  ["sam", () => northwind("sam@northwind-demo.example").signIns(signIn(5, { errorCode: 50079 })), "REGISTRATION_INTERRUPT_MODE"],
  ["avery with the tenant TAP policy switched off", () => northwind("avery@northwind-demo.example").tapPolicy({ state: "disabled" }), "TAP_POLICY_DISABLED"],
];

describe("demo cast (Northwind Labs)", () => {
  it("takes every snapshot at the same instant", () => {
    assert.equal(northwind("x@northwind-demo.example").now.toISOString(), NOW.toISOString());
  });

  for (const [who, build, expected] of CAST) {
    it(`${who} → ${expected}`, () => {
      assert.equal(diagnose(build().build()).findings[0]?.code, expected);
    });
  }

  it("avery gets the four general questions", () => {
    assert.deepEqual(diagnose(northwind("avery@northwind-demo.example").build()).openQuestions, ["stage", "device", "browser", "error_text"]);
  });

  it("the report-only and disabled policies never produce a finding, even for a guest", () => {
    const guestWithPass = northwind("g@northwind-demo.example").user({ userType: "Guest" }).build();
    assert.deepEqual(diagnose(guestWithPass).findings.map((f) => f.code), ["TAP_LOOKS_VALID"]);
  });

  it("lena's finding names the failing policy", () => {
    const [, build] = CAST.find(([who]) => who === "lena")!;
    const evidence = diagnose(build().build()).findings[0]?.evidence.map((e) => e.value).join(" ") ?? "";
    assert.match(evidence, /Finance requires compliant device/);
  });
});
