// Shared pieces of the ticket state machine and the verification helpers: result type, closed states, history.
import { scrubSecrets } from "../../secrets";
import type { PersonStamp, Ticket, TicketHistoryEntry, TicketStatus } from "./model";

/** Why a ticket change was refused; stable codes for audit and tests. */
export type TransitionCode =
  | "CLOSED"
  | "WRONG_STATE"
  | "NOT_ASSIGNEE"
  | "NOT_REQUESTER"
  | "SELF"
  | "SAME_AGENT"
  | "NO_VERIFICATION"
  | "NOT_VERIFIED"
  | "NEEDS_APPROVAL"
  | "PASS_EXISTS"
  | "NO_PASS"
  | "PASS_UNCERTAIN"
  | "PASS_ACTIVE"
  | "ISSUE_IN_PROGRESS"
  | "BAD_INPUT";

/** The outcome of a ticket change: the new ticket (changed=false for a harmless repeat, e.g. a double click), or a refusal. */
export type TransitionResult =
  | { ok: true; ticket: Ticket; changed: boolean }
  | { ok: false; code: TransitionCode; reason: string };

/** States that accept nothing more: a replayed old card is refused. */
export const CLOSED_STATES: ReadonlySet<TicketStatus> = new Set(["resolved", "rejected", "withdrawn"]);

/** Longest free-text note kept on a ticket. */
export const MAX_NOTE_LENGTH = 1000;

/** A refusal. */
export const refuse = (code: TransitionCode, reason: string): TransitionResult => ({ ok: false, code, reason });

/** A harmless repeat: nothing changes and nothing is written. */
export const unchanged = (ticket: Ticket): TransitionResult => ({ ok: true, ticket, changed: false });

/** A copy of the person stamp, so stored tickets never alias caller objects. */
export const stamp = (p: PersonStamp): PersonStamp => ({ id: p.id, displayName: p.displayName });

/** Returns the changed ticket with a history entry appended and updatedAt bumped. */
export function changed(ticket: Ticket, patch: Partial<Ticket>, entry: Omit<TicketHistoryEntry, "at">, now: Date): TransitionResult {
  const at = now.toISOString();
  const historyEntry: TicketHistoryEntry = { at, actor: stamp(entry.actor), action: entry.action };
  if (entry.note !== undefined) historyEntry.note = entry.note;
  return { ok: true, changed: true, ticket: { ...ticket, ...patch, updatedAt: at, history: [...ticket.history, historyEntry] } };
}

/** Refuses any change to a closed ticket, naming who closed it so the agent sees why the card is stale. */
export function closedCheck(ticket: Ticket): TransitionResult | undefined {
  if (!CLOSED_STATES.has(ticket.status)) return undefined;
  const by = ticket.resolution ? ` by ${ticket.resolution.by.displayName}` : "";
  return refuse("CLOSED", `Ticket ${ticket.id} was already ${ticket.status}${by}; this card is out of date.`);
}

/** Only the assignee acts on an assigned ticket. */
export function assigneeCheck(ticket: Ticket, actor: PersonStamp): TransitionResult | undefined {
  if (ticket.status !== "assigned" || !ticket.assignee) {
    return refuse("WRONG_STATE", `Ticket ${ticket.id} has to be assigned to an agent first.`);
  }
  if (ticket.assignee.id !== actor.id) {
    return refuse("NOT_ASSIGNEE", `Ticket ${ticket.id} is assigned to ${ticket.assignee.displayName}; take it over first to act on it.`);
  }
  return undefined;
}

/**
 * An Issue click calling Graph holds the ticket this long at most; after that another click may try again. Graph alone
 * may take up to 2 minutes, plus delivering the value to a 1:1 chat and saving; 5 minutes covers the lot.
 */
export const ISSUE_CLAIM_TIMEOUT_MS = 5 * 60_000;

/** Whether an Issue click is still calling Graph for this ticket (at exactly 5 minutes it no longer is). */
export function issueInProgress(ticket: Ticket, now: Date): boolean {
  return ticket.pendingIssue !== undefined && now.getTime() - Date.parse(ticket.pendingIssue.at) < ISSUE_CLAIM_TIMEOUT_MS;
}

/** Refuses while another Issue click is calling Graph: nothing the issuance depends on may change under it. */
export function inProgressCheck(ticket: Ticket, now: Date): TransitionResult | undefined {
  if (!issueInProgress(ticket, now)) return undefined;
  return refuse("ISSUE_IN_PROGRESS", `${ticket.pendingIssue?.by.displayName ?? "An agent"} is issuing a pass on ticket ${ticket.id} right now.`);
}

/** Cleans free text for storage: secrets redacted, whitespace trimmed; undefined when empty or too long. */
export function cleanNote(raw: string | undefined): { ok: true; note?: string } | { ok: false } {
  const note = scrubSecrets(raw ?? "").trim();
  if (note.length > MAX_NOTE_LENGTH) return { ok: false };
  return note.length === 0 ? { ok: true } : { ok: true, note };
}
