// Words for a ticket's state: status badge, request origin, verification and history lines.
import type { RequestOrigin, Ticket, TicketHistoryEntry, TicketStatus, VerificationMethod } from "../helpdesk/domain/model";

/** Statuses after which nothing more can be done on the ticket card. */
export const FINAL_TICKET_STATUSES: readonly TicketStatus[] = ["resolved", "rejected", "withdrawn"];

/** True once a ticket is resolved, rejected (or routed to security) or withdrawn. */
export function isFinalStatus(status: TicketStatus): boolean {
  return FINAL_TICKET_STATUSES.includes(status);
}

export { ticketStatusText } from "../helpdesk/domain/status-text";


/** How the badge is coloured: attention for security and rejections, good for resolved. */
export function ticketStatusColor(ticket: Pick<Ticket, "status" | "securityReason">): "Accent" | "Good" | "Attention" | "Default" {
  if (ticket.securityReason !== undefined && ticket.status !== "resolved" && ticket.status !== "withdrawn") return "Attention";
  switch (ticket.status) {
    case "open":
    case "assigned":
      return "Accent";
    case "resolved":
      return "Good";
    case "rejected":
      return "Attention";
    case "withdrawn":
      return "Default";
  }
}

const PHONE_KEEP = /[\d•+\s().\-/]/gu;

/**
 * Masks a phone number for display, keeping its shape: "+1 555 0100" → "+• ••• ••00". Ten or more digits keep
 * the last 4, six to nine keep the last 2, shorter numbers keep none. Already-masked input stays as it is.
 */
export function maskPhone(phone: string): string {
  const kept = (String(phone).match(PHONE_KEEP) ?? []).join("").replace(/\s+/g, " ").trim();
  const positions = kept.replace(/[^\d•]/g, "").length;
  const keep = positions >= 10 ? 4 : positions >= 6 ? 2 : 0;
  let seen = 0;
  return kept.replace(/[\d•]/g, (c) => {
    seen += 1;
    return seen > positions - keep ? c : "•";
  });
}

/** Where a request came from, for the ticket card. */
export function originText(origin: RequestOrigin): string {
  switch (origin) {
    case "subject_teams_chat":
      return "asked in their own Teams chat";
    case "agent_for_caller":
      return "agent acting for a caller";
    case "manager_teams_chat":
      return "the subject's manager, asking in Teams";
  }
}

/** What the ticket card shows about verification; names and times already formatted, not yet escaped. */
export interface VerificationView {
  state: "none" | "pending" | "confirmed" | "denied" | "expired";
  method?: VerificationMethod;
  /** The subject's manager (manager confirmation). */
  managerName?: string;
  /** The agent who made the callback. */
  agentName?: string;
  /** The number on record that was called; masked again when shown. */
  phoneMasked?: string;
  atText?: string;
}

const at = (text: string | undefined): string => (text === undefined || text === "" ? "" : ` at ${text}`);

/** One line about verification (not escaped; the card escapes it). */
export function verificationText(v: VerificationView): string {
  const manager = v.managerName ? `manager ${v.managerName}` : "the manager";
  const phone = v.phoneMasked ? maskPhone(v.phoneMasked) : "the number on record";
  const callback = v.method === "callback_phone_on_record";
  switch (v.state) {
    case "none":
      return "Not verified yet";
    case "pending":
      return callback ? `Callback to ${phone} not confirmed yet` : `Waiting for ${manager} to confirm`;
    case "confirmed":
      return callback
        ? `Callback to ${phone} confirmed by ${v.agentName ?? "an agent"}${at(v.atText)}`
        : `Confirmed by ${manager}${at(v.atText)}`;
    case "denied":
      return callback ? `Callback to ${phone} failed${at(v.atText)}: do not issue` : `Denied by ${manager}${at(v.atText)}: do not issue`;
    case "expired":
      return callback ? "Callback not confirmed in time; verify again" : `Expired: ${manager} didn't answer in time; verify again`;
  }
}

const HISTORY_WORDS: Readonly<Record<TicketHistoryEntry["action"], string>> = {
  created: "opened the request",
  assign: "took the ticket",
  verify_manager: "asked the manager to confirm",
  verify_callback: "called the number on record",
  verification_requested: "started verification",
  verification_confirmed: "confirmed the request",
  verification_denied: "said the request wasn't theirs",
  verification_expired: "marked the verification expired",
  approve: "approved issuance",
  approved: "approved issuance",
  issue: "issued a pass",
  tap_issued: "issued a pass",
  issue_failed: "tried to issue a pass; it failed",
  tap_value_unknown: "tried to issue a pass; Graph's answer was lost",
  replace_tap: "replaced the pass",
  delete_tap: "deleted the pass",
  tap_deleted: "deleted the pass",
  resolve: "resolved the ticket",
  reject: "rejected the request",
  route_security: "routed it to security",
  withdraw: "withdrew the request",
};

/** What a history entry did, in words ("issued a pass"). */
export function historyActionText(action: TicketHistoryEntry["action"]): string {
  return Object.hasOwn(HISTORY_WORDS, action) ? HISTORY_WORDS[action] : "updated the ticket";
}

/** The findings besides the primary one, each once and in order: blanks, repeats and the primary itself left out. */
export function otherFindingCodes(primary: string | undefined, codes: readonly string[], max: number): string[] {
  const seen = new Set<string>(primary === undefined ? [] : [primary.trim()]);
  const out: string[] = [];
  for (const code of codes) {
    const c = String(code).trim();
    if (c === "" || seen.has(c)) continue;
    seen.add(c);
    out.push(c);
  }
  return out.slice(0, max);
}

/** One line listing the other findings ("Also found: CA_BLOCKED, TAP_EXPIRED"), or "" when there are none. Not escaped. */
export function otherFindingsText(codes: readonly string[]): string {
  return codes.length === 0 ? "" : `Also found: ${codes.join(", ")}`;
}
