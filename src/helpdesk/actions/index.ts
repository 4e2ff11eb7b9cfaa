// The one verb → handler table. Adding an action: a handler file here, one line below, and its button on a card
// (see README "Layout"). The Record type makes a verb without a handler a compile error.
import type { HelpdeskVerb } from "../domain/verbs";
import type { ActionHandler } from "./action";
import { ticketRefresh } from "./ticket-refresh";
import { ticketAssign } from "./ticket-assign";
import { ticketVerifyManager } from "./ticket-verify-manager";
import { ticketVerifyCallback } from "./ticket-verify-callback";
import { ticketApprove } from "./ticket-approve";
import { ticketIssue } from "./ticket-issue";
import { ticketDeleteTap } from "./ticket-delete-tap";
import { ticketReplaceTap } from "./ticket-replace-tap";
import { ticketResolve } from "./ticket-resolve";
import { ticketReject } from "./ticket-reject";
import { ticketRouteSecurity } from "./ticket-route-security";
import { ticketWithdraw } from "./ticket-withdraw";
import { verifyConfirm } from "./verify-confirm";
import { verifyDeny } from "./verify-deny";
import { tapHandedOver } from "./tap-handed-over";
import { tapNotMe } from "./tap-not-me";

export type { ActionHandler, Click, TicketActionHandler, ViewActionHandler } from "./action";

/** Every helpdesk verb and the handler that answers it. */
export const HELPDESK_ACTIONS: Readonly<Record<HelpdeskVerb, ActionHandler>> = {
  ticket_refresh: ticketRefresh,
  ticket_assign: ticketAssign,
  ticket_verify_manager: ticketVerifyManager,
  ticket_verify_callback: ticketVerifyCallback,
  ticket_approve: ticketApprove,
  ticket_issue: ticketIssue,
  ticket_delete_tap: ticketDeleteTap,
  ticket_replace_tap: ticketReplaceTap,
  ticket_resolve: ticketResolve,
  ticket_reject: ticketReject,
  ticket_route_security: ticketRouteSecurity,
  ticket_withdraw: ticketWithdraw,
  verify_confirm: verifyConfirm,
  verify_deny: verifyDeny,
  tap_handed_over: tapHandedOver,
  tap_not_me: tapNotMe,
};

/** The handler for a verb; undefined for anything that isn't a helpdesk verb. */
export function actionFor(verb: string): ActionHandler | undefined {
  return Object.prototype.hasOwnProperty.call(HELPDESK_ACTIONS, verb) ? HELPDESK_ACTIONS[verb as HelpdeskVerb] : undefined;
}
