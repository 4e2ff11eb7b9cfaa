// Opening tickets exactly once (double clicks, Teams retries) and posting them to the channel.
import { failureFields, isHelpdeskError } from "../../errors";
import type { EscalationContext, HelpRequest } from "../repositories/requests";
import type { Ticket } from "../domain/model";
import { openTicket } from "../domain/ticket-machine";
import { newTicketId, type StoredTicket } from "../repositories/tickets";
import type { HelpdeskContext } from "../context";

const INDEX = "ticketIndex";
const REPOST_AFTER_MS = 60_000;

/**
 * The ticket for `key`, created at most once: the key is reserved (create-only) before the ticket is written, so concurrent
 * requests agree on one id. A ticket whose channel post failed is posted again on the next request.
 */
export async function openOnce(ctx: HelpdeskContext, key: string, make: (id: string) => Ticket): Promise<{ id: string; stored?: StoredTicket; created: boolean }> {
  const id = newTicketId();
  try {
    await ctx.o.store.put(INDEX, key, { ticketId: id }, { ifNoneMatch: "*" });
  } catch (e) {
    if (!isHelpdeskError(e) || e.code !== "CONFLICT") throw e;
    const existingId = (await ctx.o.store.get<{ ticketId: string }>(INDEX, key))?.value.ticketId ?? "";
    const existing = await ctx.tickets.get(existingId);
    // Still being written by the first request: same id, nothing more to do here.
    if (!existing) return { id: existingId, created: false };
    // A ticket without a channel card is re-posted only once its first post has had time to finish (a minute).
    const stale = ctx.now().getTime() - Date.parse(existing.ticket.createdAt) > REPOST_AFTER_MS;
    return { id: existingId, stored: existing.ticket.channelMessage || !stale ? existing : await post(ctx, existing), created: false };
  }
  const ticket = make(id);
  const { etag } = await ctx.tickets.create(ticket);
  return { id, stored: await post(ctx, { ticket, etag }), created: true };
}

/** Posts a ticket card to the channel and remembers where it is; a failed post is logged and retried on the next request. */
async function post(ctx: HelpdeskContext, stored: StoredTicket): Promise<StoredTicket> {
  try {
    const ref = await ctx.o.messenger.postToHelpdeskChannel({ view: await ctx.ticketPanel(stored.ticket), summary: `Pass request ${stored.ticket.id}` });
    return ref ? await ctx.save(stored, { ...stored.ticket, channelMessage: ref }) : stored;
  } catch (err) {
    ctx.o.logger.error({ event: "ticket_post_failed", ticketId: stored.ticket.id, ...failureFields(err) }, "could not post the ticket to the helpdesk channel");
    return stored;
  }
}

/** Opens (once per triage and kind) a ticket for a help request; undefined when no helpdesk channel is set up. */
export async function escalate(ctx: HelpdeskContext, request: HelpRequest, triage: EscalationContext): Promise<string | undefined> {
  if (!(await ctx.o.messenger.hasHelpdeskChannel())) return undefined;
  const kind: Ticket["kind"] = request.kind === "contact_security" ? "security" : request.kind;
  const { id, stored, created } = await openOnce(ctx, `triage:${triage.triageId}:${kind}`, (id) =>
    openTicket(
      {
        id,
        kind,
        origin: triage.origin,
        requester: { id: request.requesterId, displayName: request.requesterName || triage.requesterName || "Someone" },
        requesterConversationId: request.conversationId,
        subject: { id: request.subjectId, displayName: request.subjectName },
        triageId: triage.triageId,
        diagnosis: { primary: triage.primary, codes: request.codes, evidence: triage.evidence },
      },
      ctx.now(),
    ),
  );
  if (created && stored) {
    const t = stored.ticket;
    await ctx.record({ actor: t.requester, action: "ticket_opened", ticketId: t.id, target: t.subject, result: "success", detail: `${t.kind}; ${request.codes.join(", ")}` });
    await ctx.notifyRequester(t);
  }
  return id;
}
