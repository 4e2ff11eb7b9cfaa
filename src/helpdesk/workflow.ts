// The helpdesk side as one facade: tickets from escalations, agent actions on the channel card, the requester's and the
// subject's buttons, secret scrubbing, and the audit command. Every click is re-authorized from live directory facts.
import { HELPDESK_VERBS } from "../cards/helpdesk-verbs";
import { renderRequesterStatusCard } from "../cards/helpdesk-requester-status";
import { ticketStatusText } from "../cards/ticket-text";
import { isHelpdeskError } from "../errors";
import type { HelpRequest } from "./requests";
import type { TriageState } from "../conversation/state";
import type { PersonStamp, TicketAction } from "./model";
import { decideAssign, isAgent, isHelpdeskAdmin } from "./authorization";
import { handedOver, runDueScrubs } from "./workflow-scrub";
import { auditCommand } from "./workflow-audit";
import { escalate, reportNotMe } from "./workflow-open";
import { applyAction } from "./ticket-machine";
import type { StoredTicket } from "./tickets";
import type { MessageRef } from "./ports";
import { HelpdeskContext, type ActionOutcome, type HelpdeskOptions } from "./workflow-context";
import { managerAnswers, sendCallbackNumbers, verifyViaCallback, verifyViaManager } from "./workflow-verify";
import { issuePass } from "./workflow-issue";
import { approve } from "./workflow-approve";
import { deletePass } from "./workflow-delete";
import { replacePass } from "./workflow-replace";

export type { ActionOutcome, HelpdeskOptions } from "./workflow-context";

const CLOSING: Partial<Record<string, TicketAction>> = {
  [HELPDESK_VERBS.ticketResolve]: "resolve",
  [HELPDESK_VERBS.ticketReject]: "reject",
  [HELPDESK_VERBS.ticketRouteSecurity]: "route_security",
};

const text = (data: Record<string, unknown>, key: string): string | undefined => (typeof data[key] === "string" ? data[key] : undefined);

export class HelpdeskWorkflow {
  private readonly ctx: HelpdeskContext;

  constructor(options: HelpdeskOptions) {
    this.ctx = new HelpdeskContext(options);
  }

  /** Opens a ticket for a help request and posts it to the helpdesk channel; undefined when no channel is set up. */
  escalate(request: HelpRequest, triage: TriageState): Promise<string | undefined> {
    return escalate(this.ctx, request, triage);
  }

  /**
   * An Action.Execute click on a helpdesk card. `data` is untrusted: only the ticket id is read from it, as a lookup key.
   * `clickedOn` is the message that was clicked; when it isn't the channel card (e.g. an agent's own copy), the channel
   * card is brought up to date too.
   */
  async onAction(actorId: string | undefined, verb: string, data: Record<string, unknown>, clickedOn?: MessageRef): Promise<ActionOutcome> {
    const ctx = this.ctx;
    if (!actorId) return { message: "I couldn't tell who clicked. Please use Teams signed in with your work account." };
    if (verb === HELPDESK_VERBS.ticketRefresh) return this.refresh(actorId, data);
    const actor = await ctx.facts(actorId).catch(() => undefined);
    if (!actor) return { message: "I couldn't find your account in the directory." };
    const me: PersonStamp = ctx.stampOf(actor);
    const stored = await ctx.tickets.get(typeof data.ticketId === "string" ? data.ticketId : "");
    if (!stored) return ctx.deny(me, verb, undefined, "That ticket doesn't exist (the card may be damaged or from another system).");
    try {
      const outcome = await this.dispatch(stored, actor, me, verb, data);
      const channel = stored.ticket.channelMessage;
      const elsewhere = channel && (clickedOn?.conversationId.split(";messageid=")[0] !== channel.conversationId || clickedOn.activityId !== channel.activityId);
      // Agent buttons only: the manager's answer and the requester's withdrawal refresh the channel card themselves.
      const agentVerb = verb.startsWith("ticket_") && verb !== HELPDESK_VERBS.ticketRefresh && verb !== HELPDESK_VERBS.ticketWithdraw;
      if ("card" in outcome && elsewhere && agentVerb) {
        const latest = await ctx.tickets.get(stored.ticket.id);
        if (latest && latest.etag !== stored.etag) await ctx.refreshChannelCard(latest.ticket);
      }
      return outcome;
    } catch (e) {
      if (isHelpdeskError(e) && e.code === "CONFLICT") return ctx.deny(me, verb, stored.ticket, `Ticket ${stored.ticket.id} changed at the same moment. Refresh the card and try again.`);
      throw e;
    }
  }

  /** Teams asks for the current card (shown to whoever views it): the requester, the subject, or an agent. One Graph read at most. */
  private async refresh(actorId: string, data: Record<string, unknown>): Promise<ActionOutcome> {
    const stored = await this.ctx.tickets.get(typeof data.ticketId === "string" ? data.ticketId : "");
    if (!stored) return { message: "That ticket doesn't exist." };
    const t = stored.ticket;
    const involved = actorId === t.requester.id || actorId === t.subject.id;
    const agent = involved || (await this.ctx.o.directory.getMembership(actorId).catch(() => undefined))?.groupIds.includes(this.ctx.o.agentsGroupId);
    return agent ? { card: await this.ctx.ticketCard(t) } : { message: "Only the helpdesk and the people on the ticket can see it." };
  }

  private async dispatch(stored: StoredTicket, actor: Awaited<ReturnType<HelpdeskContext["facts"]>>, me: PersonStamp, verb: string, data: Record<string, unknown>): Promise<ActionOutcome> {
    const ctx = this.ctx;
    const ticket = stored.ticket;
    switch (verb) {
      case HELPDESK_VERBS.ticketWithdraw:
        return this.withdraw(stored, me);
      case HELPDESK_VERBS.verifyConfirm:
      case HELPDESK_VERBS.verifyDeny:
        return managerAnswers(ctx, stored, me, verb === HELPDESK_VERBS.verifyConfirm);
      case HELPDESK_VERBS.tapNotMe:
        return reportNotMe(ctx, stored, me);
      case HELPDESK_VERBS.tapHandedOver:
        return handedOver(ctx, stored, me, text(data, "deliveryId"));
    }
    // Approve decides for itself: a second agent, or a helpdesk admin lifting a limit (who needn't be an agent).
    if (verb === HELPDESK_VERBS.ticketApprove) return approve(ctx, stored, actor);
    // Everything else is an agent action on the channel card.
    if (!isAgent(actor, ctx.o.agentsGroupId)) return ctx.deny(me, verb, ticket, `Only helpdesk agents can act on tickets, and ${me.displayName} isn't one.`);
    switch (verb) {
      case HELPDESK_VERBS.ticketAssign: {
        const decision = decideAssign(actor, ticket, { agentsGroupId: ctx.o.agentsGroupId });
        if (!decision.allowed) return ctx.deny(me, "assign", ticket, decision.reason);
        const result = applyAction(ticket, "assign", me, ctx.now());
        if (!result.ok) return ctx.deny(me, "assign", ticket, result.reason);
        if (!result.changed) return { card: await ctx.ticketCard(ticket) };
        const saved = await ctx.save(stored, result.ticket);
        await ctx.record({ actor: me, action: "assign", ticketId: ticket.id, target: ticket.subject, result: "success" });
        await sendCallbackNumbers(ctx, saved, me);
        await ctx.notifyRequester(saved.ticket);
        return { card: await ctx.ticketCard(saved.ticket) };
      }
      case HELPDESK_VERBS.ticketVerifyManager:
        return verifyViaManager(ctx, stored, me);
      case HELPDESK_VERBS.ticketVerifyCallback:
        return verifyViaCallback(ctx, stored, me);
      case HELPDESK_VERBS.ticketIssue:
        return issuePass(ctx, stored, actor, data);
      case HELPDESK_VERBS.ticketDeleteTap:
        return deletePass(ctx, stored, actor);
      case HELPDESK_VERBS.ticketReplaceTap:
        return replacePass(ctx, stored, actor);
    }
    const closing = CLOSING[verb];
    if (!closing) return ctx.deny(me, verb, ticket, "That button isn't one I know.");
    const note = text(data, "note") ?? text(data, "reason");
    const result = applyAction(ticket, closing, me, ctx.now(), { note, securityReason: closing === "route_security" ? note : undefined });
    if (!result.ok) return ctx.deny(me, closing, ticket, result.reason);
    const saved = await ctx.save(stored, result.ticket);
    await ctx.record({ actor: me, action: closing, ticketId: ticket.id, target: ticket.subject, result: "success", detail: note });
    await ctx.notifyRequester(saved.ticket);
    return { card: await ctx.ticketCard(saved.ticket) };
  }

  private async withdraw(stored: StoredTicket, me: PersonStamp): Promise<ActionOutcome> {
    const ctx = this.ctx;
    const result = applyAction(stored.ticket, "withdraw", me, ctx.now());
    if (!result.ok) return ctx.deny(me, "withdraw", stored.ticket, result.reason);
    const saved = await ctx.save(stored, result.ticket);
    await ctx.record({ actor: me, action: "withdraw", ticketId: saved.ticket.id, target: saved.ticket.subject, result: "success" });
    await ctx.refreshChannelCard(saved.ticket);
    const t = saved.ticket;
    return { card: renderRequesterStatusCard({ ticketId: t.id, status: t.status, statusText: ticketStatusText(t), subjectName: t.subject.displayName, canWithdraw: false }) };
  }

  /** Removes pass values whose time is up from the hand-over messages (durable: survives restarts). */
  runDueScrubs(): Promise<number> {
    return runDueScrubs(this.ctx);
  }

  /** "audit", "audit <person>", "audit export": helpdesk admins only. */
  auditCommand(actorId: string | undefined, args: string): Promise<ActionOutcome> {
    return auditCommand(this.ctx, actorId, args);
  }

  /** "tickets" in an agent's 1:1 chat: the open tickets as cards they can work from there (their own queue view). */
  async openTicketsFor(actorId: string | undefined): Promise<ActionOutcome[]> {
    const ctx = this.ctx;
    const actor = actorId ? await ctx.facts(actorId).catch(() => undefined) : undefined;
    if (!actor || !isAgent(actor, ctx.o.agentsGroupId)) return [{ message: "The ticket list is for helpdesk agents." }];
    const open = (await ctx.tickets.listOpen()).filter((t) => t.subject.id !== actor.id).slice(-10);
    if (open.length === 0) return [{ message: "There are no open tickets." }];
    const cards: ActionOutcome[] = [{ message: `${open.length} open ticket${open.length === 1 ? "" : "s"} (oldest first):` }];
    for (const t of open) cards.push({ card: await ctx.ticketCard(t) });
    return cards;
  }

  /** Which helpdesk groups are configured (an unconfigured group means nobody holds that role). */
  groupsConfigured(): { agents: boolean; admins: boolean } {
    return { agents: this.ctx.o.agentsGroupId !== "", admins: this.ctx.o.adminsGroupId !== "" };
  }

  /** Whether this person may set up or remove the helpdesk channel (read live). */
  async mayAdministerHelpdesk(actorId: string | undefined): Promise<boolean> {
    if (!actorId) return false;
    const actor = await this.ctx.facts(actorId).catch(() => undefined);
    return actor !== undefined && isHelpdeskAdmin(actor, this.ctx.o.adminsGroupId);
  }
}
