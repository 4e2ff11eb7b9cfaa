// CA_BLOCKED: an enforced Conditional Access policy blocks this person's sign-in, whatever pass they use.
import { codesPointingTo } from "../aadsts";
import { analyseGrant, assessPolicies } from "../conditional-access";
import { reportedCodeEvidence, signInEvidence } from "../evidence";
import { currentPass, passMode } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { failedPolicyNames, recentFailuresWith, reportedCodes } from "../sign-ins";

/** Block policies that apply (users, apps, client types), or a recent 53003 naming the failing policies. */
export const caBlocked: Rule = {
  code: "CA_BLOCKED",
  evaluate(s) {
    const pass = currentPass(s);
    const mode = pass ? passMode(pass) : undefined;
    const blocking = assessPolicies(s).filter((a) => analyseGrant(s, a.policy, mode).block);
    const applying = blocking.filter((a) => a.applicability === "applies").map((a) => a.policy);
    const dependsOnDevice = blocking.some((a) => a.applicability === "depends_on_device");
    const codes = codesPointingTo("CA_BLOCKED");
    const attempt = recentFailuresWith(s, codes)[0];
    const pasted = reportedCodes(s, codes);
    if (applying.length === 0 && !attempt && pasted.length === 0) {
      return dependsOnDevice ? { questions: ["device"] } : NOTHING;
    }

    const names = [...new Set([...applying.map((p) => p.displayName), ...(attempt ? failedPolicyNames(attempt) : [])])];
    const evidence: Evidence[] = applying.map((p) => ({
      label: "Blocking policy that applies to you",
      value: p.displayName,
      source: "conditional access",
    }));
    if (attempt) {
      evidence.push(signInEvidence(s, attempt));
      const failed = failedPolicyNames(attempt);
      if (failed.length > 0) evidence.push({ label: "Policies that failed", value: failed.join(", "), source: "sign-in log" });
    }
    evidence.push(...pasted.map(reportedCodeEvidence));
    const named = names.length > 0 ? ` (${names.join(", ")})` : "";
    return {
      certainty: applying.length > 0 || attempt ? "proven" : "reported",
      finding: makeFinding("CA_BLOCKED", {
        title: "A security rule blocks your sign-in",
        summary: `A Conditional Access rule in your organization${named} blocks this sign-in for your account. Your pass isn't the problem, and a new one won't help.`,
        evidence,
        userSteps: [
          "Some rules depend on where or how you sign in: if you can, try again from your usual workplace network or company device.",
          "Otherwise tell the helpdesk the name of the rule above: only an administrator can change who it applies to.",
        ],
        agentNotes: [
          `Conditional Access block${named}. Check the policy's conditions (locations, platforms, client apps) with the What If tool in the Entra admin center.`,
          "A Conditional Access Administrator can exclude the person or adjust the policy; a new pass doesn't help.",
        ],
        actions: ["still_broken", "fixed"],
      }),
    };
  },
};
