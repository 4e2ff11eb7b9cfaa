// Sign-in error codes (AADSTS…) that matter for a TAP sign-in: what each means and which cause it points to.
// Codes and names from the Entra error-code reference; the 1305xx TAP texts come from field logs (graph-tap-facts §4).
import type { FindingCode } from "./findings";

/** One known sign-in error code. */
export interface SignInErrorInfo {
  code: number;
  name: string;
  /** Plain-words meaning, safe to show a person. */
  meaning: string;
  /** The cause this code is direct evidence for, when there is exactly one. */
  pointsTo?: FindingCode;
}

const TABLE: readonly SignInErrorInfo[] = [
  { code: 50053, name: "IdsLocked", meaning: "The account is locked after too many attempts, or the sign-in came from a blocked address." },
  { code: 50055, name: "InvalidPasswordExpiredPassword", meaning: "The password has expired." },
  { code: 50057, name: "UserDisabled", meaning: "The account is disabled.", pointsTo: "ACCOUNT_DISABLED" },
  { code: 50058, name: "UserInformationNotProvided", meaning: "There was no existing sign-in session (expected in silent sign-in)." },
  {
    code: 50072,
    name: "UserStrongAuthEnrollmentRequiredInterrupt",
    meaning: "The person must register security info before continuing.",
    pointsTo: "REGISTRATION_INTERRUPT_MODE",
  },
  { code: 50074, name: "UserStrongAuthClientAuthNRequiredInterrupt", meaning: "Strong authentication was required and not completed." },
  { code: 50076, name: "UserStrongAuthClientAuthNRequired", meaning: "Multifactor authentication was required." },
  {
    code: 50079,
    name: "UserStrongAuthEnrollmentRequired",
    meaning: "The person must register security info (or the federated provider must send an MFA claim).",
    pointsTo: "REGISTRATION_INTERRUPT_MODE",
  },
  { code: 500121, name: "Strong authentication failed", meaning: "The strong authentication step failed or was interrupted." },
  { code: 50097, name: "DeviceAuthenticationRequired", meaning: "Device authentication was required." },
  { code: 50105, name: "EntitlementGrantsNotFound", meaning: "The person isn't assigned to the application." },
  { code: 50126, name: "InvalidUserNameOrPassword", meaning: "Wrong user name or password." },
  { code: 50131, name: "ConditionalAccessFailed", meaning: "Conditional Access failed (device state, suspicious activity or a policy decision)." },
  { code: 50132, name: "Session invalid after password change", meaning: "The session ended because the password changed." },
  { code: 50133, name: "Session invalid after password expiry", meaning: "The session ended because the password expired." },
  { code: 50140, name: "KmsiInterrupt", meaning: "The 'Stay signed in?' prompt (expected, not an error)." },
  { code: 50158, name: "ExternalSecurityChallenge", meaning: "An external security challenge wasn't satisfied." },
  { code: 50173, name: "FreshTokenNeeded", meaning: "The session was revoked; a fresh sign-in is needed." },
  {
    code: 53000,
    name: "DeviceNotCompliant",
    meaning: "Conditional Access requires a compliant (managed) device.",
    pointsTo: "CA_COMPLIANT_DEVICE_REQUIRED",
  },
  {
    code: 53001,
    name: "DeviceNotDomainJoined",
    meaning: "Conditional Access requires a domain-joined device.",
    pointsTo: "CA_COMPLIANT_DEVICE_REQUIRED",
  },
  { code: 53002, name: "ApplicationUsedIsNotAnApprovedApp", meaning: "Conditional Access requires an approved app." },
  { code: 53003, name: "BlockedByConditionalAccess", meaning: "A Conditional Access policy blocked the sign-in.", pointsTo: "CA_BLOCKED" },
  {
    code: 530032,
    name: "BlockedByConditionalAccessOnSecurityPolicy",
    meaning: "A tenant security policy blocked the sign-in.",
    pointsTo: "CA_BLOCKED",
  },
  { code: 530035, name: "BlockedBySecurityDefaults", meaning: "Security defaults blocked the sign-in." },
  {
    code: 53004,
    name: "ProofUpBlockedDueToRisk",
    meaning: "Registering security info is blocked because the account is at risk.",
    pointsTo: "USER_AT_RISK",
  },
  {
    code: 53010,
    name: "ProofUpBlockedDueToSecurityInfoAcr",
    meaning: "Security info can only be registered from specific locations or devices.",
  },
  { code: 53011, name: "Blocked due to risk on home tenant", meaning: "The account is blocked because of risk in its home organization.", pointsTo: "USER_AT_RISK" },
  { code: 70043, name: "BadTokenDueToSignInFrequency", meaning: "The session expired under a sign-in frequency policy." },
  {
    code: 130501,
    name: "Blocked by User Credential Policy",
    meaning: "The pass was blocked by the authentication methods policy (not in scope, multi-use not allowed, or already used).",
  },
  { code: 130504, name: "Temporary Access Pass expired", meaning: "The Temporary Access Pass has expired.", pointsTo: "TAP_EXPIRED" },
  {
    code: 130506,
    name: "Access Pass required for Web Sign In",
    meaning: "An access pass must be used for Windows web sign-in.",
    pointsTo: "WINDOWS_DEVICE_ALREADY_JOINED",
  },
  { code: 130507, name: "Access pass not found", meaning: "No access pass could be found or verified for the account." },
];

const BY_CODE = new Map<number, SignInErrorInfo>(TABLE.map((e) => [e.code, e]));

/** Every code the table knows, for tests and for help text. */
export const KNOWN_SIGN_IN_ERRORS: readonly SignInErrorInfo[] = TABLE;

/** What a sign-in error code means, or undefined when it isn't one a TAP diagnosis knows. */
export function describeSignInError(code: number): SignInErrorInfo | undefined {
  return BY_CODE.get(code);
}

/** The codes that are direct evidence for `finding`. */
export function codesPointingTo(finding: FindingCode): number[] {
  return TABLE.filter((e) => e.pointsTo === finding).map((e) => e.code);
}

/** "AADSTS53003 (BlockedByConditionalAccess)", or just the code when unknown. */
export function errorLabel(code: number): string {
  const info = BY_CODE.get(code);
  return info ? `AADSTS${code} (${info.name})` : `AADSTS${code}`;
}
