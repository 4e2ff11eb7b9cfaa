// ticket_replace_tap, "Replace the pass": after Graph's answer to a create was lost, the pass that may exist (nobody holds its value) is
// deleted and a new one created, its value handed over as usual. Authorized like Issue, from facts read at this click:
// the same role matrix, four eyes, limits, and the subject's account, roles and live risk.
//
// Verification: the replacement is the SAME issuance attempt as the click whose answer was lost, so the verification
// and approvals that attempt relied on still count — nobody received a value, so they weren't used up (they are used up
// when the replacement is recorded, like any issuance). They count within the same bounds as Issue: only for the
// ticket's assignee, and the verification's 60-minute age limit is measured at this click, not at the lost attempt (a
// replacement never extends how long a verification lasts). A take-over by another agent drops the verification as
// always, so the new agent verifies again before replacing.
import { classifyFailure, failureFields, toSafeMessage } from "../../errors";
import type { PersonStamp, Ticket, UncertainPassRecord } from "../domain/model";
import { releaseIssue } from "../domain/ticket-machine";
import type { StoredTicket } from "../repositories/tickets";
import { claim, prepareIssuance } from "../flows/issuance";
import { createPass } from "../flows/create";
import type { ActionOutcome, HelpdeskContext } from "../context";
import type { Click, TicketActionHandler } from "./action";

/** The issue form the lost attempt sent, so the replacement is the same pass (re-checked against today's policy). */
function formOf(doubt: UncertainPassRecord, now: Date): Record<string, unknown> {
  const r = doubt.requested;
  const form: Record<string, unknown> = { lifetimeInMinutes: String(r.lifetimeInMinutes), isUsableOnce: String(r.isUsableOnce), deliverTo: r.deliverTo };
  // A start that has passed meanwhile means "start now".
  if (r.startDateTime !== undefined && Date.parse(r.startDateTime) > now.getTime()) form.startDate = r.startDateTime;
  return form;
}

/** "Replace the pass" on a ticket whose last create answer was lost. */
export const ticketReplaceTap: TicketActionHandler = {
  kind: "ticket",
  audience: "agents",
  onChannelCard: true,
  handle: (ctx, { stored, actor }) => replacePass(ctx, stored, actor),
};

async function replacePass(ctx: HelpdeskContext, stored: StoredTicket, actorFacts: Click["actor"]): Promise<ActionOutcome> {
  const actor = ctx.stampOf(actorFacts);
  const ticket = stored.ticket;
  const doubt = ticket.uncertainPass;
  if (!doubt) return ctx.deny(actor, "replace_tap", ticket, `Ticket ${ticket.id} has no pass in doubt to replace.`);
  const p = await prepareIssuance(ctx, stored, actorFacts, formOf(doubt, ctx.now()), "replace_tap");
  if ("outcome" in p) return p.outcome;
  const claimed = await claim(ctx, p.allowed, actor, p.approvals, "replace");
  if ("outcome" in claimed) return claimed.outcome;
  const cleared = await deleteCurrentPasses(ctx, p.subject.id);
  if (cleared !== undefined) return keepInDoubt(ctx, claimed, actor, cleared);
  await ctx.record({ actor, action: "tap_deleted", ticketId: ticket.id, target: ticket.subject, result: "success", detail: "deleted before replacing a pass whose value was lost" });
  return createPass(ctx, { claimed, actor, subject: p.subject, recipient: p.recipient, requiredApprovals: p.approvals, mode: "replace" }, p.settings);
}

/**
 * Deletes every pass the person has now (Graph keeps one per person: the one in doubt, or whatever replaced it), so
 * never two are live and no pass nobody holds stays usable. Answers why it couldn't, or undefined when done.
 */
async function deleteCurrentPasses(ctx: HelpdeskContext, subjectId: string): Promise<string | undefined> {
  try {
    for (const tap of await ctx.o.directory.listTemporaryAccessPasses(subjectId)) {
      await ctx.o.directory.deleteTemporaryAccessPass(subjectId, tap.id).catch((e: unknown) => {
        // Gone meanwhile (expired, deleted elsewhere) is what we wanted.
        if (classifyFailure(e) !== "not_found") throw e;
      });
    }
    return undefined;
  } catch (e) {
    ctx.o.logger.warn({ event: "tap_replace_delete_failed", subjectId, ...failureFields(e) }, "could not delete the pass in doubt before replacing it");
    return toSafeMessage(e);
  }
}

/** The pass in doubt couldn't be deleted: nothing new is created, the claim is released, the doubt stays on the ticket. */
async function keepInDoubt(ctx: HelpdeskContext, claimed: StoredTicket, actor: PersonStamp, reason: string): Promise<ActionOutcome> {
  const ticket: Ticket = claimed.ticket;
  const released = releaseIssue(ticket, actor, ctx.now(), `couldn't delete the pass in doubt: ${reason}`);
  if (released.ok) await ctx.save(claimed, released.ticket);
  await ctx.record({ actor, action: "replace_tap", ticketId: ticket.id, target: ticket.subject, result: "failed", detail: `couldn't delete the pass in doubt: ${reason}` });
  return { message: `I couldn't delete the pass whose value was lost, so I didn't create a new one: ${reason} Try "Replace the pass" again in a minute.` };
}
