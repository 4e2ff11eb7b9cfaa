// Pass values leave the hand-over message: when the agent says "Handed over", or when the scrub time comes.
import { renderPassHandoverCard } from "../cards/helpdesk-pass-handover";
import type { PersonStamp, Ticket } from "./model";
import type { StoredTicket } from "./tickets";
import type { ActionOutcome, HelpdeskContext } from "./workflow-context";

/** "Handed over": the value leaves the agent's message now. Only the recipient's own chat can ask for that. */
export async function handedOver(ctx: HelpdeskContext, stored: StoredTicket, me: PersonStamp, deliveryId: string | undefined): Promise<ActionOutcome> {
  const delivery = deliveryId ? await ctx.deliveries.get(deliveryId) : undefined;
  if (!delivery || delivery.ticketId !== stored.ticket.id || stored.ticket.pass?.deliveredTo.id !== me.id) {
    return ctx.deny(me, "tap_handed_over", stored.ticket, "That hand-over message isn't yours.");
  }
  const card = scrubbedCard(ctx, stored.ticket, delivery.id);
  // Edit the message itself too, so the value is gone from the chat history, not just from this view.
  await ctx.o.messenger.update({ conversationId: delivery.agentConversationId, activityId: delivery.activityId }, { card, summary: "Pass removed" });
  await ctx.deliveries.markScrubbed(delivery.id);
  await ctx.record({ actor: me, action: "tap_handed_over", ticketId: stored.ticket.id, target: stored.ticket.subject, result: "success" });
  return { card };
}

/** Removes pass values whose time is up from the hand-over messages (durable: survives restarts). */
export async function runDueScrubs(ctx: HelpdeskContext): Promise<number> {
  let done = 0;
  for (const d of await ctx.deliveries.due(ctx.now())) {
    const stored = await ctx.tickets.get(d.ticketId);
    try {
      await ctx.o.messenger.update({ conversationId: d.agentConversationId, activityId: d.activityId }, { card: scrubbedCard(ctx, stored?.ticket, d.id), summary: "Pass removed" });
      await ctx.deliveries.markScrubbed(d.id);
      done++;
    } catch (err) {
      ctx.o.logger.error({ event: "scrub_failed", deliveryId: d.id, err }, "could not remove a pass value from a message; will retry");
    }
  }
  return done;
}

function scrubbedCard(ctx: HelpdeskContext, ticket: Ticket | undefined, deliveryId: string) {
  const p = ticket?.pass;
  return renderPassHandoverCard({
    ticketId: ticket?.id ?? "",
    deliveryId,
    subjectName: ticket?.subject.displayName ?? "",
    validUntilText: p ? ctx.time(p.validUntil) : "",
    isUsableOnce: p?.isUsableOnce ?? true,
    scrubAtText: ctx.time(ctx.now().toISOString()),
    scrubbed: true,
  });
}

