// The ticket lifecycle as a pure state machine: open → assigned → resolved | rejected, or withdrawn by the requester.
// Who the clicker is (agent, role, four eyes) is decided by authorization.ts first; this file guards ticket state only.
import type { Approval, IssuedPassRecord, PersonStamp, RequestOrigin, Ticket, TicketAction } from "./model";
import { assigneeCheck, changed, cleanNote, closedCheck, refuse, stamp, unchanged, type TransitionResult } from "./ticket-common";
import { inProgressCheck, passActive, recordIssued, type ApprovalKind } from "./ticket-issue";
import { startVerification } from "./verification";

export { decideVerification, startVerification, VERIFICATION_MAX_AGE_MS } from "./verification";
export { claimIssue, releaseIssue, recordUncertain, issueInProgress, ISSUE_CLAIM_TIMEOUT_MS, type ApprovalKind, type IssueMode } from "./ticket-issue";
export type { TransitionCode, TransitionResult } from "./ticket-common";

/** Extra data some actions need; everything else comes from the ticket itself. */
export interface ActionInput {
  /** resolve, reject, route_security, withdraw: the note (secrets are redacted, at most 1,000 characters). */
  note?: string;
  /** route_security: why it goes to security (defaults to the note). */
  securityReason?: string;
  /** verify_callback: the number on record, masked to its last 4 digits before it is stored. */
  phoneMasked?: string;
  /** approve: which approval this is (default second_agent). */
  approvalKind?: ApprovalKind;
  /** issue: the approvals authorization requires, e.g. ["second_agent"] for a role holder. */
  requiredApprovals?: readonly ApprovalKind[];
  /** issue: what Graph created, never the value. */
  pass?: IssuedPassRecord;
}

/** What a new ticket starts from. */
export interface NewTicket {
  id: string;
  kind: Ticket["kind"];
  origin: RequestOrigin;
  requester: PersonStamp;
  requesterConversationId: string;
  subject: Ticket["subject"];
  triageId?: string;
  diagnosis: Ticket["diagnosis"];
}

/** A fresh open ticket with its "created" history entry. */
export function openTicket(input: NewTicket, now: Date): Ticket {
  const at = now.toISOString();
  const ticket: Ticket = {
    id: input.id,
    kind: input.kind,
    status: "open",
    origin: input.origin,
    requester: stamp(input.requester),
    requesterConversationId: input.requesterConversationId,
    subject: { ...input.subject },
    diagnosis: { codes: [...input.diagnosis.codes], evidence: input.diagnosis.evidence.map((e) => ({ ...e })) },
    approvals: [],
    createdAt: at,
    updatedAt: at,
    history: [{ at, actor: stamp(input.requester), action: "created" }],
  };
  // Optional fields are left out rather than set to undefined, so a ticket reads back from JSON exactly as written.
  if (input.diagnosis.primary !== undefined) ticket.diagnosis.primary = input.diagnosis.primary;
  if (input.triageId !== undefined) ticket.triageId = input.triageId;
  return ticket;
}

/**
 * Takes the ticket. Taking it over from another agent drops the verification (history keeps the record): the new
 * assignee verifies the caller again, so a manager who is also an agent can't confirm, take over and issue alone.
 */
function assign(ticket: Ticket, actor: PersonStamp, now: Date): TransitionResult {
  if (ticket.status === "assigned" && ticket.assignee?.id === actor.id) return unchanged(ticket);
  const busy = inProgressCheck(ticket, now);
  if (busy) return busy;
  const previous = ticket.status === "assigned" ? ticket.assignee : undefined;
  if (!previous) return changed(ticket, { status: "assigned", assignee: stamp(actor) }, { actor, action: "assign" }, now);
  const rest: Ticket = { ...ticket };
  const reset = rest.verification !== undefined;
  delete rest.verification;
  const note = `Took over from ${previous.displayName}${reset ? "; the caller has to be verified again" : ""}`;
  return changed(rest, { status: "assigned", assignee: stamp(actor) }, { actor, action: "assign", note }, now);
}

/** Adds an approval; refused while an Issue click is calling Graph (the issuance would use it up unseen). */
function approve(ticket: Ticket, actor: PersonStamp, now: Date, input: ActionInput): TransitionResult {
  const busy = inProgressCheck(ticket, now);
  if (busy) return busy;
  const kind = input.approvalKind ?? "second_agent";
  if (actor.id === ticket.subject.id) return refuse("SELF", "Nobody can approve a pass for themselves.");
  if (kind === "second_agent" && (ticket.assignee?.id === actor.id || ticket.pass?.issuedBy.id === actor.id)) {
    return refuse("SAME_AGENT", "The agent handling the ticket can't approve their own issuance; a different agent must.");
  }
  if (ticket.approvals.some((a) => a.kind === kind && a.approvedBy.id === actor.id)) return unchanged(ticket);
  const approval: Approval = { kind, approvedBy: stamp(actor), approvedAt: now.toISOString() };
  const note = kind === "second_agent" ? "Second-agent approval" : "Helpdesk admin allowed a pass beyond the limit";
  return changed(ticket, { approvals: [...ticket.approvals, approval] }, { actor, action: "approved", note }, now);
}

function deletePass(ticket: Ticket, actor: PersonStamp, now: Date): TransitionResult {
  const blocked = assigneeCheck(ticket, actor);
  if (blocked) return blocked;
  const uncertain = ticket.uncertainPass;
  if (uncertain?.tapId !== undefined) {
    const rest: Ticket = { ...ticket };
    delete rest.uncertainPass;
    return changed(rest, {}, { actor, action: "tap_deleted", note: "Deleted the pass whose value was lost" }, now);
  }
  if (!ticket.pass || !passActive(ticket)) return refuse("NO_PASS", `Ticket ${ticket.id} has no pass to delete.`);
  const pass: IssuedPassRecord = { ...ticket.pass, deletedAt: now.toISOString(), deletedBy: stamp(actor) };
  return changed(ticket, { pass }, { actor, action: "tap_deleted" }, now);
}

function close(ticket: Ticket, action: "resolve" | "reject" | "route_security", actor: PersonStamp, now: Date, input: ActionInput): TransitionResult {
  // An open ticket may be rejected by any agent; once assigned only the assignee closes it.
  const blocked = action === "resolve" || ticket.status === "assigned" ? assigneeCheck(ticket, actor) : undefined;
  if (blocked) return blocked;
  const busy = inProgressCheck(ticket, now);
  if (busy) return busy;
  const note = cleanNote(input.note);
  const reason = cleanNote(input.securityReason);
  if (!note.ok || !reason.ok) return refuse("BAD_INPUT", "The note is too long; keep it under 1,000 characters.");
  const text = action === "route_security" ? (reason.note ?? note.note) : note.note;
  if (text === undefined) return refuse("BAD_INPUT", action === "resolve" ? "Add a short note saying how it was resolved." : "Add a short note saying why.");
  const patch: Partial<Ticket> = { status: action === "resolve" ? "resolved" : "rejected", resolution: { by: stamp(actor), at: now.toISOString(), note: note.note ?? text } };
  if (action === "route_security") patch.securityReason = text;
  return changed(ticket, patch, { actor, action, note: text }, now);
}

function withdraw(ticket: Ticket, actor: PersonStamp, now: Date, input: ActionInput): TransitionResult {
  if (actor.id !== ticket.requester.id) return refuse("NOT_REQUESTER", `Only ${ticket.requester.displayName}, who opened ticket ${ticket.id}, can withdraw it.`);
  const busy = inProgressCheck(ticket, now);
  if (busy) return busy;
  if (passActive(ticket)) return refuse("PASS_ACTIVE", `A pass was already issued on ticket ${ticket.id}, so it can't be withdrawn; the helpdesk will close it.`);
  const note = cleanNote(input.note);
  const text = (note.ok ? note.note : undefined) ?? "Withdrawn by the requester";
  return changed(ticket, { status: "withdrawn", resolution: { by: stamp(actor), at: now.toISOString(), note: text } }, { actor, action: "withdraw", note: text }, now);
}

/**
 * Applies one card action to a ticket. Closed tickets accept nothing, so a replayed old card is refused; every change
 * appends history and bumps updatedAt; a harmless repeat (double click) returns changed=false.
 */
export function applyAction(ticket: Ticket, action: TicketAction, actor: PersonStamp, now: Date, input: ActionInput = {}): TransitionResult {
  const closed = closedCheck(ticket);
  if (closed) return closed;
  switch (action) {
    case "assign":
      return assign(ticket, actor, now);
    case "verify_manager":
      return startVerification(ticket, "manager_confirmation", actor, now);
    case "verify_callback":
      return startVerification(ticket, "callback_phone_on_record", actor, now, input.phoneMasked);
    case "approve":
      return approve(ticket, actor, now, input);
    case "issue":
    case "replace_tap":
      // A replacement is recorded like any issuance: the pass in doubt gives way to the one whose value was handed over.
      return recordIssued(ticket, actor, now, input);
    case "delete_tap":
      return deletePass(ticket, actor, now);
    case "resolve":
    case "reject":
    case "route_security":
      return close(ticket, action, actor, now, input);
    case "withdraw":
      return withdraw(ticket, actor, now, input);
  }
}
