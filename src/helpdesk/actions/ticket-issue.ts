// ticket_issue: "Issue TAP" with the form's start, lifetime and one-time setting. Authorized from facts read at this
// click (prepareIssuance), one claim among concurrent clicks, then Graph creates the pass and its value is handed over.
import { claim, prepareIssuance } from "../flows/issuance";
import { createPass } from "../flows/create";
import type { TicketActionHandler } from "./action";

export const ticketIssue: TicketActionHandler = {
  kind: "ticket",
  audience: "agents",
  onChannelCard: true,
  async handle(ctx, { stored, actor: actorFacts, me: actor, data: form }) {
    const ticket = stored.ticket;
    if (ticket.uncertainPass) return ctx.deny(actor, "issue", ticket, `The last attempt on ticket ${ticket.id} may have created a pass whose value nobody holds. Use "Replace the pass" instead.`);
    const p = await prepareIssuance(ctx, stored, actorFacts, form, "issue");
    if ("outcome" in p) return p.outcome;
    const claimed = await claim(ctx, p.allowed, actor, p.approvals, "issue");
    if ("outcome" in claimed) return claimed.outcome;
    return createPass(ctx, { claimed, actor, subject: p.subject, recipient: p.recipient, requiredApprovals: p.approvals, mode: "issue" }, p.settings);
  },
};
