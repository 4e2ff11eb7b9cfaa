// REGISTRATION_METHODS_DISABLED: the pass gets the person in, but neither FIDO2 (passkeys) nor Microsoft Authenticator
// is allowed for them, so they can't set up a passwordless method afterwards.
import { known, targetSubject } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import type { MethodPolicy, Snapshot } from "../snapshot";
import { isTargeted } from "../targeting";

const METHODS = [
  { id: "Fido2", name: "Passkeys and security keys (FIDO2)" },
  { id: "MicrosoftAuthenticator", name: "Microsoft Authenticator" },
] as const;

/** Available = enabled and targeting the person; a configuration missing from the policy counts as unavailable. */
function availability(s: Snapshot, policies: readonly MethodPolicy[], id: string): { available: boolean | undefined; why: string } {
  const policy = policies.find((p) => p.id.toLowerCase() === id.toLowerCase());
  if (!policy) return { available: false, why: "not configured" };
  if (policy.state !== "enabled") return { available: false, why: "switched off for everyone" };
  const targeted = isTargeted(policy.includeTargets, policy.excludeTargets, targetSubject(s));
  if (targeted === undefined) return { available: undefined, why: "unknown" };
  return { available: targeted, why: targeted ? "allowed for you" : "not allowed for your account" };
}

/** Both unavailable: a fails_later finding. One unavailable: an agent note only. */
export const registrationMethodsDisabled: Rule = {
  code: "REGISTRATION_METHODS_DISABLED",
  evaluate(s) {
    const policies = known(s.methodPolicies);
    if (!policies) return NOTHING;
    const results = METHODS.map((m) => ({ ...m, ...availability(s, policies, m.id) }));
    if (results.some((r) => r.available === undefined)) return NOTHING;
    const unavailable = results.filter((r) => r.available === false);
    if (unavailable.length === 0) return NOTHING;
    if (unavailable.length === 1) {
      const only = unavailable[0];
      return { notes: [`${only.name} is ${only.why}; the person can still register the other passwordless method after signing in.`] };
    }
    const evidence: Evidence[] = results.map((r) => ({ label: r.name, value: r.why, source: "methods" }));
    return {
      finding: makeFinding("REGISTRATION_METHODS_DISABLED", {
        title: "You won't be able to add a passwordless method",
        summary:
          "Your pass can get you in, but your organization doesn't currently let your account add a passkey or the Microsoft Authenticator app, so you can't set up a permanent passwordless sign-in afterwards.",
        evidence,
        userSteps: [
          "Use your pass for what you need right now.",
          "Tell the helpdesk you need a permanent sign-in method: your account isn't allowed to add a passkey or the Authenticator app.",
          "Once that's allowed, add one at My Security Info while your pass is still valid (or ask for a new pass).",
        ],
        agentNotes: [
          "Both the Fido2 and MicrosoftAuthenticator method policies exclude or don't include this person (or are disabled).",
          "An Authentication Policy Administrator can include the person (or take them out of the excluded group). If the exclusion is deliberate (e.g. kiosk staff), agree another method with the person's manager.",
        ],
        actions: ["still_broken", "fixed"],
        escalation: {
          to: "helpdesk",
          change: "An administrator has to allow your account to add a passkey or the Microsoft Authenticator app (the authentication methods policy).",
        },
      }),
    };
  },
};
