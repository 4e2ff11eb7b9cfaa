// ticket_withdraw: the requester withdraws their own request from their status card.
import { applyAction } from "../domain/ticket-machine";
import type { TicketActionHandler } from "./action";

export const ticketWithdraw: TicketActionHandler = {
  kind: "ticket",
  audience: "handler",
  onChannelCard: false,
  async handle(ctx, { stored, me }) {
    const result = applyAction(stored.ticket, "withdraw", me, ctx.now());
    if (!result.ok) return ctx.deny(me, "withdraw", stored.ticket, result.reason);
    const saved = await ctx.save(stored, result.ticket);
    await ctx.record({ actor: me, action: "withdraw", ticketId: saved.ticket.id, target: saved.ticket.subject, result: "success" });
    await ctx.refreshChannelCard(saved.ticket);
    return { view: ctx.requesterStatus(saved.ticket, false) };
  },
};
