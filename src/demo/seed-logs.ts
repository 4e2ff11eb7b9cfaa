// Seed part 2: sign-in log entries and risky users behind the cast table's situations.
import type * as MSGraph from "@microsoft/microsoft-graph-types";
import type { DemoRiskyUser, DemoSignIn, DemoUser } from "./directory";
import { CAST, DEMO_CA_POLICIES, castMember, stableGuid } from "./seed-cast";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface App {
  appId: string;
  appDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  clientAppUsed: string;
}

const MY_SIGNINS: App = {
  appId: "19db86c3-b2b9-44cc-b339-36da233a3be2",
  appDisplayName: "My Signins",
  resourceId: "00000003-0000-0000-c000-000000000000",
  resourceDisplayName: "Microsoft Graph",
  clientAppUsed: "Browser",
};
const OFFICE: App = {
  appId: "4765445b-32c6-49b0-83e6-1d93765276ca",
  appDisplayName: "OfficeHome",
  resourceId: "4765445b-32c6-49b0-83e6-1d93765276ca",
  resourceDisplayName: "OfficeHome",
  clientAppUsed: "Browser",
};
const WINDOWS: App = {
  appId: "38aa3b87-a06d-4817-b275-7a316988d93b",
  appDisplayName: "Windows Sign In",
  resourceId: "00000002-0000-0000-c000-000000000000",
  resourceDisplayName: "Windows Azure Active Directory",
  clientAppUsed: "Mobile Apps and Desktop clients",
};

type PolicyKey = keyof typeof DEMO_CA_POLICIES;
type Results = Partial<Record<PolicyKey, MSGraph.AppliedConditionalAccessPolicyResult>>;

/** How each policy shows in a sign-in's appliedConditionalAccessPolicies, and its result when nothing else is said. */
const POLICY_ROWS: [PolicyKey, string, string[], MSGraph.AppliedConditionalAccessPolicyResult][] = [
  ["blockContractors", "Block contractors outside trusted locations", ["Block"], "notApplied"],
  ["financeCompliantDevice", "Finance requires compliant device", ["RequireCompliantDevice"], "notApplied"],
  ["adminsPhishingResistant", "Admins need phishing-resistant MFA", ["RequireAuthenticationStrength"], "notApplied"],
  ["reportOnlyLegacyAuth", "Report-only: block legacy auth", ["Block"], "reportOnlyNotApplied"],
  ["oldBlockGuests", "Old: block all guests", ["Block"], "notEnabled"],
  ["blockOutsideCountries", "Block sign-ins outside allowed countries", ["Block"], "notApplied"],
  ["blockLegacyAuth", "Block legacy authentication", ["Block"], "notApplied"],
  ["requireMfaAll", "Require MFA for all users", ["Mfa"], "notApplied"],
  ["adminsCompliantDevice", "Admins need a compliant device", ["RequireCompliantDevice"], "notApplied"],
  ["securityInfoRegistration", "Securing security info registration", ["Block"], "notApplied"],
  ["reportOnlyCompliantAll", "Report-only: compliant device for everyone", ["RequireCompliantDevice"], "reportOnlyNotApplied"],
  ["blockHighSignInRisk", "Block high-risk sign-ins", ["Block"], "notApplied"],
];

// Every entry lists the tenant's policies as Entra does; report-only results are rewritten when served unless
// the caller sends `Prefer: include-unknown-enum-members`.
function applied(results: Results): MSGraph.AppliedConditionalAccessPolicy[] {
  return POLICY_ROWS.map(([key, displayName, controls, fallback]) => ({
    id: DEMO_CA_POLICIES[key],
    displayName,
    enforcedGrantControls: controls,
    enforcedSessionControls: [],
    result: results[key] ?? fallback,
  }));
}

/** Results Entra records on a sign-in that got as far as Conditional Access and passed: MFA met, admins' device met. */
function passedResults(key: string, device: MSGraph.DeviceDetail): Results {
  const results: Results = { requireMfaAll: "success" };
  if (castMember(key).roles.length > 0) results.adminsCompliantDevice = device.isCompliant ? "success" : "failure";
  results.reportOnlyCompliantAll = device.isCompliant ? "reportOnlySuccess" : "reportOnlyFailure";
  return results;
}

/** Where a sign-in came from, as the log places it. */
interface Place {
  ipPrefix: string;
  city: string;
  state: string;
  countryOrRegion: string;
  latitude: number;
  longitude: number;
}

/** The head office network (the trusted named location 203.0.113.0/24). */
const HEAD_OFFICE: Place = { ipPrefix: "203.0.113.", city: "Seattle", state: "Washington", countryOrRegion: "US", latitude: 47.6062, longitude: -122.3321 };
/** A home broadband line: an allowed country, but not a trusted network. */
const HOME: Place = { ipPrefix: "198.51.100.", city: "Tacoma", state: "Washington", countryOrRegion: "US", latitude: 47.2529, longitude: -122.4443 };
/** A hotel abroad: outside the allowed countries. */
const ABROAD: Place = { ipPrefix: "192.0.2.", city: "São Paulo", state: "São Paulo", countryOrRegion: "BR", latitude: -23.5505, longitude: -46.6333 };

interface Entry {
  key: string;
  n: number;
  ago: number;
  app: App;
  errorCode: number;
  failureReason?: string;
  device?: MSGraph.DeviceDetail;
  ca?: Results;
  /** Default: the head office. */
  place?: Place;
}

const ACTIVESYNC: App = {
  appId: "00000002-0000-0ff1-ce00-000000000000",
  appDisplayName: "Office 365 Exchange Online",
  resourceId: "00000002-0000-0ff1-ce00-000000000000",
  resourceDisplayName: "Office 365 Exchange Online",
  clientAppUsed: "Exchange ActiveSync",
};
const PHONE_MAIL: MSGraph.DeviceDetail = { operatingSystem: "Ios", browser: null, isCompliant: false, isManaged: false, trustType: null };

const WINDOWS_LAPTOP: MSGraph.DeviceDetail = { operatingSystem: "Windows 11", browser: "Edge 131.0.0", isCompliant: true, isManaged: true, trustType: "Azure AD joined" };

/** Who signed in: a cast member, or someone of a generated tenant. */
type Who = Pick<DemoUser, "id" | "displayName" | "userPrincipalName">;

function signIn(e: Entry, now: Date, m: Who = castMember(e.key)): DemoSignIn {
  const device = e.device ?? WINDOWS_LAPTOP;
  const ca = e.ca ?? (e.errorCode === 0 ? passedResults(e.key, device) : {});
  const failedCa = Object.values(ca).includes("failure");
  const place = e.place ?? HEAD_OFFICE;
  return {
    id: stableGuid(`signin:${e.key}:${e.n}`),
    createdDateTime: new Date(now.getTime() - e.ago).toISOString(),
    userDisplayName: m.displayName,
    userPrincipalName: m.userPrincipalName,
    userId: m.id,
    appId: e.app.appId,
    appDisplayName: e.app.appDisplayName,
    ipAddress: `${place.ipPrefix}${10 + (e.n % 200)}`,
    clientAppUsed: e.app.clientAppUsed,
    correlationId: stableGuid(`correlation:${e.key}:${e.n}`),
    conditionalAccessStatus: failedCa ? "failure" : e.errorCode === 0 ? "success" : "notApplied",
    isInteractive: true,
    riskDetail: "none",
    riskLevelAggregated: "none",
    riskLevelDuringSignIn: "none",
    riskState: "none",
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: e.app.resourceDisplayName,
    resourceId: e.app.resourceId,
    status: { errorCode: e.errorCode, failureReason: e.errorCode === 0 ? null : e.failureReason ?? "Other.", additionalDetails: null },
    deviceDetail: { deviceId: "", displayName: null, ...device },
    location: {
      city: place.city,
      state: place.state,
      countryOrRegion: place.countryOrRegion,
      geoCoordinates: { altitude: null, latitude: place.latitude, longitude: place.longitude },
    },
    appliedConditionalAccessPolicies: applied(ca),
  };
}

const BLOCKED = "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.";
const EXPIRED = "Your Temporary Access Pass has expired.";
const NOT_FOUND = "An access pass could not be found or verified for the user.";

/** The sign-in log: the cast's failures plus routine successes of staff and extras. */
export function seedSignIns(now: Date): DemoSignIn[] {
  const entries: Entry[] = [
    { key: "ben", n: 1, ago: 1 * HOUR, app: MY_SIGNINS, errorCode: 130504, failureReason: "Your Temporary Access Pass has expired." },
    { key: "dev", n: 1, ago: 20 * MINUTE, app: MY_SIGNINS, errorCode: 0 },
    { key: "dev", n: 2, ago: 5 * MINUTE, app: MY_SIGNINS, errorCode: 130501, failureReason: "Sign in was blocked due to User Credential Policy." },
    { key: "ivan", n: 1, ago: 30 * MINUTE, app: OFFICE, errorCode: 50057, failureReason: "User account is disabled. The account has been disabled by an administrator." },
    { key: "kai", n: 1, ago: 15 * MINUTE, app: OFFICE, errorCode: 53003, failureReason: BLOCKED, ca: { blockContractors: "failure", requireMfaAll: "success" }, place: HOME, device: { operatingSystem: "Windows 10", browser: "Chrome 131.0.0", isCompliant: false, isManaged: false, trustType: null } },
    {
      key: "lena", n: 1, ago: 12 * MINUTE, app: OFFICE, errorCode: 53000,
      failureReason: "Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant.",
      ca: { financeCompliantDevice: "failure" },
      device: { operatingSystem: "Windows 11", browser: "Edge 131.0.0", isCompliant: false, isManaged: false, trustType: "Azure AD registered" },
    },
    {
      key: "pia", n: 1, ago: 8 * MINUTE, app: WINDOWS, errorCode: 130506,
      failureReason: "Access Pass must be used for Web Sign In.",
      device: { displayName: "NW-OPS-PC17", operatingSystem: "Windows 11", browser: null, isCompliant: true, isManaged: true, trustType: "Hybrid Azure AD joined" },
    },
    {
      key: "quinn", n: 1, ago: 10 * MINUTE, app: MY_SIGNINS, errorCode: 130507,
      failureReason: "An access pass could not be found or verified for the user.",
      device: { operatingSystem: "Linux", browser: "Firefox 128.0", isCompliant: false, isManaged: false, trustType: null },
    },
    { key: "sam", n: 1, ago: 5 * MINUTE, app: MY_SIGNINS, errorCode: 50079, failureReason: "The user is required to register security information before signing in." },
    // The pass worked; then the hotel network abroad was blocked.
    { key: "theo", n: 1, ago: 10 * MINUTE, app: MY_SIGNINS, errorCode: 53003, failureReason: BLOCKED, place: ABROAD, ca: { blockOutsideCountries: "failure" } },
    // Signed in with the pass and set up Authenticator; the phone's old mail app (basic auth over ActiveSync) is refused.
    { key: "lars", n: 1, ago: 3 * HOUR, app: MY_SIGNINS, errorCode: 0, place: HOME },
    { key: "lars", n: 2, ago: 20 * MINUTE, app: ACTIVESYNC, errorCode: 53003, failureReason: BLOCKED, place: HOME, device: PHONE_MAIL, ca: { blockLegacyAuth: "failure" } },
    // With dev's, pia's and quinn's above: a burst of pass failures in the last quarter hour (the scanner's alert).
    { key: "zane", n: 1, ago: 12 * MINUTE, app: MY_SIGNINS, errorCode: 130504, failureReason: EXPIRED },
    { key: "zane", n: 2, ago: 9 * MINUTE, app: MY_SIGNINS, errorCode: 130504, failureReason: EXPIRED },
    { key: "otto", n: 1, ago: 8 * MINUTE, app: MY_SIGNINS, errorCode: 130501, failureReason: "Sign in was blocked due to User Credential Policy." },
    { key: "della", n: 1, ago: 10 * MINUTE, app: MY_SIGNINS, errorCode: 130507, failureReason: NOT_FOUND },
    { key: "della", n: 2, ago: 6 * MINUTE, app: MY_SIGNINS, errorCode: 130507, failureReason: NOT_FOUND },
    ...CAST.filter((m) => m.hasAuthenticator).map((m, i): Entry => ({ key: m.key, n: 1, ago: (2 + i) * HOUR, app: OFFICE, errorCode: 0 })),
  ];
  return entries.map((e) => signIn(e, now)).sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
}

/** A failed browser sign-in to My Sign-ins at `ago` before `now`, for people outside the cast (generated tenants). */
export function failedSignIn(who: Who, n: number, ago: number, errorCode: number, failureReason: string, now: Date): DemoSignIn {
  return signIn({ key: who.id, n, ago, app: MY_SIGNINS, errorCode, failureReason, ca: {} }, now, who);
}

/** Risky users: jade is at risk; two extras were risky once and were remediated or dismissed. */
export function seedRiskyUsers(now: Date): DemoRiskyUser[] {
  const risky = (key: string, level: MSGraph.RiskLevel, state: MSGraph.RiskState, detail: MSGraph.RiskDetail, agoMs: number): DemoRiskyUser => {
    const m = castMember(key);
    return {
      id: m.id,
      isDeleted: false,
      isProcessing: false,
      riskLastUpdatedDateTime: new Date(now.getTime() - agoMs).toISOString(),
      riskLevel: level,
      riskState: state,
      riskDetail: detail,
      userDisplayName: m.displayName,
      userPrincipalName: m.userPrincipalName,
    };
  };
  return [
    risky("jade", "high", "atRisk", "none", 2 * HOUR),
    risky("bruno", "none", "remediated", "userPerformedSecuredPasswordReset", 30 * 24 * HOUR),
    risky("esme", "none", "dismissed", "adminDismissedAllRiskForUser", 12 * 24 * HOUR),
  ];
}
