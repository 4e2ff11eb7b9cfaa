// The helpdesk presenter: turns the helpdesk's typed views (helpdesk/outcomes.ts) into Adaptive Cards, formatting
// times in the helpdesk's zone. The only place that knows which card shows which helpdesk outcome.
import type { HelpdeskView, TicketPanel } from "../helpdesk/outcomes";
import { formatDateTime } from "../triage/format";
import type { AdaptiveCard } from "./render";
import { renderTicketCard, toTicketCardView } from "./ticket";
import { renderRequesterStatusCard } from "./helpdesk-requester-status";
import { renderManagerVerificationCard } from "./helpdesk-manager-verification";
import { renderPassHandoverCard } from "./helpdesk-pass-handover";
import { renderSubjectNotificationCard } from "./helpdesk-subject-notification";
import { renderAuditCard } from "./helpdesk-audit";
import { ticketStatusText } from "./ticket-text";

/** How to present: the zone times are read in (also shown on the issue form). */
export interface HelpdeskPresentOptions {
  timeZone: string;
}

function presentTicket(view: TicketPanel, formatTime: (iso: string) => string, timeZone: string): AdaptiveCard {
  const issueForm = view.issueForm && { ...view.issueForm, timeZoneText: timeZone };
  return renderTicketCard(toTicketCardView(view.ticket, { available: view.buttons, formatTime, issueForm, approvalNeeded: view.approvalNeeded }));
}

/** The card for one helpdesk view. */
export function presentHelpdeskView(view: HelpdeskView, options: HelpdeskPresentOptions): AdaptiveCard {
  const time = (iso: string): string => formatDateTime(new Date(iso), options.timeZone);
  switch (view.kind) {
    case "ticket":
      return presentTicket(view, time, options.timeZone);
    case "requester_status": {
      const t = view.ticket;
      return renderRequesterStatusCard({ ticketId: t.id, status: t.status, statusText: ticketStatusText(t), subjectName: t.subject.displayName, canWithdraw: view.canWithdraw });
    }
    case "manager_question":
      return renderManagerVerificationCard({
        ticketId: view.ticketId,
        subjectName: view.subjectName,
        agentName: view.agentName,
        requestedAtText: view.requestedAt ? time(view.requestedAt) : "",
        state: view.state,
      });
    case "pass_handover":
      return renderPassHandoverCard({
        ticketId: view.ticketId,
        deliveryId: view.deliveryId,
        subjectName: view.subjectName,
        passValue: view.passValue,
        validUntilText: view.validUntil ? time(view.validUntil) : "",
        isUsableOnce: view.isUsableOnce,
        scrubAtText: time(view.scrubAt),
        scrubbed: view.scrubbed,
        recipient: view.recipient,
      });
    case "pass_notice":
      return renderSubjectNotificationCard({
        ticketId: view.ticketId,
        issuedByName: view.issuedByName,
        createdAtText: time(view.createdAt),
        validUntilText: time(view.validUntil),
        isUsableOnce: view.isUsableOnce,
        alreadyReported: view.alreadyReported,
      });
    case "audit":
      return renderAuditCard({ title: view.title, events: view.events, exportHint: view.exportHint, formatTime: time });
  }
}
