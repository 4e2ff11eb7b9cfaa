// Deleting passes outside a ticket (alert cards: one pass, or all expired / used ones): the same rules as a ticket's
// "Delete TAP" — a helpdesk agent, never for themselves, Entra's role matrix per target — read live for every click
// and every target, each deletion audited.
import { isHelpdeskError, toSafeMessage } from "../../errors";
import { decideDelete, isHelpdeskAgent } from "../domain/authorization";
import type { PersonFacts, PersonStamp } from "../domain/model";
import type { HelpdeskContext } from "../context";

/** Where a deletion ended: done (or already gone), refused by the rules, or failed at Graph. */
export type CleanupResult = { state: "deleted" | "already_gone" } | { state: "denied" | "failed"; reason: string };

/** An authorized cleaner: deletes one person's pass at a time, re-checking the rules for that person. */
export interface PassCleaner {
  actor: PersonStamp;
  delete(subjectId: string, tapId: string, why: string): Promise<CleanupResult>;
  /** Records another alert action (a snooze) in the audit trail. */
  note(action: string, detail: string, target?: PersonStamp): Promise<void>;
}

/** The clicker as a cleaner, or why they can't be one (not an agent, unknown, directory unreadable). */
export async function passCleaner(ctx: HelpdeskContext, actorId: string | undefined, action = "tap_deleted"): Promise<PassCleaner | { refusal: string }> {
  if (!actorId) return { refusal: "I couldn't tell who clicked. Please use Teams signed in with your work account." };
  const facts = await ctx.actorFacts(actorId);
  if ("refusal" in facts) return facts;
  const actor = ctx.stampOf(facts);
  if (!isHelpdeskAgent(facts, ctx.o.agentsGroupId)) {
    await ctx.record({ actor, action, result: "denied", detail: "alert card action by someone outside the helpdesk agents group" });
    return { refusal: `Only helpdesk agents can act on pass alerts, and ${actor.displayName} isn't one.` };
  }
  return {
    actor,
    delete: (subjectId, tapId, why) => deleteOne(ctx, facts, actor, subjectId, tapId, why),
    note: (noted, detail, target) => ctx.record({ actor, action: noted, target, result: "success", detail }),
  };
}

async function deleteOne(ctx: HelpdeskContext, facts: PersonFacts, actor: PersonStamp, subjectId: string, tapId: string, why: string): Promise<CleanupResult> {
  let subject: PersonFacts;
  try {
    subject = await ctx.facts(subjectId);
  } catch (e) {
    if (isHelpdeskError(e) && e.code === "USER_NOT_FOUND") return { state: "already_gone" };
    ctx.o.logger.warn({ event: "cleanup_subject_read_failed", subjectId, code: isHelpdeskError(e) ? e.code : "UNEXPECTED" }, "could not read a pass holder's facts");
    return { state: "failed", reason: toSafeMessage(e) };
  }
  const target = ctx.stampOf(subject);
  const decision = decideDelete(facts, subject, { agentsGroupId: ctx.o.agentsGroupId });
  if (!decision.allowed) {
    await ctx.record({ actor, action: "tap_deleted", target, result: "denied", detail: `${why}: ${decision.reason}` });
    return { state: "denied", reason: decision.reason };
  }
  try {
    const { requestId } = await ctx.o.directory.deleteTemporaryAccessPass(subjectId, tapId);
    await ctx.record({ actor, action: "tap_deleted", target, result: "success", detail: why, graphRequestId: requestId });
    return { state: "deleted" };
  } catch (e) {
    if (isHelpdeskError(e) && e.status === 404) {
      await ctx.record({ actor, action: "tap_deleted", target, result: "success", detail: `${why} (it was already gone)` });
      return { state: "already_gone" };
    }
    await ctx.record({ actor, action: "tap_deleted", target, result: "failed", detail: `${why}: ${toSafeMessage(e)}` });
    return { state: "failed", reason: toSafeMessage(e) };
  }
}
