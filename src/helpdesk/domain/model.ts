// The helpdesk domain: tickets, verification, issuance decisions and the audit trail.
// Plain data only; a TAP value never appears in any of these types.
import type { Evidence, FindingCode } from "../../triage/findings";

export type TicketStatus = "open" | "assigned" | "resolved" | "rejected" | "withdrawn";

/** Where the request came from: the subject's own signed-in Teams chat, or an agent acting for a caller. */
export type RequestOrigin = "subject_teams_chat" | "agent_for_caller" | "manager_teams_chat";

export type VerificationMethod = "manager_confirmation" | "callback_phone_on_record";

export interface PersonStamp {
  id: string;
  displayName: string;
}

export interface Verification {
  method: VerificationMethod;
  status: "pending" | "confirmed" | "denied" | "expired";
  /** The agent who started it. */
  requestedBy: PersonStamp;
  requestedAt: string;
  /** Who confirmed: the manager, or the agent who made the callback. */
  decidedBy?: PersonStamp;
  decidedAt?: string;
  /** For callbacks: the number on record that was called, masked except the last 4 digits. */
  phoneMasked?: string;
}

/** A pass issued for a ticket: never the value. */
export interface IssuedPassRecord {
  tapId: string;
  issuedBy: PersonStamp;
  issuedAt: string;
  startsAt: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  /** ISO time the pass stops working. */
  validUntil: string;
  /** Who received the value: the issuing agent or the confirming manager. */
  deliveredTo: PersonStamp;
  graphRequestId?: string;
  deletedAt?: string;
  deletedBy?: PersonStamp;
}

/**
 * A pass Graph may have created although its answer never arrived (5xx, timeout, connection reset after the write):
 * nobody holds its value. Recorded so the ticket tells the truth and "Replace the pass" can swap it for one whose
 * value is handed over. Never holds a value (there is none to hold).
 */
export interface UncertainPassRecord {
  /** "created": a re-read found the new pass; "unknown": the re-read failed too, so whether one exists is unknown. */
  state: "created" | "unknown";
  tapId?: string;
  createdAt?: string;
  validUntil?: string;
  attemptedBy: PersonStamp;
  attemptedAt: string;
  /** What the attempt asked for, so the replacement is the same pass (re-validated against the policy then). */
  requested: { startDateTime?: string; lifetimeInMinutes: number; isUsableOnce: boolean; deliverTo: "agent" | "manager" };
  graphRequestId?: string;
}

export interface Approval {
  kind: "second_agent" | "helpdesk_admin_limit";
  approvedBy: PersonStamp;
  approvedAt: string;
}

export interface TicketHistoryEntry {
  at: string;
  actor: PersonStamp;
  action:
    | TicketAction
    | "created"
    | "verification_requested"
    | "verification_confirmed"
    | "verification_denied"
    | "verification_expired"
    | "tap_issued"
    | "tap_deleted"
    | "approved"
    | "issue_failed"
    | "tap_value_unknown";
  note?: string;
}

export type TicketAction =
  | "assign"
  | "verify_manager"
  | "verify_callback"
  | "approve"
  | "issue"
  | "delete_tap"
  | "replace_tap"
  | "resolve"
  | "reject"
  | "route_security"
  | "withdraw";

export interface Ticket {
  /** Short human id, e.g. "T-7F3K2Q". */
  id: string;
  kind: "new_pass" | "still_broken" | "security";
  status: TicketStatus;
  origin: RequestOrigin;
  requester: PersonStamp;
  /** The requester's 1:1 conversation, for status updates. */
  requesterConversationId: string;
  subject: PersonStamp & { userPrincipalName?: string };
  triageId?: string;
  diagnosis: { primary?: FindingCode; codes: FindingCode[]; evidence: Evidence[] };
  assignee?: PersonStamp;
  verification?: Verification;
  approvals: Approval[];
  pass?: IssuedPassRecord;
  /** The last Issue click may have created a pass nobody holds the value of; cleared when it is replaced or deleted. */
  uncertainPass?: UncertainPassRecord;
  /**
   * Set while one agent's Issue click is calling Graph, so concurrent clicks (double clicks, Teams retries, two agents)
   * lose the etag race here instead of each creating a pass. Cleared when the pass is recorded or the call failed.
   */
  pendingIssue?: { by: PersonStamp; at: string };
  resolution?: { by: PersonStamp; at: string; note: string };
  /** Set when routed to security (by an agent, or by the subject's "This wasn't me"). */
  securityReason?: string;
  createdAt: string;
  updatedAt: string;
  history: TicketHistoryEntry[];
  /** The subject held a directory role when last checked: issuance then needs a second agent (four eyes). */
  subjectHoldsRole?: boolean;
  /** Where the channel card lives, to update it in place. */
  channelMessage?: { conversationId: string; activityId: string };
}

/** Facts about a person relevant to who may issue to whom, read live from Graph. */
export interface PersonFacts {
  id: string;
  displayName: string;
  accountEnabled: boolean;
  isExternalGuest: boolean;
  /** Directory role template ids (transitive). */
  roleTemplateIds: string[];
  groupIds: string[];
  /** Identity Protection risk level, when known. */
  riskLevel?: string;
  riskState?: string;
  /** Why risk couldn't be read (missing license or permission, or the directory's risk budget was busy); unset when known. */
  riskUnknownReason?: string;
  /** The risk gap may close within a minute (budget busy, throttled, outage), as opposed to a missing license or permission. */
  riskUnknownTransient?: boolean;
  /** "live": read from the person's own riskyUsers entry just now; "cached": from the tenant-wide list (triage). */
  riskSource?: "live" | "cached";
}

export type AuditResult = "success" | "denied" | "failed";

/** One append-only audit record. Never holds a pass value. */
export interface AuditEvent {
  /** Sortable id: ISO time + random suffix. */
  id: string;
  at: string;
  actor: PersonStamp;
  action: string;
  ticketId?: string;
  target?: PersonStamp;
  verificationMethod?: VerificationMethod;
  result: AuditResult;
  /** Plain words: why denied/failed, or what was done. */
  detail?: string;
  graphRequestId?: string;
}
