// Text several findings share: where people manage their methods, who may issue a pass, what the policy allows.
import { currentPass, known } from "./facts";
import { formatDuration } from "./format";
import type { Snapshot } from "./snapshot";

/** The page where a person adds, removes and checks their sign-in methods. */
export const SECURITY_INFO_URL = "https://mysignins.microsoft.com/security-info";

/**
 * The closing step after any pass starts working: a pass is a bridge, not a way to sign in every day.
 * Mentions the 10-minute window only for a one-time pass, where it applies.
 */
export function permanentMethodStep(s: Snapshot): string {
  const pass = currentPass(s);
  const window = pass?.isUsableOnce
    ? " Do it right after signing in: with a one-time pass a passkey or phone sign-in must be set up within 10 minutes."
    : "";
  return (
    `Once you're in, set up a permanent way to sign in at My Security Info (${SECURITY_INFO_URL}): ` +
    `the Microsoft Authenticator app, a passkey or security key, or Windows Hello on your PC.${window}`
  );
}

/** Who may issue the next pass for this person, and the rule that nobody issues one for themselves. */
export function issuerNote(s: Snapshot): string {
  const roles = known(s.membership)?.roleTemplateIds;
  const holdsAdminRole = roles !== undefined && roles.length > 0;
  const base = holdsAdminRole
    ? "This person holds an admin role: only a Privileged Authentication Administrator (or Global Administrator) can issue their pass."
    : "An Authentication Administrator or Privileged Authentication Administrator can issue a pass for this person.";
  return `${base} Nobody can issue a pass for themselves.`;
}

/** What the tenant policy allows for a new pass, or undefined when the policy couldn't be read. */
export function policyLimitsNote(s: Snapshot): string | undefined {
  const policy = known(s.tapPolicy);
  if (!policy) return undefined;
  const kind = policy.isUsableOnce ? "one-time passes only" : "one-time or multi-use passes";
  return (
    `Pass policy: ${kind}, lifetime ${formatDuration(policy.minimumLifetimeInMinutes)} to ` +
    `${formatDuration(policy.maximumLifetimeInMinutes)} (default ${formatDuration(policy.defaultLifetimeInMinutes)}).`
  );
}

/** Agent notes every "issue a new pass" finding carries. */
export function newPassNotes(s: Snapshot): string[] {
  const limits = policyLimitsNote(s);
  return limits ? [issuerNote(s), limits] : [issuerNote(s)];
}
