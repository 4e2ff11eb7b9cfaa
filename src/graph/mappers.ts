// Graph DTOs → triage types: dates become Date, enums stay strings, @odata.type becomes a MethodKind,
// missing fields get the documented defaults. Pure functions; nothing here talks to Graph.
import type {
  AppliedCaPolicy,
  AuthStrength,
  CaPolicy,
  DomainFederation,
  Membership,
  MethodKind,
  NamedLocation,
  MethodPolicy,
  PersonRef,
  PolicyTarget,
  RegisteredMethod,
  RiskInfo,
  SignInEvent,
  SubjectUser,
  TapInfo,
  TapPolicy,
} from "../triage/snapshot";
import type {
  AuthMethodDto,
  AuthMethodsPolicyDto,
  AuthStrengthDto,
  CaPolicyDto,
  DomainFederationDto,
  MemberOfDto,
  MethodConfigDto,
  NamedLocationDto,
  RiskyUserDto,
  SignInDto,
  TapConfigDto,
  TapDto,
  UserDto,
} from "./dto";

type Maybe<T> = T | null | undefined;

/** An ISO 8601 string as a Date; undefined when absent or unreadable. */
export function toDate(value: Maybe<string>): Date | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const orEmpty = <T>(list: Maybe<T[]>): T[] => list ?? [];
const orUndefined = <T>(value: Maybe<T>): T | undefined => value ?? undefined;

/** The user profile a diagnosis reads. */
export function toSubjectUser(u: UserDto): SubjectUser {
  return {
    id: u.id ?? "",
    displayName: u.displayName ?? u.userPrincipalName ?? u.id ?? "",
    userPrincipalName: u.userPrincipalName ?? "",
    mail: orUndefined(u.mail),
    // Graph omits accountEnabled only when it wasn't selected; treat unknown as enabled rather than invent a block.
    accountEnabled: u.accountEnabled ?? true,
    userType: u.userType === "Guest" ? "Guest" : "Member",
    externalUserState: orUndefined(u.externalUserState),
    creationType: orUndefined(u.creationType),
    onPremisesSyncEnabled: orUndefined(u.onPremisesSyncEnabled),
    preferredLanguage: orUndefined(u.preferredLanguage),
    jobTitle: orUndefined(u.jobTitle),
    mobilePhone: orUndefined(u.mobilePhone),
    businessPhones: orEmpty(u.businessPhones),
  };
}

/** A short reference to a person (manager, search hit). */
export function toPersonRef(u: UserDto): PersonRef {
  return { id: u.id ?? "", displayName: u.displayName ?? u.userPrincipalName ?? u.id ?? "", userPrincipalName: orUndefined(u.userPrincipalName) };
}

/** A pass as listed (the code itself is never part of it). */
export function toTapInfo(t: TapDto): TapInfo {
  const createdAt = toDate(t.createdDateTime) ?? toDate(t.startDateTime) ?? new Date(0);
  return {
    id: t.id ?? "",
    createdAt,
    // Without startDateTime the pass is usable from creation.
    startsAt: toDate(t.startDateTime) ?? createdAt,
    lifetimeInMinutes: t.lifetimeInMinutes ?? 0,
    isUsableOnce: t.isUsableOnce ?? false,
    isUsable: t.isUsable ?? false,
    usabilityReason: t.methodUsabilityReason ?? "",
  };
}

const METHOD_KINDS: Readonly<Record<string, MethodKind>> = {
  "#microsoft.graph.passwordAuthenticationMethod": "password",
  "#microsoft.graph.fido2AuthenticationMethod": "fido2",
  "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod": "microsoftAuthenticator",
  "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod": "windowsHelloForBusiness",
  "#microsoft.graph.platformCredentialAuthenticationMethod": "platformCredential",
  "#microsoft.graph.phoneAuthenticationMethod": "phone",
  "#microsoft.graph.emailAuthenticationMethod": "email",
  "#microsoft.graph.softwareOathAuthenticationMethod": "softwareOath",
  "#microsoft.graph.temporaryAccessPassAuthenticationMethod": "temporaryAccessPass",
};

/** The kind of a registered method from its @odata.type; types this version doesn't know become "other". */
export function toMethodKind(odataType: Maybe<string>): MethodKind {
  return (odataType && METHOD_KINDS[odataType]) || "other";
}

/** One registered method; phone numbers and e-mail addresses are deliberately not copied. */
export function toRegisteredMethod(m: AuthMethodDto): RegisteredMethod {
  return {
    kind: toMethodKind(m["@odata.type"]),
    id: m.id ?? "",
    displayName: orUndefined(m.displayName),
    createdAt: toDate(m.createdDateTime),
  };
}

/** transitiveMemberOf → group ids and directory-role template ids (administrative units are ignored). */
export function toMembership(items: readonly MemberOfDto[]): Membership {
  const groupIds = new Set<string>();
  const roleTemplateIds = new Set<string>();
  for (const item of items) {
    const type = item["@odata.type"];
    if (type === "#microsoft.graph.group" && item.id) groupIds.add(item.id);
    else if (type === "#microsoft.graph.directoryRole" && item.roleTemplateId) roleTemplateIds.add(item.roleTemplateId);
  }
  return { groupIds: [...groupIds], roleTemplateIds: [...roleTemplateIds] };
}

function toAppliedPolicy(p: NonNullable<SignInDto["appliedConditionalAccessPolicies"]>[number]): AppliedCaPolicy {
  return { id: p.id ?? "", displayName: p.displayName ?? "", result: p.result ?? "unknown", enforcedGrantControls: orEmpty(p.enforcedGrantControls) };
}

/** One sign-in log entry. */
export function toSignInEvent(s: SignInDto): SignInEvent {
  const device = s.deviceDetail ?? {};
  return {
    id: s.id ?? "",
    createdAt: toDate(s.createdDateTime) ?? new Date(0),
    appDisplayName: s.appDisplayName ?? "",
    errorCode: s.status?.errorCode ?? 0,
    failureReason: s.status?.failureReason ?? "",
    additionalDetails: orUndefined(s.status?.additionalDetails),
    conditionalAccessStatus: s.conditionalAccessStatus ?? "notApplied",
    appliedPolicies: orEmpty(s.appliedConditionalAccessPolicies).map(toAppliedPolicy),
    device: {
      operatingSystem: orUndefined(device.operatingSystem),
      browser: orUndefined(device.browser),
      isCompliant: orUndefined(device.isCompliant),
      isManaged: orUndefined(device.isManaged),
      trustType: orUndefined(device.trustType),
    },
    clientAppUsed: orUndefined(s.clientAppUsed),
    ipAddress: orUndefined(s.ipAddress),
    location: s.location ? { countryOrRegion: orUndefined(s.location.countryOrRegion), city: orUndefined(s.location.city) } : undefined,
  };
}

/** A risky-user entry. */
export function toRiskInfo(r: RiskyUserDto): RiskInfo {
  return {
    level: r.riskLevel ?? "none",
    state: r.riskState ?? "none",
    detail: orUndefined(r.riskDetail),
    lastUpdatedAt: toDate(r.riskLastUpdatedDateTime),
  };
}

function toTargets(targets: Maybe<{ id?: string; targetType?: Maybe<string> }[]>): PolicyTarget[] {
  return orEmpty(targets).map((t) => ({ id: t.id ?? "", targetType: t.targetType ?? "group" }));
}

const TAP_CONFIG_ID = "temporaryaccesspass";

/** The TAP configuration inside the policy, found by id (docs spell it both ways) or by @odata.type. */
export function findTapConfig(policy: AuthMethodsPolicyDto): TapConfigDto | undefined {
  return orEmpty<TapConfigDto>(policy.authenticationMethodConfigurations).find(
    (c) => c.id?.toLowerCase() === TAP_CONFIG_ID || c["@odata.type"] === "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
  );
}

/** The TAP policy with the documented defaults (60 / 60 / 480 minutes, length 8) filling gaps. */
export function toTapPolicy(c: TapConfigDto): TapPolicy {
  return {
    state: c.state === "enabled" ? "enabled" : "disabled",
    defaultLifetimeInMinutes: c.defaultLifetimeInMinutes ?? 60,
    minimumLifetimeInMinutes: c.minimumLifetimeInMinutes ?? 60,
    maximumLifetimeInMinutes: c.maximumLifetimeInMinutes ?? 480,
    isUsableOnce: c.isUsableOnce ?? false,
    defaultLength: c.defaultLength ?? 8,
    includeTargets: toTargets(c.includeTargets),
    excludeTargets: toTargets(c.excludeTargets),
  };
}

function toMethodPolicy(c: MethodConfigDto): MethodPolicy {
  return {
    id: c.id ?? "",
    state: c.state === "enabled" ? "enabled" : "disabled",
    includeTargets: toTargets(c.includeTargets),
    excludeTargets: toTargets(c.excludeTargets),
  };
}

/** Every method configuration except TAP's own (FIDO2, Authenticator, ...: what a person registers after a TAP sign-in). */
export function toMethodPolicies(policy: AuthMethodsPolicyDto): MethodPolicy[] {
  return orEmpty(policy.authenticationMethodConfigurations)
    .filter((c) => c.id?.toLowerCase() !== TAP_CONFIG_ID)
    .map(toMethodPolicy);
}

const CA_STATES = new Set<CaPolicy["state"]>(["enabled", "disabled", "enabledForReportingButNotEnforced"]);

/** A Conditional Access policy, reduced to what decides whether a TAP sign-in gets through. */
export function toCaPolicy(p: CaPolicyDto): CaPolicy {
  const users = p.conditions?.users;
  const apps = p.conditions?.applications;
  const platforms = p.conditions?.platforms;
  const grant = p.grantControls;
  const state = CA_STATES.has(p.state as CaPolicy["state"]) ? (p.state as CaPolicy["state"]) : "disabled";
  return {
    id: p.id ?? "",
    displayName: p.displayName ?? "",
    state,
    users: {
      includeUsers: orEmpty(users?.includeUsers),
      excludeUsers: orEmpty(users?.excludeUsers),
      includeGroups: orEmpty(users?.includeGroups),
      excludeGroups: orEmpty(users?.excludeGroups),
      includeRoles: orEmpty(users?.includeRoles),
      excludeRoles: orEmpty(users?.excludeRoles),
      includeGuestsOrExternalUsers: orUndefined(users?.includeGuestsOrExternalUsers?.guestOrExternalUserTypes),
      excludeGuestsOrExternalUsers: orUndefined(users?.excludeGuestsOrExternalUsers?.guestOrExternalUserTypes),
    },
    applications: {
      includeApplications: orEmpty(apps?.includeApplications),
      excludeApplications: orEmpty(apps?.excludeApplications),
      includeUserActions: orEmpty(apps?.includeUserActions),
    },
    clientAppTypes: orEmpty(p.conditions?.clientAppTypes),
    platforms: platforms ? { includePlatforms: orEmpty(platforms.includePlatforms), excludePlatforms: orEmpty(platforms.excludePlatforms) } : undefined,
    locations: p.conditions?.locations
      ? { includeLocations: orEmpty(p.conditions.locations.includeLocations), excludeLocations: orEmpty(p.conditions.locations.excludeLocations) }
      : undefined,
    deviceFilter: toDeviceFilter(p.conditions?.devices?.deviceFilter),
    authenticationContexts: orEmpty(apps?.includeAuthenticationContextClassReferences),
    userRiskLevels: orEmpty(p.conditions?.userRiskLevels),
    signInRiskLevels: orEmpty(p.conditions?.signInRiskLevels),
    grant: grant
      ? {
          operator: grant.operator?.toUpperCase() === "AND" ? "AND" : "OR",
          builtInControls: orEmpty(grant.builtInControls),
          authenticationStrengthId: orUndefined(grant.authenticationStrength?.id),
        }
      : undefined,
  };
}

function toDeviceFilter(f: Maybe<{ mode?: Maybe<string>; rule?: Maybe<string> }>): CaPolicy["deviceFilter"] {
  if (!f?.rule) return undefined;
  return { mode: f.mode?.toLowerCase() === "exclude" ? "exclude" : "include", rule: f.rule };
}

/** A named location: `#microsoft.graph.ipNamedLocation` or `#microsoft.graph.countryNamedLocation`. */
export function toNamedLocation(l: NamedLocationDto): NamedLocation {
  const type = (l["@odata.type"] ?? "").toLowerCase();
  const isCountry = type.endsWith("countrynamedlocation") || Array.isArray(l.countriesAndRegions);
  return {
    id: l.id ?? "",
    displayName: l.displayName ?? "",
    kind: isCountry ? "country" : "ip",
    isTrusted: !isCountry && l.isTrusted === true,
    ipRanges: orEmpty(l.ipRanges).map((r) => (r as { cidrAddress?: Maybe<string> }).cidrAddress ?? "").filter((c) => c !== ""),
    countries: orEmpty(l.countriesAndRegions).map((c) => c.toUpperCase()),
    includeUnknownCountries: l.includeUnknownCountriesAndRegions === true,
  };
}

/** An authentication strength with its allowed method combinations. */
export function toAuthStrength(s: AuthStrengthDto): AuthStrength {
  return { id: s.id ?? "", displayName: s.displayName ?? "", allowedCombinations: orEmpty(s.allowedCombinations) };
}

/** The federation setting that decides whether a federated user is sent to their IdP instead of seeing a TAP prompt. */
export function toDomainFederation(domain: string, config: DomainFederationDto | undefined): DomainFederation {
  return { domain, federatedIdpMfaBehavior: orUndefined(config?.federatedIdpMfaBehavior) };
}

/** The domain part of a UPN, lower-cased (a guest's `#EXT#` UPN ends in this tenant's own domain). */
export function upnDomain(userPrincipalName: string): string | undefined {
  const at = userPrincipalName.lastIndexOf("@");
  return at < 0 ? undefined : userPrincipalName.slice(at + 1).toLowerCase();
}
