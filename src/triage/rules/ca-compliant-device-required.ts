// CA_COMPLIANT_DEVICE_REQUIRED: a policy wants a compliant or domain-joined device, which no pass can provide.
import { codesPointingTo } from "../aadsts";
import { analyseGrant, assessPolicies, type PolicyAssessment } from "../conditional-access";
import { possibilityText, questionsFor } from "../ca-wording";
import { reportedCodeEvidence, signInEvidence } from "../evidence";
import { currentPass, passMode } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule, type RuleOutcome } from "../rule";
import { failedPolicyNames, recentFailures, recentFailuresWith, reportedCodes } from "../sign-ins";
import type { CaPolicy, SignInEvent, Snapshot } from "../snapshot";

const CONTROL_TEXT: Record<string, string> = {
  compliantDevice: "a compliant (company-managed) device",
  domainJoinedDevice: "a domain-joined (hybrid) device",
};

/** True when the person's answers describe a device that can't be compliant yet. */
function answersSayUnmanaged(s: Snapshot): boolean {
  const a = s.answers;
  return a.windowsJoin === "personal" || a.windowsJoin === "new_setup" || a.device === "linux" || a.device === "other";
}

function requirementText(policies: readonly { policy: CaPolicy; controls: string[] }[]): string {
  const controls = [...new Set(policies.flatMap((p) => p.controls))];
  return controls.map((c) => CONTROL_TEXT[c] ?? c).join(" or ");
}

type Requiring = PolicyAssessment & { controls: string[] };

/** Enforced policies whose grant wants a device state a pass can't give (risk-gated ones are the risk rule's). */
function requiringPolicies(s: Snapshot): Requiring[] {
  const pass = currentPass(s);
  const mode = pass ? passMode(pass) : undefined;
  return assessPolicies(s)
    .filter((a) => a.enforced && a.policy.userRiskLevels.length === 0)
    .map((a) => ({ ...a, controls: analyseGrant(s, a.policy, mode).deviceControls }))
    .filter((a) => a.controls.length > 0);
}

/** Nothing proves or suggests it yet: ask about the device, note the policy for the agent, say conditional ones as possibilities. */
function openOutcome(s: Snapshot, applying: readonly Requiring[], depending: readonly Requiring[]): RuleOutcome {
  if (applying.length === 0 && depending.length === 0) return NOTHING;
  const dependsOnDevice = depending.some((a) => a.dependsOn.includes("platform") || a.dependsOn.includes("device"));
  const names = applying.map((a) => a.policy.displayName).join(", ");
  return {
    questions: applying.length > 0 || dependsOnDevice ? (s.answers.device === undefined ? ["device"] : []) : questionsFor(depending),
    notes: names ? [`Conditional Access (${names}) requires ${requirementText(applying)}; no failed sign-in shows it yet.`] : [],
    possibilities: depending.map((a) => possibilityText(s, a, "device")),
  };
}

function deviceEvidence(s: Snapshot, applying: readonly Requiring[], attempt: SignInEvent | undefined, pasted: readonly number[], confirmed: boolean): Evidence[] {
  const evidence: Evidence[] = applying.map((a) => ({
    label: "Policy that applies to you",
    value: `${a.policy.displayName}: requires ${requirementText([a])}`,
    source: "conditional access",
  }));
  if (attempt) {
    evidence.push(signInEvidence(s, attempt));
    if (attempt.device.isCompliant === false) evidence.push({ label: "Device compliant", value: "no", source: "sign-in log" });
    const failed = failedPolicyNames(attempt);
    if (failed.length > 0) evidence.push({ label: "Policies that failed", value: failed.join(", "), source: "sign-in log" });
  }
  evidence.push(...pasted.map(reportedCodeEvidence));
  if (!confirmed) {
    const device = [s.answers.device, s.answers.windowsJoin].filter((x) => x !== undefined).join(", ");
    evidence.push({ label: "Your device", value: device, source: "your answer" });
  }
  return evidence;
}

function deviceFinding(requirement: string, evidence: Evidence[]) {
  return makeFinding("CA_COMPLIANT_DEVICE_REQUIRED", {
    title: "This sign-in needs a company-managed device",
    summary: `Your organization only allows this sign-in from ${requirement}, and the device you're using isn't recognized as one. A pass can't change that.`,
    evidence,
    userSteps: [
      "Sign in from your company laptop or phone if you have one.",
      "On a new company device, finish setting it up with company management (Company Portal) first; it can take a little while before it counts as compliant.",
      "If your company device is refused, tell the helpdesk so they can check why it isn't compliant.",
    ],
    agentNotes: [
      "Check the device's compliance in Intune (or its hybrid join state for domainJoinedDevice). Personal devices can't meet this requirement.",
      "A new pass doesn't help; a Conditional Access Administrator decides any exception.",
    ],
    actions: ["still_broken", "fixed"],
    escalation: {
      to: "helpdesk",
      change: "The helpdesk has to get your device recognized as compliant (enrolled in company management), or a Conditional Access administrator has to make an exception.",
      personMayFix: true,
    },
  });
}

/** Confirmed by 53000/53001 or a failing sign-in from a non-compliant device; otherwise asks about the device. */
export const caCompliantDeviceRequired: Rule = {
  code: "CA_COMPLIANT_DEVICE_REQUIRED",
  evaluate(s) {
    const requiring = requiringPolicies(s);
    // A newest sign-in that met the policy ("success") shows the person's device satisfies it.
    const applying = requiring.filter((a) => a.applicability === "applies" && (a.failedIn !== undefined || a.lastResult?.toLowerCase() !== "success"));
    const depending = requiring.filter((a) => a.applicability === "depends");
    const codes = codesPointingTo("CA_COMPLIANT_DEVICE_REQUIRED");
    // A non-compliant failing sign-in confirms only when a device policy applies; 53000/53001 confirm on their own.
    const attempt =
      recentFailuresWith(s, codes)[0] ??
      (applying.length > 0 ? recentFailures(s).find((e) => e.device.isCompliant === false) : undefined);
    const pasted = reportedCodes(s, codes);
    const confirmed = attempt !== undefined || pasted.length > 0;
    if (!confirmed && !(applying.length > 0 && answersSayUnmanaged(s))) return openOutcome(s, applying, depending);
    const requirement = applying.length > 0 ? requirementText(applying) : "a compliant (company-managed) device";
    return { certainty: attempt ? "proven" : "reported", finding: deviceFinding(requirement, deviceEvidence(s, applying, attempt, pasted, confirmed)) };
  },
};
