// Issuing a pass on a ticket: the preconditions, the claim that makes concurrent clicks produce one pass, and the record.
// Pure; the workflow saves each step with the ticket's etag and calls Graph only while holding the claim.
import type { Approval, IssuedPassRecord, PersonStamp, Ticket } from "./model";
import { assigneeCheck, changed, cleanNote, closedCheck, refuse, stamp, type TransitionResult } from "./ticket-common";
import { effectiveVerificationStatus } from "./verification";

/** Kinds of approval a ticket can carry. */
export type ApprovalKind = Approval["kind"];

/** An Issue click calling Graph holds the ticket this long at most; after that another click may try again. */
export const ISSUE_CLAIM_TIMEOUT_MS = 2 * 60_000;

/** Whether an Issue click is still calling Graph for this ticket. */
export function issueInProgress(ticket: Ticket, now: Date): boolean {
  return ticket.pendingIssue !== undefined && now.getTime() - Date.parse(ticket.pendingIssue.at) < ISSUE_CLAIM_TIMEOUT_MS;
}

/** Whether the ticket holds a pass that hasn't been deleted. */
export const passActive = (ticket: Ticket): boolean => ticket.pass !== undefined && ticket.pass.deletedAt === undefined;

/** Refuses while another Issue click is calling Graph. */
export function inProgressCheck(ticket: Ticket, now: Date): TransitionResult | undefined {
  if (!issueInProgress(ticket, now)) return undefined;
  return refuse("ISSUE_IN_PROGRESS", `${ticket.pendingIssue?.by.displayName ?? "An agent"} is issuing a pass on ticket ${ticket.id} right now.`);
}

const NOT_VERIFIED_WORDS: Record<"none" | "pending" | "denied" | "expired", string> = {
  none: "hasn't been verified yet. Verify the caller before issuing a pass.",
  pending: "isn't verified yet: the answer is still outstanding.",
  denied: "wasn't confirmed, so no pass can be issued. Route the ticket to security if this looks wrong.",
  expired: "wasn't confirmed in time. Ask again before issuing a pass.",
};

/** Everything issuance needs from the ticket: assigned to the actor, verified, approved, no live pass. */
function issueCheck(ticket: Ticket, actor: PersonStamp, now: Date, required: readonly ApprovalKind[]): TransitionResult | undefined {
  const blocked = closedCheck(ticket) ?? assigneeCheck(ticket, actor);
  if (blocked) return blocked;
  const status = effectiveVerificationStatus(ticket.verification, now);
  if (status !== "confirmed") return refuse("NOT_VERIFIED", `${ticket.subject.displayName} ${NOT_VERIFIED_WORDS[status]}`);
  for (const kind of required) {
    const found = ticket.approvals.some((a) => a.kind === kind && a.approvedBy.id !== actor.id && a.approvedBy.id !== ticket.subject.id);
    if (!found) {
      const who = kind === "second_agent" ? "a second agent" : "a helpdesk admin";
      return refuse("NEEDS_APPROVAL", `Issuing on ticket ${ticket.id} needs approval from ${who} first.`);
    }
  }
  if (passActive(ticket)) {
    return refuse("PASS_EXISTS", `A pass was already issued on ticket ${ticket.id} by ${ticket.pass?.issuedBy.displayName ?? "an agent"}; delete it before issuing another.`);
  }
  return undefined;
}

/**
 * Reserves the ticket for one Issue click before Graph is called; saved with the ticket's etag, so of concurrent clicks
 * exactly one wins. A repeat click (even by the same agent) is refused while the claim is fresh.
 */
export function claimIssue(ticket: Ticket, actor: PersonStamp, now: Date, requiredApprovals: readonly ApprovalKind[] = []): TransitionResult {
  const blocked = issueCheck(ticket, actor, now, requiredApprovals) ?? inProgressCheck(ticket, now);
  if (blocked) return blocked;
  // A lock, not an event: history records the outcome (tap_issued or issue_failed).
  return { ok: true, changed: true, ticket: { ...ticket, pendingIssue: { by: stamp(actor), at: now.toISOString() }, updatedAt: now.toISOString() } };
}

/** Drops the actor's claim after Graph refused or failed, recording why (in plain words, never a secret). */
export function releaseIssue(ticket: Ticket, actor: PersonStamp, now: Date, reason: string): TransitionResult {
  if (ticket.pendingIssue?.by.id !== actor.id) return refuse("WRONG_STATE", `${actor.displayName} isn't issuing a pass on ticket ${ticket.id}.`);
  const note = cleanNote(reason);
  const rest: Ticket = { ...ticket };
  delete rest.pendingIssue;
  return changed(rest, {}, { actor, action: "issue_failed", note: note.ok ? note.note : undefined }, now);
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

/** Records the pass Graph created (the "issue" action), clearing the actor's claim. */
export function recordIssued(
  ticket: Ticket,
  actor: PersonStamp,
  now: Date,
  input: { requiredApprovals?: readonly ApprovalKind[]; pass?: IssuedPassRecord },
): TransitionResult {
  const blocked = issueCheck(ticket, actor, now, input.requiredApprovals ?? []);
  if (blocked) return blocked;
  if (ticket.pendingIssue && ticket.pendingIssue.by.id !== actor.id) {
    return refuse("ISSUE_IN_PROGRESS", `${ticket.pendingIssue.by.displayName} is issuing a pass on ticket ${ticket.id}.`);
  }
  if (!input.pass || input.pass.issuedBy.id !== actor.id) return refuse("BAD_INPUT", "The issued pass record is missing or names another agent.");
  const pass = passRecord(input.pass);
  const rest: Ticket = { ...ticket };
  delete rest.pendingIssue;
  const note = `${pass.isUsableOnce ? "One-time" : "Multi-use"} pass, valid until ${pass.validUntil}, handed to ${pass.deliveredTo.displayName}`;
  return changed(rest, { pass }, { actor, action: "tap_issued", note }, now);
}
