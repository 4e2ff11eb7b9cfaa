// Who may do what on a ticket, mirrored from Entra's role split and re-decided on every click from live directory facts.
// Pure: the caller reads PersonFacts from Graph for the clicker and the subject, never from card data.
import type { Approval, PersonFacts, Ticket } from "./model";
import { AUTH_ADMIN_TARGET_ROLES, FULL_ISSUER_ROLES, ROLE, holdsRole, roleName } from "./entra-roles";

/** Why an action was refused; stable codes for audit and tests. */
export type DenyCode =
  | "NOT_AGENT"
  | "NOT_HELPDESK_ADMIN"
  | "ACTOR_AT_RISK"
  | "SELF"
  | "NO_ISSUER_ROLE"
  | "ROLE_TOO_LOW"
  | "SUBJECT_DISABLED"
  | "SUBJECT_AT_RISK"
  | "SUBJECT_EXTERNAL_GUEST"
  | "NEEDS_SECOND_APPROVAL"
  | "SAME_AGENT";

/** A decision: allowed, or refused with plain words for the agent. */
export type Decision =
  | { allowed: true }
  | {
      allowed: false;
      code: DenyCode;
      /** Plain words for the agent; names people and roles, never secrets. */
      reason: string;
      /** The right next step is the security team, not another agent. */
      routeToSecurity?: boolean;
      /** The Entra role that could do it instead. */
      neededRole?: string;
    };

/** Group ids the helpdesk decisions depend on (from configuration). */
export interface AgentContext {
  agentsGroupId: string;
}

/** What issuance additionally depends on: the approvals recorded on the ticket. */
export interface IssueContext extends AgentContext {
  approvals: readonly Approval[];
}

/** Context for a limit override. */
export interface LimitApprovalContext {
  adminsGroupId: string;
  /** The agent whose limit was reached: they may not lift their own limit. */
  agentId?: string;
}

const ALLOWED: Decision = { allowed: true };

const deny = (code: DenyCode, reason: string, extra: { routeToSecurity?: boolean; neededRole?: string } = {}): Decision => ({
  allowed: false,
  code,
  reason,
  ...extra,
});

/**
 * The one answer to "is this person a helpdesk agent?": a (transitive) member of the agents group; `groupIds` already
 * holds transitive membership. An unconfigured group ("" or undefined) has no members.
 */
export function isHelpdeskAgent(person: Pick<PersonFacts, "groupIds">, agentsGroupId: string | undefined): boolean {
  return agentsGroupId !== undefined && agentsGroupId !== "" && person.groupIds.includes(agentsGroupId);
}

/** A helpdesk admin is in the admins group, or holds Global Administrator or Privileged Authentication Administrator. */
export function isHelpdeskAdmin(actor: PersonFacts, adminsGroupId: string): boolean {
  return actor.groupIds.includes(adminsGroupId) || FULL_ISSUER_ROLES.some((r) => holdsRole(actor, r));
}

/** Identity Protection says the account may be in an attacker's hands. */
export function isAtRisk(person: PersonFacts): boolean {
  const level = person.riskLevel?.toLowerCase();
  const state = person.riskState?.toLowerCase();
  if (level === "high") return true;
  // An admin-confirmed compromise is never "fixed" with a pass, whatever level Identity Protection shows.
  if (state === "confirmedcompromised") return true;
  return state === "atrisk" && level === "medium";
}

function agentCheck(actor: PersonFacts, ctx: AgentContext): Decision | undefined {
  if (isHelpdeskAgent(actor, ctx.agentsGroupId)) return undefined;
  return deny("NOT_AGENT", `${actor.displayName} isn't in the helpdesk agents group, so can't act on helpdesk tickets.`);
}

/** The clicker's own account is flagged: whoever holds it may not be the real agent, so it creates or approves nothing. */
function actorRiskCheck(actor: PersonFacts, what: string, instead = "another agent"): Decision | undefined {
  if (!isAtRisk(actor)) return undefined;
  return deny(
    "ACTOR_AT_RISK",
    `Your own account (${actor.displayName}) is flagged as at risk by Identity Protection, so you can't ${what} until the security team has cleared it; ask ${instead}.`,
  );
}

function selfCheck(actor: PersonFacts, subject: { id: string }, what: string): Decision | undefined {
  if (actor.id !== subject.id) return undefined;
  return deny("SELF", `Nobody can ${what} for themselves. Another agent has to handle this ticket.`);
}

function subjectStateCheck(subject: PersonFacts): Decision | undefined {
  if (!subject.accountEnabled) {
    return deny("SUBJECT_DISABLED", `${subject.displayName}'s account is disabled. A pass won't help; the security team decides whether to re-enable it.`, {
      routeToSecurity: true,
    });
  }
  if (isAtRisk(subject)) {
    return deny("SUBJECT_AT_RISK", `Identity Protection flags ${subject.displayName} as at risk. A pass would bypass their existing sign-in methods, so the security team must look first.`, {
      routeToSecurity: true,
    });
  }
  if (subject.isExternalGuest) {
    return deny("SUBJECT_EXTERNAL_GUEST", `${subject.displayName} is an external guest. Entra can't add a pass for them; they sign in through their home organization.`, {
      routeToSecurity: true,
    });
  }
  return undefined;
}

/**
 * The subject's own state, for a step that leads to a pass (an approval): disabled, at risk or an external guest is
 * refused and routed to security, as issuing is. Callers decide who the clicker is first, so only agents learn this.
 */
export function decideSubjectState(subject: PersonFacts): Decision {
  return subjectStateCheck(subject) ?? ALLOWED;
}

/** The roles that stop an Authentication Administrator (anything outside Entra's short list). */
export function rolesBeyondAuthAdmin(subject: PersonFacts): string[] {
  return subject.roleTemplateIds.filter((id) => !AUTH_ADMIN_TARGET_ROLES.has(id.toLowerCase()));
}

/** Entra's matrix: Privileged Authentication Administrator or Global Administrator for anyone, Authentication Administrator for some. */
function roleMatrixCheck(actor: PersonFacts, subject: PersonFacts, what: string): Decision | undefined {
  if (FULL_ISSUER_ROLES.some((r) => holdsRole(actor, r))) return undefined;
  const paa = roleName(ROLE.privilegedAuthenticationAdministrator);
  if (!holdsRole(actor, ROLE.authenticationAdministrator)) {
    return deny("NO_ISSUER_ROLE", `${actor.displayName} needs the Authentication Administrator or ${paa} role in Entra to ${what}.`, {
      neededRole: roleName(ROLE.authenticationAdministrator),
    });
  }
  const blocking = rolesBeyondAuthAdmin(subject);
  if (blocking.length === 0) return undefined;
  const names = [...new Set(blocking.map(roleName))].join(", ");
  return deny("ROLE_TOO_LOW", `${subject.displayName} holds ${names}. An Authentication Administrator can't ${what} for them; a ${paa} must.`, {
    neededRole: paa,
  });
}

/** Four eyes: a second agent (neither the issuer nor the subject) approved issuing to a role holder. */
function fourEyesCheck(actor: PersonFacts, subject: PersonFacts, approvals: readonly Approval[]): Decision | undefined {
  if (subject.roleTemplateIds.length === 0) return undefined;
  const ok = approvals.some((a) => a.kind === "second_agent" && a.approvedBy.id !== actor.id && a.approvedBy.id !== subject.id);
  if (ok) return undefined;
  return deny("NEEDS_SECOND_APPROVAL", `${subject.displayName} holds a directory role, so a second agent must approve before a pass is issued.`);
}

/** Issue a pass: agent → clicker not at risk → not self → subject state (security first) → Entra role matrix → four eyes. */
export function decideIssue(actor: PersonFacts, subject: PersonFacts, ctx: IssueContext): Decision {
  return (
    agentCheck(actor, ctx) ??
    actorRiskCheck(actor, "issue a pass") ??
    selfCheck(actor, subject, "issue a pass") ??
    subjectStateCheck(subject) ??
    roleMatrixCheck(actor, subject, "issue a pass") ??
    fourEyesCheck(actor, subject, ctx.approvals) ??
    ALLOWED
  );
}

/** Delete a pass: removing one is always safe, so only agent, self and the role matrix apply. */
export function decideDelete(actor: PersonFacts, subject: PersonFacts, ctx: AgentContext): Decision {
  return agentCheck(actor, ctx) ?? selfCheck(actor, subject, "delete a pass") ?? roleMatrixCheck(actor, subject, "delete a pass") ?? ALLOWED;
}

/**
 * Second-agent approval: an agent not flagged as at risk who could issue to this subject, other than the subject and the
 * ticket's assignee or issuer.
 */
export function decideApprove(approver: PersonFacts, subject: PersonFacts, ticket: Ticket, ctx: AgentContext): Decision {
  const issuerIds = [ticket.assignee?.id, ticket.pass?.issuedBy.id].filter((id): id is string => id !== undefined);
  const sameAgent = issuerIds.includes(approver.id)
    ? deny("SAME_AGENT", `${approver.displayName} is handling this ticket; the approval has to come from a different agent.`)
    : undefined;
  return (
    agentCheck(approver, ctx) ??
    actorRiskCheck(approver, "approve a pass") ??
    selfCheck(approver, subject, "approve a pass") ??
    sameAgent ??
    roleMatrixCheck(approver, subject, "approve a pass") ??
    ALLOWED
  );
}

/** Lifting a per-agent or per-subject limit: helpdesk admins not flagged as at risk, and never for their own limit. */
export function decideLimitApproval(approver: PersonFacts, ctx: LimitApprovalContext): Decision {
  if (!isHelpdeskAdmin(approver, ctx.adminsGroupId)) {
    return deny("NOT_HELPDESK_ADMIN", `Only a helpdesk admin can allow more passes than the limit; ${approver.displayName} isn't one.`);
  }
  const atRisk = actorRiskCheck(approver, "allow more passes than the limit", "another helpdesk admin");
  if (atRisk) return atRisk;
  if (ctx.agentId !== undefined && ctx.agentId === approver.id) {
    return deny("SAME_AGENT", "The limit was reached by your own issuances, so another helpdesk admin has to lift it.");
  }
  return ALLOWED;
}

/** Taking a ticket: every agent except the ticket's subject. */
export function decideAssign(actor: PersonFacts, ticket: Ticket, ctx: AgentContext): Decision {
  return agentCheck(actor, ctx) ?? selfCheck(actor, ticket.subject, "handle a ticket") ?? ALLOWED;
}
