// ticket_delete_tap: deleting the pass issued on a ticket (mirrors Entra's role rules like issuing does; no four eyes: removal is always safe).
import { classifyFailure, failureFields, toSafeMessage } from "../../errors";
import { decideDelete } from "../domain/authorization";
import { applyAction } from "../domain/ticket-machine";
import type { TicketActionHandler } from "./action";

/** "Delete TAP": removes the pass issued on this ticket. */
export const ticketDeleteTap: TicketActionHandler = {
  kind: "ticket",
  audience: "agents",
  onChannelCard: true,
  async handle(ctx, { stored, actor: actorFacts, me: actor }) {
    const ticket = stored.ticket;
    const subject = await ctx.facts(ticket.subject.id);
    const decision = decideDelete(actorFacts, subject, { agentsGroupId: ctx.o.agentsGroupId });
    if (!decision.allowed) return ctx.deny(actor, "delete_tap", ticket, decision.reason);
    const result = applyAction(ticket, "delete_tap", actor, ctx.now());
    // The pass in doubt (its value was lost) goes first: it is the one still usable.
    const tapId = ticket.uncertainPass?.tapId ?? ticket.pass?.tapId;
    if (!result.ok || tapId === undefined) return ctx.deny(actor, "delete_tap", ticket, result.ok ? "There is no pass on this ticket." : result.reason);
    let requestId: string | undefined;
    try {
      requestId = (await ctx.o.directory.deleteTemporaryAccessPass(subject.id, tapId)).requestId;
    } catch (e) {
      // Already gone (expired and cleaned up, or replaced) counts as deleted; anything else is reported.
      if (classifyFailure(e) !== "not_found") {
        ctx.o.logger.warn({ event: "tap_delete_failed", ticketId: ticket.id, ...failureFields(e) }, "could not delete a pass");
        await ctx.record({ actor, action: "tap_deleted", ticketId: ticket.id, target: ticket.subject, result: "failed", detail: toSafeMessage(e) });
        return { message: `The pass wasn't deleted: ${toSafeMessage(e)}` };
      }
    }
    const saved = await ctx.save(stored, result.ticket);
    await ctx.record({ actor, action: "tap_deleted", ticketId: ticket.id, target: ticket.subject, result: "success", graphRequestId: requestId });
    return { view: await ctx.ticketPanel(saved.ticket) };
  },
};
