// ticket_approve: approvals, a second agent for a role-holding subject (four eyes), a helpdesk admin beyond the issuance limits.
import { decideApprove, decideLimitApproval, decideSubjectState } from "../domain/authorization";
import { riskGapRefusal } from "../domain/issue-outcome";
import { requiredApprovals } from "../flows/approvals";
import { applyAction } from "../domain/ticket-machine";
import type { TicketActionHandler } from "./action";

/**
 * "Approve": a second agent for a role-holding subject, or a helpdesk admin beyond the limits. The subject's account,
 * roles and risk are read at the click (risk from their own riskyUsers entry): an approval given for someone whose risk
 * just turned high is refused like issuing would be.
 */
export const ticketApprove: TicketActionHandler = {
  kind: "ticket",
  // Approve decides for itself: a second agent, or a helpdesk admin lifting a limit (who needn't be an agent).
  audience: "handler",
  onChannelCard: true,
  async handle(ctx, { stored, actor: actorFacts, me: actor }) {
    const ticket = stored.ticket;
    const subject = await ctx.freshFacts(ticket.subject.id);
    const assignee = ticket.assignee ?? actor;
    const needed = await requiredApprovals(ctx, ticket, assignee, subject);
    const missing = needed.kinds.find((k) => !ticket.approvals.some((a) => a.kind === k));
    if (!missing) return ctx.deny(actor, "approve", ticket, `Ticket ${ticket.id} needs no approval right now.`);
    const decision =
      missing === "second_agent"
        ? decideApprove(actorFacts, subject, ticket, { agentsGroupId: ctx.o.agentsGroupId })
        : decideLimitApproval(actorFacts, { adminsGroupId: ctx.o.adminsGroupId, agentId: ticket.assignee?.id });
    if (!decision.allowed) return ctx.deny(actor, "approve", ticket, decision.reason);
    const gap = riskGapRefusal(subject, "approve");
    if (gap) return ctx.deny(actor, "approve", ticket, gap);
    const state = decideSubjectState(subject);
    if (!state.allowed) return ctx.deny(actor, "approve", ticket, `${state.reason}${state.routeToSecurity ? " Nothing was approved; the agent handling the ticket can route it to security." : ""}`);
    const result = applyAction({ ...ticket, subjectHoldsRole: subject.roleTemplateIds.length > 0 }, "approve", actor, ctx.now(), { approvalKind: missing });
    if (!result.ok) return ctx.deny(actor, "approve", ticket, result.reason);
    if (!result.changed) return { view: await ctx.ticketPanel(ticket) };
    const saved = await ctx.save(stored, result.ticket);
    await ctx.record({ actor, action: "approve", ticketId: ticket.id, target: ticket.subject, result: "success", detail: missing });
    return { view: await ctx.ticketPanel(saved.ticket) };
  },
};
