// Verifying the caller before a pass is issued, with methods the caller can't fake: the manager confirms in Teams,
// or the agent calls back the number on record. Knowledge questions are deliberately not a method.
import type { PersonStamp, Ticket, Verification, VerificationMethod } from "./model";
import { assigneeCheck, changed, closedCheck, inProgressCheck, refuse, stamp, unchanged, type TransitionResult } from "./ticket-common";

/** A manager's answer older than this no longer counts: the question was about "just now". */
export const VERIFICATION_TIMEOUT_MS = 30 * 60_000;

/**
 * A confirmation decided this long or longer before the issue attempt no longer counts: the caller was verified for a
 * pass issued now, not for one issued hours later (or after the first pass was deleted).
 */
export const VERIFICATION_MAX_AGE_MS = 60 * 60_000;

const METHOD_WORDS: Record<VerificationMethod, string> = {
  manager_confirmation: "the manager's confirmation",
  callback_phone_on_record: "a callback to the number on record",
};

/** Masks a phone number down to its last 4 digits, so the ticket never holds the whole number; undefined without digits. */
export function maskPhone(raw: string): string | undefined {
  const digits = raw.replace(/\D/g, "");
  if (digits.length === 0) return undefined;
  return `•••• ${digits.slice(-4)}`;
}

/** Whether a pending manager confirmation has run out (at exactly 30 minutes it has). */
export function isVerificationExpired(v: Verification, now: Date): boolean {
  if (v.status === "expired") return true;
  if (v.status !== "pending" || v.method !== "manager_confirmation") return false;
  return now.getTime() - Date.parse(v.requestedAt) >= VERIFICATION_TIMEOUT_MS;
}

/**
 * Whether a confirmed verification is too old to issue on (at exactly 60 minutes after it was decided it is).
 * A confirmation without a decision time can't be shown to be recent, so it counts as too old.
 */
export function isConfirmationStale(v: Verification, now: Date): boolean {
  if (v.status !== "confirmed") return false;
  const decidedAt = v.decidedAt === undefined ? Number.NaN : Date.parse(v.decidedAt);
  if (Number.isNaN(decidedAt)) return true;
  return now.getTime() - decidedAt >= VERIFICATION_MAX_AGE_MS;
}

/**
 * The status to show and act on now: a stale pending manager confirmation, and a confirmation 60 minutes old or older,
 * read as expired (so the card offers verifying again instead of Issue).
 */
export function effectiveVerificationStatus(v: Verification | undefined, now: Date): Verification["status"] | "none" {
  if (!v) return "none";
  return isVerificationExpired(v, now) || isConfirmationStale(v, now) ? "expired" : v.status;
}

/**
 * The assignee starts (or restarts) verification; a repeated click for the same method changes nothing, unless the
 * earlier one expired or its confirmation is too old to issue on. Refused while an Issue click is calling Graph.
 */
export function startVerification(ticket: Ticket, method: VerificationMethod, by: PersonStamp, now: Date, phoneMasked?: string): TransitionResult {
  const blocked = closedCheck(ticket) ?? assigneeCheck(ticket, by) ?? inProgressCheck(ticket, now);
  if (blocked) return blocked;
  const masked = phoneMasked === undefined ? undefined : maskPhone(phoneMasked);
  if (method === "callback_phone_on_record" && masked === undefined) {
    return refuse("BAD_INPUT", `There is no phone number on record for ${ticket.subject.displayName}, so a callback can't verify them. Ask their manager instead.`);
  }
  const current = ticket.verification;
  if (current && current.method === method && effectiveVerificationStatus(current, now) !== "expired" && (current.status === "pending" || current.status === "confirmed")) {
    return unchanged(ticket);
  }
  const verification: Verification = { method, status: "pending", requestedBy: stamp(by), requestedAt: now.toISOString() };
  if (masked !== undefined) verification.phoneMasked = masked;
  const note = method === "callback_phone_on_record" ? `Callback to the number on record (${masked})` : "Manager confirmation requested";
  return changed(ticket, { verification }, { actor: by, action: "verification_requested", note }, now);
}

/**
 * Records the answer: the manager's (manager_confirmation) or the assignee's after calling back (callback_phone_on_record).
 * A manager answering 30 minutes or more after the question expires the verification instead. The ticket's assignee
 * never answers as the manager (a manager who is also an agent would otherwise verify and issue alone).
 */
export function decideVerification(ticket: Ticket, confirmed: boolean, by: PersonStamp, now: Date): TransitionResult {
  const blocked = closedCheck(ticket);
  if (blocked) return blocked;
  const v = ticket.verification;
  if (!v) return refuse("NO_VERIFICATION", `Nobody has asked to verify ${ticket.subject.displayName} on ticket ${ticket.id} yet.`);
  const decision = confirmed ? "confirmed" : "denied";
  if (v.status !== "pending") {
    if (v.status === decision && v.decidedBy?.id === by.id) return unchanged(ticket);
    return refuse("WRONG_STATE", `This verification was already ${v.status}; ask again from the ticket if needed.`);
  }
  if (by.id === ticket.subject.id) return refuse("SELF", "The person the pass is for can't verify themselves.");
  if (v.method === "callback_phone_on_record") {
    const notAssignee = assigneeCheck(ticket, by);
    if (notAssignee) return notAssignee;
  } else if (by.id === v.requestedBy.id) {
    return refuse("SELF", "The agent handling the ticket can't also be the one confirming as manager; use the callback instead.");
  } else if (by.id === ticket.assignee?.id) {
    return refuse("SELF", `You're handling ticket ${ticket.id} as its agent, so you can't also confirm as ${ticket.subject.displayName}'s manager. Hand the ticket to another agent, or verify with a callback to the number on record instead.`);
  }
  if (isVerificationExpired(v, now)) {
    const expired: Verification = { ...v, status: "expired" };
    return changed(ticket, { verification: expired }, { actor: by, action: "verification_expired", note: `${by.displayName} answered after the 30 minutes had passed; ask again.` }, now);
  }
  const decided: Verification = { ...v, status: decision, decidedBy: stamp(by), decidedAt: now.toISOString() };
  const action = confirmed ? "verification_confirmed" : "verification_denied";
  const note = confirmed ? `Caller verified through ${METHOD_WORDS[v.method]}` : `Not confirmed: ${METHOD_WORDS[v.method]} said no`;
  return changed(ticket, { verification: decided }, { actor: by, action, note }, now);
}
