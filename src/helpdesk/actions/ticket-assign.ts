// ticket_assign: "Assign to me". The assignee is then sent, privately, the numbers on record to call back.
import { decideAssign } from "../domain/authorization";
import { applyAction } from "../domain/ticket-machine";
import { sendCallbackNumbers } from "../flows/verify";
import type { TicketActionHandler } from "./action";

export const ticketAssign: TicketActionHandler = {
  kind: "ticket",
  audience: "agents",
  onChannelCard: true,
  async handle(ctx, { stored, actor, me }) {
    const ticket = stored.ticket;
    const decision = decideAssign(actor, ticket, { agentsGroupId: ctx.o.agentsGroupId });
    if (!decision.allowed) return ctx.deny(me, "assign", ticket, decision.reason);
    const result = applyAction(ticket, "assign", me, ctx.now());
    if (!result.ok) return ctx.deny(me, "assign", ticket, result.reason);
    if (!result.changed) return { view: await ctx.ticketPanel(ticket) };
    const saved = await ctx.save(stored, result.ticket);
    await ctx.record({ actor: me, action: "assign", ticketId: ticket.id, target: ticket.subject, result: "success" });
    await sendCallbackNumbers(ctx, saved, me);
    await ctx.notifyRequester(saved.ticket);
    return { view: await ctx.ticketPanel(saved.ticket) };
  },
};
