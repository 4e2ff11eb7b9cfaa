// REGISTRATION_INTERRUPT_MODE: after the pass, a registration policy sends the person to interrupt-mode setup,
// which can't register a passkey (FIDO2) or phone sign-in; and a one-time pass leaves only 10 minutes for it.
import { codesPointingTo } from "../aadsts";
import { reportedCodeEvidence, signInEvidence } from "../evidence";
import { currentPass } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { recentFailuresWith, reportedCodes } from "../sign-ins";
import type { Snapshot } from "../snapshot";
import { SECURITY_INFO_URL } from "../wording";

const WANTS_PASSWORDLESS = /passkey|security key|fido|phone sign[- ]?in|passwordless/i;

function wantsPasswordless(s: Snapshot): boolean | undefined {
  if (s.answers.stage !== "register_method") return false;
  if (s.answers.errorText === undefined) return undefined;
  return WANTS_PASSWORDLESS.test(s.answers.errorText);
}

/** Proven by 50072/50079; reported when registering and the person mentions a passkey or phone sign-in. */
export const registrationInterruptMode: Rule = {
  code: "REGISTRATION_INTERRUPT_MODE",
  evaluate(s) {
    const codes = codesPointingTo("REGISTRATION_INTERRUPT_MODE");
    const attempt = recentFailuresWith(s, codes)[0];
    const pasted = reportedCodes(s, codes);
    const wants = wantsPasswordless(s);
    if (!attempt && pasted.length === 0 && wants !== true) {
      return wants === undefined ? { questions: ["error_text"] } : NOTHING;
    }

    const evidence: Evidence[] = [];
    if (attempt) evidence.push(signInEvidence(s, attempt));
    evidence.push(...pasted.map(reportedCodeEvidence));
    if (wants) evidence.push({ label: "What you're doing", value: "adding a passkey or phone sign-in after signing in", source: "your answer" });
    const oneTime = currentPass(s)?.isUsableOnce ?? true;
    return {
      certainty: attempt || pasted.length > 0 ? "proven" : "reported",
      finding: makeFinding("REGISTRATION_INTERRUPT_MODE", {
        title: "The setup page after your pass can't add a passkey",
        summary:
          "After you sign in with the pass, you're sent to a 'more information required' setup page. That page can't add a passkey or phone sign-in.",
        evidence,
        userSteps: [
          "On that setup page, add the Microsoft Authenticator app (notifications) to get through.",
          `Then go to My Security Info (${SECURITY_INFO_URL}) to add a passkey or phone sign-in.`,
          ...(oneTime
            ? ["With a one-time pass, finish registering within 10 minutes of signing in. If time runs out, ask the helpdesk for a new pass."]
            : []),
        ],
        agentNotes: [
          "The person is in scope of the SSPR registration policy or the Identity Protection MFA registration policy, so registration runs in interrupt mode, which doesn't support FIDO2 or phone sign-in.",
          "Options: exclude onboarding users from those registration policies, or (where the pass policy allows) issue a multi-use pass so the 10-minute window restarts when registration begins.",
        ],
        actions: ["open_security_info", "still_broken", "fixed"],
      }),
    };
  },
};
