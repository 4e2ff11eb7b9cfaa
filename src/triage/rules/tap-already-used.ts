// TAP_ALREADY_USED: a one-time pass works for one sign-in only, and it has had it.
import { passEvidence, signInEvidence } from "../evidence";
import { currentPass } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { recentFailures, successAfter } from "../sign-ins";
import { newPassNotes, permanentMethodStep } from "../wording";

/** Fires on the directory's OneTimeUsed status; the sign-in log, when readable, shows when it was used. */
export const tapAlreadyUsed: Rule = {
  code: "TAP_ALREADY_USED",
  evaluate(s) {
    const pass = currentPass(s);
    if (!pass || pass.usabilityReason !== "OneTimeUsed") return NOTHING;
    const used = successAfter(s, pass.startsAt);
    const laterFailure = used ? recentFailures(s).find((e) => e.createdAt.getTime() > used.createdAt.getTime()) : undefined;
    const evidence: Evidence[] = [
      ...passEvidence(s, pass, ["created", "kind", "status"]),
      ...(used ? [{ ...signInEvidence(s, used), label: "Pass probably used for this sign-in" }] : []),
      ...(laterFailure ? [signInEvidence(s, laterFailure)] : []),
    ];
    return {
      finding: makeFinding("TAP_ALREADY_USED", {
        title: "Your one-time pass has already been used",
        summary: "Your pass works for one sign-in only, and it has been used. Signing out, restarting or a second prompt needs a new pass.",
        evidence,
        userSteps: [
          "If you didn't sign in with this pass yourself, tell the helpdesk straight away.",
          "Ask the helpdesk for a new pass.",
          "After signing in with it, don't sign out or restart before you've finished setting up your new sign-in method.",
          permanentMethodStep(s),
        ],
        agentNotes: [
          "The one-time pass was consumed. Typical causes: Autopilot asks twice (enrolment, then first logon), a restart during setup, or signing out before registering a method.",
          "For device setup, consider two one-time passes, or a multi-use pass with a short lifetime where the policy allows it.",
          ...newPassNotes(s),
        ],
        actions: ["new_pass", "still_broken", "fixed"],
      }),
    };
  },
};
