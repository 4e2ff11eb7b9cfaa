// The Northwind Labs cast: who is who, with stable ids. Shared by the seed and by tests and triage fixtures
// that need to name a person, group or role without reading the directory.
import { createHash } from "node:crypto";
import type { FindingCode } from "../triage/findings";
import type { Answers } from "../triage/snapshot";

/** A GUID derived from a name, so every run of the demo tenant uses the same ids. */
export function stableGuid(name: string): string {
  const h = createHash("sha1").update(`northwind-demo:${name}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The managed primary domain and the federated one. */
export const DEMO_DOMAINS = {
  primary: "northwind-demo.example",
  federated: "corp.northwind-demo.example",
  initial: "northwind-demo.onmicrosoft.example",
} as const;

/** The demo tenant's id. */
export const DEMO_TENANT_ID = stableGuid("tenant");

/** Security groups of the cast, by role in the scenarios. `onboarding` is nested inside "TAP Users". */
export const DEMO_GROUPS = {
  tapUsers: stableGuid("group:tap-users"),
  tapExcluded: stableGuid("group:tap-excluded"),
  helpdeskAgents: stableGuid("group:helpdesk-agents"),
  helpdeskAdmins: stableGuid("group:helpdesk-admins"),
  contractors: stableGuid("group:contractors"),
  finance: stableGuid("group:finance"),
  engineeringAdmins: stableGuid("group:engineering-admins"),
  kioskStaff: stableGuid("group:kiosk-staff"),
  onboarding: stableGuid("group:onboarding"),
} as const;

/** A key of DEMO_GROUPS. */
export type DemoGroupKey = keyof typeof DEMO_GROUPS;

/** Built-in directory role template ids the cast holds. */
export const DEMO_ROLES = {
  authenticationAdministrator: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  privilegedAuthenticationAdministrator: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
} as const;

/** A key of DEMO_ROLES. */
export type DemoRoleKey = keyof typeof DEMO_ROLES;

/** Conditional Access policy ids (a)–(e) of the cast table. */
export const DEMO_CA_POLICIES = {
  blockContractors: stableGuid("ca:block-contractors"),
  financeCompliantDevice: stableGuid("ca:finance-compliant"),
  adminsPhishingResistant: stableGuid("ca:admins-phishing-resistant"),
  reportOnlyLegacyAuth: stableGuid("ca:report-only-legacy"),
  oldBlockGuests: stableGuid("ca:old-block-guests"),
  // What almost every company has; conditional on where and how people sign in, so most people are in scope and fine.
  blockOutsideCountries: stableGuid("ca:block-outside-countries"),
  blockLegacyAuth: stableGuid("ca:block-legacy-auth"),
  requireMfaAll: stableGuid("ca:require-mfa-all"),
  adminsCompliantDevice: stableGuid("ca:admins-compliant-device"),
  securityInfoRegistration: stableGuid("ca:security-info-registration"),
  reportOnlyCompliantAll: stableGuid("ca:report-only-compliant-all"),
  blockHighSignInRisk: stableGuid("ca:block-high-sign-in-risk"),
} as const;

/** Named locations the Conditional Access policies refer to. */
export const DEMO_NAMED_LOCATIONS = {
  headOffice: stableGuid("location:head-office"),
  allowedCountries: stableGuid("location:allowed-countries"),
} as const;

/** One person of the cast as tests and triage fixtures see them. */
export interface DemoPerson {
  key: string;
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** The primary finding the triage should produce; absent for staff. */
  expectedCode?: FindingCode;
  /** Answers the person gives when the finding depends on them. */
  answers?: Answers;
}

/** How the seed builds each person; internal to the demo folder. */
export interface CastMember extends DemoPerson {
  givenName: string;
  surname: string;
  jobTitle: string;
  department: string;
  groups: DemoGroupKey[];
  roles: DemoRoleKey[];
  managerKey?: string;
  mobilePhone: string | null;
  /** Staff and ordinary employees have Authenticator and a phone registered; the cast with pass trouble has only a password. */
  hasAuthenticator: boolean;
}

const upn = (local: string, domain: string = DEMO_DOMAINS.primary): string => `${local}@${domain}`;

interface Row {
  key: string;
  name: string;
  title: string;
  dept: string;
  code?: FindingCode;
  groups?: DemoGroupKey[];
  roles?: DemoRoleKey[];
  manager?: string;
  domain?: string;
  upnOverride?: string;
  noPhone?: boolean;
  staff?: boolean;
  answers?: Answers;
}

// "TAP Users" membership is added below for everyone except farah (and sam, who is in it through "Onboarding").
const ROWS: Row[] = [
  { key: "avery", name: "Avery Healthy", title: "Analyst", dept: "Operations", code: "TAP_LOOKS_VALID", manager: "wendy" },
  { key: "ben", name: "Ben Expired", title: "Analyst", dept: "Operations", code: "TAP_EXPIRED", manager: "wendy" },
  { key: "chloe", name: "Chloe Future", title: "Designer", dept: "Marketing", code: "TAP_NOT_YET_VALID", manager: "wendy" },
  { key: "dev", name: "Dev Used", title: "Engineer", dept: "Engineering", code: "TAP_ALREADY_USED", manager: "wendy" },
  { key: "elena", name: "Elena Multi", title: "Engineer", dept: "Engineering", code: "TAP_MULTIUSE_NOT_ALLOWED" },
  { key: "farah", name: "Farah Outside", title: "Recruiter", dept: "People", code: "TAP_USER_NOT_IN_POLICY" },
  { key: "gus", name: "Gus Excluded", title: "Technician", dept: "Facilities", code: "TAP_USER_NOT_IN_POLICY", groups: ["tapExcluded"] },
  { key: "hana", name: "Hana NoPass", title: "Accountant", dept: "Finance Operations", code: "TAP_MISSING", manager: "wendy" },
  { key: "ivan", name: "Ivan Disabled", title: "Sales Lead", dept: "Sales", code: "ACCOUNT_DISABLED" },
  { key: "jade", name: "Jade Risky", title: "Sales Rep", dept: "Sales", code: "USER_AT_RISK" },
  { key: "kai", name: "Kai Contractor", title: "Contract Developer", dept: "Engineering", code: "CA_BLOCKED", groups: ["contractors"] },
  { key: "lena", name: "Lena Finance", title: "Controller", dept: "Finance", code: "CA_COMPLIANT_DEVICE_REQUIRED", groups: ["finance"] },
  { key: "milo", name: "Milo Admin", title: "Platform Engineer", dept: "Engineering", code: "CA_STRENGTH_EXCLUDES_TAP", groups: ["engineeringAdmins"] },
  { key: "nora", name: "Nora Guest", title: "Partner Consultant", dept: "External", code: "EXTERNAL_GUEST", upnOverride: `nora_fabrikam.example#EXT#@${DEMO_DOMAINS.primary}`, noPhone: true },
  { key: "omar", name: "Omar Federated", title: "Field Engineer", dept: "Field Services", code: "FEDERATED_IDP_REDIRECT", domain: DEMO_DOMAINS.federated, answers: { device: "windows", stage: "windows_logon" } },
  { key: "pia", name: "Pia Hybrid", title: "Office Manager", dept: "Operations", code: "WINDOWS_DEVICE_ALREADY_JOINED" },
  { key: "quinn", name: "Quinn Linux", title: "Researcher", dept: "Research", code: "BROWSER_OR_PLATFORM" },
  { key: "rosa", name: "Rosa Kiosk", title: "Store Associate", dept: "Retail", code: "REGISTRATION_METHODS_DISABLED", groups: ["kioskStaff"] },
  { key: "sam", name: "Sam Register", title: "Junior Analyst", dept: "Operations", code: "REGISTRATION_INTERRUPT_MODE", groups: ["onboarding"], manager: "wendy" },
  { key: "tess", name: "Tess Agent", title: "Helpdesk Agent", dept: "IT", groups: ["helpdeskAgents"], roles: ["authenticationAdministrator"], manager: "wendy", staff: true },
  { key: "uma", name: "Uma Senior", title: "Senior Helpdesk Agent", dept: "IT", groups: ["helpdeskAgents"], roles: ["privilegedAuthenticationAdministrator"], manager: "victor", staff: true },
  { key: "victor", name: "Victor Global", title: "IT Director", dept: "IT", roles: ["globalAdministrator"], staff: true },
  { key: "wendy", name: "Wendy Manager", title: "Operations Manager", dept: "Operations", manager: "victor", staff: true },
  // In scope of the conditional policies: one blocked abroad, one on a legacy mail client, one blocked from adding
  // methods at home, one in the office and fine.
  { key: "theo", name: "Theo Traveller", title: "Sales Engineer", dept: "Sales", code: "CA_BLOCKED" },
  { key: "lars", name: "Lars Legacy", title: "Store Manager", dept: "Retail", code: "CA_BLOCKED" },
  { key: "hedda", name: "Hedda Remote", title: "Content Designer", dept: "Marketing", code: "CA_BLOCKED", answers: { stage: "register_method", place: "home" } },
  { key: "ines", name: "Ines Office", title: "Buyer", dept: "Procurement", code: "TAP_LOOKS_VALID", answers: { stage: "after_tap", place: "office" } },
  { key: "xavier", name: "Xavier Admin", title: "Helpdesk Lead", dept: "IT", groups: ["helpdeskAdmins", "helpdeskAgents"], roles: ["authenticationAdministrator"], manager: "victor", staff: true },
];

// Ordinary healthy employees so directory listings and group member lists span several pages.
const EXTRAS: [string, string, string][] = [
  ["Aiko Tanaka", "Product Manager", "Product"],
  ["Bruno Silva", "Support Engineer", "Support"],
  ["Carmen Ortiz", "Data Analyst", "Research"],
  ["Dmitri Volkov", "Network Engineer", "IT"],
  ["Esme Laurent", "Copywriter", "Marketing"],
  ["Felix Wagner", "Buyer", "Procurement"],
  ["Grace Kim", "Paralegal", "Legal"],
  ["Hugo Martin", "Warehouse Lead", "Logistics"],
  ["Isla Brown", "Payroll Specialist", "People"],
  ["Jonas Berg", "QA Engineer", "Engineering"],
  ["Keira Walsh", "Account Manager", "Sales"],
  ["Leo Rossi", "Facilities Coordinator", "Facilities"],
];

// Pass holders in every state the pass scanner looks for (they are not in the triage cast table). Times are given in
// seed-scan.ts; "the report" is the registration report snapshot taken an hour before the tenant starts.
const SCAN_ROWS: Row[] = [
  { key: "yara", name: "Yara Soon", title: "Logistics Planner", dept: "Logistics" },
  { key: "zane", name: "Zane Lapsed", title: "Field Technician", dept: "Field Services" },
  { key: "otto", name: "Otto Once", title: "Accounts Clerk", dept: "Finance Operations" },
  { key: "abe", name: "Abe Authenticator", title: "Support Engineer", dept: "Support" },
  { key: "fay", name: "Fay Passkey", title: "Security Analyst", dept: "IT" },
  { key: "lou", name: "Lou Longpass", title: "Site Manager", dept: "Facilities" },
  { key: "della", name: "Della Deleted", title: "Recruiter", dept: "People" },
  { key: "ravi", name: "Ravi Recent", title: "Graduate Analyst", dept: "Operations" },
  { key: "kit", name: "Kit Keeper", title: "Sales Engineer", dept: "Sales" },
];

function toMember(row: Row, index: number): CastMember {
  const [givenName, ...rest] = row.name.split(" ");
  const groups: DemoGroupKey[] = [...(row.groups ?? [])];
  if (row.key !== "farah" && !groups.includes("onboarding")) groups.unshift("tapUsers");
  return {
    key: row.key,
    id: stableGuid(`user:${row.key}`),
    displayName: row.name,
    givenName,
    surname: rest.join(" "),
    userPrincipalName: row.upnOverride ?? upn(row.key, row.domain),
    expectedCode: row.code,
    answers: row.answers,
    jobTitle: row.title,
    department: row.dept,
    groups,
    roles: row.roles ?? [],
    managerKey: row.manager,
    mobilePhone: row.noPhone ? null : `+1 555 01${String(index + 1).padStart(2, "0")}`,
    hasAuthenticator: row.staff ?? false,
  };
}

/** Every cast member plus the extra employees and the scanner's pass holders, in seed order. */
export const CAST: CastMember[] = [
  ...ROWS.map(toMember),
  ...EXTRAS.map(([name, title, dept], i) => {
    const key = name.split(" ")[0].toLowerCase();
    return toMember({ key, name, title, dept, staff: true }, ROWS.length + i);
  }),
  ...SCAN_ROWS.map((row, i) => toMember(row, ROWS.length + EXTRAS.length + i)),
];

/** The people of the cast table (not the extras), for tests and triage fixtures. */
export const DEMO_PEOPLE: DemoPerson[] = CAST.slice(0, ROWS.length).map((m) => ({
  key: m.key,
  id: m.id,
  displayName: m.displayName,
  userPrincipalName: m.userPrincipalName,
  ...(m.expectedCode === undefined ? {} : { expectedCode: m.expectedCode }),
  ...(m.answers === undefined ? {} : { answers: m.answers }),
}));

/** The pass holders added for the scanner (seed-scan.ts says what each one's pass is like). */
export const DEMO_SCAN_PEOPLE: DemoPerson[] = CAST.slice(ROWS.length + EXTRAS.length).map((m) => ({
  key: m.key,
  id: m.id,
  displayName: m.displayName,
  userPrincipalName: m.userPrincipalName,
}));

/** Looks a cast member (or extra) up by key; throws for typos in seed code. */
export function castMember(key: string): CastMember {
  const m = CAST.find((c) => c.key === key);
  if (!m) throw new Error(`unknown demo cast key: ${key}`);
  return m;
}
