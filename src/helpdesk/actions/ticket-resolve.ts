// ticket_resolve: the agent closes the ticket as done, with a note for the requester.
import { closingAction } from "./close";

export const ticketResolve = closingAction("resolve");
