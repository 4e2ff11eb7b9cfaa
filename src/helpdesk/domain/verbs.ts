// The one vocabulary of helpdesk verbs: the cards put them on Action.Execute buttons, the Teams layer routes the invoke
// on `action.verb`, and the action table (../actions/index.ts) maps each to its handler. Button data carries ids only:
// who clicked, and what they may do, is always decided on the server.

/** Every helpdesk verb, by what the button does. */
export const HELPDESK_VERBS = {
  /** Teams asks for the current ticket card (channel card refresh). */
  ticketRefresh: "ticket_refresh",
  ticketAssign: "ticket_assign",
  ticketVerifyManager: "ticket_verify_manager",
  ticketVerifyCallback: "ticket_verify_callback",
  ticketApprove: "ticket_approve",
  ticketIssue: "ticket_issue",
  ticketDeleteTap: "ticket_delete_tap",
  /** Deletes a pass whose create answer was lost (nobody holds its value) and issues a new one: the same issuance. */
  ticketReplaceTap: "ticket_replace_tap",
  ticketResolve: "ticket_resolve",
  ticketReject: "ticket_reject",
  ticketRouteSecurity: "ticket_route_security",
  /** The requester withdraws their own request. */
  ticketWithdraw: "ticket_withdraw",
  /** The manager answers "Did <subject> ask for a new pass just now?". */
  verifyConfirm: "verify_confirm",
  verifyDeny: "verify_deny",
  /** The issuing agent says the pass was handed over, so the value is scrubbed now. */
  tapHandedOver: "tap_handed_over",
  /** The subject says they didn't ask for the pass. */
  tapNotMe: "tap_not_me",
} as const;

/** One of the helpdesk verbs. */
export type HelpdeskVerb = (typeof HELPDESK_VERBS)[keyof typeof HELPDESK_VERBS];

/** Every helpdesk verb as a list, for routing tables and tests. */
export const HELPDESK_VERB_LIST: readonly HelpdeskVerb[] = Object.values(HELPDESK_VERBS);

/** Narrows an invoke's verb to a helpdesk verb (anything else is not ours). */
export function isHelpdeskVerb(verb: unknown): verb is HelpdeskVerb {
  return typeof verb === "string" && (HELPDESK_VERB_LIST as readonly string[]).includes(verb);
}

/** The buttons of the channel ticket card, in the order the card shows them. */
export const TICKET_BUTTON_VERBS = [
  HELPDESK_VERBS.ticketAssign,
  HELPDESK_VERBS.ticketVerifyManager,
  HELPDESK_VERBS.ticketVerifyCallback,
  HELPDESK_VERBS.ticketApprove,
  HELPDESK_VERBS.ticketIssue,
  HELPDESK_VERBS.ticketReplaceTap,
  HELPDESK_VERBS.ticketDeleteTap,
  HELPDESK_VERBS.ticketResolve,
  HELPDESK_VERBS.ticketReject,
  HELPDESK_VERBS.ticketRouteSecurity,
] as const;

/** A button the channel ticket card can offer; the helpdesk decides which apply to the ticket's state. */
export type TicketButtonVerb = (typeof TICKET_BUTTON_VERBS)[number];
