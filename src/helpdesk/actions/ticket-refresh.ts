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
    // One Graph read at most; a failed read shows nothing (the card stays as it is), and is logged.
    const membership = involved ? undefined : await ctx.membershipOrUndefined(actorId);
    const mayView = involved || (membership !== undefined && isHelpdeskAgent(membership, ctx.o.agentsGroupId));
    return mayView ? { view: await ctx.ticketPanel(t) } : { message: "Only the helpdesk and the people on the ticket can see it." };
  },
};
