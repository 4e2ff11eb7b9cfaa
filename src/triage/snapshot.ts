// The typed picture of one person's sign-in situation that the triage rules read.
// Built by graph/ mappers from live Graph data plus the person's answers; no SDK types cross this line.

/** A fact that may not have been readable: a missing permission, license or budget degrades to `ok: false`. */
export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

export const checked = <T>(value: T): Check<T> => ({ ok: true, value });
export const unchecked = <T>(reason: string): Check<T> => ({ ok: false, reason });

/** Values of temporaryAccessPassAuthenticationMethod.methodUsabilityReason (the list is documented as open). */
export type TapUsabilityReason = "EnabledByPolicy" | "DisabledByPolicy" | "Expired" | "NotYetValid" | "OneTimeUsed" | (string & {});

export interface TapInfo {
  id: string;
  createdAt: Date;
  startsAt: Date;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  isUsable: boolean;
  usabilityReason: TapUsabilityReason;
}

export type TargetType = "user" | "group" | (string & {});

export interface PolicyTarget {
  /** A group or user object id, or the special `all_users`. */
  id: string;
  targetType: TargetType;
}

export interface TapPolicy {
  state: "enabled" | "disabled";
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  /** true: every pass in the tenant must be one-time. */
  isUsableOnce: boolean;
  defaultLength: number;
  includeTargets: PolicyTarget[];
  excludeTargets: PolicyTarget[];
}

/** Method configurations a person registers after a TAP sign-in (Fido2, MicrosoftAuthenticator, ...). */
export interface MethodPolicy {
  id: "Fido2" | "MicrosoftAuthenticator" | (string & {});
  state: "enabled" | "disabled";
  includeTargets: PolicyTarget[];
  excludeTargets: PolicyTarget[];
}

export type MethodKind =
  | "password"
  | "fido2"
  | "microsoftAuthenticator"
  | "windowsHelloForBusiness"
  | "platformCredential"
  | "phone"
  | "email"
  | "softwareOath"
  | "temporaryAccessPass"
  | "other";

export interface RegisteredMethod {
  kind: MethodKind;
  id: string;
  displayName?: string;
  createdAt?: Date;
}

export interface SubjectUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
  /** `PendingAcceptance` | `Accepted` for invited (B2B) users, otherwise undefined. */
  externalUserState?: string;
  /** `Invitation` for B2B guests. */
  creationType?: string;
  onPremisesSyncEnabled?: boolean;
  preferredLanguage?: string;
  jobTitle?: string;
  mobilePhone?: string;
  businessPhones: string[];
}

export interface PersonRef {
  id: string;
  displayName: string;
  userPrincipalName?: string;
}

export interface AppliedCaPolicy {
  id: string;
  displayName: string;
  result: string;
  enforcedGrantControls: string[];
}

export interface SignInEvent {
  id: string;
  createdAt: Date;
  appDisplayName: string;
  /** 0 = success. */
  errorCode: number;
  failureReason: string;
  additionalDetails?: string;
  conditionalAccessStatus: string;
  appliedPolicies: AppliedCaPolicy[];
  device: {
    operatingSystem?: string;
    browser?: string;
    isCompliant?: boolean;
    isManaged?: boolean;
    trustType?: string;
  };
  /** e.g. "Browser", "Mobile Apps and Desktop clients", "Exchange ActiveSync", "IMAP4", "Other clients". */
  clientAppUsed?: string;
  ipAddress?: string;
  /** Where Entra placed the sign-in (ISO 3166-1 alpha-2 country code). */
  location?: { countryOrRegion?: string; city?: string };
}

export type RiskLevel = "none" | "low" | "medium" | "high" | "hidden" | (string & {});

export interface RiskInfo {
  level: RiskLevel;
  state: string;
  detail?: string;
  lastUpdatedAt?: Date;
}

export interface CaPolicy {
  id: string;
  displayName: string;
  state: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
  users: {
    includeUsers: string[];
    excludeUsers: string[];
    includeGroups: string[];
    excludeGroups: string[];
    includeRoles: string[];
    excludeRoles: string[];
    /** guestOrExternalUserTypes when the policy includes guests, e.g. "b2bCollaborationGuest,internalGuest". */
    includeGuestsOrExternalUsers?: string;
    excludeGuestsOrExternalUsers?: string;
  };
  applications: {
    includeApplications: string[];
    excludeApplications: string[];
    includeUserActions: string[];
  };
  clientAppTypes: string[];
  platforms?: { includePlatforms: string[]; excludePlatforms: string[] };
  /** Named-location ids, or the specials `All` / `AllTrusted`; undefined when the policy has no location condition. */
  locations?: { includeLocations: string[]; excludeLocations: string[] };
  /** Device filter (`mode` include|exclude, `rule` in the device-filter syntax); undefined when none. */
  deviceFilter?: { mode: "include" | "exclude"; rule: string };
  /** Authentication context class references (c1…c99): such a policy applies only where an app asks for that context. */
  authenticationContexts: string[];
  userRiskLevels: string[];
  signInRiskLevels: string[];
  grant?: {
    operator: "AND" | "OR";
    builtInControls: string[];
    authenticationStrengthId?: string;
  };
}

/** A Conditional Access named location: an IP-range location or a country location. */
export interface NamedLocation {
  id: string;
  displayName: string;
  kind: "ip" | "country";
  /** Only IP locations can be trusted ("AllTrusted" in a policy means these plus MFA-trusted IPs). */
  isTrusted: boolean;
  /** CIDR ranges (IPv4 or IPv6) for an IP location. */
  ipRanges: string[];
  /** ISO 3166-1 alpha-2 codes for a country location. */
  countries: string[];
  /** For a country location: also matches sign-ins whose country can't be determined. */
  includeUnknownCountries: boolean;
}

export interface AuthStrength {
  id: string;
  displayName: string;
  /** authenticationMethodModes combinations, e.g. "temporaryAccessPassOneTime", "password,sms". */
  allowedCombinations: string[];
}

export interface DomainFederation {
  domain: string;
  /** `enforceMfaByFederatedIdp` | `acceptIfMfaDoneByFederatedIdp` | `rejectMfaByFederatedIdp` */
  federatedIdpMfaBehavior?: string;
}

export interface Membership {
  /** Object ids of groups the person belongs to, directly or through nesting. */
  groupIds: string[];
  /** Directory role template ids the person holds (through direct or group assignment). */
  roleTemplateIds: string[];
}

/** Everything Graph can tell about one person, read in one round trip (tenant-wide parts cached). */
export interface DirectoryFacts {
  user: SubjectUser;
  manager: Check<PersonRef | null>;
  taps: Check<TapInfo[]>;
  methods: Check<RegisteredMethod[]>;
  membership: Check<Membership>;
  signIns: Check<SignInEvent[]>;
  risk: Check<RiskInfo | null>;
  tapPolicy: Check<TapPolicy>;
  methodPolicies: Check<MethodPolicy[]>;
  caPolicies: Check<CaPolicy[]>;
  /** Named locations the Conditional Access policies refer to (tenant-wide, cached). */
  namedLocations: Check<NamedLocation[]>;
  strengths: Check<AuthStrength[]>;
  /** The federation setting of the user's UPN domain, null when the domain is managed. */
  federation: Check<DomainFederation | null>;
}

export type DeviceKind = "windows" | "mac" | "ios" | "android" | "linux" | "other";
export type WindowsJoin = "new_setup" | "entra_joined" | "hybrid_joined" | "personal" | "unknown";
export type BrowserKind = "edge" | "chrome" | "safari" | "firefox" | "app" | "other";
export type FailureStage = "tap_prompt" | "after_tap" | "windows_logon" | "register_method" | "vpn";
/** Where the person is signing in from, in their own words (asked only when a location-scoped policy depends on it). */
export type SignInPlace = "office" | "home" | "abroad";

/** What only the person can tell; each is asked only when it changes the diagnosis. */
export interface Answers {
  device?: DeviceKind;
  windowsJoin?: WindowsJoin;
  browser?: BrowserKind;
  stage?: FailureStage;
  place?: SignInPlace;
  errorText?: string;
  /** AADSTS codes found in what the person typed or pasted. */
  errorCodes?: number[];
}

export interface Snapshot extends DirectoryFacts {
  now: Date;
  /** IANA zone for times shown to the person. */
  timeZone: string;
  answers: Answers;
}
