// verify_confirm / verify_deny: the manager's Yes/No to "Did <subject> ask for a new pass just now?", in their 1:1 chat.
import { decideVerification } from "../domain/ticket-machine";
import type { PersonStamp } from "../domain/model";
import type { StoredTicket } from "../repositories/tickets";
import type { ActionOutcome, HelpdeskContext } from "../context";
import type { ManagerQuestion } from "../outcomes";
import type { TicketActionHandler } from "./action";

/** The handler for the manager's answer; the manager's card refreshes the channel card itself. */
export function managerAnswer(confirmed: boolean): TicketActionHandler {
  return { kind: "ticket", audience: "handler", onChannelCard: false, handle: (ctx, { stored, me }) => managerAnswers(ctx, stored, me, confirmed) };
}

/** The manager's Yes/No. Only the subject's manager (read live) can answer, and only a pending question. */
async function managerAnswers(ctx: HelpdeskContext, stored: StoredTicket, actor: PersonStamp, confirmed: boolean): Promise<ActionOutcome> {
  const ticket = stored.ticket;
  const manager = await ctx.o.directory.getManager(ticket.subject.id);
  if (!manager || manager.id !== actor.id) return ctx.deny(actor, confirmed ? "verify_confirm" : "verify_deny", ticket, `Only ${ticket.subject.displayName}'s manager can answer this.`);
  const result = decideVerification(ticket, confirmed, actor, ctx.now());
  const v = ticket.verification;
  const view = (state: "confirmed" | "denied" | "expired"): ManagerQuestion => ({
    kind: "manager_question",
      ticketId: ticket.id,
      subjectName: ticket.subject.displayName,
      agentName: v?.requestedBy.displayName ?? "The helpdesk",
      requestedAt: v?.requestedAt ?? "",
      state,
  });
  if (!result.ok) return ctx.deny(actor, confirmed ? "verify_confirm" : "verify_deny", ticket, result.reason);
  if (!result.changed) return { view: view(confirmed ? "confirmed" : "denied") };
  const saved = await ctx.save(stored, result.ticket);
  const state = saved.ticket.verification?.status === "expired" ? "expired" : confirmed ? "confirmed" : "denied";
  const action = state === "expired" ? "verification_expired" : confirmed ? "verification_confirmed" : "verification_denied";
  await ctx.record({ actor, action, ticketId: ticket.id, target: ticket.subject, verificationMethod: "manager_confirmation", result: "success" });
  await ctx.refreshChannelCard(saved.ticket);
  return { view: view(state) };
}
