// Opening tickets exactly once (double clicks, Teams retries), posting them to the channel, and "This wasn't me".
import { isHelpdeskError, toSafeMessage } from "../errors";
import { renderSubjectNotificationCard } from "../cards/helpdesk-subject-notification";
import type { TriageState } from "../conversation/state";
import type { HelpRequest } from "./requests";
import type { PersonStamp, RequestOrigin, Ticket } from "./model";
import { openTicket } from "./ticket-machine";
import { newTicketId, type StoredTicket } from "./tickets";
import type { ActionOutcome, HelpdeskContext } from "./workflow-context";

const INDEX = "ticketIndex";
const REPOST_AFTER_MS = 60_000;

/**
 * The ticket for `key`, created at most once: the key is reserved (create-only) before the ticket is written, so concurrent
 * requests agree on one id. A ticket whose channel post failed is posted again on the next request.
 */
async function openOnce(ctx: HelpdeskContext, key: string, make: (id: string) => Ticket): Promise<{ id: string; stored?: StoredTicket; created: boolean }> {
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
    const ref = await ctx.o.messenger.postToHelpdeskChannel({ card: await ctx.ticketCard(stored.ticket), summary: `Pass request ${stored.ticket.id}` });
    return ref ? await ctx.save(stored, { ...stored.ticket, channelMessage: ref }) : stored;
  } catch (err) {
    ctx.o.logger.error({ event: "ticket_post_failed", ticketId: stored.ticket.id, err: toSafeMessage(err) }, "could not post the ticket to the helpdesk channel");
    return stored;
  }
}

function originOf(triage: TriageState): RequestOrigin {
  if (triage.isSelf) return "subject_teams_chat";
  return triage.requestedAs === "manager" ? "manager_teams_chat" : "agent_for_caller";
}

/** Opens (once per triage and kind) a ticket for a help request; undefined when no helpdesk channel is set up. */
export async function escalate(ctx: HelpdeskContext, request: HelpRequest, triage: TriageState): Promise<string | undefined> {
  if (!(await ctx.o.messenger.hasHelpdeskChannel())) return undefined;
  const kind: Ticket["kind"] = request.kind === "contact_security" ? "security" : request.kind;
  const { id, stored, created } = await openOnce(ctx, `triage:${triage.id}:${kind}`, (id) =>
    openTicket(
      {
        id,
        kind,
        origin: originOf(triage),
        requester: { id: request.requesterId, displayName: request.requesterName || triage.requesterName || "Someone" },
        requesterConversationId: request.conversationId,
        subject: { id: request.subjectId, displayName: request.subjectName },
        triageId: triage.id,
        diagnosis: { primary: triage.result?.primary, codes: request.codes, evidence: triage.result?.evidence ?? [] },
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

/** The subject says they didn't ask for the pass: it is deleted at once and a security ticket goes to the channel (once). */
export async function reportNotMe(ctx: HelpdeskContext, stored: StoredTicket, me: PersonStamp): Promise<ActionOutcome> {
  const t = stored.ticket;
  const p = t.pass;
  if (me.id !== t.subject.id || !p) return ctx.deny(me, "tap_not_me", t, "Only the person the pass was created for can report it.");
  let deleted = p.deletedAt !== undefined;
  if (!deleted) {
    try {
      await ctx.o.directory.deleteTemporaryAccessPass(t.subject.id, p.tapId);
      deleted = true;
    } catch (e) {
      deleted = isHelpdeskError(e) && e.status === 404;
      if (!deleted) ctx.o.logger.error({ event: "not_me_delete_failed", ticketId: t.id, err: toSafeMessage(e) }, "could not delete a reported pass");
    }
    if (deleted) {
      const at = ctx.now().toISOString();
      await ctx
        .save(stored, { ...t, pass: { ...p, deletedAt: at, deletedBy: me }, updatedAt: at, history: [...t.history, { at, actor: me, action: "tap_deleted", note: "deleted at once: the person said they didn't ask for it" }] })
        .catch((err: unknown) => ctx.o.logger.warn({ event: "not_me_record_failed", ticketId: t.id, err: toSafeMessage(err) }, "pass deleted but the ticket wasn't updated"));
    }
  }
  const { id: securityId, created } = await openOnce(ctx, `not-me:${t.id}`, (id) => ({
    ...openTicket({ id, kind: "security", origin: "subject_teams_chat", requester: me, requesterConversationId: "", subject: t.subject, diagnosis: { codes: [], evidence: [] } }, ctx.now()),
    securityReason: `${me.displayName} says they didn't ask for the pass issued on ticket ${t.id} by ${p.issuedBy.displayName}. ${deleted ? "The pass was deleted." : "Deleting the pass failed: delete it in Entra now."}`,
  }));
  if (created) {
    await ctx.record({ actor: me, action: "tap_not_me", ticketId: t.id, target: t.subject, result: "success", detail: `security ticket ${securityId}; pass ${deleted ? "deleted" : "NOT deleted"}` });
  }
  return {
    card: renderSubjectNotificationCard({ ticketId: t.id, issuedByName: p.issuedBy.displayName, createdAtText: ctx.time(p.issuedAt), validUntilText: ctx.time(p.validUntil), isUsableOnce: p.isUsableOnce, alreadyReported: true }),
  };
}
