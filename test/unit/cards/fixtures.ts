// Hand-built diagnoses shaped like the rules' output, so card tests don't depend on src/triage/rules.
import type { Diagnosis, Finding, FindingCode } from "../../../src/triage/findings";

/** A finding with realistic defaults; tests override what they look at. */
export function finding(code: FindingCode, overrides: Partial<Finding> = {}): Finding {
  return {
    code,
    impact: "blocks_tap",
    title: `Title for ${code.toLowerCase().replace(/_/g, " ")}`,
    summary: "Summary sentence.",
    evidence: [],
    userSteps: [],
    agentNotes: [],
    actions: ["fixed", "still_broken"],
    ...overrides,
  };
}

/** The common case: the pass expired, plus a Conditional Access problem waiting behind it. */
export function expiredDiagnosis(): Diagnosis {
  return {
    findings: [
      finding("TAP_EXPIRED", {
        title: "Your pass has expired",
        summary: "The Temporary Access Pass stopped working at 10:30 today, one hour after it was created.",
        evidence: [
          { label: "Pass valid until", value: "24 Apr 2026, 10:30 (Europe/Berlin)", source: "pass" },
          { label: "Pass status", value: "Expired", source: "pass" },
          { label: "Last sign-in error", value: "AADSTS130504 at 11:02", source: "sign-in log" },
        ],
        userSteps: ["Ask the helpdesk for a new pass.", "Use it within its lifetime; the new pass replaces the old one."],
        agentNotes: ["Issue a new pass; policy default lifetime is 60 minutes.", "The user has no other sign-in method registered."],
        actions: ["fixed", "still_broken", "new_pass", "open_security_info"],
      }),
      finding("CA_STRENGTH_EXCLUDES_TAP", {
        impact: "fails_later",
        title: "A sign-in rule will ask for a stronger method after the pass",
        agentNotes: ["Policy 'Require phishing-resistant MFA' uses a strength without TAP."],
      }),
      finding("REGISTRATION_INTERRUPT_MODE", { impact: "fails_later", title: "Passkey setup may be interrupted" }),
    ],
    openQuestions: [],
    skipped: ["Couldn't read sign-in risk: the tenant has no Entra ID P2 license."],
  };
}

/** A security-owned cause: no new pass is offered. */
export function atRiskDiagnosis(): Diagnosis {
  return {
    findings: [
      finding("USER_AT_RISK", {
        impact: "blocks_signin",
        title: "Your account is flagged as risky",
        summary: "Identity Protection rates your account as high risk, so sign-in is blocked until security reviews it.",
        evidence: [{ label: "User risk", value: "High", source: "risk" }],
        userSteps: ["Contact the security team; a new pass won't help until the risk is cleared."],
        agentNotes: ["Route to security; do not issue a pass."],
        actions: ["still_broken", "contact_security"],
      }),
    ],
    openQuestions: [],
    skipped: [],
  };
}
