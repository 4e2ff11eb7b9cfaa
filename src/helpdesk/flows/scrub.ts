// Pass values leave the hand-over message: when the agent says "Handed over", or when the scrub time comes.
import type { PassHandover } from "../outcomes";
import type { Ticket } from "../domain/model";
import type { HelpdeskContext } from "../context";

/** Removes pass values whose time is up from the hand-over messages (durable: survives restarts). */
export async function runDueScrubs(ctx: HelpdeskContext): Promise<number> {
  let done = 0;
  for (const d of await ctx.deliveries.due(ctx.now())) {
    const stored = await ctx.tickets.get(d.ticketId);
    try {
      await ctx.o.messenger.update({ conversationId: d.agentConversationId, activityId: d.activityId }, { view: scrubbedCard(ctx, stored?.ticket, d.id), summary: "Pass removed" });
      await ctx.deliveries.markScrubbed(d.id);
      done++;
    } catch (err) {
      ctx.o.logger.error({ event: "scrub_failed", deliveryId: d.id, err }, "could not remove a pass value from a message; will retry");
    }
  }
  return done;
}

/** The hand-over card with the value gone. */
export function scrubbedCard(ctx: HelpdeskContext, ticket: Ticket | undefined, deliveryId: string): PassHandover {
  const p = ticket?.pass;
  return {
    kind: "pass_handover",
    ticketId: ticket?.id ?? "",
    deliveryId,
    subjectName: ticket?.subject.displayName ?? "",
    validUntil: p?.validUntil,
    isUsableOnce: p?.isUsableOnce ?? true,
    scrubAt: ctx.now().toISOString(),
    scrubbed: true,
  };
}

