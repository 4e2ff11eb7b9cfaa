// Resolve, Reject and Route to security share one shape: a closing transition with an optional note.
import type { TicketAction } from "../domain/model";
import { applyAction } from "../domain/ticket-machine";
import { textField, type TicketActionHandler } from "./action";

/** A handler that closes the ticket with `action` (the note comes from the card's text input). */
export function closingAction(action: Extract<TicketAction, "resolve" | "reject" | "route_security">): TicketActionHandler {
  return {
    kind: "ticket",
    audience: "agents",
    onChannelCard: true,
    async handle(ctx, { stored, me, data }) {
      const ticket = stored.ticket;
      const note = textField(data, "note") ?? textField(data, "reason");
      const result = applyAction(ticket, action, me, ctx.now(), { note, securityReason: action === "route_security" ? note : undefined });
      if (!result.ok) return ctx.deny(me, action, ticket, result.reason);
      const saved = await ctx.save(stored, result.ticket);
      await ctx.record({ actor: me, action, ticketId: ticket.id, target: ticket.subject, result: "success", detail: note });
      await ctx.notifyRequester(saved.ticket);
      return { view: await ctx.ticketPanel(saved.ticket) };
    },
  };
}
