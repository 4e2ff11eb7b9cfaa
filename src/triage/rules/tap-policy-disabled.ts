// TAP_POLICY_DISABLED: the tenant switched Temporary Access Pass off, so no pass works for anyone.
import { passEvidence } from "../evidence";
import { currentPass, known } from "../facts";
import { makeFinding, NOTHING, type Rule } from "../rule";

/** Fires whenever the tenant TAP policy reads `disabled`, with or without a pass (a new one wouldn't work either). */
export const tapPolicyDisabled: Rule = {
  code: "TAP_POLICY_DISABLED",
  evaluate(s) {
    const policy = known(s.tapPolicy);
    if (!policy || policy.state !== "disabled") return NOTHING;
    const pass = currentPass(s);
    return {
      finding: makeFinding("TAP_POLICY_DISABLED", {
        title: "Temporary Access Pass is switched off",
        summary: "Sign-in with a Temporary Access Pass is switched off for the whole organization right now, so no pass works, however new.",
        evidence: [
          { label: "Temporary Access Pass policy", value: "disabled for everyone", source: "policy" },
          ...(pass ? passEvidence(s, pass, ["status"]) : []),
        ],
        userSteps: [
          "If you have another way to sign in (password and Authenticator, a security key), use that for now.",
          "Otherwise tell the helpdesk: the pass feature has to be switched back on before any pass works.",
          "When it's back on, try your pass again (ask for a new one if it has expired by then).",
        ],
        agentNotes: [
          "The tenant Temporary Access Pass policy state is disabled. An Authentication Policy Administrator can enable it (Entra admin center > Authentication methods > Temporary Access Pass).",
          "Issuing a new pass won't help until the policy is enabled.",
        ],
        actions: ["still_broken", "fixed"],
        escalation: { to: "helpdesk", change: "An administrator has to switch sign-in with a Temporary Access Pass back on for the organization." },
      }),
    };
  },
};
