// ACCOUNT_DISABLED: the account is switched off, so nothing signs in; a new pass can't help.
import { codesPointingTo } from "../aadsts";
import { reportedCodeEvidence, signInEvidence } from "../evidence";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { recentFailuresWith, reportedCodes } from "../sign-ins";
import type { Snapshot } from "../snapshot";

function evidenceFor(s: Snapshot): Evidence[] {
  const codes = codesPointingTo("ACCOUNT_DISABLED");
  const attempt = recentFailuresWith(s, codes)[0];
  return [
    { label: "Account enabled", value: s.user.accountEnabled ? "yes" : "no", source: "account" },
    ...(attempt ? [signInEvidence(s, attempt)] : []),
    ...reportedCodes(s, codes).map(reportedCodeEvidence),
  ];
}

/** Disabled now (proven), or a recent "user disabled" error while the account reads enabled (likely just re-enabled). */
export const accountDisabled: Rule = {
  code: "ACCOUNT_DISABLED",
  evaluate(s) {
    const codes = codesPointingTo("ACCOUNT_DISABLED");
    const seen = recentFailuresWith(s, codes).length > 0 || reportedCodes(s, codes).length > 0;
    if (s.user.accountEnabled && !seen) return NOTHING;

    const syncNote = s.user.onPremisesSyncEnabled
      ? ["The account is synced from on-premises Active Directory: switch it back on there; the change arrives with the next sync."]
      : [];
    if (s.user.accountEnabled) {
      return {
        certainty: "possible",
        finding: makeFinding("ACCOUNT_DISABLED", {
          title: "Your account was switched off at the time",
          summary: "A recent sign-in failed because the account was disabled. It reads as enabled now, so it was probably switched back on since.",
          evidence: evidenceFor(s),
          userSteps: [
            "Wait a few minutes: a change to an account can take a little while to reach every sign-in server.",
            "Try your pass again.",
            "If it still fails with the same error, tell the helpdesk.",
          ],
          agentNotes: [
            "accountEnabled is true now, but a recent sign-in failed with AADSTS50057 (user disabled). Check the audit log for who re-enabled it and when.",
            ...syncNote,
          ],
          actions: ["still_broken", "fixed"],
          conflict: "The account reads as enabled, but a recent sign-in says it was disabled: it was most likely re-enabled after that attempt (or the change hasn't reached every server yet).",
        }),
      };
    }
    return {
      finding: makeFinding("ACCOUNT_DISABLED", {
        title: "Your account is switched off",
        summary: "Your account is disabled in the directory, so no sign-in works, with a pass or without one.",
        evidence: evidenceFor(s),
        userSteps: [
          "Contact the helpdesk or your manager: an administrator has to switch your account back on. A new pass won't help until then.",
          "Once your account is back on, try your pass again. If it has expired by then, ask for a new one.",
        ],
        agentNotes: [
          "accountEnabled is false. Find out why before switching it back on (leaver, security hold, HR request); a User Administrator can re-enable it.",
          ...syncNote,
          "Don't issue a pass while the account is disabled: it can't work.",
        ],
        actions: ["still_broken"],
        escalation: { to: "helpdesk", change: "An administrator has to switch your account back on, once they've checked why it was switched off." },
      }),
    };
  },
};
