// Which approvals an issuance needs now: a second agent for a role-holding subject (four eyes), a helpdesk admin
// beyond the issuance limits (counted from the audit trail).
import { checkLimits } from "../domain/limits";
import type { ApprovalKind } from "../domain/ticket-machine";
import type { PersonFacts, PersonStamp, Ticket } from "../domain/model";
import type { HelpdeskContext } from "../context";

/** The approvals issuance needs now: a second agent for role holders, a helpdesk admin beyond the limits. */
export async function requiredApprovals(ctx: HelpdeskContext, ticket: Ticket, actor: PersonStamp, subject: PersonFacts): Promise<{ kinds: ApprovalKind[]; limitReason?: string }> {
  const kinds: ApprovalKind[] = subject.roleTemplateIds.length > 0 ? ["second_agent"] : [];
  const limits = await checkLimits(ctx.audit, { agentId: actor.id, subjectId: subject.id, now: ctx.now(), ...ctx.o.limits });
  if (!limits.ok && !ticket.approvals.some((a) => a.kind === "helpdesk_admin_limit")) return { kinds: [...kinds, "helpdesk_admin_limit"], limitReason: limits.reason };
  return { kinds: limits.ok ? kinds : [...kinds, "helpdesk_admin_limit"] };
}

