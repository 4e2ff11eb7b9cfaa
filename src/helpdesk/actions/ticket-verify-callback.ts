// ticket_verify_callback: "I called the number on record": the assignee confirms the callback to the number in the
// directory (never one the caller offers) reached the subject.
import { maskPhone } from "../domain/verification";
import { applyAction, decideVerification } from "../domain/ticket-machine";
import { phonesOnRecord } from "../flows/verify";
import type { TicketActionHandler } from "./action";

export const ticketVerifyCallback: TicketActionHandler = {
  kind: "ticket",
  audience: "agents",
  onChannelCard: true,
  async handle(ctx, { stored, me: actor }) {
    const ticket = stored.ticket;
    const phones = await phonesOnRecord(ctx, ticket.subject.id);
    if (phones.length === 0) return ctx.deny(actor, "verify_callback", ticket, `${ticket.subject.displayName} has no phone number on record. Verify through their manager instead.`);
    const masked = maskPhone(phones[0]);
    const started = applyAction(ticket, "verify_callback", actor, ctx.now(), { phoneMasked: masked });
    if (!started.ok) return ctx.deny(actor, "verify_callback", ticket, started.reason);
    const decided = decideVerification(started.ticket, true, actor, ctx.now());
    if (!decided.ok) return ctx.deny(actor, "verify_callback", ticket, decided.reason);
    if (!started.changed && !decided.changed) return { view: await ctx.ticketPanel(ticket) };
    const saved = await ctx.save(stored, decided.ticket);
    await ctx.record({ actor, action: "verification_confirmed", ticketId: ticket.id, target: ticket.subject, verificationMethod: "callback_phone_on_record", result: "success", detail: `called ${masked ?? "the number on record"}` });
    return { view: await ctx.ticketPanel(saved.ticket) };
  },
};
