// In-memory fakes behind the helpdesk's ports (directory, messenger) and a workflow built on them, so each action
// handler is tested through the verb table without Teams or HTTP.
/* eslint-disable @typescript-eslint/require-await -- fakes answer at once but implement async ports */
import { FakeClock } from "../../src/clock";
import { createLogger } from "../../src/log";
import { HelpdeskError } from "../../src/errors";
import { MemoryDocumentStore } from "../../src/store/memory";
import type { CreateTapOptions, CreatedTap, DirectoryReader, LiveRisk, TapIssuer, UserSearchResult } from "../../src/graph/port";
import type { Check, DirectoryFacts, Membership, PersonRef, RiskInfo, SubjectUser, TapInfo, TapPolicy } from "../../src/triage/snapshot";
import { HelpdeskWorkflow, type ActionOutcome } from "../../src/helpdesk/workflow";
import type { Messenger, MessageRef, OutgoingMessage } from "../../src/helpdesk/ports";
import { TicketRepository } from "../../src/helpdesk/repositories/tickets";
import { AuditLog } from "../../src/helpdesk/repositories/audit";
import { openTicket } from "../../src/helpdesk/domain/ticket-machine";
import type { Ticket } from "../../src/helpdesk/domain/model";
import { ROLE } from "../../src/helpdesk/domain/entra-roles";

export const AGENTS = "group-agents";
export const ADMINS = "group-admins";

interface FakePerson {
  id: string;
  displayName: string;
  groupIds?: string[];
  roleTemplateIds?: string[];
  managerId?: string;
  mobilePhone?: string;
}

/** The cast: two agents, a subject with a manager and a phone on record, an outsider, a helpdesk admin. */
export const CAST: Record<string, FakePerson> = {
  ana: { id: "ana", displayName: "Ana Agent", groupIds: [AGENTS], roleTemplateIds: [ROLE.authenticationAdministrator] },
  bo: { id: "bo", displayName: "Bo Second", groupIds: [AGENTS], roleTemplateIds: [ROLE.authenticationAdministrator] },
  sam: { id: "sam", displayName: "Sam Subject", managerId: "mia", mobilePhone: "+1 555 0100" },
  mia: { id: "mia", displayName: "Mia Manager" },
  olly: { id: "olly", displayName: "Olly Outsider" },
  xavier: { id: "xavier", displayName: "Xavier Admin", groupIds: [ADMINS] },
};

const POLICY: TapPolicy = {
  state: "enabled",
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  isUsableOnce: true,
  defaultLength: 8,
  includeTargets: [],
  excludeTargets: [],
};

/** A directory that knows the cast and keeps each person's passes (Graph keeps one per person). */
export class FakeHelpdeskDirectory implements DirectoryReader, TapIssuer {
  readonly taps = new Map<string, TapInfo>();
  /** Set to make the next reads of a person fail (e.g. throttled). */
  failReadsWith?: HelpdeskError;
  private seq = 0;

  constructor(private readonly clock: FakeClock) {}

  private person(id: string): FakePerson {
    if (this.failReadsWith) throw this.failReadsWith;
    const p = Object.values(CAST).find((x) => x.id === id);
    if (!p) throw new HelpdeskError("USER_NOT_FOUND", `no person ${id}`, { status: 404 });
    return p;
  }

  readDirectoryFacts(): Promise<DirectoryFacts> {
    return Promise.reject(new Error("not used by the helpdesk"));
  }
  async findUsers(query: string): Promise<UserSearchResult[]> {
    return Object.values(CAST).filter((p) => p.id === query).map((p) => ({ id: p.id, displayName: p.displayName }));
  }
  async getMembership(userId: string): Promise<Membership> {
    const p = this.person(userId);
    return { groupIds: p.groupIds ?? [], roleTemplateIds: p.roleTemplateIds ?? [] };
  }
  async getManager(userId: string): Promise<PersonRef | null> {
    const m = this.person(userId).managerId;
    return m ? { id: m, displayName: this.person(m).displayName } : null;
  }
  async getUser(userId: string): Promise<SubjectUser> {
    const p = this.person(userId);
    return { id: p.id, displayName: p.displayName, userPrincipalName: `${p.id}@contoso.example`, accountEnabled: true, userType: "Member", mobilePhone: p.mobilePhone, businessPhones: [] };
  }
  async getRisk(): Promise<Check<RiskInfo | null>> {
    return { ok: true, value: null };
  }
  async getRiskNow(): Promise<LiveRisk> {
    return { ok: true, value: null };
  }
  async getTapPolicy(): Promise<Check<TapPolicy>> {
    return { ok: true, value: POLICY };
  }
  async createTemporaryAccessPass(userId: string, options: CreateTapOptions = {}): Promise<CreatedTap> {
    const now = this.clock.now();
    const id = `tap-${++this.seq}`;
    const lifetimeInMinutes = options.lifetimeInMinutes ?? 60;
    const isUsableOnce = options.isUsableOnce ?? true;
    this.taps.set(userId, { id, createdAt: now, startsAt: now, lifetimeInMinutes, isUsableOnce, isUsable: true, usabilityReason: "EnabledByPolicy" });
    return { id, value: "Secret-Pass-42", startsAt: now, lifetimeInMinutes, isUsableOnce, requestId: `req-${id}` };
  }
  async deleteTemporaryAccessPass(userId: string, tapId: string): Promise<{ requestId?: string }> {
    if (this.taps.get(userId)?.id !== tapId) throw new HelpdeskError("GRAPH_ERROR", "no such pass", { status: 404 });
    this.taps.delete(userId);
    return { requestId: `req-delete-${tapId}` };
  }
  async listTemporaryAccessPasses(userId: string): Promise<TapInfo[]> {
    const tap = this.taps.get(userId);
    return tap ? [tap] : [];
  }
}

/** A messenger that records what it was asked to send, to whom. */
export class RecordingMessenger implements Messenger {
  readonly sent: { to: string; message: OutgoingMessage }[] = [];
  readonly updated: { ref: MessageRef; message: OutgoingMessage }[] = [];
  private seq = 0;

  async hasHelpdeskChannel(): Promise<boolean> {
    return true;
  }
  async postToHelpdeskChannel(message: OutgoingMessage): Promise<MessageRef> {
    this.sent.push({ to: "channel", message });
    return { conversationId: "channel-conv", activityId: `act-${++this.seq}` };
  }
  async sendToPerson(personId: string, message: OutgoingMessage): Promise<MessageRef> {
    this.sent.push({ to: personId, message });
    return { conversationId: `chat-${personId}`, activityId: `act-${++this.seq}` };
  }
  async update(ref: MessageRef, message: OutgoingMessage): Promise<void> {
    this.updated.push({ ref, message });
  }
  /** What went to one person (or "channel"). */
  to(who: string): OutgoingMessage[] {
    return this.sent.filter((s) => s.to === who).map((s) => s.message);
  }
}

/** A helpdesk workflow over fakes, with a ticket about Sam (requested by Sam) already stored. */
export class HelpdeskHarness {
  readonly clock = new FakeClock("2026-11-28T12:00:00Z");
  readonly store = new MemoryDocumentStore();
  readonly directory = new FakeHelpdeskDirectory(this.clock);
  readonly messenger = new RecordingMessenger();
  readonly tickets = new TicketRepository(this.store);
  readonly audit = new AuditLog(this.store);
  readonly workflow = new HelpdeskWorkflow({
    directory: this.directory,
    store: this.store,
    messenger: this.messenger,
    clock: this.clock,
    logger: createLogger({ level: "silent" }),
    agentsGroupId: AGENTS,
    adminsGroupId: ADMINS,
    timeZone: "UTC",
    scrubAfterMinutes: 20,
    limits: { perAgentPerHour: 5, perSubjectPerDay: 3 },
  });

  /** Stores an open ticket about Sam; returns its id. */
  async openTicket(overrides: Partial<Ticket> = {}): Promise<string> {
    const sam = { id: "sam", displayName: "Sam Subject" };
    const ticket = openTicket(
      { id: "T-ABCDEF", kind: "new_pass", origin: "subject_teams_chat", requester: sam, requesterConversationId: "chat-sam", subject: sam, diagnosis: { codes: ["TAP_EXPIRED"], evidence: [] } },
      this.clock.now(),
    );
    await this.tickets.create({ ...ticket, channelMessage: { conversationId: "channel-conv", activityId: "act-channel" }, ...overrides });
    return ticket.id;
  }

  /** `who` clicks `verb` on the ticket's channel card. */
  click(who: string, verb: string, ticketId: string, more: Record<string, unknown> = {}): Promise<ActionOutcome> {
    return this.workflow.onAction(who, verb, { ticketId, ...more }, { conversationId: "channel-conv", activityId: "act-channel" });
  }

  /** The stored ticket now. */
  async ticket(id: string): Promise<Ticket> {
    const stored = await this.tickets.get(id);
    if (!stored) throw new Error(`no ticket ${id}`);
    return stored.ticket;
  }
}

/** The refusal or message an outcome carries; undefined when it shows a card. */
export const messageOf = (out: ActionOutcome): string | undefined => ("message" in out ? out.message : undefined);
