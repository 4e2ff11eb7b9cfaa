// Directory audit entries the demo tenant writes when passes and method policies change, in Graph's directoryAudit shape
// with the wording Entra uses for them (graph-tap-facts §10, §11; the deletion and policy-update wording is UNVERIFIED).
import { randomUUID } from "node:crypto";
import type * as MSGraph from "@microsoft/microsoft-graph-types";
import type { DemoAuditUser, DemoDirectoryAudit, DemoUser } from "./directory";

/** loggedByService of every authentication-method event. */
export const AUTH_METHODS_SERVICE = "Authentication Methods";

/** Who did it: a person (portal, PowerShell) or an app calling Graph with its own permissions. */
export type AuditInitiator = { user: DemoAuditUser; app?: undefined } | { app: MSGraph.AppIdentity; user?: undefined };

/** The demo's stand-in for an app calling Graph app-only (the demo doesn't authenticate callers, so it can't tell which). */
export const GRAPH_CALLER_APP: MSGraph.AppIdentity = {
  appId: "f2e5b7c1-4b0a-4f1e-9a55-6d3c0e1b7a21",
  displayName: "TAP Helpdesk",
  servicePrincipalId: "0c7d5a8e-2f4b-4e61-8d2a-91b3f6e4c5d7",
  servicePrincipalName: "TAP Helpdesk",
};

/** initiatedBy for an admin acting in the portal. */
export function byUser(user: Pick<DemoUser, "id" | "displayName" | "userPrincipalName">, ipAddress = "203.0.113.24"): AuditInitiator {
  return {
    user: { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, ipAddress, userType: "Member", homeTenantId: null, homeTenantName: null },
  };
}

/** What an entry needs besides its wording. */
export interface AuditFacts {
  at: Date;
  initiator: AuditInitiator;
  /** Stable ids for seeded history; fresh ones otherwise. */
  id?: string;
  correlationId?: string;
}

function entry(facts: AuditFacts, fields: Omit<DemoDirectoryAudit, "id" | "activityDateTime" | "initiatedBy" | "correlationId" | "loggedByService" | "result" | "additionalDetails">): DemoDirectoryAudit {
  const correlationId = facts.correlationId ?? randomUUID();
  return {
    id: facts.id ?? `Directory_${correlationId}_${randomUUID().slice(0, 8).toUpperCase()}`,
    category: fields.category,
    correlationId,
    result: "success",
    resultReason: fields.resultReason,
    activityDisplayName: fields.activityDisplayName,
    activityDateTime: facts.at.toISOString(),
    loggedByService: AUTH_METHODS_SERVICE,
    operationType: fields.operationType,
    initiatedBy: { user: facts.initiator.user ?? null, app: facts.initiator.app ?? null },
    targetResources: fields.targetResources,
    additionalDetails: [],
  };
}

function userTarget(user: Pick<DemoUser, "id" | "displayName" | "userPrincipalName">): MSGraph.TargetResource {
  return { id: user.id, displayName: user.displayName, type: "User", userPrincipalName: user.userPrincipalName, groupType: null, modifiedProperties: [] };
}

/** "Admin registered security info": an admin (or an app) created a pass for the person. */
export function tapRegisteredEvent(user: Pick<DemoUser, "id" | "displayName" | "userPrincipalName">, facts: AuditFacts): DemoDirectoryAudit {
  return entry(facts, {
    category: "UserManagement",
    activityDisplayName: "Admin registered security info",
    resultReason: "Admin registered temporary access pass method for user",
    operationType: "Add",
    targetResources: [userTarget(user)],
  });
}

/** "Admin deleted security info" (or the person deleting their own pass in My Security Info). */
export function tapDeletedEvent(user: Pick<DemoUser, "id" | "displayName" | "userPrincipalName">, facts: AuditFacts & { bySelf?: boolean }): DemoDirectoryAudit {
  const who = facts.bySelf ? "User" : "Admin";
  return entry(facts, {
    category: "UserManagement",
    activityDisplayName: `${who} deleted security info`,
    resultReason: facts.bySelf ? "User deleted temporary access pass method" : "Admin deleted temporary access pass method for user",
    operationType: "Delete",
    targetResources: [userTarget(user)],
  });
}

/** "User registered security info" for a permanent method (Authenticator, a security key, ...). */
export function methodRegisteredEvent(user: Pick<DemoUser, "id" | "displayName" | "userPrincipalName">, resultReason: string, facts: AuditFacts): DemoDirectoryAudit {
  return entry(facts, { category: "UserManagement", activityDisplayName: "User registered security info", resultReason, operationType: "Add", targetResources: [userTarget(user)] });
}

/** One changed setting of a method configuration, values JSON-encoded as the audit log shows them. */
export interface SettingChange {
  name: string;
  oldValue: unknown;
  newValue: unknown;
}

/** "Authentication Methods Policy Update": only the changed properties are listed (Entra's behaviour since April 2026). */
export function policyUpdateEvent(configurationId: string, changes: readonly SettingChange[], facts: AuditFacts): DemoDirectoryAudit {
  return entry(facts, {
    category: "Policy",
    activityDisplayName: "Authentication Methods Policy Update",
    resultReason: "",
    operationType: "Update",
    targetResources: [
      {
        id: configurationId,
        displayName: configurationId,
        type: "Policy",
        userPrincipalName: null,
        groupType: null,
        modifiedProperties: changes.map((c) => ({ displayName: c.name, oldValue: JSON.stringify(c.oldValue), newValue: JSON.stringify(c.newValue) })),
      },
    ],
  });
}
