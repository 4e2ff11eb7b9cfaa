// The shape every helpdesk action has: the pipeline (../workflow.ts) authenticates the clicker, reads their live facts
// and loads the ticket; the handler authorizes what is specific to it, decides (pure domain), persists, and answers
// with an outcome. Handlers never render: presenters outside helpdesk/ turn outcomes into cards.
import type { HelpdeskContext, ActionOutcome } from "../context";
import type { PersonFacts, PersonStamp } from "../domain/model";
import type { StoredTicket } from "../repositories/tickets";

/** One click, loaded: the ticket it names and the clicker's facts read live at this click. */
export interface Click {
  stored: StoredTicket;
  /** The clicker's live directory facts (groups, roles, account, risk). */
  actor: PersonFacts;
  /** The clicker as recorded on tickets and in the audit trail. */
  me: PersonStamp;
  /** The button's data, untrusted: only ids and the form's fields are read from it. */
  data: Record<string, unknown>;
}

/** A handler for one verb on a ticket. */
export interface TicketActionHandler {
  readonly kind: "ticket";
  /**
   * "agents": only helpdesk agents, checked by the pipeline before the handler runs. "handler": the handler decides
   * (the requester, the subject, the subject's manager, or an approver who may be a helpdesk admin).
   */
  readonly audience: "agents" | "handler";
  /** A button on the channel ticket card: clicked on another copy, the channel card is brought up to date too. */
  readonly onChannelCard: boolean;
  handle(ctx: HelpdeskContext, click: Click): Promise<ActionOutcome>;
}

/** A handler that only shows the current card (Teams' refresh): no clicker facts are read, nothing changes. */
export interface ViewActionHandler {
  readonly kind: "view";
  view(ctx: HelpdeskContext, actorId: string, data: Record<string, unknown>): Promise<ActionOutcome>;
}

export type ActionHandler = TicketActionHandler | ViewActionHandler;

/** A string field of the button data, when it is one. */
export const textField = (data: Record<string, unknown>, key: string): string | undefined => (typeof data[key] === "string" ? data[key] : undefined);

/** The ticket id a button carries (a lookup key only). */
export const ticketIdOf = (data: Record<string, unknown>): string => textField(data, "ticketId") ?? "";
