// After Graph created a pass: hand the value to one person's 1:1 chat, record the pass (never the value) on the ticket
// and in the audit trail, schedule the scrub and tell the subject. Shared by Issue and "Replace the pass".
import { randomUUID } from "node:crypto";
import { failureFields, isHelpdeskError } from "../../errors";
import type { CreatedTap } from "../../graph/port";
import type { PassHandover } from "../outcomes";
import { applyAction, releaseIssue, type ApprovalKind, type IssueMode } from "../domain/ticket-machine";
import { riskNotCheckedNote } from "../domain/issue-outcome";
import type { IssuedPassRecord, PersonFacts, PersonStamp, Ticket } from "../domain/model";
import type { StoredTicket } from "../repositories/tickets";
import type { ActionOutcome, HelpdeskContext } from "../context";

/** One issuance in flight: the claimed ticket and everything decided before Graph was called. */
export interface IssueRun {
  claimed: StoredTicket;
  actor: PersonStamp;
  subject: PersonFacts;
  /** Who receives the value: the issuing agent or the manager who confirmed. */
  recipient: PersonStamp;
  requiredApprovals: ApprovalKind[];
  mode: IssueMode;
}

/** Hands the created pass over and records it; from here on the pass exists, so nothing asks the agent to "try again". */
export async function deliverCreated(ctx: HelpdeskContext, run: IssueRun, created: CreatedTap): Promise<ActionOutcome> {
  const { actor, recipient, subject } = run;
  const ticket = run.claimed.ticket;
  const validUntil = new Date(created.startsAt.getTime() + created.lifetimeInMinutes * 60_000);
  const deliveryId = randomUUID();
  const scrubAt = new Date(ctx.now().getTime() + ctx.o.scrubAfterMinutes * 60_000);
  const handover: PassHandover = {
    kind: "pass_handover",
    ticketId: ticket.id,
    deliveryId,
    subjectName: ticket.subject.displayName,
    passValue: created.value,
    validUntil: validUntil.toISOString(),
    isUsableOnce: created.isUsableOnce,
    scrubAt: scrubAt.toISOString(),
    scrubbed: false,
    recipient: recipient.id === actor.id ? "agent" : "manager",
  };
  const ref = await ctx.o.messenger.sendToPerson(recipient.id, { view: handover, summary: `Pass for ${ticket.subject.displayName}` }).catch((err: unknown) => {
    ctx.o.logger.error({ event: "handover_failed", ticketId: ticket.id, recipientId: recipient.id, ...failureFields(err) }, "could not deliver the pass");
    return undefined;
  });
  if (!ref) return undeliverable(ctx, run, created.id, created.requestId);

  const record = await auditIssued(ctx, run, created, validUntil);
  ctx.o.logger.info({ event: "tap_issued", ticketId: ticket.id, subjectId: subject.id, agentId: actor.id, requestId: created.requestId, mode: run.mode }, "pass issued");
  await ctx.deliveries
    .add({ id: deliveryId, ticketId: ticket.id, agentConversationId: ref.conversationId, activityId: ref.activityId, scrubAt: scrubAt.toISOString(), scrubbed: false })
    .catch((err: unknown) => ctx.o.logger.error({ event: "delivery_record_failed", ticketId: ticket.id, ...failureFields(err) }, "could not schedule the scrub; Handed over still works"));
  const final = await recordIssuedPass(ctx, ticket.id, actor, record, run);
  await ctx.tell(subject.id, {
    view: {
      kind: "pass_notice",
      ticketId: ticket.id,
      issuedByName: actor.displayName,
      createdAt: record.issuedAt,
      validUntil: record.validUntil,
      isUsableOnce: record.isUsableOnce,
    },
    summary: "A Temporary Access Pass was created for you",
  });
  return { view: await ctx.ticketPanel(final) };
}

/** The issued pass as the ticket records it, after its audit event (no value: Graph's answer minus the secret). */
async function auditIssued(ctx: HelpdeskContext, run: IssueRun, created: CreatedTap, validUntil: Date): Promise<IssuedPassRecord> {
  const { actor, recipient, subject } = run;
  const ticket = run.claimed.ticket;
  const record: IssuedPassRecord = {
    tapId: created.id,
    issuedBy: actor,
    issuedAt: ctx.now().toISOString(),
    startsAt: created.startsAt.toISOString(),
    lifetimeInMinutes: created.lifetimeInMinutes,
    isUsableOnce: created.isUsableOnce,
    validUntil: validUntil.toISOString(),
    deliveredTo: recipient,
    graphRequestId: created.requestId,
  };
  const replaced = run.mode === "replace" ? "; replaced a pass whose value was lost" : "";
  await ctx.record({
    actor,
    action: "tap_issued",
    ticketId: ticket.id,
    target: ticket.subject,
    verificationMethod: ticket.verification?.method,
    result: "success",
    detail: `${created.isUsableOnce ? "one-time" : "multi-use"}, ${created.lifetimeInMinutes} min, origin ${ticket.origin}${replaced}${riskNotCheckedNote(subject)}`,
    graphRequestId: created.requestId,
  });
  return record;
}

/**
 * Saves a change the ticket must not lose (a pass exists whatever else happened meanwhile): re-reads and re-applies on
 * concurrent changes, up to 10 times.
 */
export async function updateTicket(ctx: HelpdeskContext, ticketId: string, change: (latest: Ticket) => Ticket): Promise<Ticket> {
  for (let attempt = 1; ; attempt++) {
    const latest = await ctx.tickets.get(ticketId);
    if (!latest) throw new Error(`ticket ${ticketId} vanished while a pass was issued`);
    const next = change(latest.ticket);
    try {
      await ctx.tickets.update(ticketId, latest.etag, next);
      return next;
    } catch (e) {
      if (!(isHelpdeskError(e) && e.code === "CONFLICT") || attempt >= 10) throw e;
    }
  }
}

/** Saves the issued pass on the ticket; it is never dropped. */
function recordIssuedPass(ctx: HelpdeskContext, ticketId: string, actor: PersonStamp, record: IssuedPassRecord, run: IssueRun): Promise<Ticket> {
  const action = run.mode === "replace" ? "replace_tap" : "issue";
  return updateTicket(ctx, ticketId, (latest) => {
    const issued = applyAction(latest, action, actor, ctx.now(), { pass: record, requiredApprovals: run.requiredApprovals });
    if (issued.ok) return issued.ticket;
    // Preconditions changed while Graph was called (e.g. a concurrent approval): the pass exists regardless.
    const rest: Ticket = { ...latest };
    delete rest.pendingIssue;
    delete rest.uncertainPass;
    return {
      ...rest,
      pass: record,
      updatedAt: ctx.now().toISOString(),
      history: [...latest.history, { at: ctx.now().toISOString(), actor, action: "tap_issued", note: `recorded after a concurrent change (${issued.reason})` }],
    };
  });
}

/** Nobody received the value: a pass nobody can hand over must not stay usable. */
async function undeliverable(ctx: HelpdeskContext, run: IssueRun, tapId: string, requestId?: string): Promise<ActionOutcome> {
  const { claimed, actor, recipient, subject } = run;
  let deleted = true;
  await ctx.o.directory.deleteTemporaryAccessPass(subject.id, tapId).catch((err: unknown) => {
    deleted = false;
    ctx.o.logger.error({ event: "undelivered_pass_delete_failed", ticketId: claimed.ticket.id, ...failureFields(err) }, "an undelivered pass could not be deleted");
  });
  const detail = deleted ? "not delivered; deleted again" : "not delivered; deleting it failed — delete the pass in Entra";
  // A replacement's predecessor is already gone; what is left in doubt now is only this undelivered pass (deleted or not).
  const released = releaseIssue(claimed.ticket, actor, ctx.now(), detail, { passGone: deleted });
  if (released.ok) {
    await ctx.save(claimed, released.ticket).catch((err: unknown) => {
      // The claim stays until it times out; the audit record below still tells the truth about the pass.
      ctx.o.logger.warn({ event: "issue_release_failed", ticketId: claimed.ticket.id, ...failureFields(err) }, "could not release the issue claim");
    });
  }
  await ctx.record({ actor, action: "tap_issued", ticketId: claimed.ticket.id, target: claimed.ticket.subject, result: "failed", detail, graphRequestId: requestId });
  return {
    message: deleted
      ? `I couldn't deliver the pass to ${recipient.displayName}'s 1:1 chat with me, so I deleted it again. Ask them to open a chat with me, then try once more.`
      : `I couldn't deliver the pass to ${recipient.displayName}, and deleting it failed too: delete it in the Entra admin center now.`,
  };
}
