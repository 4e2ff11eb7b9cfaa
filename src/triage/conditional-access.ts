// Does a Conditional Access policy reach this person's pass sign-in, and can a pass satisfy its grant? Conditions are
// judged like Entra judges them (all must hold); what depends on the sign-in (location, platform, client, device) is
// decided from the person's newest failed sign-in or their answers, and stays `depends` when neither tells.
import { deviceFilterMatches, matchesLocationId, signInContext, type SignInContext, type Tri } from "./ca-context";
import { guestOrExternalType, known, type PassMode } from "./facts";
import { recentFailures, signInsNewestFirst } from "./sign-ins";
import type { AuthStrength, CaPolicy, NamedLocation, SignInEvent, Snapshot } from "./snapshot";

/** The person as Conditional Access sees them; undefined lists mean "couldn't read". */
export interface CaSubject {
  userId: string;
  groupIds: readonly string[] | undefined;
  roleIds: readonly string[] | undefined;
  /** guestOrExternalUserTypes value (b2bCollaborationGuest, internalGuest, …), undefined for a plain member. */
  guestType: string | undefined;
}

/** Builds the CA view of the snapshot's person. */
export function caSubject(s: Snapshot): CaSubject {
  const membership = known(s.membership);
  return {
    userId: s.user.id,
    groupIds: membership?.groupIds,
    roleIds: membership?.roleTemplateIds,
    guestType: guestOrExternalType(s.user),
  };
}

/** A condition whose value isn't known before the sign-in happens, so the policy may or may not apply. */
export type Dependency = "membership" | "location" | "platform" | "client_app" | "device" | "sign_in_risk" | "user_risk";

/** Which part of the journey a policy guards: the sign-in itself, or "Register security information" afterwards. */
export type FlowScope = "sign-in" | "registration";

/** Whether a policy's conditions all hold for this person and sign-in. */
export type ConditionVerdict =
  | { verdict: "applies"; scope: FlowScope }
  | { verdict: "not_applicable"; reason: string }
  | { verdict: "depends"; scope: FlowScope; on: Dependency[] };

/** Everything the conditions are judged against. */
export interface CaInputs {
  who: CaSubject;
  ctx: SignInContext;
  /** Undefined when they couldn't be read: a location condition other than "All" then stays unknown. */
  namedLocations: readonly NamedLocation[] | undefined;
  /** The person's Identity Protection risk level; undefined when it couldn't be read. */
  userRiskLevel: string | undefined;
}

const REGISTER_SECURITY_INFO = "urn:user:registersecurityinfo";
const LEGACY_CLIENTS = ["exchangeActiveSync", "easSupported", "other"];
/** A pass is modern authentication: a browser, or an app using the modern sign-in (Windows sign-in included). */
const PASS_CLIENTS = ["browser", "mobileAppsAndDesktopClients"];

/** Whether the policy covers all apps, Office 365, or the "Register security information" action. */
export function targetsSignInFlow(p: CaPolicy): boolean {
  return p.applications.includeApplications.some((a) => a === "All" || a === "Office365") || targetsRegistration(p);
}

/** True when the policy is aimed at the "Register security information" user action. */
export function targetsRegistration(p: CaPolicy): boolean {
  return p.applications.includeUserActions.includes(REGISTER_SECURITY_INFO);
}

function splitTypes(value: string | undefined): string[] {
  return (value ?? "").split(",").map((t) => t.trim()).filter((t) => t !== "");
}

function overlap(wanted: readonly string[], have: readonly string[] | undefined): Tri {
  if (wanted.length === 0) return false;
  if (have === undefined) return undefined;
  return wanted.some((w) => have.includes(w));
}

function anyOf(values: readonly Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

/** Include minus exclude, three-valued: a certain exclusion wins, a certain miss of the include wins. */
function includeMinusExclude(included: Tri, excluded: Tri): Tri {
  if (excluded === true || included === false) return false;
  if (included === true && excluded === false) return true;
  return undefined;
}

/** Users/groups/roles/guests include minus exclude, three-valued (exclusion wins). */
export function usersMatch(p: CaPolicy, who: CaSubject): Tri {
  const u = p.users;
  const isGuestLike = who.guestType !== undefined;
  if (u.includeUsers.includes("None")) return false;
  const included = anyOf([
    u.includeUsers.includes("All") || u.includeUsers.includes(who.userId),
    isGuestLike && u.includeUsers.includes("GuestsOrExternalUsers"),
    isGuestLike && splitTypes(u.includeGuestsOrExternalUsers).includes(who.guestType ?? ""),
    overlap(u.includeGroups, who.groupIds),
    overlap(u.includeRoles, who.roleIds),
  ]);
  const excluded = anyOf([
    u.excludeUsers.includes(who.userId),
    isGuestLike && u.excludeUsers.includes("GuestsOrExternalUsers"),
    isGuestLike && splitTypes(u.excludeGuestsOrExternalUsers).includes(who.guestType ?? ""),
    overlap(u.excludeGroups, who.groupIds),
    overlap(u.excludeRoles, who.roleIds),
  ]);
  return includeMinusExclude(included, excluded);
}

/**
 * Which flow the policy's target resources reach. A pass sign-in goes to My Sign-ins / Office (All resources or
 * Office 365); a policy on specific apps, admin portals, device registration or an authentication context applies
 * only where those are used, so not to the pass sign-in itself (a sign-in log naming it overrides this).
 */
function appsVerdict(p: CaPolicy): FlowScope | undefined {
  if (p.authenticationContexts.length > 0) return undefined;
  if (p.applications.includeApplications.some((a) => a === "All" || a === "Office365")) return "sign-in";
  return targetsRegistration(p) ? "registration" : undefined;
}

function clientVerdict(p: CaPolicy, ctx: SignInContext): Tri {
  const types = p.clientAppTypes;
  if (types.length === 0 || types.includes("all")) return true;
  if (ctx.clientApp !== undefined) return types.includes(ctx.clientApp);
  const modern = PASS_CLIENTS.filter((c) => types.includes(c));
  if (modern.length === PASS_CLIENTS.length) return true;
  // Legacy protocols can't carry a pass: a legacy-only policy never sees the pass sign-in.
  if (modern.length === 0 && types.every((t) => LEGACY_CLIENTS.includes(t))) return false;
  return undefined;
}

function platformVerdict(p: CaPolicy, ctx: SignInContext): Tri {
  const include = p.platforms?.includePlatforms ?? [];
  const exclude = p.platforms?.excludePlatforms ?? [];
  if (include.length === 0 && exclude.length === 0) return true;
  if (ctx.platform === undefined) return undefined;
  const inInclude = include.length === 0 || include.includes("all") || include.includes(ctx.platform);
  const inExclude = exclude.includes("all") || exclude.includes(ctx.platform);
  return inInclude && !inExclude;
}

function locationVerdict(p: CaPolicy, inputs: CaInputs): Tri {
  const loc = p.locations;
  if (!loc || (loc.includeLocations.length === 0 && loc.excludeLocations.length === 0)) return true;
  const match = (id: string) => matchesLocationId(id, inputs.ctx, inputs.namedLocations);
  const included = loc.includeLocations.length === 0 ? true : anyOf(loc.includeLocations.map(match));
  return includeMinusExclude(included, anyOf(loc.excludeLocations.map(match)));
}

function deviceVerdict(p: CaPolicy, ctx: SignInContext): Tri {
  if (!p.deviceFilter) return true;
  const matches = deviceFilterMatches(p.deviceFilter.rule, ctx.device);
  if (matches === undefined) return undefined;
  return p.deviceFilter.mode === "include" ? matches : !matches;
}

function userRiskVerdict(p: CaPolicy, level: string | undefined): Tri {
  if (p.userRiskLevels.length === 0) return true;
  if (level === undefined) return undefined;
  return p.userRiskLevels.includes(level);
}

/** Conditions that depend on the sign-in, in the order their answer is most useful. */
function conditionChecks(p: CaPolicy, inputs: CaInputs): [Dependency, Tri, string][] {
  return [
    ["client_app", clientVerdict(p, inputs.ctx), "it covers other client apps"],
    ["platform", platformVerdict(p, inputs.ctx), "it covers other device platforms"],
    ["location", locationVerdict(p, inputs), "it covers other locations"],
    ["device", deviceVerdict(p, inputs.ctx), "its device filter doesn't match"],
    ["user_risk", userRiskVerdict(p, inputs.userRiskLevel), "it covers other user risk levels"],
    // Sign-in risk is computed per sign-in; the snapshot never knows it in advance.
    ["sign_in_risk", p.signInRiskLevels.length === 0 ? true : undefined, ""],
  ];
}

/**
 * Judges a policy the way Entra does: it applies only when every condition holds. The state isn't looked at here
 * (callers decide what enforcement means); an unknown condition makes it `depends`, never `applies`.
 */
export function evaluateConditions(p: CaPolicy, inputs: CaInputs): ConditionVerdict {
  const users = usersMatch(p, inputs.who);
  if (users === false) return { verdict: "not_applicable", reason: "the person isn't in its users" };
  const scope = appsVerdict(p);
  if (scope === undefined) return { verdict: "not_applicable", reason: "it targets other apps or actions" };
  const on: Dependency[] = users === undefined ? ["membership"] : [];
  for (const [dependency, verdict, reason] of conditionChecks(p, inputs)) {
    if (verdict === false) return { verdict: "not_applicable", reason };
    if (verdict === undefined) on.push(dependency);
  }
  return on.length === 0 ? { verdict: "applies", scope } : { verdict: "depends", scope, on };
}

/** How an assessment is known: conditions alone, the newest failed sign-in's facts, the person's answers, or Entra's own result. */
export type Basis = "conditions" | "failed sign-in" | "answers" | "sign-in result";

/** One policy judged for this person, with the evidence behind the verdict. */
export interface PolicyAssessment {
  policy: CaPolicy;
  /** Only enabled policies are enforced; report-only ones never block. */
  enforced: boolean;
  applicability: "applies" | "not_applicable" | "depends";
  scope: FlowScope;
  dependsOn: Dependency[];
  basis: Basis;
  /** The recent failed sign-in in which Entra reported this policy as failed (proof it blocked). */
  failedIn?: SignInEvent;
  /** The result the newest sign-in lists for this policy (success, failure, notApplied, reportOnlyFailure, …). */
  lastResult?: string;
}

function resultFor(e: SignInEvent, p: CaPolicy): string | undefined {
  const hit = e.appliedPolicies.find((a) => (a.id !== "" ? a.id.toLowerCase() === p.id.toLowerCase() : a.displayName === p.displayName));
  return hit?.result;
}

function basisOf(ctx: SignInContext): Basis {
  if (ctx.source === "sign-in") return "failed sign-in";
  return ctx.place !== undefined ? "answers" : "conditions";
}

/** Judges one policy: a recent failure naming it proves it applied, whatever the conditions say. */
function assessOne(p: CaPolicy, inputs: CaInputs, failures: readonly SignInEvent[], newest: SignInEvent | undefined): PolicyAssessment {
  const enforced = p.state === "enabled";
  const lastResult = newest ? resultFor(newest, p) : undefined;
  const failedIn = enforced ? failures.find((e) => resultFor(e, p)?.toLowerCase() === "failure") : undefined;
  const verdict = evaluateConditions(p, inputs);
  const scope: FlowScope = verdict.verdict === "not_applicable" ? (targetsRegistration(p) ? "registration" : "sign-in") : verdict.scope;
  const base = { policy: p, enforced, scope, lastResult };
  if (failedIn) return { ...base, applicability: "applies", dependsOn: [], basis: "sign-in result", failedIn };
  if (verdict.verdict === "depends") return { ...base, applicability: "depends", dependsOn: verdict.on, basis: "conditions" };
  return { ...base, applicability: verdict.verdict, dependsOn: [], basis: basisOf(inputs.ctx) };
}

/** The inputs for the snapshot's person and their newest failed sign-in (or answers). */
export function caInputs(s: Snapshot): CaInputs {
  return {
    who: caSubject(s),
    ctx: signInContext(s),
    namedLocations: known(s.namedLocations),
    userRiskLevel: s.risk.ok ? (s.risk.value?.level ?? "none") : undefined,
  };
}

// Three rules read the same assessments of one snapshot; snapshots aren't changed once built, so judge each once.
const assessedBySnapshot = new WeakMap<Snapshot, readonly PolicyAssessment[]>();

/** Every readable enabled or report-only policy judged for this person; empty when the policies couldn't be read. */
export function assessPolicies(s: Snapshot): readonly PolicyAssessment[] {
  const cached = assessedBySnapshot.get(s);
  if (cached) return cached;
  const policies = known(s.caPolicies) ?? [];
  const inputs = caInputs(s);
  const failures = recentFailures(s);
  const newest = signInsNewestFirst(s)?.[0];
  const assessed = policies.filter((p) => p.state !== "disabled").map((p) => assessOne(p, inputs, failures, newest));
  assessedBySnapshot.set(s, assessed);
  return assessed;
}

/** Enforced policies that apply to the pass sign-in (or, with `scope`, to that part of the journey). */
export function enforcedApplying(all: readonly PolicyAssessment[], scope: FlowScope = "sign-in"): PolicyAssessment[] {
  return all.filter((a) => a.enforced && a.applicability === "applies" && a.scope === scope);
}

/** Risk is Identity Protection's verdict at sign-in time: nothing the person can answer or change, so not worth a possibility. */
const UNASKABLE: readonly Dependency[] = ["sign_in_risk", "user_risk"];

/**
 * Enforced policies that may apply depending on where or how the person signs in (never a primary cause on their own).
 * Risk-gated ones are left out: they'd add a "what if" to every card, and only a sign-in naming them proves them.
 */
export function enforcedDepending(all: readonly PolicyAssessment[]): PolicyAssessment[] {
  return all.filter((a) => a.enforced && a.applicability === "depends" && !a.dependsOn.some((d) => UNASKABLE.includes(d)));
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
  return findStrengthIn(known(s.strengths), id);
}

/** The same, from a strengths list (undefined when it couldn't be read). */
export function findStrengthIn(strengths: readonly AuthStrength[] | undefined, id: string): AuthStrength | undefined {
  return strengths?.find((x) => x.id === id) ?? BUILT_IN_STRENGTHS.find((x) => x.id === id);
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
  return analyseGrantWith(known(s.strengths), p, mode);
}

/** The same judgement without a person: against the tenant's strengths list (undefined when it couldn't be read). */
export function analyseGrantWith(strengths: readonly AuthStrength[] | undefined, p: CaPolicy, mode: PassMode | undefined): GrantAnalysis {
  const grant = p.grant;
  if (!grant) return { block: false, deviceControls: [] };
  const strength = grant.authenticationStrengthId ? findStrengthIn(strengths, grant.authenticationStrengthId) : undefined;
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
