// Issuing a pass on a ticket: the preconditions, the claim that makes concurrent clicks produce one pass, and the record.
// Pure; the workflow saves each step with the ticket's etag and calls Graph only while holding the claim.
import type { Approval, IssuedPassRecord, PersonStamp, Ticket, UncertainPassRecord } from "./model";
import { assigneeCheck, changed, cleanNote, closedCheck, inProgressCheck, refuse, stamp, type TransitionResult } from "./ticket-common";
import { VERIFICATION_MAX_AGE_MS, effectiveVerificationStatus, isConfirmationStale } from "./verification";

export { ISSUE_CLAIM_TIMEOUT_MS, inProgressCheck, issueInProgress } from "./ticket-common";

/** Kinds of approval a ticket can carry. */
export type ApprovalKind = Approval["kind"];

/** Whether the ticket holds a pass that hasn't been deleted. */
export const passActive = (ticket: Ticket): boolean => ticket.pass !== undefined && ticket.pass.deletedAt === undefined;

const NOT_VERIFIED_WORDS: Record<"none" | "pending" | "denied" | "expired", string> = {
  none: "hasn't been verified yet. Verify the caller before issuing a pass.",
  pending: "isn't verified yet: the answer is still outstanding.",
  denied: "wasn't confirmed, so no pass can be issued. Route the ticket to security if this looks wrong.",
  expired: "wasn't confirmed in time. Ask again before issuing a pass.",
};

/** Verification: confirmed, less than 60 minutes before the attempt, and not by the issuing agent acting as manager. */
function verificationCheck(ticket: Ticket, actor: PersonStamp, attemptAt: Date): TransitionResult | undefined {
  const v = ticket.verification;
  if (v && isConfirmationStale(v, attemptAt)) {
    const minutes = VERIFICATION_MAX_AGE_MS / 60_000;
    return refuse("NOT_VERIFIED", `${ticket.subject.displayName} was verified ${minutes} minutes or more ago, which is too old to issue a pass on. Verify the caller again.`);
  }
  const status = effectiveVerificationStatus(v, attemptAt);
  if (status !== "confirmed") return refuse("NOT_VERIFIED", `${ticket.subject.displayName} ${NOT_VERIFIED_WORDS[status]}`);
  if (v?.method === "manager_confirmation" && v.decidedBy?.id === actor.id) {
    return refuse("SELF", `${actor.displayName} confirmed this request as ${ticket.subject.displayName}'s manager, so can't also issue the pass. Another agent has to take the ticket over and verify the caller again.`);
  }
  return undefined;
}

/**
 * Everything issuance needs from the ticket: assigned to the actor, no live pass, verified, approved.
 * attemptAt is when the Issue click checked the ticket (its claim); the verification's age is measured then.
 */
function issueCheck(ticket: Ticket, actor: PersonStamp, now: Date, required: readonly ApprovalKind[], attemptAt: Date = now): TransitionResult | undefined {
  const blocked = closedCheck(ticket) ?? assigneeCheck(ticket, actor);
  if (blocked) return blocked;
  // A live pass first: issuing uses up the verification, so a repeat after success would otherwise read "not verified".
  if (passActive(ticket)) {
    return refuse("PASS_EXISTS", `A pass was already issued on ticket ${ticket.id} by ${ticket.pass?.issuedBy.displayName ?? "an agent"}; delete it before issuing another.`);
  }
  const unverified = verificationCheck(ticket, actor, attemptAt);
  if (unverified) return unverified;
  for (const kind of required) {
    const found = ticket.approvals.some((a) => a.kind === kind && a.approvedBy.id !== actor.id && a.approvedBy.id !== ticket.subject.id);
    if (!found) {
      const who = kind === "second_agent" ? "a second agent" : "a helpdesk admin";
      return refuse("NEEDS_APPROVAL", `Issuing on ticket ${ticket.id} needs approval from ${who} first.`);
    }
  }
  return undefined;
}

/** "issue": a new pass; "replace": swap the pass a lost create answer may have left for one whose value is handed over. */
export type IssueMode = "issue" | "replace";

/** Issue and Replace each fit one state: Issue while no earlier attempt is in doubt, Replace only then. */
function uncertainCheck(ticket: Ticket, mode: IssueMode): TransitionResult | undefined {
  if (mode === "issue" && ticket.uncertainPass) {
    return refuse("PASS_UNCERTAIN", `The last attempt on ticket ${ticket.id} may have created a pass whose value nobody holds. Use "Replace the pass" instead.`);
  }
  if (mode === "replace" && !ticket.uncertainPass) return refuse("NO_PASS", `Ticket ${ticket.id} has no pass in doubt to replace.`);
  return undefined;
}

/**
 * Reserves the ticket for one Issue click before Graph is called; saved with the ticket's etag, so of concurrent clicks
 * exactly one wins. A repeat click (even by the same agent) is refused while the claim is fresh.
 */
export function claimIssue(ticket: Ticket, actor: PersonStamp, now: Date, requiredApprovals: readonly ApprovalKind[] = [], mode: IssueMode = "issue"): TransitionResult {
  const blocked = uncertainCheck(ticket, mode) ?? issueCheck(ticket, actor, now, requiredApprovals) ?? inProgressCheck(ticket, now);
  if (blocked) return blocked;
  // A lock, not an event: history records the outcome (tap_issued or issue_failed).
  return { ok: true, changed: true, ticket: { ...ticket, pendingIssue: { by: stamp(actor), at: now.toISOString() }, updatedAt: now.toISOString() } };
}

/**
 * Drops the actor's claim after Graph refused or failed, recording why (in plain words, never a secret).
 * `passGone`: a Replace deleted the pass in doubt before its create failed, so nothing is in doubt any more.
 */
export function releaseIssue(ticket: Ticket, actor: PersonStamp, now: Date, reason: string, options: { passGone?: boolean } = {}): TransitionResult {
  if (ticket.pendingIssue?.by.id !== actor.id) return refuse("WRONG_STATE", `${actor.displayName} isn't issuing a pass on ticket ${ticket.id}.`);
  const note = cleanNote(reason);
  const rest: Ticket = { ...ticket };
  delete rest.pendingIssue;
  if (options.passGone) delete rest.uncertainPass;
  return changed(rest, {}, { actor, action: "issue_failed", note: note.ok ? note.note : undefined }, now);
}

/**
 * Records that the actor's create may have made a pass nobody holds the value of (Graph's answer was lost), and drops
 * the claim. The verification and approvals are NOT used up: no value reached anyone, and "Replace the pass" is the
 * same issuance attempt (see workflow-replace.ts).
 */
export function recordUncertain(ticket: Ticket, actor: PersonStamp, now: Date, record: UncertainPassRecord): TransitionResult {
  if (ticket.pendingIssue?.by.id !== actor.id) return refuse("WRONG_STATE", `${actor.displayName} isn't issuing a pass on ticket ${ticket.id}.`);
  const rest: Ticket = { ...ticket };
  delete rest.pendingIssue;
  const note =
    record.state === "created"
      ? "Graph created a pass but its answer was lost: nobody holds the value. Replace it or delete it."
      : "Graph's answer was lost and the passes couldn't be re-read: a pass may exist that nobody holds the value of.";
  return changed(rest, { uncertainPass: uncertainRecord(record) }, { actor, action: "tap_value_unknown", note }, now);
}

/** Copies only the known fields, like passRecord. */
function uncertainRecord(r: UncertainPassRecord): UncertainPassRecord {
  const out: UncertainPassRecord = {
    state: r.state,
    attemptedBy: stamp(r.attemptedBy),
    attemptedAt: r.attemptedAt,
    requested: { lifetimeInMinutes: r.requested.lifetimeInMinutes, isUsableOnce: r.requested.isUsableOnce, deliverTo: r.requested.deliverTo },
  };
  if (r.requested.startDateTime !== undefined) out.requested.startDateTime = r.requested.startDateTime;
  if (r.tapId !== undefined) out.tapId = r.tapId;
  if (r.createdAt !== undefined) out.createdAt = r.createdAt;
  if (r.validUntil !== undefined) out.validUntil = r.validUntil;
  if (r.graphRequestId !== undefined) out.graphRequestId = r.graphRequestId;
  return out;
}

/** Copies only the known fields, so a stray property (such as the pass value) can never reach the ticket. */
function passRecord(p: IssuedPassRecord): IssuedPassRecord {
  const record: IssuedPassRecord = {
    tapId: p.tapId,
    issuedBy: stamp(p.issuedBy),
    issuedAt: p.issuedAt,
    startsAt: p.startsAt,
    lifetimeInMinutes: p.lifetimeInMinutes,
    isUsableOnce: p.isUsableOnce,
    validUntil: p.validUntil,
    deliveredTo: stamp(p.deliveredTo),
  };
  if (p.graphRequestId !== undefined) record.graphRequestId = p.graphRequestId;
  return record;
}

/** When the actor's own claim was taken (the issue attempt), if it was taken no later than now. */
function claimedAt(ticket: Ticket, actor: PersonStamp, now: Date): Date | undefined {
  if (ticket.pendingIssue?.by.id !== actor.id) return undefined;
  const at = Date.parse(ticket.pendingIssue.at);
  return Number.isNaN(at) || at > now.getTime() ? undefined : new Date(at);
}

/**
 * Records the pass Graph created (the "issue" action), clearing the actor's claim. The verification and approvals are
 * used up by the issuance (history keeps them): issuing again, e.g. after deleting this pass, needs fresh ones.
 * The verification's age is measured when the actor claimed the ticket, so a slow Graph call doesn't refuse a pass
 * that already exists.
 */
export function recordIssued(
  ticket: Ticket,
  actor: PersonStamp,
  now: Date,
  input: { requiredApprovals?: readonly ApprovalKind[]; pass?: IssuedPassRecord },
): TransitionResult {
  const blocked = issueCheck(ticket, actor, now, input.requiredApprovals ?? [], claimedAt(ticket, actor, now) ?? now);
  if (blocked) return blocked;
  if (ticket.pendingIssue && ticket.pendingIssue.by.id !== actor.id) {
    return refuse("ISSUE_IN_PROGRESS", `${ticket.pendingIssue.by.displayName} is issuing a pass on ticket ${ticket.id}.`);
  }
  if (!input.pass || input.pass.issuedBy.id !== actor.id) return refuse("BAD_INPUT", "The issued pass record is missing or names another agent.");
  const pass = passRecord(input.pass);
  const rest: Ticket = { ...ticket, approvals: [] };
  delete rest.pendingIssue;
  delete rest.verification;
  delete rest.uncertainPass;
  const note = `${pass.isUsableOnce ? "One-time" : "Multi-use"} pass, valid until ${pass.validUntil}, handed to ${pass.deliveredTo.displayName}`;
  return changed(rest, { pass }, { actor, action: "tap_issued", note }, now);
}
