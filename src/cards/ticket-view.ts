// What the channel ticket card shows, and how a Ticket becomes that view. No field here can hold a pass value:
// the pass appears only as who issued it, until when, and whether it is one-time.
import type { Approval, RequestOrigin, Ticket, TicketStatus } from "../helpdesk/domain/model";
import { TICKET_BUTTON_VERBS, type TicketButtonVerb } from "../helpdesk/domain/verbs";
import type { FindingCode } from "../triage/findings";
import { historyActionText, ticketStatusText, type VerificationView } from "./ticket-text";

/** Buttons the ticket card can offer (helpdesk verbs); the caller decides which apply to the ticket's state. */
export type TicketActionButton = TicketButtonVerb;

/** Every ticket button in the order the card shows them. */
export const TICKET_ACTION_BUTTONS: readonly TicketActionButton[] = TICKET_BUTTON_VERBS;

/** The issue form's bounds and defaults, from the tenant's TAP policy. */
export interface IssueFormView {
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLifetimeInMinutes: number;
  /** The policy makes every pass one-time (its `isUsableOnce` is true). */
  policyForcesOneTime: boolean;
  /** Prefilled start as "YYYY-MM-DD" and "HH:MM" in the helpdesk's zone; absent starts the pass when issued. */
  startDateValue?: string;
  startTimeValue?: string;
  /** The zone start times are read in, e.g. "Europe/Berlin". */
  timeZoneText: string;
  /** The manager who confirmed the request, when the value may be delivered to them instead of the agent. */
  managerDeliveryName?: string;
}

/** The pass as the channel may see it: never its value. */
export interface PassSummaryView {
  issuedByName: string;
  validUntilText: string;
  isUsableOnce: boolean;
  deletedByName?: string;
  deletedAtText?: string;
}

/** A pass the last attempt may have created while Graph's answer was lost: nobody holds its value. */
export interface UncertainPassView {
  /** "created": a re-read found it; "unknown": whether it exists couldn't be told. */
  state: "created" | "unknown";
  attemptedByName: string;
  attemptedAtText: string;
  validUntilText?: string;
}

/** A fact from the diagnosis, already formatted. */
export interface TicketEvidenceView {
  label: string;
  text: string;
  source: string;
}

/** Everything the channel ticket card shows, in raw text; the render function escapes it. */
export interface TicketCardView {
  ticketId: string;
  kind: Ticket["kind"];
  status: TicketStatus;
  /** The badge, usually from ticketStatusText. */
  statusText: string;
  subject: { name: string; userPrincipalName?: string };
  requesterName: string;
  origin: RequestOrigin;
  createdAtText: string;
  diagnosis: { primary?: FindingCode; codes: FindingCode[]; evidence: TicketEvidenceView[] };
  verification: VerificationView;
  approvals: { kind: Approval["kind"]; byName: string; atText: string }[];
  /** An approval still missing before issuance. */
  approvalNeeded?: Approval["kind"];
  pass?: PassSummaryView;
  uncertainPass?: UncertainPassView;
  resolution?: { byName: string; atText: string; note: string };
  securityReason?: string;
  /** Oldest first; the card shows the last five. */
  history: { atText: string; actorName: string; text: string }[];
  /** Buttons to offer; ignored once the ticket is final. */
  available: TicketActionButton[];
  /** Required when "issue" is available. */
  issueForm?: IssueFormView;
}

/** What toTicketCardView needs besides the ticket. */
export interface TicketViewContext {
  available: TicketActionButton[];
  /** Formats an ISO time for the helpdesk (zone and locale are the caller's). */
  formatTime: (iso: string) => string;
  issueForm?: IssueFormView;
  /** The subject's manager, for "waiting for manager <name>" before they answered. */
  managerName?: string;
  approvalNeeded?: Approval["kind"];
}

function toVerificationView(ticket: Ticket, ctx: TicketViewContext): VerificationView {
  const v = ticket.verification;
  if (!v) return { state: "none" };
  const decided = v.decidedBy?.displayName;
  const manager = v.method === "manager_confirmation";
  return {
    state: v.status,
    method: v.method,
    managerName: manager ? (decided ?? ctx.managerName) : undefined,
    agentName: manager ? undefined : (decided ?? v.requestedBy.displayName),
    phoneMasked: v.phoneMasked,
    atText: v.decidedAt ? ctx.formatTime(v.decidedAt) : undefined,
  };
}

/** Builds the channel view from a ticket, copying named fields only, so nothing unexpected can ride along. */
export function toTicketCardView(ticket: Ticket, ctx: TicketViewContext): TicketCardView {
  const t = ctx.formatTime;
  const p = ticket.pass;
  const u = ticket.uncertainPass;
  return {
    ticketId: ticket.id,
    kind: ticket.kind,
    status: ticket.status,
    statusText: ticketStatusText(ticket),
    subject: { name: ticket.subject.displayName, userPrincipalName: ticket.subject.userPrincipalName },
    requesterName: ticket.requester.displayName,
    origin: ticket.origin,
    createdAtText: t(ticket.createdAt),
    diagnosis: {
      primary: ticket.diagnosis.primary,
      codes: [...ticket.diagnosis.codes],
      evidence: ticket.diagnosis.evidence.map((e) => ({ label: e.label, text: e.value, source: e.source })),
    },
    verification: toVerificationView(ticket, ctx),
    approvals: ticket.approvals.map((a) => ({ kind: a.kind, byName: a.approvedBy.displayName, atText: t(a.approvedAt) })),
    approvalNeeded: ctx.approvalNeeded,
    pass: p && {
      issuedByName: p.issuedBy.displayName,
      validUntilText: t(p.validUntil),
      isUsableOnce: p.isUsableOnce,
      deletedByName: p.deletedBy?.displayName,
      deletedAtText: p.deletedAt === undefined ? undefined : t(p.deletedAt),
    },
    uncertainPass: u && {
      state: u.state,
      attemptedByName: u.attemptedBy.displayName,
      attemptedAtText: t(u.attemptedAt),
      validUntilText: u.validUntil === undefined ? undefined : t(u.validUntil),
    },
    resolution: ticket.resolution && { byName: ticket.resolution.by.displayName, atText: t(ticket.resolution.at), note: ticket.resolution.note },
    securityReason: ticket.securityReason,
    history: ticket.history.map((h) => ({
      atText: t(h.at),
      actorName: h.actor.displayName,
      text: h.note ? `${historyActionText(h.action)}: ${h.note}` : historyActionText(h.action),
    })),
    available: [...ctx.available],
    issueForm: ctx.issueForm,
  };
}
