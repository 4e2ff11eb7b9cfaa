// ticket_route_security: the agent hands the request to security, with the reason shown on the ticket.
import { closingAction } from "./close";

export const ticketRouteSecurity = closingAction("route_security");
