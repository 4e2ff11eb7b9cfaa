// Verifying the caller with something an impostor can't fake: the subject's manager confirms in their own 1:1 chat,
// or the agent calls the phone number on record in the directory. Knowledge questions never unlock issuance.
import { renderManagerVerificationCard } from "../cards/helpdesk-manager-verification";
import { maskPhone } from "./verification";
import { applyAction, decideVerification } from "./ticket-machine";
import type { PersonStamp } from "./model";
import type { StoredTicket } from "./tickets";
import type { ActionOutcome, HelpdeskContext } from "./workflow-context";

/** The numbers on record for the subject (mobile first), read live from the directory. */
async function phonesOnRecord(ctx: HelpdeskContext, subjectId: string): Promise<string[]> {
  const user = await ctx.o.directory.getUser(subjectId);
  return [user.mobilePhone, ...user.businessPhones].filter((p): p is string => typeof p === "string" && p.trim() !== "");
}

/** Sends the assignee, privately, the numbers to call back (never a number the caller offers). */
export async function sendCallbackNumbers(ctx: HelpdeskContext, stored: StoredTicket, agent: PersonStamp): Promise<void> {
  const phones = await phonesOnRecord(ctx, stored.ticket.subject.id);
  const t = stored.ticket;
  const text = phones.length
    ? `Ticket ${t.id} is yours. To verify by callback, call ${t.subject.displayName} on the number on record: ${phones.join(" or ")}. Never use a number the caller gives you. Then press "I called the number on record" on the ticket.`
    : `Ticket ${t.id} is yours. ${t.subject.displayName} has no phone number on record, so verify through their manager.`;
  await ctx.tell(agent.id, { text });
}

/** "Verify via manager": asks the subject's manager (from the directory) in a 1:1 card. */
export async function verifyViaManager(ctx: HelpdeskContext, stored: StoredTicket, actor: PersonStamp): Promise<ActionOutcome> {
  const ticket = stored.ticket;
  const manager = await ctx.o.directory.getManager(ticket.subject.id);
  if (!manager) return ctx.deny(actor, "verify_manager", ticket, `${ticket.subject.displayName} has no manager in the directory. Verify by calling the number on record instead.`);
  if (manager.id === actor.id) return ctx.deny(actor, "verify_manager", ticket, "You are the subject's manager: another agent must handle the ticket, so the confirmation comes from someone else.");
  const result = applyAction(ticket, "verify_manager", actor, ctx.now());
  if (!result.ok) return ctx.deny(actor, "verify_manager", ticket, result.reason);
  if (!result.changed) return { card: await ctx.ticketCard(ticket) };
  const saved = await ctx.save(stored, result.ticket);
  const sent = await ctx.tell(manager.id, {
    card: renderManagerVerificationCard({
      ticketId: ticket.id,
      subjectName: ticket.subject.displayName,
      agentName: actor.displayName,
      requestedAtText: ctx.time(ctx.now().toISOString()),
      state: "pending",
    }),
    summary: `Did ${ticket.subject.displayName} ask for a new pass?`,
  });
  await ctx.record({ actor, action: "verification_requested", ticketId: ticket.id, target: ticket.subject, verificationMethod: "manager_confirmation", result: sent ? "success" : "failed", detail: sent ? `asked ${manager.displayName}` : `couldn't reach ${manager.displayName} in Teams` });
  if (!sent) return { message: `I couldn't reach ${manager.displayName} in Teams. Verify by calling the number on record instead.` };
  return { card: await ctx.ticketCard(saved.ticket) };
}

/** "I called the number on record": the assignee confirms the callback reached the subject. */
export async function verifyViaCallback(ctx: HelpdeskContext, stored: StoredTicket, actor: PersonStamp): Promise<ActionOutcome> {
  const ticket = stored.ticket;
  const phones = await phonesOnRecord(ctx, ticket.subject.id);
  if (phones.length === 0) return ctx.deny(actor, "verify_callback", ticket, `${ticket.subject.displayName} has no phone number on record. Verify through their manager instead.`);
  const masked = maskPhone(phones[0]);
  const started = applyAction(ticket, "verify_callback", actor, ctx.now(), { phoneMasked: masked });
  if (!started.ok) return ctx.deny(actor, "verify_callback", ticket, started.reason);
  const decided = decideVerification(started.ticket, true, actor, ctx.now());
  if (!decided.ok) return ctx.deny(actor, "verify_callback", ticket, decided.reason);
  if (!started.changed && !decided.changed) return { card: await ctx.ticketCard(ticket) };
  const saved = await ctx.save(stored, decided.ticket);
  await ctx.record({ actor, action: "verification_confirmed", ticketId: ticket.id, target: ticket.subject, verificationMethod: "callback_phone_on_record", result: "success", detail: `called ${masked ?? "the number on record"}` });
  return { card: await ctx.ticketCard(saved.ticket) };
}

/** The manager's Yes/No. Only the subject's manager (read live) can answer, and only a pending question. */
export async function managerAnswers(ctx: HelpdeskContext, stored: StoredTicket, actor: PersonStamp, confirmed: boolean): Promise<ActionOutcome> {
  const ticket = stored.ticket;
  const manager = await ctx.o.directory.getManager(ticket.subject.id);
  if (!manager || manager.id !== actor.id) return ctx.deny(actor, confirmed ? "verify_confirm" : "verify_deny", ticket, `Only ${ticket.subject.displayName}'s manager can answer this.`);
  const result = decideVerification(ticket, confirmed, actor, ctx.now());
  const v = ticket.verification;
  const card = (state: "confirmed" | "denied" | "expired") =>
    renderManagerVerificationCard({
      ticketId: ticket.id,
      subjectName: ticket.subject.displayName,
      agentName: v?.requestedBy.displayName ?? "The helpdesk",
      requestedAtText: v ? ctx.time(v.requestedAt) : "",
      state,
    });
  if (!result.ok) return ctx.deny(actor, confirmed ? "verify_confirm" : "verify_deny", ticket, result.reason);
  if (!result.changed) return { card: card(confirmed ? "confirmed" : "denied") };
  const saved = await ctx.save(stored, result.ticket);
  const state = saved.ticket.verification?.status === "expired" ? "expired" : confirmed ? "confirmed" : "denied";
  const action = state === "expired" ? "verification_expired" : confirmed ? "verification_confirmed" : "verification_denied";
  await ctx.record({ actor, action, ticketId: ticket.id, target: ticket.subject, verificationMethod: "manager_confirmation", result: "success" });
  await ctx.refreshChannelCard(saved.ticket);
  return { card: card(state) };
}
