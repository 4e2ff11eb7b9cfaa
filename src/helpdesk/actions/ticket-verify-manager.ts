// ticket_verify_manager: "Verify via manager" asks the subject's manager (read live from the directory) in their own
// 1:1 chat; an impostor can't answer there. Knowledge questions never unlock issuance.
import { applyAction } from "../domain/ticket-machine";
import type { TicketActionHandler } from "./action";

export const ticketVerifyManager: TicketActionHandler = {
  kind: "ticket",
  audience: "agents",
  onChannelCard: true,
  async handle(ctx, { stored, me: actor }) {
    const ticket = stored.ticket;
    const manager = await ctx.o.directory.getManager(ticket.subject.id);
    if (!manager) return ctx.deny(actor, "verify_manager", ticket, `${ticket.subject.displayName} has no manager in the directory. Verify by calling the number on record instead.`);
    if (manager.id === actor.id) return ctx.deny(actor, "verify_manager", ticket, "You are the subject's manager: another agent must handle the ticket, so the confirmation comes from someone else.");
    const result = applyAction(ticket, "verify_manager", actor, ctx.now());
    if (!result.ok) return ctx.deny(actor, "verify_manager", ticket, result.reason);
    if (!result.changed) return { view: await ctx.ticketPanel(ticket) };
    const saved = await ctx.save(stored, result.ticket);
    const sent = await ctx.tell(manager.id, {
      view: { kind: "manager_question", ticketId: ticket.id, subjectName: ticket.subject.displayName, agentName: actor.displayName, requestedAt: ctx.now().toISOString(), state: "pending" },
      summary: `Did ${ticket.subject.displayName} ask for a new pass?`,
    });
    await ctx.record({ actor, action: "verification_requested", ticketId: ticket.id, target: ticket.subject, verificationMethod: "manager_confirmation", result: sent ? "success" : "failed", detail: sent ? `asked ${manager.displayName}` : `couldn't reach ${manager.displayName} in Teams` });
    if (!sent) return { message: `I couldn't reach ${manager.displayName} in Teams. Verify by calling the number on record instead.` };
    return { view: await ctx.ticketPanel(saved.ticket) };
  },
};
