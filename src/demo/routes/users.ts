// Directory routes: users, managers, memberships, group members and role assignments.
import type * as MSGraph from "@microsoft/microsoft-graph-types";
import type { DemoDirectory, DemoUser } from "../directory";
import { badRequest, resourceNotFound } from "../errors";
import { filterBy, project, selectedProperties } from "../odata";
import { collection, entity, userParam, withSelect, type Route, type RouteContext } from "./types";

// What GET /users returns without $select (Graph's default property set).
const USER_DEFAULT = ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"];

// Scalar properties of microsoft.graph.user in the v1.0 typings; anything else in $select is Graph's 400.
const USER_PROPERTIES = new Set(
  (
    "id deletedDateTime aboutMe accountEnabled ageGroup assignedLicenses assignedPlans authorizationInfo birthday businessPhones city companyName " +
    "consentProvidedForMinor country createdDateTime creationType customSecurityAttributes department deviceEnrollmentLimit displayName " +
    "employeeHireDate employeeId employeeLeaveDateTime employeeOrgData employeeType externalUserState externalUserStateChangeDateTime faxNumber " +
    "givenName hireDate identities imAddresses interests isManagementRestricted isResourceAccount jobTitle lastPasswordChangeDateTime " +
    "legalAgeGroupClassification licenseAssignmentStates mail mailboxSettings mailNickname mobilePhone mySite officeLocation " +
    "onPremisesDistinguishedName onPremisesDomainName onPremisesExtensionAttributes onPremisesImmutableId onPremisesLastSyncDateTime " +
    "onPremisesProvisioningErrors onPremisesSamAccountName onPremisesSecurityIdentifier onPremisesSyncEnabled onPremisesUserPrincipalName " +
    "otherMails passwordPolicies passwordProfile pastProjects postalCode preferredDataLocation preferredLanguage preferredName print " +
    "provisionedPlans proxyAddresses responsibilities schools securityIdentifier serviceProvisioningErrors showInAddressList signInActivity " +
    "signInSessionsValidFromDateTime skills state streetAddress surname usageLocation userPrincipalName userType"
  )
    .toLowerCase()
    .split(" "),
);

/** Projects a user like Graph: the default set without $select, selected properties (null when unset) with it. */
function renderUser(user: DemoUser, select: string[] | undefined): Record<string, unknown> {
  const names = select ?? USER_DEFAULT;
  for (const name of names) {
    if (!USER_PROPERTIES.has(name.toLowerCase())) {
      throw badRequest(`Could not find a property named '${name}' on type 'Microsoft.DirectoryServices.User'.`, "Request_BadRequest");
    }
  }
  const out = project(user, names);
  for (const name of names) if (!Object.keys(out).some((k) => k.toLowerCase() === name.toLowerCase())) out[name] = null;
  return out;
}

function directoryObject(directory: DemoDirectory, id: string): Record<string, unknown> | undefined {
  const user = directory.findUser(id);
  if (user) return { "@odata.type": "#microsoft.graph.user", ...user };
  const group = directory.findGroup(id);
  if (group) return { "@odata.type": "#microsoft.graph.group", ...groupResource(group.id, directory) };
  return undefined;
}

function groupResource(groupId: string, directory: DemoDirectory): MSGraph.Group {
  const g = directory.findGroup(groupId);
  if (!g) throw resourceNotFound(groupId);
  return {
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    groupTypes: [],
    securityEnabled: true,
    mailEnabled: false,
    mail: null,
    mailNickname: g.displayName.toLowerCase().replace(/[^a-z0-9]/g, ""),
    isAssignableToRole: g.isAssignableToRole,
  };
}

const USER_PAGES = { defaultTop: 100, maxTop: 999 };
const MEMBER_PAGES = { defaultTop: 100, maxTop: 999 };

function listUsers(ctx: RouteContext) {
  const select = selectedProperties(ctx.query);
  const users = filterBy(ctx.directory.users, ctx.query).map((u) => renderUser(u, select));
  return collection(ctx, withSelect("users", select), users, USER_PAGES);
}

function getUser(ctx: RouteContext) {
  const select = selectedProperties(ctx.query);
  return entity(ctx, `${withSelect("users", select)}/$entity`, renderUser(userParam(ctx), select));
}

function getManager(ctx: RouteContext) {
  const user = userParam(ctx);
  const managerId = ctx.directory.managers.get(user.id);
  const manager = managerId === undefined ? undefined : ctx.directory.findUser(managerId);
  if (!manager) throw resourceNotFound("manager");
  const select = selectedProperties(ctx.query);
  return entity(ctx, "directoryObjects/$entity", { "@odata.type": "#microsoft.graph.user", ...renderUser(manager, select) });
}

function transitiveMemberOf(ctx: RouteContext) {
  const user = userParam(ctx);
  const select = selectedProperties(ctx.query);
  const groups = [...ctx.directory.transitiveGroupIds(user.id)].map((id) => ({ "@odata.type": "#microsoft.graph.group", ...groupResource(id, ctx.directory) }));
  const held = ctx.directory.roleTemplateIdsOf(user.id);
  const roles = ctx.directory.directoryRoles.filter((r) => held.has(r.roleTemplateId)).map((r) => ({ "@odata.type": "#microsoft.graph.directoryRole", ...r }));
  const items = filterBy<Record<string, unknown>>([...groups, ...roles], ctx.query).map((o) => project(o, select));
  return collection(ctx, withSelect("directoryObjects", select), items, MEMBER_PAGES);
}

function transitiveMembers(ctx: RouteContext) {
  const group = ctx.directory.findGroup(ctx.params.group);
  if (!group) throw resourceNotFound(ctx.params.group);
  const select = selectedProperties(ctx.query);
  const items = ctx.directory
    .transitiveMemberIds(group.id)
    .map((id) => directoryObject(ctx.directory, id))
    .filter((o): o is Record<string, unknown> => o !== undefined)
    .map((o) => project(o, select ?? ["id", "displayName", "userPrincipalName"]));
  return collection(ctx, withSelect("directoryObjects", select), items, MEMBER_PAGES);
}

function getGroup(ctx: RouteContext) {
  const select = selectedProperties(ctx.query);
  return entity(ctx, `${withSelect("groups", select)}/$entity`, project(groupResource(ctx.params.group, ctx.directory), select));
}

function roleAssignments(ctx: RouteContext) {
  const select = selectedProperties(ctx.query);
  const items = filterBy(ctx.directory.roleAssignments, ctx.query).map((a) => project(a, select));
  return collection(ctx, withSelect("roleManagement/directory/roleAssignments", select), items);
}

function me(): never {
  throw badRequest("/me request is only valid with delegated authentication flow.");
}

/** Directory routes and the permissions that gate them. */
export const userRoutes: Route[] = [
  { method: "GET", pattern: "/users", permissions: ["User.Read.All"], handle: listUsers },
  { method: "GET", pattern: "/users/:user", permissions: ["User.Read.All"], handle: getUser },
  { method: "GET", pattern: "/users/:user/manager", permissions: ["User.Read.All"], handle: getManager },
  { method: "GET", pattern: "/users/:user/transitiveMemberOf", permissions: ["GroupMember.Read.All"], handle: transitiveMemberOf },
  { method: "GET", pattern: "/groups/:group", permissions: ["GroupMember.Read.All"], handle: getGroup },
  { method: "GET", pattern: "/groups/:group/transitiveMembers", permissions: ["GroupMember.Read.All"], handle: transitiveMembers },
  { method: "GET", pattern: "/roleManagement/directory/roleAssignments", permissions: ["RoleManagement.Read.Directory"], handle: roleAssignments },
  { method: "GET", pattern: "/me", permissions: [], handle: me },
];
