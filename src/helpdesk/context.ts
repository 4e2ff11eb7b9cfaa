// What every helpdesk step shares: dependencies, live facts, the ticket card, notifications and the audit trail.
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { DirectoryReader, TapIssuer } from "../graph/port";
import type { DocumentStore } from "../store/port";
import { HELPDESK_VERBS as V, type TicketButtonVerb } from "./domain/verbs";
import { ticketStatusText } from "./domain/status-text";
import type { ActionOutcome, IssueFormBounds, RequesterStatus, TicketPanel } from "./outcomes";
import { classifyFailure, failureFields, toSafeMessage, type FailureClass } from "../errors";
import type { Messenger } from "./ports";
import type { AuditEvent, PersonFacts, PersonStamp, Ticket } from "./domain/model";
import { TicketRepository, PassDeliveries, type StoredTicket } from "./repositories/tickets";
import { AuditLog } from "./repositories/audit";
import { readPersonFacts } from "./repositories/people";
import { passActive } from "./domain/ticket-issue";
import { effectiveVerificationStatus } from "./domain/verification";
import { lifetimeBounds } from "./domain/issue-form";
import { CLOSED_STATES } from "./domain/ticket-common";

export interface HelpdeskOptions {
  directory: DirectoryReader & TapIssuer;
  store: DocumentStore;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  agentsGroupId: string;
  adminsGroupId: string;
  /** Zone the helpdesk reads times in (cards, the issue form's start time). */
  timeZone: string;
  /** Minutes after which a pass value is removed from the hand-over message. */
  scrubAfterMinutes: number;
  limits: { perAgentPerHour: number; perSubjectPerDay: number };
}

export type { ActionOutcome } from "./outcomes";

/** Why someone's live facts couldn't be used: what to tell them, the failure's class (e.g. `not_found`), and what was thrown. */
export interface Refusal {
  refusal: string;
  failure: FailureClass;
  cause: unknown;
}

/** Shared machinery for the helpdesk steps. */
export class HelpdeskContext {
  readonly tickets: TicketRepository;
  readonly audit: AuditLog;
  readonly deliveries: PassDeliveries;

  constructor(readonly o: HelpdeskOptions) {
    this.tickets = new TicketRepository(o.store);
    this.audit = new AuditLog(o.store);
    this.deliveries = new PassDeliveries(o.store);
  }

  now(): Date {
    return this.o.clock.now();
  }

  /** Live facts about a person (groups, roles, account, risk). */
  facts(id: string): Promise<PersonFacts> {
    return readPersonFacts(this.o.directory, id);
  }

  /**
   * Facts for the moment a pass is issued, replaced or approved: account, roles and groups read live as always, and
   * risk from the person's own riskyUsers entry read now (the cached tenant-wide list serves triage only).
   */
  freshFacts(id: string): Promise<PersonFacts> {
    return readPersonFacts(this.o.directory, id, { liveRisk: true });
  }

  /**
   * The clicker's live facts, or what to tell them: a person the directory doesn't know is told so; a throttled,
   * forbidden or failing read is logged classified, with its Graph request id, and told as it is ("the directory is busy").
   */
  async actorFacts(id: string): Promise<PersonFacts | Refusal> {
    try {
      return await this.facts(id);
    } catch (err) {
      return this.refusal(err, id, "actor_read_failed", "could not read the clicker's directory facts");
    }
  }

  /** A person's group and role membership, or what to tell them when it couldn't be read (logged). */
  async membership(id: string): Promise<{ groupIds: string[] } | Refusal> {
    try {
      return await this.o.directory.getMembership(id);
    } catch (err) {
      return this.refusal(err, id, "membership_read_failed", "could not read a person's groups");
    }
  }

  private refusal(err: unknown, personId: string, event: string, msg: string): Refusal {
    const failure = classifyFailure(err);
    if (failure === "not_found") return { refusal: "I couldn't find your account in the directory.", failure, cause: err };
    this.o.logger.warn({ event, personId, ...failureFields(err) }, msg);
    return { refusal: toSafeMessage(err), failure, cause: err };
  }

  stampOf(f: Pick<PersonFacts, "id" | "displayName">): PersonStamp {
    return { id: f.id, displayName: f.displayName };
  }

  /** Records one audit event; an audit failure is logged, never shown as a secret-bearing error. */
  async record(event: Omit<AuditEvent, "id" | "at">): Promise<void> {
    try {
      await this.audit.append({ ...event, at: this.now().toISOString() });
    } catch (err) {
      this.o.logger.error({ event: "audit_failed", action: event.action, ...failureFields(err), err }, "could not write the audit trail");
    }
  }

  /** Refuses an action: audited, and the clicker is told why in plain words. */
  async deny(actor: PersonStamp, action: string, ticket: Ticket | undefined, reason: string): Promise<ActionOutcome> {
    await this.record({ actor, action, ticketId: ticket?.id, target: ticket?.subject && { id: ticket.subject.id, displayName: ticket.subject.displayName }, result: "denied", detail: reason });
    this.o.logger.info({ event: "helpdesk_denied", action, ticketId: ticket?.id, actorId: actor.id }, "helpdesk action refused");
    return { message: reason };
  }

  /** The buttons that make sense for the ticket's state (every click is still authorized on the server). */
  available(ticket: Ticket): TicketButtonVerb[] {
    if (CLOSED_STATES.has(ticket.status)) return [];
    if (ticket.status === "open") return [V.ticketAssign, V.ticketReject, V.ticketRouteSecurity];
    const verified = effectiveVerificationStatus(ticket.verification, this.now()) === "confirmed";
    const buttons: TicketButtonVerb[] = [V.ticketAssign];
    if (!verified) buttons.push(V.ticketVerifyManager, V.ticketVerifyCallback);
    // A pass whose create answer was lost is replaced (one click), not issued again next to it.
    if (verified && !passActive(ticket)) buttons.push(V.ticketApprove, ticket.uncertainPass ? V.ticketReplaceTap : V.ticketIssue);
    if (passActive(ticket) || ticket.uncertainPass?.tapId !== undefined) buttons.push(V.ticketDeleteTap);
    buttons.push(V.ticketResolve, V.ticketReject, V.ticketRouteSecurity);
    return buttons;
  }

  /** The shared channel card for the ticket's current state: its buttons, and the issue form's bounds read from today's policy. */
  async ticketPanel(ticket: Ticket): Promise<TicketPanel> {
    const buttons = this.available(ticket);
    let issueForm: IssueFormBounds | undefined;
    if (buttons.includes(V.ticketIssue)) {
      const policy = await this.o.directory.getTapPolicy();
      if (policy.ok) {
        const b = lifetimeBounds(policy.value);
        issueForm = {
          minimumLifetimeInMinutes: b.min,
          maximumLifetimeInMinutes: b.max,
          defaultLifetimeInMinutes: b.defaultValue,
          policyForcesOneTime: policy.value.isUsableOnce,
          managerDeliveryName: ticket.verification?.method === "manager_confirmation" ? ticket.verification.decidedBy?.displayName : undefined,
        };
      } else {
        this.o.logger.warn({ event: "tap_policy_unreadable", ticketId: ticket.id, reason: policy.reason }, "Issue isn't offered: the pass policy couldn't be read");
        buttons.splice(buttons.indexOf(V.ticketIssue), 1);
      }
    }
    const needsSecond = ticket.subjectHoldsRole === true && !ticket.approvals.some((a) => a.kind === "second_agent");
    return { kind: "ticket", ticket, buttons, issueForm, approvalNeeded: needsSecond ? "second_agent" : undefined };
  }

  /** The ticket panel as an action's answer. */
  async showTicket(ticket: Ticket): Promise<ActionOutcome> {
    return { view: await this.ticketPanel(ticket) };
  }

  /** Saves a changed ticket; a concurrent change surfaces as CONFLICT for the caller to answer. */
  async save(stored: StoredTicket, ticket: Ticket): Promise<StoredTicket> {
    const { etag } = await this.tickets.update(ticket.id, stored.etag, ticket);
    return { ticket, etag };
  }

  /** Brings the channel card up to date for everyone (used when the change came from elsewhere, e.g. a manager's answer). */
  async refreshChannelCard(ticket: Ticket): Promise<void> {
    if (!ticket.channelMessage) return;
    try {
      await this.o.messenger.update(ticket.channelMessage, { view: await this.ticketPanel(ticket), summary: `Pass request ${ticket.id}` });
    } catch (err) {
      this.o.logger.warn({ event: "channel_card_update_failed", ticketId: ticket.id, err }, "could not update the channel card");
    }
  }

  /** The requester's view of the ticket. */
  requesterStatus(ticket: Ticket, canWithdraw: boolean): RequesterStatus {
    return { kind: "requester_status", ticket, canWithdraw };
  }

  /** Tells the requester in their 1:1 chat that the ticket's status changed. */
  async notifyRequester(ticket: Ticket): Promise<void> {
    const view = this.requesterStatus(ticket, ticket.status === "open" || ticket.status === "assigned");
    await this.tell(ticket.requester.id, { view, summary: `Your request ${ticket.id}: ${ticketStatusText(ticket)}` });
  }

  /** Sends to a person; delivery problems are logged, not thrown (the ticket itself is already saved). */
  async tell(personId: string, message: Parameters<Messenger["sendToPerson"]>[1]): Promise<boolean> {
    try {
      return (await this.o.messenger.sendToPerson(personId, message)) !== undefined;
    } catch (err) {
      this.o.logger.warn({ event: "notify_failed", personId, ...failureFields(err) }, "could not reach a person");
      return false;
    }
  }
}
