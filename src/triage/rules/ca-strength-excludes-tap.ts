// CA_STRENGTH_EXCLUDES_TAP: a policy requires an authentication strength that doesn't list this kind of pass.
// Only the built-in "Multifactor authentication" strength includes a pass; custom ones list one-time and multi-use separately.
import { possibilityText, questionsFor } from "../ca-wording";
import { analyseGrant, assessPolicies, findStrength, strengthAllowsPass, targetsRegistration, type GrantAnalysis, type PolicyAssessment } from "../conditional-access";
import { signInEvidence } from "../evidence";
import { currentPass, passKindText, passMode } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { failedPolicyNames, recentFailures } from "../sign-ins";
import type { AuthStrength, CaPolicy, Snapshot } from "../snapshot";
import { SECURITY_INFO_URL } from "../wording";

/** An applying "Register security information" policy whose strength accepts the pass: registration already works. */
function registrationAllowsPass(s: Snapshot, mode: ReturnType<typeof passMode> | undefined): CaPolicy | undefined {
  return assessPolicies(s)
    .filter((a) => a.enforced && a.applicability === "applies" && targetsRegistration(a.policy))
    .map((a) => a.policy)
    .find((p) => {
      const id = p.grant?.authenticationStrengthId;
      const strength = id ? findStrength(s, id) : undefined;
      return strength !== undefined && strengthAllowsPass(strength, mode);
    });
}

type Failing = PolicyAssessment & { grant: GrantAnalysis & { strengthWithoutPass: AuthStrength } };

function strengthEvidence(s: Snapshot, applying: readonly Failing[]): Evidence[] {
  const pass = currentPass(s);
  const evidence: Evidence[] = applying.map((a) => ({
    label: "Policy that applies to you",
    value: `${a.policy.displayName}: requires "${a.grant.strengthWithoutPass.displayName}" (allows ${a.grant.strengthWithoutPass.allowedCombinations.join("; ")})`,
    source: "conditional access",
  }));
  if (pass) evidence.push({ label: "Your pass", value: passKindText(pass), source: "pass" });
  const names = applying.map((a) => a.policy.displayName);
  const attempt = recentFailures(s).find((e) => failedPolicyNames(e).some((n) => names.includes(n)));
  if (attempt) evidence.push(signInEvidence(s, attempt));
  return evidence;
}

function userSteps(registration: CaPolicy | undefined): string[] {
  return registration
    ? [
        `Open My Security Info (${SECURITY_INFO_URL}) and sign in with your pass: adding a method there is allowed with a pass.`,
        "Add a passkey or security key (or set up Windows Hello on your PC).",
        "Then sign in to your apps with that new method instead of the pass.",
      ]
    : [
        "Tell the helpdesk that your pass isn't accepted because your apps require a phishing-resistant sign-in.",
        "Once an administrator allows the pass for setting up security info, sign in with it at My Security Info and add a passkey, security key or Windows Hello.",
        "Then sign in to your apps with that new method.",
      ];
}

function strengthFinding(s: Snapshot, applying: readonly Failing[]) {
  const pass = currentPass(s);
  const mode = pass ? passMode(pass) : undefined;
  const kind = pass ? `a ${passKindText(pass)} pass` : "a Temporary Access Pass";
  const names = applying.map((a) => a.policy.displayName);
  const registration = registrationAllowsPass(s, mode);
  const strengthNames = [...new Set(applying.map((a) => a.grant.strengthWithoutPass.displayName))].join(", ");
  return makeFinding("CA_STRENGTH_EXCLUDES_TAP", {
    title: "Your apps need a stronger sign-in than a pass",
    summary: `Your organization requires "${strengthNames}" for this sign-in (${names.join(", ")}), and ${kind} doesn't count as that.`,
    evidence: strengthEvidence(s, applying),
    userSteps: userSteps(registration),
    agentNotes: [
      `Required strength${applying.length > 1 ? "s" : ""}: ${strengthNames}; ${kind} maps to ${mode ?? "temporaryAccessPassOneTime / temporaryAccessPassMultiUse"}, which isn't allowed.`,
      registration
        ? `"${registration.displayName}" already lets the pass register security info; the person can bootstrap a phishing-resistant method there.`
        : 'Fix: a Conditional Access policy on the user action "Register security information" requiring a strength that includes the pass (built-in "Multifactor authentication", or a custom strength with temporaryAccessPassOneTime / temporaryAccessPassMultiUse). Strengths on that user action take precedence over All-resources strengths during registration.',
      "A new pass doesn't help; a Conditional Access Administrator makes the policy change.",
    ],
    actions: registration ? ["open_security_info", "still_broken", "fixed"] : ["still_broken", "fixed"],
    escalation: {
      to: "helpdesk",
      change: registration
        ? "Nothing has to change for setting up a method; if that fails, a Conditional Access administrator has to check the strength your apps require."
        : 'A Conditional Access administrator has to let a pass count for "Register security information" (an authentication strength that includes the pass), so you can add a stronger method.',
      personMayFix: registration !== undefined,
    },
  });
}

/** Fires for each applying policy whose required strength lacks the person's pass kind (either kind with no pass). */
export const caStrengthExcludesTap: Rule = {
  code: "CA_STRENGTH_EXCLUDES_TAP",
  evaluate(s) {
    const pass = currentPass(s);
    const mode = pass ? passMode(pass) : undefined;
    const assessed = assessPolicies(s)
      .filter((a) => a.enforced && a.policy.userRiskLevels.length === 0)
      .map((a) => ({ ...a, grant: analyseGrant(s, a.policy, mode) }));
    const failing = assessed.filter((a): a is Failing => a.grant.strengthWithoutPass !== undefined && !targetsRegistration(a.policy));
    const applying = failing.filter((a) => a.applicability === "applies");
    const unresolved = assessed
      .filter((a) => a.applicability === "applies" && a.grant.unknownStrengthId !== undefined)
      .map((a) => `Couldn't resolve the authentication strength ${a.grant.unknownStrengthId} required by ${a.policy.displayName}.`);
    if (applying.length > 0) return { notes: unresolved, finding: strengthFinding(s, applying) };
    const depending = failing.filter((a) => a.applicability === "depends");
    if (depending.length === 0 && unresolved.length === 0) return NOTHING;
    return { questions: questionsFor(depending), notes: unresolved, possibilities: depending.map((a) => possibilityText(s, a, "strength")) };
  },
};
