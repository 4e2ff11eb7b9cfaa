// Issuing and deleting a pass from a ticket. Security rules: authorization is re-decided from live Graph facts on every
// click; one claim (etag-guarded) makes concurrent clicks produce one pass; the value goes only to one person's 1:1 chat
// and is scrubbed later; nothing stored, logged or audited ever holds it.
import { randomUUID } from "node:crypto";
import { isHelpdeskError, toSafeMessage } from "../errors";
import { renderPassHandoverCard } from "../cards/helpdesk-pass-handover";
import { renderSubjectNotificationCard } from "../cards/helpdesk-subject-notification";
import { decideIssue } from "./authorization";
import { requiredApprovals } from "./workflow-approve";
import { validateIssueForm } from "./issue-form";
import { applyAction, claimIssue, releaseIssue, type ApprovalKind } from "./ticket-machine";
import type { IssuedPassRecord, PersonFacts, PersonStamp, Ticket } from "./model";
import type { StoredTicket } from "./tickets";
import type { ActionOutcome, HelpdeskContext } from "./workflow-context";

function utcOffsetInMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at);
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(parts.find((p) => p.type === "timeZoneName")?.value ?? "");
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/**
 * Who receives the value: the issuing agent, or, when the form asks for it, the manager who confirmed the request
 * (re-checked live: still the subject's manager in the directory).
 */
async function valueRecipient(ctx: HelpdeskContext, ticket: Ticket, actor: PersonStamp, form: unknown): Promise<PersonStamp | { refusal: string }> {
  const wanted = typeof form === "object" && form !== null ? (form as Record<string, unknown>).deliverTo : undefined;
  if (wanted !== "manager") return actor;
  const v = ticket.verification;
  if (v?.method !== "manager_confirmation" || v.status !== "confirmed" || !v.decidedBy) return { refusal: "The pass can go to the manager only when the manager confirmed the request." };
  const manager = await ctx.o.directory.getManager(ticket.subject.id);
  if (manager?.id !== v.decidedBy.id) return { refusal: `${v.decidedBy.displayName} is no longer ${ticket.subject.displayName}'s manager in the directory.` };
  return { id: manager.id, displayName: manager.displayName };
}

/** "Issue TAP" with the form's start, lifetime and one-time setting. */
export async function issuePass(ctx: HelpdeskContext, stored: StoredTicket, actorFacts: PersonFacts, form: unknown): Promise<ActionOutcome> {
  const actor = ctx.stampOf(actorFacts);
  let ticket = stored.ticket;
  const subject = await ctx.facts(ticket.subject.id);
  // Fail closed on a passing gap (budget busy, throttling, outage); a tenant that can't read risk at all (it "needs" a
  // permission or the P2 license) issues with that fact recorded in the audit trail.
  if (subject.riskUnknownReason && !/\bneeds\b/i.test(subject.riskUnknownReason)) {
    return ctx.deny(actor, "issue", ticket, `I couldn't check ${ticket.subject.displayName}'s risk state just now, so I won't issue yet. Try again in a few seconds.`);
  }
  const decision = decideIssue(actorFacts, subject, { agentsGroupId: ctx.o.agentsGroupId, approvals: ticket.approvals });
  if (!decision.allowed) {
    if (decision.code === "NEEDS_SECOND_APPROVAL" && !ticket.subjectHoldsRole) {
      stored = await ctx.save(stored, { ...ticket, subjectHoldsRole: true });
      ticket = stored.ticket;
    }
    const hint = decision.routeToSecurity ? " Use \"Reject / route to security\" on the ticket." : "";
    return ctx.deny(actor, "issue", ticket, decision.reason + hint);
  }
  const policy = await ctx.o.directory.getTapPolicy();
  if (!policy.ok) return ctx.deny(actor, "issue", ticket, `I couldn't read the TAP policy, so I can't check the settings: ${policy.reason}`);
  const now = ctx.now();
  const checked = validateIssueForm(form, policy.value, now, { utcOffsetInMinutes: utcOffsetInMinutes(ctx.o.timeZone, now) });
  if (!checked.ok) return ctx.deny(actor, "issue", ticket, checked.errors.join(" "));
  const recipient = await valueRecipient(ctx, ticket, actor, form);
  if ("refusal" in recipient) return ctx.deny(actor, "issue", ticket, recipient.refusal);
  const needed = await requiredApprovals(ctx, ticket, actor, subject);
  if (needed.limitReason) return ctx.deny(actor, "issue", ticket, `${needed.limitReason} A helpdesk admin must approve on the ticket first.`);

  const claim = claimIssue(ticket, actor, now, needed.kinds);
  if (!claim.ok) return ctx.deny(actor, "issue", ticket, claim.reason);
  let claimed: StoredTicket;
  try {
    claimed = await ctx.save(stored, claim.ticket);
  } catch (e) {
    if (isHelpdeskError(e) && e.code === "CONFLICT") return ctx.deny(actor, "issue", ticket, `Ticket ${ticket.id} changed at the same moment (another click?). Nothing was issued by this click.`);
    throw e;
  }

  const { value } = checked;
  let created;
  try {
    created = await ctx.o.directory.createTemporaryAccessPass(subject.id, { startDateTime: value.startDateTime, lifetimeInMinutes: value.lifetimeInMinutes, isUsableOnce: value.isUsableOnce });
  } catch (e) {
    const reason = toSafeMessage(e);
    const released = releaseIssue(claimed.ticket, actor, ctx.now(), reason);
    if (released.ok) await ctx.save(claimed, released.ticket);
    await ctx.record({ actor, action: "tap_issued", ticketId: ticket.id, target: ticket.subject, verificationMethod: ticket.verification?.method, result: "failed", detail: reason, graphRequestId: isHelpdeskError(e) ? e.requestId : undefined });
    return { message: `The pass wasn't created: ${reason}` };
  }

  const validUntil = new Date(created.startsAt.getTime() + created.lifetimeInMinutes * 60_000);
  const deliveryId = randomUUID();
  const scrubAt = new Date(ctx.now().getTime() + ctx.o.scrubAfterMinutes * 60_000);
  const handover = renderPassHandoverCard({
    ticketId: ticket.id,
    deliveryId,
    subjectName: ticket.subject.displayName,
    passValue: created.value,
    validUntilText: ctx.time(validUntil.toISOString()),
    isUsableOnce: created.isUsableOnce,
    scrubAtText: ctx.time(scrubAt.toISOString()),
    scrubbed: false,
    recipient: recipient.id === actor.id ? "agent" : "manager",
  });
  const ref = await ctx.o.messenger.sendToPerson(recipient.id, { card: handover, summary: `Pass for ${ticket.subject.displayName}` }).catch((err: unknown) => {
    ctx.o.logger.error({ event: "handover_failed", ticketId: ticket.id, recipientId: recipient.id, err: toSafeMessage(err) }, "could not deliver the pass");
    return undefined;
  });
  if (!ref) return undeliverable(ctx, claimed, actor, recipient, subject.id, created.id, created.requestId);

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
  // From here on the pass exists: record it whatever else happened meanwhile, and never ask the agent to "try again".
  await ctx.record({
    actor,
    action: "tap_issued",
    ticketId: ticket.id,
    target: ticket.subject,
    verificationMethod: ticket.verification?.method,
    result: "success",
    detail: `${created.isUsableOnce ? "one-time" : "multi-use"}, ${created.lifetimeInMinutes} min, origin ${ticket.origin}${subject.riskUnknownReason ? `; risk not checked: ${subject.riskUnknownReason}` : ""}`,
    graphRequestId: created.requestId,
  });
  ctx.o.logger.info({ event: "tap_issued", ticketId: ticket.id, subjectId: subject.id, agentId: actor.id, requestId: created.requestId }, "pass issued");
  await ctx.deliveries
    .add({ id: deliveryId, ticketId: ticket.id, agentConversationId: ref.conversationId, activityId: ref.activityId, scrubAt: scrubAt.toISOString(), scrubbed: false })
    .catch((err: unknown) => ctx.o.logger.error({ event: "delivery_record_failed", ticketId: ticket.id, err }, "could not schedule the scrub; Handed over still works"));
  const final = await recordIssuedPass(ctx, ticket.id, actor, record, needed.kinds);
  await ctx.tell(subject.id, {
    card: renderSubjectNotificationCard({
      ticketId: ticket.id,
      issuedByName: actor.displayName,
      createdAtText: ctx.time(record.issuedAt),
      validUntilText: ctx.time(record.validUntil),
      isUsableOnce: record.isUsableOnce,
    }),
    summary: "A Temporary Access Pass was created for you",
  });
  return { card: await ctx.ticketCard(final) };
}

/** Saves the issued pass on the ticket, re-reading and retrying on concurrent changes; it is never dropped. */
async function recordIssuedPass(ctx: HelpdeskContext, ticketId: string, actor: PersonStamp, record: IssuedPassRecord, required: ApprovalKind[]): Promise<Ticket> {
  for (let attempt = 1; ; attempt++) {
    const latest = await ctx.tickets.get(ticketId);
    if (!latest) throw new Error(`ticket ${ticketId} vanished while a pass was issued`);
    const issued = applyAction(latest.ticket, "issue", actor, ctx.now(), { pass: record, requiredApprovals: required });
    const next: Ticket = issued.ok
      ? issued.ticket
      : {
          // Preconditions changed while Graph was called (e.g. a concurrent approval): the pass exists regardless.
          ...withoutClaim(latest.ticket),
          pass: record,
          updatedAt: ctx.now().toISOString(),
          history: [...latest.ticket.history, { at: ctx.now().toISOString(), actor, action: "tap_issued", note: `recorded after a concurrent change (${issued.reason})` }],
        };
    try {
      await ctx.tickets.update(ticketId, latest.etag, next);
      return next;
    } catch (e) {
      if (!(isHelpdeskError(e) && e.code === "CONFLICT") || attempt >= 10) throw e;
    }
  }
}

function withoutClaim(ticket: Ticket): Ticket {
  const rest = { ...ticket };
  delete rest.pendingIssue;
  return rest;
}

/** Nobody received the value: a pass nobody can hand over must not stay usable. */
async function undeliverable(ctx: HelpdeskContext, claimed: StoredTicket, actor: PersonStamp, recipient: PersonStamp, subjectId: string, tapId: string, requestId?: string): Promise<ActionOutcome> {
  let deleted = true;
  await ctx.o.directory.deleteTemporaryAccessPass(subjectId, tapId).catch((err: unknown) => {
    deleted = false;
    ctx.o.logger.error({ event: "undelivered_pass_delete_failed", ticketId: claimed.ticket.id, err: toSafeMessage(err) }, "an undelivered pass could not be deleted");
  });
  const detail = deleted ? "not delivered; deleted again" : "not delivered; deleting it failed — delete the pass in Entra";
  const released = releaseIssue(claimed.ticket, actor, ctx.now(), detail);
  if (released.ok) await ctx.save(claimed, released.ticket).catch(() => undefined);
  await ctx.record({ actor, action: "tap_issued", ticketId: claimed.ticket.id, target: claimed.ticket.subject, result: "failed", detail, graphRequestId: requestId });
  return {
    message: deleted
      ? `I couldn't deliver the pass to ${recipient.displayName}'s 1:1 chat with me, so I deleted it again. Ask them to open a chat with me, then try once more.`
      : `I couldn't deliver the pass to ${recipient.displayName}, and deleting it failed too: delete it in the Entra admin center now.`,
  };
}
