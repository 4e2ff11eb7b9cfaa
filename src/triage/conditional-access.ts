// Does an enforced Conditional Access policy reach this person's TAP sign-in, and can a pass satisfy its grant?
// Report-only and disabled policies never count. Locations aren't in the snapshot, so a location-scoped policy counts.
import { guestOrExternalType, known, type PassMode } from "./facts";
import type { AuthStrength, CaPolicy, DeviceKind, Snapshot } from "./snapshot";

/** The person as Conditional Access sees them; undefined lists mean "couldn't read". */
export interface CaSubject {
  userId: string;
  groupIds: readonly string[] | undefined;
  roleIds: readonly string[] | undefined;
  /** guestOrExternalUserTypes value (b2bCollaborationGuest, internalGuest, …), undefined for a plain member. */
  guestType: string | undefined;
  device: DeviceKind | undefined;
}

/** Builds the CA view of the snapshot's person. */
export function caSubject(s: Snapshot): CaSubject {
  const membership = known(s.membership);
  return {
    userId: s.user.id,
    groupIds: membership?.groupIds,
    roleIds: membership?.roleTemplateIds,
    guestType: guestOrExternalType(s.user),
    device: s.answers.device,
  };
}

/** `depends_on_device`: the policy is platform-scoped and the person's device isn't known yet. */
export type Applicability = "applies" | "not_applicable" | "unknown" | "depends_on_device";

/** User actions and apps that a TAP sign-in (or the registration that follows it) goes through. */
const FLOW_APPS = ["All", "Office365"];
const REGISTER_SECURITY_INFO = "urn:user:registersecurityinfo";
const MODERN_CLIENTS = ["all", "browser", "mobileAppsAndDesktopClients"];
const PLATFORM_OF: Record<DeviceKind, string | undefined> = {
  windows: "windows",
  mac: "macOS",
  ios: "iOS",
  android: "android",
  linux: "linux",
  other: undefined,
};

/** Whether the policy covers all apps, Office 365, or the "Register security information" action. */
export function targetsSignInFlow(p: CaPolicy): boolean {
  return (
    p.applications.includeApplications.some((a) => FLOW_APPS.includes(a)) ||
    p.applications.includeUserActions.includes(REGISTER_SECURITY_INFO)
  );
}

/** True when the policy is aimed at the "Register security information" user action. */
export function targetsRegistration(p: CaPolicy): boolean {
  return p.applications.includeUserActions.includes(REGISTER_SECURITY_INFO);
}

function splitTypes(value: string | undefined): string[] {
  return (value ?? "").split(",").map((t) => t.trim()).filter((t) => t !== "");
}

function overlap(wanted: readonly string[], have: readonly string[] | undefined): boolean | undefined {
  if (wanted.length === 0) return false;
  if (have === undefined) return undefined;
  return wanted.some((w) => have.includes(w));
}

function anyOf(values: readonly (boolean | undefined)[]): boolean | undefined {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

/** Users/groups/roles/guests include minus exclude, three-valued (exclusion wins). */
export function usersMatch(p: CaPolicy, who: CaSubject): boolean | undefined {
  const u = p.users;
  const isGuestLike = who.guestType !== undefined;
  const included = anyOf([
    u.includeUsers.includes("All") || u.includeUsers.includes(who.userId),
    isGuestLike && u.includeUsers.includes("GuestsOrExternalUsers"),
    who.guestType !== undefined && splitTypes(u.includeGuestsOrExternalUsers).includes(who.guestType),
    overlap(u.includeGroups, who.groupIds),
    overlap(u.includeRoles, who.roleIds),
  ]);
  const excluded = anyOf([
    u.excludeUsers.includes(who.userId),
    isGuestLike && u.excludeUsers.includes("GuestsOrExternalUsers"),
    who.guestType !== undefined && splitTypes(u.excludeGuestsOrExternalUsers).includes(who.guestType),
    overlap(u.excludeGroups, who.groupIds),
    overlap(u.excludeRoles, who.roleIds),
  ]);
  if (excluded === true || included === false) return false;
  if (included === true && excluded === false) return true;
  return undefined;
}

function platformVerdict(p: CaPolicy, device: DeviceKind | undefined): Applicability {
  const include = p.platforms?.includePlatforms ?? [];
  const exclude = p.platforms?.excludePlatforms ?? [];
  if (include.length === 0 && exclude.length === 0) return "applies";
  if (device === undefined) return "depends_on_device";
  const platform = PLATFORM_OF[device];
  const inInclude = include.length === 0 || include.includes("all") || (platform !== undefined && include.includes(platform));
  const inExclude = exclude.includes("all") || (platform !== undefined && exclude.includes(platform));
  return inInclude && !inExclude ? "applies" : "not_applicable";
}

/**
 * Whether an enabled policy reaches this person's TAP sign-in. Policies gated on risk are left to the risk rule
 * (user risk) or can't be judged (sign-in risk), so they are `not_applicable` here.
 */
export function policyApplies(p: CaPolicy, who: CaSubject): Applicability {
  if (p.state !== "enabled") return "not_applicable";
  if (p.userRiskLevels.length > 0 || p.signInRiskLevels.length > 0) return "not_applicable";
  if (!targetsSignInFlow(p)) return "not_applicable";
  if (p.clientAppTypes.length > 0 && !p.clientAppTypes.some((c) => MODERN_CLIENTS.includes(c))) return "not_applicable";
  const users = usersMatch(p, who);
  if (users === false) return "not_applicable";
  if (users === undefined) return "unknown";
  return platformVerdict(p, who.device);
}

/** Enforced policies with their applicability to the person; empty when the policies couldn't be read. */
export function assessPolicies(s: Snapshot): { policy: CaPolicy; applicability: Applicability }[] {
  const policies = known(s.caPolicies) ?? [];
  const who = caSubject(s);
  return policies.map((policy) => ({ policy, applicability: policyApplies(policy, who) }));
}

/** Built-in strengths have fixed ids; used when the strengths list itself couldn't be read. */
const BUILT_IN_STRENGTHS: readonly AuthStrength[] = [
  {
    id: "00000000-0000-0000-0000-000000000002",
    displayName: "Multifactor authentication",
    allowedCombinations: [
      "windowsHelloForBusiness",
      "fido2",
      "x509CertificateMultiFactor",
      "deviceBasedPush",
      "temporaryAccessPassOneTime",
      "temporaryAccessPassMultiUse",
      "password,microsoftAuthenticatorPush",
      "password,softwareOath",
      "password,hardwareOath",
      "password,sms",
      "password,voice",
      "federatedMultiFactor",
    ],
  },
  {
    id: "00000000-0000-0000-0000-000000000003",
    displayName: "Passwordless MFA",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"],
  },
  {
    id: "00000000-0000-0000-0000-000000000004",
    displayName: "Phishing-resistant MFA",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
  },
];

/** The strength a policy requires: from the tenant list, else a built-in by id, else undefined. */
export function findStrength(s: Snapshot, id: string): AuthStrength | undefined {
  return known(s.strengths)?.find((x) => x.id === id) ?? BUILT_IN_STRENGTHS.find((x) => x.id === id);
}

/** Whether a strength accepts this pass (either kind when there's no pass yet). */
export function strengthAllowsPass(strength: AuthStrength, mode: PassMode | undefined): boolean {
  const modes = strength.allowedCombinations.flatMap((c) => c.split(",").map((m) => m.trim()));
  if (mode) return modes.includes(mode);
  return modes.includes("temporaryAccessPassOneTime") || modes.includes("temporaryAccessPassMultiUse");
}

/** Device-state grant controls, which no pass can satisfy. */
export const DEVICE_CONTROLS = ["compliantDevice", "domainJoinedDevice"];

/** What a policy's grant demands of someone signing in with a pass. */
export interface GrantAnalysis {
  block: boolean;
  /** Device controls that must be met (empty when an OR alternative the pass satisfies exists). */
  deviceControls: string[];
  /** The required strength when it can't be met with this pass. */
  strengthWithoutPass?: AuthStrength;
  /** Strength id the policy names but that couldn't be resolved. */
  unknownStrengthId?: string;
}

/** Analyses one policy's grant controls for a pass of `mode` (undefined: no pass yet). */
export function analyseGrant(s: Snapshot, p: CaPolicy, mode: PassMode | undefined): GrantAnalysis {
  const grant = p.grant;
  if (!grant) return { block: false, deviceControls: [] };
  const strength = grant.authenticationStrengthId ? findStrength(s, grant.authenticationStrengthId) : undefined;
  const strengthOk = strength ? strengthAllowsPass(strength, mode) : undefined;
  // A pass counts as multifactor, so `mfa` or a TAP-inclusive strength satisfies an OR grant on its own.
  const passSatisfiesSome = grant.builtInControls.includes("mfa") || strengthOk === true;
  const alternativeMet = grant.operator === "OR" && passSatisfiesSome;
  const analysis: GrantAnalysis = {
    block: grant.builtInControls.includes("block"),
    deviceControls: alternativeMet ? [] : grant.builtInControls.filter((c) => DEVICE_CONTROLS.includes(c)),
  };
  if (grant.authenticationStrengthId && !strength) analysis.unknownStrengthId = grant.authenticationStrengthId;
  if (strength && strengthOk === false && !alternativeMet) analysis.strengthWithoutPass = strength;
  return analysis;
}
