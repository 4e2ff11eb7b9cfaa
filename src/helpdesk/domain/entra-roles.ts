// Built-in Microsoft Entra role template ids (immutable across tenants) and the Authentication Administrator's target list.
// Ids: MicrosoftDocs/entra-docs docs/identity/role-based-access-control/permissions-reference.md, "All roles" table
// (commit 00fe95d6, ms.date 01/20/2026). Target list: privileged-roles-permissions.md, "Who can reset passwords"
// (summarised in shared/reference/graph-tap-facts.md §7).

/** Template ids of the roles the helpdesk rules name. */
export const ROLE = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  privilegedAuthenticationAdministrator: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
  authenticationAdministrator: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  authenticationPolicyAdministrator: "0526716b-113d-4c15-b2c8-68e3c22b9f80",
  directoryReaders: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
  guestInviter: "95e79109-95c0-4d8e-aee3-d01accf2d47b",
  messageCenterReader: "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b",
  passwordAdministrator: "966707d0-3269-4727-9be2-8c3a10f19b9d",
  reportsReader: "4a5d8f65-41da-4de4-8968-e035b65339cf",
  userExperienceSuccessManager: "27460883-1df1-4691-b032-3b79643e5e63",
  usageSummaryReportsReader: "75934031-6c7e-415a-99d7-48dbd49e875e",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  securityAdministrator: "194ae4cb-b126-40b2-bd5b-6091b380977d",
  conditionalAccessAdministrator: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
  groupsAdministrator: "fdd7a751-b60b-444a-984c-02652fe8fa1c",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
} as const;

/** Display names, so messages can say which role blocked an action. */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  [ROLE.globalAdministrator]: "Global Administrator",
  [ROLE.privilegedAuthenticationAdministrator]: "Privileged Authentication Administrator",
  [ROLE.authenticationAdministrator]: "Authentication Administrator",
  [ROLE.authenticationPolicyAdministrator]: "Authentication Policy Administrator",
  [ROLE.directoryReaders]: "Directory Readers",
  [ROLE.guestInviter]: "Guest Inviter",
  [ROLE.messageCenterReader]: "Message Center Reader",
  [ROLE.passwordAdministrator]: "Password Administrator",
  [ROLE.reportsReader]: "Reports Reader",
  [ROLE.userExperienceSuccessManager]: "User Experience Success Manager",
  [ROLE.usageSummaryReportsReader]: "Usage Summary Reports Reader",
  [ROLE.helpdeskAdministrator]: "Helpdesk Administrator",
  [ROLE.userAdministrator]: "User Administrator",
  [ROLE.privilegedRoleAdministrator]: "Privileged Role Administrator",
  [ROLE.securityAdministrator]: "Security Administrator",
  [ROLE.conditionalAccessAdministrator]: "Conditional Access Administrator",
  [ROLE.groupsAdministrator]: "Groups Administrator",
  [ROLE.globalReader]: "Global Reader",
};

/**
 * Roles whose holders an Authentication Administrator may still manage (Entra's "Who can reset passwords" row).
 * Anyone holding a role outside this set (including custom roles) needs a Privileged Authentication Administrator.
 */
export const AUTH_ADMIN_TARGET_ROLES: ReadonlySet<string> = new Set([
  ROLE.authenticationAdministrator,
  ROLE.directoryReaders,
  ROLE.guestInviter,
  ROLE.messageCenterReader,
  ROLE.passwordAdministrator,
  ROLE.reportsReader,
  ROLE.userExperienceSuccessManager,
  ROLE.usageSummaryReportsReader,
]);

/** Roles that may create and delete a pass for anyone but themselves. */
export const FULL_ISSUER_ROLES: readonly string[] = [ROLE.globalAdministrator, ROLE.privilegedAuthenticationAdministrator];

/** A role's display name for messages; unknown ids (custom roles) get a neutral label. */
export function roleName(templateId: string): string {
  return ROLE_NAMES[templateId.toLowerCase()] ?? "a custom or other administrator role";
}

/** Whether the person holds the role (template ids compare case-insensitively, as Graph returns them lowercase). */
export function holdsRole(person: { roleTemplateIds: readonly string[] }, templateId: string): boolean {
  const wanted = templateId.toLowerCase();
  return person.roleTemplateIds.some((id) => id.toLowerCase() === wanted);
}
