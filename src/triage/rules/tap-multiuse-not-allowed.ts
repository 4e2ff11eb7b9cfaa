// TAP_MULTIUSE_NOT_ALLOWED: a multi-use pass under a policy that now allows one-time passes only.
import { passEvidence } from "../evidence";
import { currentPass, known } from "../facts";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { newPassNotes, permanentMethodStep } from "../wording";

/** Fires on a multi-use pass whenever the policy demands one-time passes (the directory reports DisabledByPolicy). */
export const tapMultiuseNotAllowed: Rule = {
  code: "TAP_MULTIUSE_NOT_ALLOWED",
  evaluate(s) {
    const pass = currentPass(s);
    const policy = known(s.tapPolicy);
    if (!pass || !policy || pass.isUsableOnce || !policy.isUsableOnce) return NOTHING;
    return {
      finding: makeFinding("TAP_MULTIUSE_NOT_ALLOWED", {
        title: "Your pass is a kind that's no longer allowed",
        summary: "Your pass was made for more than one use, but your organization now only accepts one-time passes, so it's blocked.",
        evidence: [
          ...passEvidence(s, pass, ["created", "kind", "status"]),
          { label: "Pass policy", value: "one-time passes only", source: "policy" },
        ],
        userSteps: ["Ask the helpdesk for a new pass (it will be a one-time pass).", permanentMethodStep(s)],
        agentNotes: [
          "The pass is multi-use (isUsableOnce false) while the tenant policy requires one-time passes; it was probably created before the policy changed.",
          "Issue a new one-time pass; it replaces this one.",
          ...newPassNotes(s),
        ],
        actions: ["new_pass", "still_broken", "fixed"],
      }),
    };
  },
};
