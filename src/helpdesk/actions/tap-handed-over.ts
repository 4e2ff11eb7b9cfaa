// tap_handed_over: "Handed over" on the hand-over message: the value leaves the message now (not at the scrub time).
// Only the recipient's own chat can ask for that.
import { scrubbedCard } from "../flows/scrub";
import { textField, type TicketActionHandler } from "./action";

export const tapHandedOver: TicketActionHandler = {
  kind: "ticket",
  audience: "handler",
  onChannelCard: false,
  async handle(ctx, { stored, me, data }) {
    const deliveryId = textField(data, "deliveryId");
    const delivery = deliveryId ? await ctx.deliveries.get(deliveryId) : undefined;
    if (!delivery || delivery.ticketId !== stored.ticket.id || stored.ticket.pass?.deliveredTo.id !== me.id) {
      return ctx.deny(me, "tap_handed_over", stored.ticket, "That hand-over message isn't yours.");
    }
    const view = scrubbedCard(ctx, stored.ticket, delivery.id);
    // Edit the message itself too, so the value is gone from the chat history, not just from this view.
    await ctx.o.messenger.update({ conversationId: delivery.agentConversationId, activityId: delivery.activityId }, { view, summary: "Pass removed" });
    await ctx.deliveries.markScrubbed(delivery.id);
    await ctx.record({ actor: me, action: "tap_handed_over", ticketId: stored.ticket.id, target: stored.ticket.subject, result: "success" });
    return { view };
  },
};
