// Seed part 1: users, groups, roles, managers, registered methods and passes, all relative to `now`.
import type {
  DemoAuthMethod,
  DemoDirectoryRole,
  DemoGroup,
  DemoRoleAssignment,
  DemoTap,
  DemoUser,
} from "./directory";
import { CAST, DEMO_GROUPS, DEMO_ROLES, castMember, stableGuid, type CastMember, type DemoGroupKey, type DemoRoleKey } from "./seed-cast";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Graph's fixed id of the password method. */
const PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";

const GROUP_INFO: Record<DemoGroupKey, [string, string, boolean]> = {
  tapUsers: ["TAP Users", "People allowed to sign in with a Temporary Access Pass.", false],
  tapExcluded: ["TAP Excluded", "People who must never use a Temporary Access Pass.", false],
  helpdeskAgents: ["Helpdesk Agents", "Staff who help people with sign-in problems.", false],
  helpdeskAdmins: ["Helpdesk Admins", "Leads who configure the helpdesk bot.", false],
  contractors: ["Contractors", "External contract staff.", false],
  finance: ["Finance", "Finance department.", false],
  engineeringAdmins: ["Engineering Admins", "Engineers with administrative access to production.", false],
  kioskStaff: ["Kiosk Staff", "Shared-device retail staff.", false],
  onboarding: ["Onboarding", "New starters in their first weeks; nested inside TAP Users.", false],
};

const ROLE_NAMES: Record<DemoRoleKey, string> = {
  authenticationAdministrator: "Authentication Administrator",
  privilegedAuthenticationAdministrator: "Privileged Authentication Administrator",
  globalAdministrator: "Global Administrator",
};

function buildUser(m: CastMember, now: Date): DemoUser {
  const isGuest = m.key === "nora";
  return {
    id: m.id,
    displayName: m.displayName,
    givenName: m.givenName,
    surname: m.surname,
    userPrincipalName: m.userPrincipalName,
    mail: isGuest ? "nora@fabrikam.example" : m.userPrincipalName,
    jobTitle: m.jobTitle,
    department: m.department,
    officeLocation: isGuest ? null : "Building 2",
    businessPhones: [],
    mobilePhone: m.mobilePhone,
    preferredLanguage: "en-US",
    usageLocation: "US",
    accountEnabled: m.key !== "ivan",
    userType: isGuest ? "Guest" : "Member",
    creationType: isGuest ? "Invitation" : null,
    externalUserState: isGuest ? "Accepted" : null,
    externalUserStateChangeDateTime: isGuest ? new Date(now.getTime() - 20 * DAY).toISOString() : null,
    onPremisesSyncEnabled: m.key === "omar" || m.key === "pia" ? true : null,
    createdDateTime: new Date(now.getTime() - (m.expectedCode === undefined ? 400 : 3) * DAY).toISOString(),
  };
}

/** Users of the cast and extras. */
export const seedUsers = (now: Date): DemoUser[] => CAST.map((m) => buildUser(m, now));

/** The groups, with "Onboarding" nested in "TAP Users" so membership must be read transitively. */
export function seedGroups(): DemoGroup[] {
  return (Object.keys(DEMO_GROUPS) as DemoGroupKey[]).map((key) => {
    const [displayName, description, isAssignableToRole] = GROUP_INFO[key];
    const memberIds = CAST.filter((m) => m.groups.includes(key)).map((m) => m.id);
    if (key === "tapUsers") memberIds.push(DEMO_GROUPS.onboarding);
    return { id: DEMO_GROUPS[key], displayName, description, memberIds, isAssignableToRole };
  });
}

/** Activated directory roles, with their own object ids as Graph has them. */
export function seedDirectoryRoles(): DemoDirectoryRole[] {
  return (Object.keys(DEMO_ROLES) as DemoRoleKey[]).map((key) => ({
    id: stableGuid(`directoryRole:${key}`),
    displayName: ROLE_NAMES[key],
    roleTemplateId: DEMO_ROLES[key],
    description: `${ROLE_NAMES[key]} (demo tenant).`,
  }));
}

/** Tenant-wide role assignments made directly to users. */
export function seedRoleAssignments(): DemoRoleAssignment[] {
  return CAST.flatMap((m) =>
    m.roles.map((role) => ({
      id: Buffer.from(`${DEMO_ROLES[role]}:${m.id}`).toString("base64url").slice(0, 43) + "-1",
      principalId: m.id,
      roleDefinitionId: DEMO_ROLES[role],
      directoryScopeId: "/",
    })),
  );
}

/** user id → manager id. */
export function seedManagers(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of CAST) if (m.managerKey) out.set(m.id, castMember(m.managerKey).id);
  return out;
}

/** Registered methods: a password for everyone; staff and extras also have Authenticator and a phone; victor a key. */
export function seedMethods(now: Date): Map<string, DemoAuthMethod[]> {
  const out = new Map<string, DemoAuthMethod[]>();
  CAST.forEach((m, i) => {
    const list: DemoAuthMethod[] = [
      { "@odata.type": "#microsoft.graph.passwordAuthenticationMethod", id: PASSWORD_METHOD_ID, password: null, createdDateTime: new Date(now.getTime() - 3 * DAY).toISOString() },
    ];
    if (m.hasAuthenticator) {
      list.push({
        "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
        id: stableGuid(`method:authenticator:${m.key}`),
        displayName: i % 2 === 0 ? "iPhone 15" : "Pixel 8",
        deviceTag: "SoftTokenActivated",
        phoneAppVersion: "6.8.14",
        createdDateTime: new Date(now.getTime() - 300 * DAY).toISOString(),
      });
      if (m.mobilePhone !== null) {
        list.push({
          "@odata.type": "#microsoft.graph.phoneAuthenticationMethod",
          id: "3179e48a-750b-4051-897c-87b9720928f7",
          phoneNumber: m.mobilePhone,
          phoneType: "mobile",
          smsSignInState: "notEnabled",
        });
      }
    }
    if (m.key === "victor") {
      list.push({
        "@odata.type": "#microsoft.graph.fido2AuthenticationMethod",
        id: stableGuid("method:fido2:victor"),
        displayName: "YubiKey 5 NFC",
        aaGuid: "cb69481e-8ff7-4039-93ec-0a2729a154a8",
        model: "YubiKey 5 Series with NFC",
        attestationCertificates: [],
        attestationLevel: "attested",
        createdDateTime: new Date(now.getTime() - 200 * DAY).toISOString(),
      });
    }
    out.set(m.id, list);
  });
  return out;
}

function tap(key: string, created: Date, start: Date, lifetimeInMinutes: number, isUsableOnce: boolean, usedDateTime?: Date): [string, DemoTap] {
  const value: DemoTap = { id: stableGuid(`tap:${key}`), createdDateTime: created, startDateTime: start, lifetimeInMinutes, isUsableOnce };
  if (usedDateTime) value.usedDateTime = usedDateTime;
  return [castMember(key).id, value];
}

/** The passes of the cast table; "valid" passes last 8 hours so a live demo stays valid for a working day. */
export function seedTaps(now: Date): Map<string, DemoTap> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const tomorrowNine = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 9, 0, 0));
  const valid = (key: string) => tap(key, ago(15 * MINUTE), ago(15 * MINUTE), 480, true);
  return new Map<string, DemoTap>([
    tap("avery", ago(10 * MINUTE), ago(10 * MINUTE), 60, true),
    tap("ben", ago(3 * HOUR), ago(3 * HOUR), 60, true),
    tap("chloe", ago(1 * HOUR), tomorrowNine, 60, true),
    tap("dev", ago(40 * MINUTE), ago(40 * MINUTE), 60, true, ago(20 * MINUTE)),
    tap("elena", ago(2 * HOUR), ago(2 * HOUR), 480, false),
    tap("farah", ago(15 * MINUTE), ago(15 * MINUTE), 60, true),
    tap("gus", ago(15 * MINUTE), ago(15 * MINUTE), 60, true),
    tap("ivan", ago(5 * HOUR), ago(5 * HOUR), 60, true),
    ...["jade", "kai", "lena", "milo", "omar", "pia", "quinn", "rosa", "sam", "theo", "lars", "hedda", "ines"].map(valid),
  ]);
}
