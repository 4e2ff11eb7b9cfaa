// Verifying the caller with something an impostor can't fake: the subject's manager confirms in their own 1:1 chat,
// or the agent calls the phone number on record in the directory. Knowledge questions never unlock issuance.
import type { PersonStamp } from "../domain/model";
import type { StoredTicket } from "../repositories/tickets";
import type { HelpdeskContext } from "../context";

/** The numbers on record for the subject (mobile first), read live from the directory. */
export async function phonesOnRecord(ctx: HelpdeskContext, subjectId: string): Promise<string[]> {
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
