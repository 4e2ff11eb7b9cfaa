// A ticket's status in words, as the requester, the channel card and notification summaries say it.
import type { Ticket } from "./model";

/**
 * The status badge in plain words (not escaped; cards escape it): Open, Assigned to <agent>, Resolved,
 * Rejected, Withdrawn, or Routed to security when a security reason is recorded.
 */
export function ticketStatusText(ticket: Pick<Ticket, "status" | "assignee" | "securityReason">): string {
  const routed = ticket.securityReason !== undefined;
  switch (ticket.status) {
    case "open":
      return routed ? "Routed to security" : "Open";
    case "assigned":
      return ticket.assignee ? `Assigned to ${ticket.assignee.displayName}` : "Assigned";
    case "resolved":
      return "Resolved";
    case "rejected":
      return routed ? "Routed to security" : "Rejected";
    case "withdrawn":
      return "Withdrawn";
  }
}
