// tap_not_me: the subject says they didn't ask for the pass: it is deleted at once and a security ticket goes to the
// channel (once, however often the button is pressed).
import { classifyFailure, failureFields } from "../../errors";
import { openTicket } from "../domain/ticket-machine";
import { openOnce } from "../flows/open";
import type { TicketActionHandler } from "./action";

export const tapNotMe: TicketActionHandler = {
  kind: "ticket",
  audience: "handler",
  onChannelCard: false,
  async handle(ctx, { stored, me }) {
    const t = stored.ticket;
    const p = t.pass;
    if (me.id !== t.subject.id || !p) return ctx.deny(me, "tap_not_me", t, "Only the person the pass was created for can report it.");
    let deleted = p.deletedAt !== undefined;
    if (!deleted) {
      try {
        await ctx.o.directory.deleteTemporaryAccessPass(t.subject.id, p.tapId);
        deleted = true;
      } catch (e) {
        deleted = classifyFailure(e) === "not_found";
        if (!deleted) ctx.o.logger.error({ event: "not_me_delete_failed", ticketId: t.id, ...failureFields(e) }, "could not delete a reported pass");
      }
      if (deleted) {
        const at = ctx.now().toISOString();
        await ctx
          .save(stored, { ...t, pass: { ...p, deletedAt: at, deletedBy: me }, updatedAt: at, history: [...t.history, { at, actor: me, action: "tap_deleted", note: "deleted at once: the person said they didn't ask for it" }] })
          .catch((err: unknown) => ctx.o.logger.warn({ event: "not_me_record_failed", ticketId: t.id, ...failureFields(err) }, "pass deleted but the ticket wasn't updated"));
      }
    }
    const { id: securityId, created } = await openOnce(ctx, `not-me:${t.id}`, (id) => ({
      ...openTicket({ id, kind: "security", origin: "subject_teams_chat", requester: me, requesterConversationId: "", subject: t.subject, diagnosis: { codes: [], evidence: [] } }, ctx.now()),
      securityReason: `${me.displayName} says they didn't ask for the pass issued on ticket ${t.id} by ${p.issuedBy.displayName}. ${deleted ? "The pass was deleted." : "Deleting the pass failed: delete it in Entra now."}`,
    }));
    if (created) {
      await ctx.record({ actor: me, action: "tap_not_me", ticketId: t.id, target: t.subject, result: "success", detail: `security ticket ${securityId}; pass ${deleted ? "deleted" : "NOT deleted"}` });
    }
    return {
      view: { kind: "pass_notice", ticketId: t.id, issuedByName: p.issuedBy.displayName, createdAt: p.issuedAt, validUntil: p.validUntil, isUsableOnce: p.isUsableOnce, alreadyReported: true },
    };
  },
};
