// What the helpdesk answers and sends, as typed data: presenters outside helpdesk/ (cards/helpdesk-present.ts) turn
// each view into a card. Times are ISO strings; the presenter formats them in the helpdesk's zone.
import type { Approval, AuditEvent, Ticket } from "./domain/model";
import type { TicketButtonVerb } from "./domain/verbs";

/** The issue form's bounds and defaults, from the tenant's TAP policy read now. */
export interface IssueFormBounds {
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLifetimeInMinutes: number;
  /** The policy makes every pass one-time. */
  policyForcesOneTime: boolean;
  /** The manager who confirmed the request, when the value may be delivered to them instead of the agent. */
  managerDeliveryName?: string;
}

/** The channel ticket card: the ticket and what may be done with it now (every click is still authorized). */
export interface TicketPanel {
  kind: "ticket";
  ticket: Ticket;
  buttons: TicketButtonVerb[];
  /** Present when "Issue TAP" is offered. */
  issueForm?: IssueFormBounds;
  approvalNeeded?: Approval["kind"];
}

/** The requester's view of their request. */
export interface RequesterStatus {
  kind: "requester_status";
  ticket: Ticket;
  canWithdraw: boolean;
}

/** The manager's question "Did <subject> ask for a new pass?", or what their answer recorded. */
export interface ManagerQuestion {
  kind: "manager_question";
  ticketId: string;
  subjectName: string;
  agentName: string;
  /** ISO time the question was asked; empty when unknown. */
  requestedAt: string;
  state: "pending" | "confirmed" | "denied" | "expired";
}

/** The pass value for its one recipient, or the message after the value was removed. */
export interface PassHandover {
  kind: "pass_handover";
  ticketId: string;
  deliveryId: string;
  subjectName: string;
  /** The secret; absent once scrubbed. */
  passValue?: string;
  validUntil?: string;
  isUsableOnce: boolean;
  scrubAt: string;
  scrubbed: boolean;
  recipient?: "agent" | "manager";
}

/** The subject is told a pass was created for them (with "This wasn't me"), or that their report was taken. */
export interface PassNotice {
  kind: "pass_notice";
  ticketId: string;
  issuedByName: string;
  createdAt: string;
  validUntil: string;
  isUsableOnce: boolean;
  alreadyReported?: boolean;
}

/** Audit events for a helpdesk admin. */
export interface AuditReport {
  kind: "audit";
  title: string;
  events: AuditEvent[];
  exportHint: string;
}

/** Everything the helpdesk shows as a card. */
export type HelpdeskView = TicketPanel | RequesterStatus | ManagerQuestion | PassHandover | PassNotice | AuditReport;

/** What an action answers the clicker: a view (the clicked card is replaced by it), or a short message (refusals, confirmations). */
export type ActionOutcome = { view: HelpdeskView } | { message: string };

/** What the helpdesk sends proactively: a view with its notification summary, or plain text. */
export type OutgoingMessage = { view: HelpdeskView; summary: string } | { text: string };
