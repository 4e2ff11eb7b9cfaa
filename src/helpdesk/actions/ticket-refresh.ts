// ticket_refresh: Teams asks for the current card (shown to whoever views it): the requester, the subject, or an agent.
import { isHelpdeskAgent } from "../domain/authorization";
import { ticketIdOf, type ViewActionHandler } from "./action";

export const ticketRefresh: ViewActionHandler = {
  kind: "view",
  async view(ctx, actorId, data) {
    const stored = await ctx.tickets.get(ticketIdOf(data));
    if (!stored) return { message: "That ticket doesn't exist." };
    const t = stored.ticket;
    const involved = actorId === t.requester.id || actorId === t.subject.id;
    // One Graph read at most; a failed read is logged and answered as it is (busy, not allowed), not as "you may not see it".
    const membership = involved ? undefined : await ctx.membership(actorId);
    if (membership && "refusal" in membership && membership.failure !== "not_found") return { message: membership.refusal };
    const mayView = involved || (membership !== undefined && !("refusal" in membership) && isHelpdeskAgent(membership, ctx.o.agentsGroupId));
    return mayView ? { view: await ctx.ticketPanel(t) } : { message: "Only the helpdesk and the people on the ticket can see it." };
  },
};
