// TAP_MISSING: there is no pass on the account (never issued, deleted, or replaced and removed).
import { isExternalGuest, currentPass } from "../facts";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { recentFailuresWith } from "../sign-ins";
import { signInEvidence } from "../evidence";
import { newPassNotes, permanentMethodStep } from "../wording";

const NOT_FOUND = 130507;

/** Fires when the pass list reads empty; external guests are left to EXTERNAL_GUEST (they can't get one). */
export const tapMissing: Rule = {
  code: "TAP_MISSING",
  evaluate(s) {
    if (currentPass(s) !== null || isExternalGuest(s.user)) return NOTHING;
    const notFound = recentFailuresWith(s, [NOT_FOUND])[0];
    return {
      finding: makeFinding("TAP_MISSING", {
        title: "There's no pass on your account",
        summary: "Your account has no Temporary Access Pass right now: it was never issued, or it was deleted or replaced.",
        evidence: [
          { label: "Temporary Access Pass", value: "none on the account", source: "pass" },
          ...(notFound ? [signInEvidence(s, notFound)] : []),
        ],
        userSteps: [
          "Ask the helpdesk for a new Temporary Access Pass.",
          "Type it exactly as given (it's case-sensitive) at the sign-in page of the account it was made for.",
          permanentMethodStep(s),
        ],
        agentNotes: [
          "No Temporary Access Pass exists for this account; if the person was sent one, it was deleted or replaced since.",
          ...newPassNotes(s),
        ],
        actions: ["new_pass", "still_broken", "fixed"],
      }),
    };
  },
};
