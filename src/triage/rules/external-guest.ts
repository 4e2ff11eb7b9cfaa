// EXTERNAL_GUEST: a B2B guest from another organization; Entra won't add a pass to such an account.
import { isExternalGuest } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";

/** Guests invited from another organization sign in with their home account; internal guests are fine. */
export const externalGuest: Rule = {
  code: "EXTERNAL_GUEST",
  evaluate(s) {
    if (!isExternalGuest(s.user)) return NOTHING;
    const evidence: Evidence[] = [{ label: "Account type", value: "Guest from another organization", source: "account" }];
    if (s.user.creationType) evidence.push({ label: "Created by", value: s.user.creationType, source: "account" });
    if (s.user.externalUserState) evidence.push({ label: "Invitation", value: s.user.externalUserState, source: "account" });
    const pending = s.user.externalUserState === "PendingAcceptance";
    return {
      finding: makeFinding("EXTERNAL_GUEST", {
        title: "Guest accounts sign in through their own organization",
        summary:
          "You're a guest from another organization. A Temporary Access Pass can't be added to a guest account here: you sign in with your account from your own organization.",
        evidence,
        userSteps: [
          ...(pending ? ["Accept the invitation first: open the invitation email and follow its link."] : []),
          "Sign in with your work account from your own organization (your home account), not with a pass from us.",
          "If that account needs a new sign-in method, ask your own organization's IT helpdesk: they can give you a Temporary Access Pass there.",
          "Then open our app or link again and sign in with that home account.",
        ],
        agentNotes: [
          'External (B2B) guest: Entra refuses "Temporary Access Pass cannot be added to an external guest user". Only internal guests can get a pass.',
          "A pass from the guest's home tenant works here if it meets their home tenant's rules and our cross-tenant access settings trust MFA from that tenant.",
          ...(pending ? ["The invitation is still pending acceptance: resend it if needed."] : []),
        ],
        actions: ["fixed", "still_broken"],
        escalation: {
          to: "helpdesk",
          change: "Nothing can change here: a pass can't be added to a guest account. Your own organization's IT has to help you sign in with your home account.",
          personMayFix: true,
        },
      }),
    };
  },
};
