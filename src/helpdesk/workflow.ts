// The helpdesk side as one facade: tickets from escalations, agent actions on the channel card, the requester's and the
// subject's buttons, secret scrubbing, and the audit command. Every click is re-authorized from live directory facts.
import { isHelpdeskError } from "../errors";
import type { EscalationContext, HelpRequest } from "./repositories/requests";
import type { PersonStamp, Ticket } from "./domain/model";
import { isHelpdeskAgent, isHelpdeskAdmin } from "./domain/authorization";
import { runDueScrubs } from "./flows/scrub";
import { auditCommand } from "./flows/audit-command";
import { passCleaner, type PassCleaner } from "./flows/pass-cleanup";
import { AUDIT_TAP_ISSUED } from "./repositories/audit";
import { escalate } from "./flows/open";
import type { StoredTicket } from "./repositories/tickets";
import type { MessageRef } from "./ports";
import { HelpdeskContext, type ActionOutcome, type HelpdeskOptions } from "./context";
import { actionFor } from "./actions";
import { ticketIdOf } from "./actions/action";

export type { ActionOutcome, HelpdeskOptions } from "./context";
export type { PassCleaner, CleanupResult } from "./flows/pass-cleanup";

/** Whether the clicked message is the ticket's channel card itself (an unknown message counts as another copy). */
function isChannelCard(ticket: Ticket, clickedOn: MessageRef | undefined): boolean {
  const channel = ticket.channelMessage;
  if (!channel) return true;
  return clickedOn?.conversationId.split(";messageid=")[0] === channel.conversationId && clickedOn.activityId === channel.activityId;
}

export class HelpdeskWorkflow {
  private readonly ctx: HelpdeskContext;

  constructor(options: HelpdeskOptions) {
    this.ctx = new HelpdeskContext(options);
  }

  /** The zone the helpdesk reads and shows times in (presenters format its views' times in it). */
  get timeZone(): string {
    return this.ctx.o.timeZone;
  }

  /** Opens a ticket for a help request and posts it to the helpdesk channel; undefined when no channel is set up. */
  escalate(request: HelpRequest, triage: EscalationContext): Promise<string | undefined> {
    return escalate(this.ctx, request, triage);
  }

  /**
   * An Action.Execute click on a helpdesk card, routed by the verb table. `data` is untrusted: only ids (and the issue
   * form) are read from it. `clickedOn` is the message that was clicked; when it isn't the channel card (e.g. an agent's
   * own copy), the channel card is brought up to date too.
   */
  async onAction(actorId: string | undefined, verb: string, data: Record<string, unknown>, clickedOn?: MessageRef): Promise<ActionOutcome> {
    const ctx = this.ctx;
    if (!actorId) return { message: "I couldn't tell who clicked. Please use Teams signed in with your work account." };
    const handler = actionFor(verb);
    if (handler?.kind === "view") return handler.view(ctx, actorId, data);
    const actor = await ctx.actorFacts(actorId);
    if ("refusal" in actor) return { message: actor.refusal };
    const me: PersonStamp = ctx.stampOf(actor);
    const stored = await ctx.tickets.get(ticketIdOf(data));
    if (!stored) return ctx.deny(me, verb, undefined, "That ticket doesn't exist (the card may be damaged or from another system).");
    if (!handler) return ctx.deny(me, verb, stored.ticket, "That button isn't one I know.");
    if (handler.audience === "agents" && !isHelpdeskAgent(actor, ctx.o.agentsGroupId)) {
      return ctx.deny(me, verb, stored.ticket, `Only helpdesk agents can act on tickets, and ${me.displayName} isn't one.`);
    }
    try {
      const outcome = await handler.handle(ctx, { stored, actor, me, data });
      if (handler.onChannelCard && "view" in outcome && !isChannelCard(stored.ticket, clickedOn)) await this.refreshChannelIfChanged(stored);
      return outcome;
    } catch (e) {
      if (isHelpdeskError(e) && e.code === "CONFLICT") return ctx.deny(me, verb, stored.ticket, `Ticket ${stored.ticket.id} changed at the same moment. Refresh the card and try again.`);
      throw e;
    }
  }

  /** The click changed the ticket from another copy of its card: the channel card follows. */
  private async refreshChannelIfChanged(before: StoredTicket): Promise<void> {
    const latest = await this.ctx.tickets.get(before.ticket.id);
    if (latest && latest.etag !== before.etag) await this.ctx.refreshChannelCard(latest.ticket);
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
    const actor = actorId ? await ctx.actorFacts(actorId) : undefined;
    if (actor && "refusal" in actor && actor.failure !== "not_found") return [{ message: actor.refusal }];
    if (!actor || "refusal" in actor || !isHelpdeskAgent(actor, ctx.o.agentsGroupId)) return [{ message: "The ticket list is for helpdesk agents." }];
    const open = (await ctx.tickets.listOpen()).filter((t) => t.subject.id !== actor.id).slice(-10);
    if (open.length === 0) return [{ message: "There are no open tickets." }];
    const cards: ActionOutcome[] = [{ message: `${open.length} open ticket${open.length === 1 ? "" : "s"} (oldest first):` }];
    for (const t of open) cards.push({ view: await ctx.ticketPanel(t) });
    return cards;
  }

  /** Which helpdesk groups are configured (an unconfigured group means nobody holds that role). */
  groupsConfigured(): { agents: boolean; admins: boolean } {
    return { agents: this.ctx.o.agentsGroupId !== "", admins: this.ctx.o.adminsGroupId !== "" };
  }

  /**
   * Whether this person may set up or remove the helpdesk channel (read live). A read that failed for any reason but
   * "not in the directory" is not a "no": its error is thrown again (already logged), and the turn's error handler
   * tells the person what happened ("the directory is busy").
   */
  async mayAdministerHelpdesk(actorId: string | undefined): Promise<boolean> {
    if (!actorId) return false;
    const actor = await this.ctx.actorFacts(actorId);
    if ("refusal" in actor && actor.failure !== "not_found") throw actor.cause;
    return !("refusal" in actor) && isHelpdeskAdmin(actor, this.ctx.o.adminsGroupId);
  }

  /** The clicker as someone who may delete passes from alert cards (re-checked per target), or why not. */
  passCleaner(actorId: string | undefined, action?: string): Promise<PassCleaner | { refusal: string }> {
    return passCleaner(this.ctx, actorId, action);
  }

  /** People the bot issued a pass to since a time (from the audit trail: the day partitions since then). */
  async passesIssuedSince(since: Date): Promise<Array<{ userId: string; displayName?: string }>> {
    const events = await this.ctx.audit.since(since);
    const issued = events.filter((e) => e.action === AUDIT_TAP_ISSUED && e.result === "success" && e.target);
    return issued.map((e) => ({ userId: e.target?.id ?? "", displayName: e.target?.displayName }));
  }
}
