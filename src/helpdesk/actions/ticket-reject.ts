// ticket_reject: the agent refuses the request, with a reason.
import { closingAction } from "./close";

export const ticketReject = closingAction("reject");
