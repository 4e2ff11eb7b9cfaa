// TAP_USER_NOT_IN_POLICY: the pass policy doesn't reach this person (not included, or excluded: exclusion wins).
// Also explains a DisabledByPolicy pass that no other policy rule accounts for.
import { passEvidence } from "../evidence";
import { currentPass, known, targetSubject } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import type { PolicyTarget, Snapshot, TapInfo, TapPolicy } from "../snapshot";
import { targetingDetail } from "../targeting";

function describeTargets(targets: readonly PolicyTarget[]): string {
  if (targets.length === 0) return "nobody";
  return targets.map((t) => (t.id === "all_users" ? "all users" : `${t.targetType} ${t.id}`)).join(", ");
}

/** DisabledByPolicy with no more specific explanation (policy enabled, pass kind allowed). */
function unexplainedDisabledByPolicy(pass: TapInfo | null | undefined, policy: TapPolicy | undefined): boolean {
  if (!pass || pass.usabilityReason !== "DisabledByPolicy") return false;
  if (policy?.state === "disabled") return false;
  if (policy?.isUsableOnce === true && !pass.isUsableOnce) return false;
  return true;
}

function finding(s: Snapshot, evidence: Evidence[], policy: TapPolicy | undefined, conflict?: string) {
  const pass = currentPass(s);
  return makeFinding("TAP_USER_NOT_IN_POLICY", {
    title: "Your account isn't allowed to use a pass",
    summary: "Your organization only lets certain people sign in with a Temporary Access Pass, and your account isn't one of them right now.",
    evidence: [...evidence, ...(pass ? passEvidence(s, pass, ["status"]) : [])],
    userSteps: [
      "Tell the helpdesk that your account isn't allowed to use a Temporary Access Pass. A new pass won't help until that's changed.",
      "Once you've been added, try your pass again (ask for a new one if it has expired by then).",
    ],
    agentNotes: [
      ...(policy
        ? [`Pass policy includes: ${describeTargets(policy.includeTargets)}; excludes: ${describeTargets(policy.excludeTargets)}.`]
        : []),
      "Add the person to a group the pass policy includes (and remove them from any excluded group: exclusion wins). Group changes can take a few minutes to apply.",
      "Policy changes need an Authentication Policy Administrator; group membership needs a group owner or Groups/User Administrator.",
    ],
    actions: ["still_broken", "fixed"],
    escalation: {
      to: "helpdesk",
      change: "An administrator has to add you to a group the Temporary Access Pass policy includes (and take you out of any group it excludes).",
    },
    conflict,
  });
}

/** Proven from policy targets and membership, or inferred from an otherwise unexplained DisabledByPolicy pass. */
export const tapUserNotInPolicy: Rule = {
  code: "TAP_USER_NOT_IN_POLICY",
  evaluate(s) {
    const policy = known(s.tapPolicy);
    const pass = currentPass(s);
    const detail = policy ? targetingDetail(policy.includeTargets, policy.excludeTargets, targetSubject(s)) : undefined;

    if (detail?.targeted === false) {
      const evidence: Evidence[] =
        detail.excluded === true
          ? [{ label: "Pass policy", value: "you're in a group the policy excludes (exclusion wins over inclusion)", source: "policy" }]
          : [{ label: "Pass policy", value: "you're not in any group the policy includes", source: "policy" }];
      return { finding: finding(s, evidence, policy) };
    }
    if (!unexplainedDisabledByPolicy(pass, policy)) return NOTHING;

    const evidence: Evidence[] = [{ label: "Directory status of your pass", value: "blocked by policy (DisabledByPolicy)", source: "pass" }];
    if (detail?.targeted === true) {
      return {
        finding: finding(
          s,
          evidence,
          policy,
          "The pass policy reads as including this person, yet the directory blocks the pass by policy: a recent group or policy change may not have applied yet. Wait a few minutes; if it persists, recheck the policy targets.",
        ),
      };
    }
    return { finding: finding(s, evidence, policy) };
  },
};
