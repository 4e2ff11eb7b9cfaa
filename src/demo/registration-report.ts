// The authentication methods registration report (GET /reports/authenticationMethods/userRegistrationDetails) as a
// snapshot of the directory at one moment: Entra refreshes it with "a latency of up to a few hours", so a pass created
// after `asOf` is not in it, and a pass deleted since is still listed. Disabled accounts are not covered.
import type { DemoAuthMethod, DemoDirectory, DemoRegistrationDetails, DemoRegistrationReport, DemoTap, DemoUser } from "./directory";

/** How the report names a registered pass in methodsRegistered (community-observed; UNVERIFIED in the enum docs). */
export const REPORT_TAP_METHOD = "temporaryAccessPass";

/** How long before "now" the demo's report snapshot was taken. */
export const REPORT_LAG_IN_MS = 60 * 60_000;

// methodsRegistered values per method type (password is not listed).
const REPORT_METHOD_NAMES: Readonly<Record<string, string>> = {
  "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod": "microsoftAuthenticatorPush",
  "#microsoft.graph.fido2AuthenticationMethod": "passKeyDeviceBound",
  "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod": "windowsHelloForBusiness",
  "#microsoft.graph.emailAuthenticationMethod": "email",
  "#microsoft.graph.softwareOathAuthenticationMethod": "softwareOneTimePasscode",
};

const PHONE_NAMES: Readonly<Record<string, string>> = { mobile: "mobilePhone", alternateMobile: "alternateMobilePhone", office: "officePhone" };
const PASSWORDLESS = new Set(["passKeyDeviceBound", "windowsHelloForBusiness"]);
const MFA = new Set(["microsoftAuthenticatorPush", "mobilePhone", "alternateMobilePhone", "officePhone", "softwareOneTimePasscode", ...PASSWORDLESS]);

function methodName(m: DemoAuthMethod): string | undefined {
  if (m["@odata.type"] === "#microsoft.graph.phoneAuthenticationMethod") return PHONE_NAMES[(m as { phoneType?: string }).phoneType ?? "mobile"];
  return REPORT_METHOD_NAMES[m["@odata.type"]];
}

function createdAt(m: DemoAuthMethod): number | undefined {
  const text = (m as { createdDateTime?: string | null }).createdDateTime;
  return text ? Date.parse(text) : undefined;
}

/** Many people share a combination: one array per combination keeps a 100,000-row report small. */
class Interner {
  private readonly lists = new Map<string, string[]>();
  intern(list: string[]): string[] {
    const key = list.join(",");
    const known = this.lists.get(key);
    if (known) return known;
    this.lists.set(key, list);
    return list;
  }
}

interface RowInput {
  user: DemoUser;
  methods: readonly DemoAuthMethod[];
  tap?: DemoTap;
  isAdmin: boolean;
  asOf: number;
}

function row(input: RowInput, interner: Interner): DemoRegistrationDetails {
  const { user, asOf } = input;
  const names: string[] = [];
  let updated = Date.parse(user.createdDateTime);
  for (const m of input.methods) {
    const name = methodName(m);
    const at = createdAt(m);
    if (at !== undefined && at > asOf) continue;
    if (at !== undefined) updated = Math.max(updated, at);
    if (name && !names.includes(name)) names.push(name);
  }
  if (input.tap && input.tap.createdDateTime.getTime() <= asOf) {
    names.push(REPORT_TAP_METHOD);
    updated = Math.max(updated, input.tap.createdDateTime.getTime());
  }
  const push = names.includes("microsoftAuthenticatorPush");
  const sms = names.includes("mobilePhone");
  const mfa = names.some((n) => MFA.has(n));
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    userDisplayName: user.displayName,
    userType: user.userType === "Guest" ? "guest" : "member",
    isAdmin: input.isAdmin,
    isSsprRegistered: sms || names.includes("email"),
    isSsprEnabled: false,
    isSsprCapable: false,
    isMfaRegistered: mfa,
    isMfaCapable: mfa,
    isPasswordlessCapable: names.some((n) => PASSWORDLESS.has(n)),
    lastUpdatedDateTime: new Date(Math.min(updated, asOf)).toISOString(),
    methodsRegistered: interner.intern(names),
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: interner.intern(push ? ["push"] : sms ? ["sms"] : []),
    userPreferredMethodForSecondaryAuthentication: push ? "push" : sms ? "sms" : "none",
  };
}

/** Users holding a tenant-wide role, directly or through a group. */
function adminIds(directory: DemoDirectory): Set<string> {
  const out = new Set<string>();
  for (const a of directory.roleAssignments) {
    if ((a.directoryScopeId ?? "/") !== "/") continue;
    if (directory.findGroup(a.principalId)) directory.transitiveMemberIds(a.principalId).forEach((id) => out.add(id));
    else out.add(a.principalId);
  }
  return out;
}

/** The report as Entra would have built it from the directory's state at `asOf` (enabled accounts only). */
export function buildRegistrationReport(directory: DemoDirectory, asOf: Date): DemoRegistrationReport {
  const interner = new Interner();
  const admins = adminIds(directory);
  const rows: DemoRegistrationDetails[] = [];
  for (const user of directory.users) {
    if (!user.accountEnabled) continue;
    const input = { user, methods: directory.methods.get(user.id) ?? [], tap: directory.taps.get(user.id), isAdmin: admins.has(user.id), asOf: asOf.getTime() };
    rows.push(row(input, interner));
  }
  return { asOf, rows };
}
