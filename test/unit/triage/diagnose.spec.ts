import assert from "node:assert/strict";
import { diagnose } from "../../../src/triage/diagnose";
import { FINDING_CODES } from "../../../src/triage/findings";
import { RULES } from "../../../src/triage/rules";
import { checked, type CaPolicy } from "../../../src/triage/snapshot";
import { caPolicy, healthy, IDS, minutesAgo, signIn } from "../../support/snapshot-builder";

describe("diagnose", () => {
  describe("rule table", () => {
    it("has one rule per finding code, in rank order", () => {
      assert.deepEqual(RULES.map((r) => r.code), [...FINDING_CODES]);
    });
  });

  describe("ranking", () => {
    it("says TAP_LOOKS_VALID for a healthy snapshot", () => {
      assert.deepEqual(diagnose(healthy().build()).findings.map((f) => f.code), ["TAP_LOOKS_VALID"]);
    });

    it("orders findings by the rank table", () => {
      const s = healthy()
        .groups(IDS.tapUsers, IDS.kioskStaff, IDS.finance)
        .passTimes(61, 60)
        .caPolicies(caPolicy({ users: { includeGroups: [IDS.finance] }, grant: { operator: "OR", builtInControls: ["block"] } }))
        .risk({ level: "high", state: "atRisk" })
        .build();
      assert.deepEqual(diagnose(s).findings.map((f) => f.code), ["USER_AT_RISK", "TAP_EXPIRED", "CA_BLOCKED", "REGISTRATION_METHODS_DISABLED"]);
    });

    it("makes a fails_later finding primary when nothing blocks, without TAP_LOOKS_VALID", () => {
      const s = healthy().groups(IDS.tapUsers, IDS.kioskStaff).build();
      assert.deepEqual(diagnose(s).findings.map((f) => f.code), ["REGISTRATION_METHODS_DISABLED"]);
    });

    it("adds TAP_LOOKS_VALID for an internal guest", () => {
      assert.equal(diagnose(healthy().user({ userType: "Guest" }).build()).findings[0]?.code, "TAP_LOOKS_VALID");
    });

    it("adds a rule's note to the primary finding (one registration method unavailable)", () => {
      const s = healthy().methodPolicy("Fido2", { state: "disabled" }).build();
      assert.ok(diagnose(s).findings[0]?.agentNotes.some((n) => n.startsWith("Passkeys and security keys (FIDO2) is switched off")));
    });
  });

  describe("TAP_LOOKS_VALID", () => {
    it("lists typo, replication, account and private-window advice, ending with a permanent method", () => {
      const steps = diagnose(healthy().build()).findings[0]?.userSteps ?? [];
      assert.deepEqual(
        [/case-sensitive/, /few minutes/, /avery@northwind-demo\.example/, /private/, /permanent way to sign in/].map((re, i) => re.test(steps[i] ?? "")),
        [true, true, true, true, true],
      );
    });

    it("explains that a pass doesn't work for VPN (NPS/AD FS)", () => {
      const steps = diagnose(healthy().answers({ stage: "vpn" }).build()).findings[0]?.userSteps ?? [];
      assert.match(steps[0] ?? "", /RADIUS \(NPS\) server or AD FS/);
    });
  });

  describe("openQuestions", () => {
    it("asks stage, device, browser and error text when nothing failed yet", () => {
      assert.deepEqual(diagnose(healthy().build()).openQuestions, ["stage", "device", "browser", "error_text"]);
    });

    it("doesn't ask for the error text when the log shows the failure", () => {
      const s = healthy().signIns(signIn(5, { errorCode: 50126 })).build();
      assert.deepEqual(diagnose(s).openQuestions, ["stage", "device", "browser"]);
    });

    it("never asks what's already answered", () => {
      const s = healthy().answers({ stage: "tap_prompt", browser: "edge", errorCodes: [50126] }).build();
      assert.deepEqual(diagnose(s).openQuestions, ["device"]);
    });

    it("asks nothing when a blocking cause is proven", () => {
      assert.deepEqual(diagnose(healthy().passTimes(61, 60).build()).openQuestions, []);
    });

    it("asks only about the device when a compliant-device policy applies without sign-in evidence", () => {
      const s = healthy()
        .groups(IDS.tapUsers, IDS.finance)
        .caPolicies(caPolicy({ users: { includeGroups: [IDS.finance] }, grant: { operator: "OR", builtInControls: ["compliantDevice"] } }))
        .build();
      assert.deepEqual(diagnose(s).openQuestions, ["device"]);
    });

    it("asks only about the stage for a federated domain", () => {
      const s = healthy().federation({ domain: "corp.northwind-demo.example", federatedIdpMfaBehavior: "enforceMfaByFederatedIdp" }).build();
      assert.deepEqual(diagnose(s).openQuestions, ["stage"]);
    });

    it("falls back to the general questions once the targeted one is answered", () => {
      const s = healthy()
        .federation({ domain: "corp.northwind-demo.example", federatedIdpMfaBehavior: "enforceMfaByFederatedIdp" })
        .answers({ stage: "tap_prompt" })
        .build();
      assert.deepEqual(diagnose(s).openQuestions, ["device", "browser", "error_text"]);
    });
  });

  describe("conflicts", () => {
    it("explains a stale 'expired' error when a newer pass was issued after it", () => {
      const s = healthy().passTimes(10, 60).signIns(signIn(30, { errorCode: 130504 })).build();
      assert.match(diagnose(s).findings[0]?.conflict ?? "", /newer pass was issued after that attempt/);
    });

    it("puts the stale attempt into the evidence", () => {
      const s = healthy().passTimes(10, 60).signIns(signIn(30, { errorCode: 130504 })).build();
      assert.ok(diagnose(s).findings[0]?.evidence.some((e) => e.label === "Newer pass created"));
    });

    it("explains a 'not found' right after creation as replication delay", () => {
      const s = healthy().passTimes(5, 60).signIns(signIn(2, { errorCode: 130507 })).build();
      assert.match(diagnose(s).findings[0]?.conflict ?? "", /few minutes to reach every sign-in server/);
    });

    it("doesn't call a 'not found' on an older pass replication delay", () => {
      const s = healthy().passTimes(30, 60).signIns(signIn(2, { errorCode: 130507 })).build();
      assert.equal(diagnose(s).findings[0]?.conflict, undefined);
    });

    it("has no conflict when log and pass agree (expired pass, expired error)", () => {
      const s = healthy().passTimes(180, 60).signIns(signIn(60, { errorCode: 130504 })).build();
      assert.equal(diagnose(s).findings[0]?.conflict, undefined);
    });
  });

  describe("skipped checks", () => {
    it("reports each unreadable fact once", () => {
      const s = healthy()
        .unreadable("signIns", "couldn't read sign-in logs: needs AuditLog.Read.All")
        .unreadable("risk", "couldn't read risk: needs Entra ID P2")
        .unreadable("strengths", "couldn't read sign-in logs: needs AuditLog.Read.All")
        .build();
      assert.deepEqual(diagnose(s).skipped, ["couldn't read sign-in logs: needs AuditLog.Read.All", "couldn't read risk: needs Entra ID P2"]);
    });

    it("still diagnoses with everything unreadable", () => {
      let b = healthy();
      for (const key of ["manager", "taps", "methods", "membership", "signIns", "risk", "tapPolicy", "methodPolicies", "caPolicies", "strengths", "federation"] as const) {
        b = b.unreadable(key, `no ${key}`);
      }
      assert.equal(diagnose(b.build()).findings[0]?.code, "TAP_LOOKS_VALID");
    });

    it("keeps a disabled account as a proven finding even when everything else is unreadable", () => {
      const s = healthy().user({ accountEnabled: false }).unreadable("taps", "x").unreadable("signIns", "y").build();
      assert.equal(diagnose(s).findings[0]?.code, "ACCOUNT_DISABLED");
    });

    it("still diagnoses a pass with an invalid date", () => {
      const s = healthy().pass({ startsAt: new Date(Number.NaN) }).build();
      assert.equal(diagnose(s).findings.length > 0, true);
    });

    it("reports a check that couldn't complete instead of throwing (malformed policy)", () => {
      const s = { ...healthy().build(), caPolicies: checked([{ id: "broken", state: "enabled" } as unknown as CaPolicy]) };
      assert.ok(diagnose(s).skipped.includes("couldn't complete the CA_BLOCKED check"));
    });

    it("keeps what a failing rule threw for the caller to log, and nothing when every rule ran", () => {
      const s = { ...healthy().build(), caPolicies: checked([{ id: "broken", state: "enabled" } as unknown as CaPolicy]) };
      const failures = diagnose(s).ruleFailures ?? [];
      assert.ok(failures.some((f) => f.code === "CA_BLOCKED" && /^TypeError: /.test(f.error)), JSON.stringify(failures));
      assert.equal(diagnose(healthy().build()).ruleFailures, undefined);
    });
  });

  describe("times in the person's zone", () => {
    it("formats evidence in Europe/Berlin across the date boundary", () => {
      const now = new Date("2026-11-28T23:30:00Z");
      const s = healthy(now).timeZone("Europe/Berlin").passTimes(80, 60).build();
      const ends = diagnose(s).findings[0]?.evidence.find((e) => e.label === "Pass expired");
      assert.equal(ends?.value, "Sun 29 Nov 2026, 00:10 Europe/Berlin (20 minutes ago), lifetime 60 minutes");
    });

    it("says when the pass expired in relative words", () => {
      const s = healthy().passTimes(180, 60).build();
      assert.match(diagnose(s).findings[0]?.summary ?? "", /expired 2 hours ago/);
    });
  });

  describe("every finding is complete", () => {
    it("has a title, summary, steps, notes and actions", () => {
      const s = healthy().passTimes(61, 60).user({ accountEnabled: false }).risk({ level: "high", state: "atRisk" }).build();
      const incomplete = diagnose(s).findings.filter(
        (f) => !f.title || !f.summary || f.userSteps.length === 0 || f.agentNotes.length === 0 || f.actions.length === 0,
      );
      assert.deepEqual(incomplete, []);
    });

    it("uses the snapshot's now, not the wall clock", () => {
      const then = new Date("2020-01-01T00:00:00Z");
      assert.equal(diagnose(healthy(then).build()).findings[0]?.code, "TAP_LOOKS_VALID");
    });

    it("uses created-at times before now", () => {
      assert.ok(minutesAgo(1).getTime() < Date.parse("2026-11-28T12:00:00Z"));
    });
  });
});
