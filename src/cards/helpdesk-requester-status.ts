// The 1:1 status update to whoever asked: sent on each status change, with "Withdraw my request" while it is open.
import requesterStatusJson from "./templates/helpdesk-requester-status.json";
import type { TicketStatus } from "../helpdesk/domain/model";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, buttonId, dropEmptyActions, safeText } from "./helpdesk-text";
import { isFinalStatus, ticketStatusColor } from "./ticket-text";

const requesterStatusTemplate = compileTemplate(requesterStatusJson);

/** The request's state as the requester sees it. */
export interface RequesterStatusView {
  ticketId: string;
  status: TicketStatus;
  /** The status in words, usually from ticketStatusText. */
  statusText: string;
  subjectName: string;
  /** The caller's decision; the button shows only while the ticket is open or assigned as well. */
  canWithdraw: boolean;
}

const DETAIL: Readonly<Record<TicketStatus, string>> = {
  open: "The helpdesk can see your request and the diagnosis. An agent will pick it up and contact you.",
  assigned: "An agent is working on it. Before any new pass is made, they will check it's really you, for example through your manager or a call to your number on record.",
  resolved: "The helpdesk closed this request as solved. If it still doesn't work, start a new check with me.",
  rejected: "The helpdesk closed this request without a new pass. If you think that's wrong, contact the helpdesk directly.",
  withdrawn: "You withdrew this request. Nothing more will happen with it.",
};

/** Renders the requester's status card. */
export function renderRequesterStatusCard(view: RequesterStatusView): AdaptiveCard {
  const name = safeText(view.subjectName, MAX_NAME);
  const showWithdraw = view.canWithdraw && !isFinalStatus(view.status);
  return dropEmptyActions(
    expandCard(requesterStatusTemplate, {
      reference: `Helpdesk request ${safeText(view.ticketId, 40)}`,
      title: name === "" ? "Your request" : `Your request for ${name}`,
      statusText: safeText(view.statusText, MAX_NAME),
      statusColor: ticketStatusColor({ status: view.status }),
      detail: DETAIL[view.status],
      showWithdraw,
      withdrawHint: "Asked by mistake, or fixed it yourself? Withdraw the request so nobody works on it.",
      ticketId: buttonId(view.ticketId),
    }),
  );
}
