// The demo tenant's mutable in-memory directory. Resources are stored in their Graph v1.0 shapes (typed with
// microsoft-graph-types) so names cannot drift; only the pass itself is kept as a record, because its usability is
// computed at request time from the clock and the policy.
import type * as MSGraph from "@microsoft/microsoft-graph-types";
import { GRAPH_CALLER_APP, policyUpdateEvent, tapDeletedEvent, tapRegisteredEvent, type AuditInitiator, type SettingChange } from "./audit-log";
import { buildRegistrationReport } from "./registration-report";

/** A user as Graph stores it, with the fields the demo always fills. */
export type DemoUser = MSGraph.User & {
  id: string;
  displayName: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
  businessPhones: string[];
  createdDateTime: string;
};

/** A security group; `memberIds` holds users and nested groups. */
export interface DemoGroup {
  id: string;
  displayName: string;
  description: string;
  memberIds: string[];
  isAssignableToRole: boolean;
}

/** A Temporary Access Pass as stored: never its value, which exists only in the 201 response. */
export interface DemoTap {
  id: string;
  createdDateTime: Date;
  startDateTime: Date;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  /** Set when a one-time pass has been used for a sign-in. */
  usedDateTime?: Date;
}

/** A registered authentication method with its discriminating `@odata.type`. */
export type DemoAuthMethod = (
  | MSGraph.PasswordAuthenticationMethod
  | MSGraph.PhoneAuthenticationMethod
  | MSGraph.MicrosoftAuthenticatorAuthenticationMethod
  | MSGraph.Fido2AuthenticationMethod
  | MSGraph.WindowsHelloForBusinessAuthenticationMethod
  | MSGraph.EmailAuthenticationMethod
) & { "@odata.type": string; id: string };

/** The tenant TAP policy with every field present. */
export type DemoTapPolicy = MSGraph.TemporaryAccessPassAuthenticationMethodConfiguration & {
  "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";
  id: "TemporaryAccessPass";
  state: "enabled" | "disabled";
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  isUsableOnce: boolean;
  defaultLength: number;
  includeTargets: MSGraph.AuthenticationMethodTarget[];
  excludeTargets: MSGraph.ExcludeTarget[];
};

/** FIDO2 and Authenticator configurations as served inside the authentication methods policy. */
export type DemoMethodConfiguration = (
  | MSGraph.Fido2AuthenticationMethodConfiguration
  | MSGraph.MicrosoftAuthenticatorAuthenticationMethodConfiguration
) & { "@odata.type": string; id: string; excludeTargets: MSGraph.ExcludeTarget[] };

/** A sign-in log entry; id, time and user are always present. */
export type DemoSignIn = MSGraph.SignIn & { id: string; createdDateTime: string; userId: string };
/** An Identity Protection risky-user record (its id is the user id). */
export type DemoRiskyUser = MSGraph.RiskyUser & { id: string };
/** A strength; the typings model `allowedCombinations` as single modes, but the wire carries comma-joined combinations. */
export type DemoStrength = Omit<MSGraph.AuthenticationStrengthPolicy, "allowedCombinations"> & { id: string; allowedCombinations: string[] };
/** A CA policy; `grantControls.authenticationStrength` is stored as `{ id }` and expanded when served. */
export type DemoCaPolicy = MSGraph.ConditionalAccessPolicy & { id: string; displayName: string };
/** A Conditional Access named location (ipNamedLocation or countryNamedLocation, with its `@odata.type`). */
export type DemoNamedLocation = (MSGraph.IpNamedLocation | MSGraph.CountryNamedLocation) & { "@odata.type": string; id: string; displayName: string };
/** A tenant domain. */
export type DemoDomain = MSGraph.Domain & { id: string };
/** An activated directory role; `roleTemplateId` is what authorization checks compare. */
export type DemoDirectoryRole = MSGraph.DirectoryRole & { id: string; roleTemplateId: string; displayName: string };
/** A unified role assignment; `roleDefinitionId` equals the built-in template id. */
export type DemoRoleAssignment = MSGraph.UnifiedRoleAssignment & { id: string; principalId: string; roleDefinitionId: string };
/** A federated domain's internalDomainFederation configuration. */
export type DemoFederation = MSGraph.InternalDomainFederation & { "@odata.type": string; id: string };

/** The person in an audit entry's initiatedBy; the docs add userType and home tenant to the typings' UserIdentity. */
export type DemoAuditUser = MSGraph.UserIdentity & { id: string; userType?: string | null; homeTenantId?: string | null; homeTenantName?: string | null };
/** A directory audit entry (directoryAudit): a pass registered or deleted, a methods-policy update, a method registered. */
export type DemoDirectoryAudit = Omit<MSGraph.DirectoryAudit, "initiatedBy"> & {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  loggedByService: string;
  initiatedBy: { user: DemoAuditUser | null; app: MSGraph.AppIdentity | null };
};

/** A row of the authentication methods registration report (userRegistrationDetails), every property present. */
export type DemoRegistrationDetails = MSGraph.UserRegistrationDetails & {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  userType: string;
  methodsRegistered: string[];
  lastUpdatedDateTime: string;
};

/**
 * The registration report as Graph serves it: a snapshot, not live state (Entra says it "may reflect a latency of up
 * to a few hours"). `asOf` is the moment whose state the rows describe; passes created later are not in it.
 */
export interface DemoRegistrationReport {
  asOf: Date;
  rows: DemoRegistrationDetails[];
}

/** Everything a seed provides. */
export interface DemoDirectoryData {
  tenantId: string;
  users: DemoUser[];
  groups: DemoGroup[];
  directoryRoles: DemoDirectoryRole[];
  roleAssignments: DemoRoleAssignment[];
  /** user id → manager's user id */
  managers: Map<string, string>;
  methods: Map<string, DemoAuthMethod[]>;
  /** user id → that user's single pass */
  taps: Map<string, DemoTap>;
  signIns: DemoSignIn[];
  riskyUsers: DemoRiskyUser[];
  authenticationMethodsPolicy: MSGraph.AuthenticationMethodsPolicy & { id: string };
  tapPolicy: DemoTapPolicy;
  methodConfigurations: DemoMethodConfiguration[];
  caPolicies: DemoCaPolicy[];
  namedLocations: DemoNamedLocation[];
  strengths: DemoStrength[];
  domains: DemoDomain[];
  /** domain id → its federation configurations (absent for managed domains) */
  federation: Map<string, DemoFederation[]>;
  /** The directory audit log, oldest first (appended to as passes and policies change). */
  directoryAudits: DemoDirectoryAudit[];
  /** The registration report's current snapshot (empty until the seed or a refresh builds it). */
  registrationReport?: DemoRegistrationReport;
}

/** What a pass looks like at one instant. */
export interface TapUsability {
  isUsable: boolean;
  methodUsabilityReason: "EnabledByPolicy" | "DisabledByPolicy" | "Expired" | "NotYetValid" | "OneTimeUsed";
}

/** The mutable directory the demo server reads and writes; tests inspect it directly. */
export class DemoDirectory implements DemoDirectoryData {
  tenantId: string;
  users: DemoUser[];
  groups: DemoGroup[];
  directoryRoles: DemoDirectoryRole[];
  roleAssignments: DemoRoleAssignment[];
  managers: Map<string, string>;
  methods: Map<string, DemoAuthMethod[]>;
  taps: Map<string, DemoTap>;
  signIns: DemoSignIn[];
  riskyUsers: DemoRiskyUser[];
  authenticationMethodsPolicy: MSGraph.AuthenticationMethodsPolicy & { id: string };
  tapPolicy: DemoTapPolicy;
  methodConfigurations: DemoMethodConfiguration[];
  caPolicies: DemoCaPolicy[];
  namedLocations: DemoNamedLocation[];
  strengths: DemoStrength[];
  domains: DemoDomain[];
  federation: Map<string, DemoFederation[]>;
  directoryAudits: DemoDirectoryAudit[];
  registrationReport: DemoRegistrationReport;
  /** Lookup indexes for large (generated) tenants; rebuilt when the arrays they index change. */
  private userIndex?: { users: DemoUser[]; size: number; byKey: Map<string, DemoUser> };
  private parentIndex?: { groups: DemoGroup[]; members: number; parents: Map<string, string[]> };

  constructor(data: DemoDirectoryData) {
    this.tenantId = data.tenantId;
    this.users = data.users;
    this.groups = data.groups;
    this.directoryRoles = data.directoryRoles;
    this.roleAssignments = data.roleAssignments;
    this.managers = data.managers;
    this.methods = data.methods;
    this.taps = data.taps;
    this.signIns = data.signIns;
    this.riskyUsers = data.riskyUsers;
    this.authenticationMethodsPolicy = data.authenticationMethodsPolicy;
    this.tapPolicy = data.tapPolicy;
    this.methodConfigurations = data.methodConfigurations;
    this.caPolicies = data.caPolicies;
    this.namedLocations = data.namedLocations;
    this.strengths = data.strengths;
    this.domains = data.domains;
    this.federation = data.federation;
    this.directoryAudits = data.directoryAudits;
    this.registrationReport = data.registrationReport ?? { asOf: new Date(0), rows: [] };
  }

  /** Replaces the whole content in place, so references held by tests stay valid across a reset. */
  restore(data: DemoDirectoryData): void {
    Object.assign(this, new DemoDirectory(data));
  }

  /** Looks a user up by object id or UPN, case-insensitively like Graph. */
  findUser(idOrUpn: string): DemoUser | undefined {
    const index = this.userIndex;
    if (!index || index.users !== this.users || index.size !== this.users.length) {
      const byKey = new Map<string, DemoUser>();
      // Reversed, so the first user with a key wins as with Array.find.
      for (const u of [...this.users].reverse()) {
        byKey.set(u.userPrincipalName.toLowerCase(), u);
        byKey.set(u.id.toLowerCase(), u);
      }
      this.userIndex = { users: this.users, size: this.users.length, byKey };
    }
    return (this.userIndex as { byKey: Map<string, DemoUser> }).byKey.get(idOrUpn.toLowerCase());
  }

  /** object id → ids of the groups it is a direct member of. */
  private parentGroups(): Map<string, string[]> {
    const members = this.groups.reduce((n, g) => n + g.memberIds.length, 0);
    const index = this.parentIndex;
    if (index && index.groups === this.groups && index.members === members) return index.parents;
    const parents = new Map<string, string[]>();
    for (const g of this.groups) {
      for (const m of g.memberIds) {
        const list = parents.get(m);
        if (list) list.push(g.id);
        else parents.set(m, [g.id]);
      }
    }
    this.parentIndex = { groups: this.groups, members, parents };
    return parents;
  }

  findGroup(id: string): DemoGroup | undefined {
    return this.groups.find((g) => g.id.toLowerCase() === id.toLowerCase());
  }

  /** Ids of every group containing `objectId`, directly or through nested groups. */
  transitiveGroupIds(objectId: string): Set<string> {
    const parents = this.parentGroups();
    const found = new Set<string>();
    const queue = [objectId];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const id of parents.get(current) ?? []) {
        if (!found.has(id)) {
          found.add(id);
          queue.push(id);
        }
      }
    }
    return found;
  }

  /** Ids of every member of a group: users and nested groups, expanded through nesting. */
  transitiveMemberIds(groupId: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>([groupId]);
    const queue = [groupId];
    while (queue.length > 0) {
      const group = this.findGroup(queue.shift() as string);
      for (const id of group?.memberIds ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(id);
        if (this.findGroup(id)) queue.push(id);
      }
    }
    return out;
  }

  /** Role template ids held by a user through tenant-wide assignments to the user or one of its groups. */
  roleTemplateIdsOf(userId: string): Set<string> {
    const principals = new Set([userId, ...this.transitiveGroupIds(userId)]);
    return new Set(this.roleAssignments.filter((a) => principals.has(a.principalId) && (a.directoryScopeId ?? "/") === "/").map((a) => a.roleDefinitionId));
  }

  /** Whether a method policy's include/exclude targets cover the user. */
  isTargeted(userId: string, include: MSGraph.AuthenticationMethodTarget[], exclude: MSGraph.ExcludeTarget[]): boolean {
    const groups = this.transitiveGroupIds(userId);
    const hits = (id: string | undefined) => id !== undefined && (id === userId || groups.has(id));
    const included = include.some((t) => t.id === "all_users" || hits(t.id));
    return included && !exclude.some((t) => hits(t.id));
  }

  /** True for B2B guests from another tenant, who can never be given a pass. */
  isExternalGuest(user: DemoUser): boolean {
    return user.userType === "Guest" && (user.creationType === "Invitation" || (user.externalUserState ?? null) !== null);
  }

  /** Computes isUsable / methodUsabilityReason the way Entra reports them, at `now`. */
  tapUsability(userId: string, tap: DemoTap, now: Date): TapUsability {
    const policy = this.tapPolicy;
    const off = (methodUsabilityReason: TapUsability["methodUsabilityReason"]): TapUsability => ({ isUsable: false, methodUsabilityReason });
    if (policy.state !== "enabled" || !this.isTargeted(userId, policy.includeTargets, policy.excludeTargets)) return off("DisabledByPolicy");
    if (policy.isUsableOnce && !tap.isUsableOnce) return off("DisabledByPolicy");
    if (tap.isUsableOnce && tap.usedDateTime !== undefined) return off("OneTimeUsed");
    if (now.getTime() < tap.startDateTime.getTime()) return off("NotYetValid");
    if (now.getTime() >= tap.startDateTime.getTime() + tap.lifetimeInMinutes * 60_000) return off("Expired");
    return { isUsable: true, methodUsabilityReason: "EnabledByPolicy" };
  }

  /** The pass in its Graph shape at `now`; `temporaryAccessPass` is always null here. */
  tapResource(userId: string, tap: DemoTap, now: Date): MSGraph.TemporaryAccessPassAuthenticationMethod & { "@odata.type": string } {
    return {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
      id: tap.id,
      temporaryAccessPass: null,
      createdDateTime: tap.createdDateTime.toISOString(),
      startDateTime: tap.startDateTime.toISOString(),
      lifetimeInMinutes: tap.lifetimeInMinutes,
      isUsableOnce: tap.isUsableOnce,
      ...this.tapUsability(userId, tap, now),
    };
  }

  /** Records that a one-time pass was used (for scenarios and tests). */
  markTapUsed(userId: string, at: Date): void {
    const tap = this.taps.get(userId);
    if (tap) tap.usedDateTime = at;
  }

  /** Gives the person this pass (replacing any other) and writes "Admin registered security info" to the audit log. */
  registerTap(user: DemoUser, tap: DemoTap, initiator: AuditInitiator = { app: GRAPH_CALLER_APP }): void {
    this.taps.set(user.id, tap);
    this.directoryAudits.push(tapRegisteredEvent(user, { at: tap.createdDateTime, initiator }));
  }

  /** Deletes the person's pass and writes "Admin deleted security info" to the audit log. */
  removeTap(user: DemoUser, at: Date, initiator: AuditInitiator = { app: GRAPH_CALLER_APP }): void {
    if (!this.taps.delete(user.id)) return;
    this.directoryAudits.push(tapDeletedEvent(user, { at, initiator }));
  }

  /**
   * Changes settings of a method configuration (TemporaryAccessPass, Fido2, MicrosoftAuthenticator, ...) and writes
   * "Authentication Methods Policy Update" listing what changed. Returns false when no such configuration exists.
   */
  updateMethodConfiguration(id: string, changes: Record<string, unknown>, at: Date, initiator: AuditInitiator = { app: GRAPH_CALLER_APP }): boolean {
    const found = id.toLowerCase() === "temporaryaccesspass" ? this.tapPolicy : this.methodConfigurations.find((c) => c.id.toLowerCase() === id.toLowerCase());
    if (!found) return false;
    const config = found as unknown as Record<string, unknown>;
    const changed: SettingChange[] = [];
    for (const [name, value] of Object.entries(changes)) {
      if (JSON.stringify(config[name]) === JSON.stringify(value)) continue;
      changed.push({ name, oldValue: config[name], newValue: value });
      config[name] = value;
    }
    if (changed.length === 0) return true;
    this.authenticationMethodsPolicy.lastModifiedDateTime = at.toISOString();
    this.directoryAudits.push(policyUpdateEvent(String(config.id), changed, { at, initiator }));
    return true;
  }

  /** Rebuilds the registration report from the directory's current state, as Entra does every few hours. */
  refreshRegistrationReport(asOf: Date): void {
    this.registrationReport = buildRegistrationReport(this, asOf);
  }
}
