// Calling Graph to create the pass, and telling the truth when its answer is lost: a 5xx, a timeout or a reset may come
// after the pass was made (a gateway timing out behind the write). Then the person's passes are read again; a new one
// is recorded as created-but-value-unknown and "Replace the pass" is offered; "not created" is said only when the
// re-read shows nothing new.
import { failureFields, isHelpdeskError, toSafeMessage } from "../../errors";
import type { TapInfo } from "../../triage/snapshot";
import { findCreatedPass, mayHaveCreated, type CreateAttempt } from "../domain/issue-outcome";
import type { IssueFormValue } from "../domain/issue-form";
import { recordUncertain, releaseIssue } from "../domain/ticket-machine";
import type { Ticket, UncertainPassRecord } from "../domain/model";
import { deliverCreated, updateTicket, type IssueRun } from "./deliver";
import type { ActionOutcome, HelpdeskContext } from "../context";

/** Creates the pass for a claimed ticket and hands it over; any failure releases the claim with the truth recorded. */
export async function createPass(ctx: HelpdeskContext, run: IssueRun, settings: IssueFormValue): Promise<ActionOutcome> {
  const subjectId = run.subject.id;
  const idsBefore = await passIds(ctx, subjectId);
  const attempt: CreateAttempt = { startedAt: ctx.now(), idsBefore };
  try {
    const created = await ctx.o.directory.createTemporaryAccessPass(subjectId, settings);
    return await deliverCreated(ctx, run, created);
  } catch (e) {
    if (!mayHaveCreated(e)) return notCreated(ctx, run, e, "");
    return afterLostAnswer(ctx, run, settings, attempt, e);
  }
}

/** The ids of the person's passes just before the create (undefined when unreadable: then only times decide). */
async function passIds(ctx: HelpdeskContext, subjectId: string): Promise<string[] | undefined> {
  try {
    return (await ctx.o.directory.listTemporaryAccessPasses(subjectId)).map((t) => t.id);
  } catch (err) {
    ctx.o.logger.warn({ event: "tap_preread_failed", subjectId, ...failureFields(err) }, "could not list passes before creating one");
    return undefined;
  }
}

/** Graph definitely created nothing: release the claim and say so. */
async function notCreated(ctx: HelpdeskContext, run: IssueRun, e: unknown, checked: string): Promise<ActionOutcome> {
  const { claimed, actor } = run;
  const reason = toSafeMessage(e);
  ctx.o.logger.warn({ event: "tap_create_failed", ticketId: claimed.ticket.id, ...failureFields(e) }, "Graph created no pass");
  // A replacement deleted its predecessor before creating: nothing is in doubt any more.
  const released = releaseIssue(claimed.ticket, actor, ctx.now(), reason, { passGone: run.mode === "replace" });
  if (released.ok) await ctx.save(claimed, released.ticket);
  const ticket = claimed.ticket;
  await ctx.record({ actor, action: "tap_issued", ticketId: ticket.id, target: ticket.subject, verificationMethod: ticket.verification?.method, result: "failed", detail: `${reason}${checked}`, graphRequestId: isHelpdeskError(e) ? e.requestId : undefined });
  const before = run.mode === "replace" ? " The pass whose value was lost is deleted." : "";
  return { message: `The pass wasn't created: ${reason}${checked ? ` I checked ${ticket.subject.displayName}'s passes afterwards: no new pass appeared, so it's safe to try again.` : ""}${before}` };
}

/** The create's answer was lost: re-read the passes and record what is true. */
async function afterLostAnswer(ctx: HelpdeskContext, run: IssueRun, settings: IssueFormValue, attempt: CreateAttempt, e: unknown): Promise<ActionOutcome> {
  const { actor, subject } = run;
  const ticketId = run.claimed.ticket.id;
  let taps: TapInfo[] | undefined;
  try {
    taps = await ctx.o.directory.listTemporaryAccessPasses(subject.id);
  } catch (err) {
    ctx.o.logger.warn({ event: "tap_reread_failed", ticketId, ...failureFields(err) }, "could not re-read passes after a lost create answer");
  }
  const found = taps && findCreatedPass(taps, attempt);
  if (taps && !found) return notCreated(ctx, run, e, " (re-read: nothing new)");
  const record = uncertainRecord(run, settings, attempt, found, isHelpdeskError(e) ? e.requestId : undefined);
  const ticket = await updateTicket(ctx, ticketId, (latest) => withUncertain(ctx, latest, run, record));
  const what = found ? `created pass ${found.id}, value unknown` : "outcome unknown: the passes couldn't be re-read";
  await ctx.record({ actor, action: "tap_value_unknown", ticketId, target: run.claimed.ticket.subject, verificationMethod: ticket.verification?.method, result: "failed", detail: `Graph's answer was lost (${toSafeMessage(e)}); ${what}`, graphRequestId: record.graphRequestId });
  ctx.o.logger.warn({ event: "tap_value_unknown", ticketId, subjectId: subject.id, agentId: actor.id, tapId: found?.id, requestId: record.graphRequestId }, "a pass may exist whose value nobody holds");
  return { view: await ctx.ticketPanel(ticket) };
}

function uncertainRecord(run: IssueRun, settings: IssueFormValue, attempt: CreateAttempt, found: TapInfo | undefined, requestId: string | undefined): UncertainPassRecord {
  const record: UncertainPassRecord = {
    state: found ? "created" : "unknown",
    attemptedBy: run.actor,
    attemptedAt: attempt.startedAt.toISOString(),
    requested: { lifetimeInMinutes: settings.lifetimeInMinutes, isUsableOnce: settings.isUsableOnce, deliverTo: run.recipient.id === run.actor.id ? "agent" : "manager" },
  };
  if (settings.startDateTime) record.requested.startDateTime = settings.startDateTime.toISOString();
  if (found) {
    record.tapId = found.id;
    record.createdAt = found.createdAt.toISOString();
    record.validUntil = new Date(found.startsAt.getTime() + found.lifetimeInMinutes * 60_000).toISOString();
  }
  if (requestId !== undefined) record.graphRequestId = requestId;
  return record;
}

/** The ticket with the pass in doubt recorded; kept even if the claim was lost meanwhile (the pass may exist regardless). */
function withUncertain(ctx: HelpdeskContext, latest: Ticket, run: IssueRun, record: UncertainPassRecord): Ticket {
  const marked = recordUncertain(latest, run.actor, ctx.now(), record);
  if (marked.ok) return marked.ticket;
  const rest: Ticket = { ...latest, uncertainPass: record, updatedAt: ctx.now().toISOString() };
  return { ...rest, history: [...latest.history, { at: rest.updatedAt, actor: run.actor, action: "tap_value_unknown", note: `recorded after a concurrent change (${marked.reason})` }] };
}
