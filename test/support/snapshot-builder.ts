// Builds triage snapshots: healthy by default (everything readable, a valid one-time pass, a policy that targets a
// group the person is in), with fluent overrides so each test states only what differs.
import { FakeClock } from "../../src/clock";
import {
  checked,
  unchecked,
  type Answers,
  type AuthStrength,
  type CaPolicy,
  type DirectoryFacts,
  type DomainFederation,
  type MethodPolicy,
  type NamedLocation,
  type RiskInfo,
  type SignInEvent,
  type Snapshot,
  type SubjectUser,
  type TapInfo,
  type TapPolicy,
} from "../../src/triage/snapshot";

/** The instant every test snapshot is taken at, unless a test moves it. */
export const NOW = new FakeClock("2026-11-28T12:00:00Z").now();

/** Fixed ids so tests and the cast table read the same. */
export const IDS = {
  user: "11111111-1111-1111-1111-111111111111",
  tapUsers: "g-tap-users",
  tapExcluded: "g-tap-excluded",
  kioskStaff: "g-kiosk-staff",
  contractors: "g-contractors",
  finance: "g-finance",
  engineeringAdmins: "g-engineering-admins",
  otherGroup: "g-other",
  pass: "tap-1",
} as const;

/** Built-in authentication strengths as Graph lists them. */
export const STRENGTHS: Record<"mfa" | "passwordless" | "phishingResistant", AuthStrength> = {
  mfa: {
    id: "00000000-0000-0000-0000-000000000002",
    displayName: "Multifactor authentication",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse", "password,sms"],
  },
  passwordless: {
    id: "00000000-0000-0000-0000-000000000003",
    displayName: "Passwordless MFA",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"],
  },
  phishingResistant: {
    id: "00000000-0000-0000-0000-000000000004",
    displayName: "Phishing-resistant MFA",
    allowedCombinations: ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"],
  },
};

/** `minutes` before (negative: after) `now`. */
export function minutesAgo(minutes: number, now: Date = NOW): Date {
  return new Date(now.getTime() - minutes * 60_000);
}

/** A Conditional Access policy: enabled, all apps, all client types, nobody included unless the patch says so. */
export function caPolicy(patch: {
  id?: string;
  displayName?: string;
  state?: CaPolicy["state"];
  users?: Partial<CaPolicy["users"]>;
  applications?: Partial<CaPolicy["applications"]>;
  clientAppTypes?: string[];
  platforms?: CaPolicy["platforms"];
  locations?: CaPolicy["locations"];
  deviceFilter?: CaPolicy["deviceFilter"];
  authenticationContexts?: string[];
  userRiskLevels?: string[];
  signInRiskLevels?: string[];
  grant?: CaPolicy["grant"];
}): CaPolicy {
  return {
    id: patch.id ?? "ca-1",
    displayName: patch.displayName ?? "Test policy",
    state: patch.state ?? "enabled",
    users: {
      includeUsers: [],
      excludeUsers: [],
      includeGroups: [],
      excludeGroups: [],
      includeRoles: [],
      excludeRoles: [],
      ...patch.users,
    },
    applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [], ...patch.applications },
    clientAppTypes: patch.clientAppTypes ?? ["all"],
    platforms: patch.platforms,
    locations: patch.locations,
    deviceFilter: patch.deviceFilter,
    authenticationContexts: patch.authenticationContexts ?? [],
    userRiskLevels: patch.userRiskLevels ?? [],
    signInRiskLevels: patch.signInRiskLevels ?? [],
    grant: patch.grant,
  };
}

/** A sign-in `minutesAgo` before the snapshot: a failure unless errorCode is 0. */
export function signIn(minutesBefore: number, patch: Partial<SignInEvent> = {}, now: Date = NOW): SignInEvent {
  return {
    id: `si-${minutesBefore}-${patch.errorCode ?? 130507}`,
    createdAt: minutesAgo(minutesBefore, now),
    appDisplayName: "My Signins",
    errorCode: 130507,
    failureReason: "",
    conditionalAccessStatus: "notApplied",
    appliedPolicies: [],
    device: { operatingSystem: "Windows 11", browser: "Edge 130.0" },
    ...patch,
  };
}

function methodPolicy(id: string): MethodPolicy {
  return {
    id,
    state: "enabled",
    includeTargets: [{ id: "all_users", targetType: "group" }],
    excludeTargets: [{ id: IDS.kioskStaff, targetType: "group" }],
  };
}

/** Fluent builder around a healthy snapshot. */
export class SnapshotBuilder {
  private s: Snapshot;

  constructor(now: Date = NOW) {
    const pass: TapInfo = {
      id: IDS.pass,
      createdAt: minutesAgo(10, now),
      startsAt: minutesAgo(10, now),
      lifetimeInMinutes: 60,
      isUsableOnce: true,
      isUsable: true,
      usabilityReason: "EnabledByPolicy",
    };
    const policy: TapPolicy = {
      state: "enabled",
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: true,
      defaultLength: 8,
      includeTargets: [{ id: IDS.tapUsers, targetType: "group" }],
      excludeTargets: [{ id: IDS.tapExcluded, targetType: "group" }],
    };
    const facts: DirectoryFacts = {
      user: {
        id: IDS.user,
        displayName: "Avery Healthy",
        userPrincipalName: "avery@northwind-demo.example",
        accountEnabled: true,
        userType: "Member",
        businessPhones: [],
        mobilePhone: "+1 555 0100",
      },
      manager: checked(null),
      taps: checked([pass]),
      methods: checked([]),
      membership: checked({ groupIds: [IDS.tapUsers], roleTemplateIds: [] }),
      signIns: checked([]),
      risk: checked(null),
      tapPolicy: checked(policy),
      methodPolicies: checked([methodPolicy("Fido2"), methodPolicy("MicrosoftAuthenticator")]),
      caPolicies: checked([]),
      namedLocations: checked([]),
      strengths: checked(Object.values(STRENGTHS)),
      federation: checked(null),
    };
    this.s = { ...facts, now, timeZone: "UTC", answers: {} };
  }

  /** The time the snapshot is taken, for building relative times. */
  get now(): Date {
    return this.s.now;
  }

  user(patch: Partial<SubjectUser>): this {
    this.s.user = { ...this.s.user, ...patch };
    return this;
  }

  /** Changes the current pass. */
  pass(patch: Partial<TapInfo>): this {
    const current = this.s.taps.ok ? this.s.taps.value[0] : undefined;
    if (!current) throw new Error("no pass to patch (noPass was called)");
    this.s.taps = checked([{ ...current, ...patch }]);
    return this;
  }

  /** A pass that started `startedMinutesAgo` (negative: starts in the future) and lasts `lifetimeInMinutes`. */
  passTimes(startedMinutesAgo: number, lifetimeInMinutes: number, createdMinutesAgo = Math.max(startedMinutesAgo, 0)): this {
    return this.pass({
      startsAt: minutesAgo(startedMinutesAgo, this.s.now),
      createdAt: minutesAgo(createdMinutesAgo, this.s.now),
      lifetimeInMinutes,
    });
  }

  noPass(): this {
    this.s.taps = checked([]);
    return this;
  }

  tapPolicy(patch: Partial<TapPolicy>): this {
    if (!this.s.tapPolicy.ok) throw new Error("policy unreadable");
    this.s.tapPolicy = checked({ ...this.s.tapPolicy.value, ...patch });
    return this;
  }

  /** Replaces the person's groups. */
  groups(...groupIds: string[]): this {
    const roles = this.s.membership.ok ? this.s.membership.value.roleTemplateIds : [];
    this.s.membership = checked({ groupIds, roleTemplateIds: roles });
    return this;
  }

  roles(...roleTemplateIds: string[]): this {
    const groups = this.s.membership.ok ? this.s.membership.value.groupIds : [];
    this.s.membership = checked({ groupIds: groups, roleTemplateIds });
    return this;
  }

  signIns(...events: SignInEvent[]): this {
    this.s.signIns = checked(events);
    return this;
  }

  risk(info: RiskInfo | null): this {
    this.s.risk = checked(info);
    return this;
  }

  caPolicies(...policies: CaPolicy[]): this {
    this.s.caPolicies = checked(policies);
    return this;
  }

  namedLocations(...list: NamedLocation[]): this {
    this.s.namedLocations = checked(list);
    return this;
  }

  strengths(...list: AuthStrength[]): this {
    this.s.strengths = checked(list);
    return this;
  }

  methodPolicy(id: string, patch: Partial<MethodPolicy>): this {
    if (!this.s.methodPolicies.ok) throw new Error("method policies unreadable");
    this.s.methodPolicies = checked(this.s.methodPolicies.value.map((p) => (p.id === id ? { ...p, ...patch } : p)));
    return this;
  }

  federation(value: DomainFederation | null): this {
    this.s.federation = checked(value);
    return this;
  }

  answers(patch: Answers): this {
    this.s.answers = { ...this.s.answers, ...patch };
    return this;
  }

  timeZone(zone: string): this {
    this.s.timeZone = zone;
    return this;
  }

  /** Marks a fact unreadable, as a missing permission or license would. */
  unreadable(key: Exclude<keyof DirectoryFacts, "user">, reason: string): this {
    (this.s as unknown as Record<string, unknown>)[key] = unchecked(reason);
    return this;
  }

  build(): Snapshot {
    return structuredClone(this.s);
  }
}

/** Starts from the healthy snapshot. */
export function healthy(now: Date = NOW): SnapshotBuilder {
  return new SnapshotBuilder(now);
}
