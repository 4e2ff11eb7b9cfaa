// Conversation references, stored durably through the DocumentStore: where the bot can reach a conversation and a
// person, and which of them are dead (bot removed, blocked, uninstalled) so later sends skip them at once.
import type { Clock } from "../clock";
import type { DocumentStore } from "../store/port";
import type { Destination } from "./port";
import { isHelpdeskError } from "../errors";

/** Conversation id → ConversationRecord (kept under the name earlier versions stored raw references in). */
export const CONVERSATIONS = "conversationRefs";
/** Person (Entra object id) → PersonRecord: their 1:1 chat with the bot. */
export const PEOPLE = "personalConversationRefs";
/** Partition per team id, one row per conversation (channel) of that team: an uninstall from the team kills them all. */
export const TEAM_CONVERSATIONS = "teamConversations";

/** Why and when a conversation (or a person's chat) stopped being reachable. */
export interface DeadMark {
  reason: string;
  at: string;
}

/** One conversation the bot can post to. `R` is the platform's reference (opaque here). */
export interface ConversationRecord<R> {
  conversationId: string;
  reference: R;
  /** The person, for a 1:1 chat. */
  personId?: string;
  /** The team, for a channel. */
  teamId?: string;
  conversationType?: string;
  /** Set when the platform said the bot can't reach it any more, or the app was removed; cleared by the next inbound activity. */
  dead?: DeadMark;
  updatedAt: string;
}

/** A person's 1:1 chat with the bot, or why none can be opened. */
export interface PersonRecord {
  conversationId?: string;
  dead?: DeadMark;
  updatedAt: string;
}

/** Where a conversation lives, as told by an inbound activity. */
export interface ConversationFacts {
  personId?: string;
  teamId?: string;
  conversationType?: string;
}

/** Records written before the repository existed were the bare reference. */
function asConversation<R>(conversationId: string, value: unknown): ConversationRecord<R> {
  const v = value as Partial<ConversationRecord<R>>;
  if (v && typeof v === "object" && "reference" in v && typeof v.updatedAt === "string") return { ...v, conversationId } as ConversationRecord<R>;
  return { conversationId, reference: value as R, updatedAt: "" };
}

function asPerson(value: unknown): PersonRecord {
  const v = value as PersonRecord & { conversation?: { id?: string } };
  if (typeof v.updatedAt === "string") return v;
  return { conversationId: v.conversation?.id, updatedAt: "" };
}

/** Reads and writes conversation references; every write is one document, so the Azure Storage adapter needs nothing new. */
export class ConversationReferences<R> {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  /** Stores where a conversation is (every inbound activity, installs): a dead mark is cleared. */
  async remember(conversationId: string, reference: R, facts: ConversationFacts = {}): Promise<void> {
    const updatedAt = this.clock.now().toISOString();
    const record: ConversationRecord<R> = { conversationId, reference, ...definedOnly(facts), updatedAt };
    await this.store.put(CONVERSATIONS, conversationId, record);
    if (facts.personId) await this.store.put<PersonRecord>(PEOPLE, facts.personId, { conversationId, updatedAt });
    if (facts.teamId) await this.store.putIn(TEAM_CONVERSATIONS, facts.teamId, conversationId, { updatedAt });
  }

  async conversation(conversationId: string): Promise<ConversationRecord<R> | undefined> {
    const found = await this.store.get<unknown>(CONVERSATIONS, conversationId);
    return found && asConversation<R>(conversationId, found.value);
  }

  async person(personId: string): Promise<PersonRecord | undefined> {
    const found = await this.store.get<unknown>(PEOPLE, personId);
    return found && asPerson(found.value);
  }

  /** The conversation a destination lands in, as a pacing key: a person's known 1:1 chat, or `person:<id>` before it exists. */
  async pacingKey(destination: Destination): Promise<string> {
    if (destination.kind === "conversation") return destination.conversationId;
    return (await this.person(destination.personId))?.conversationId ?? `person:${destination.personId}`;
  }

  /** Any known 1:1 conversation, as a template (service URL, bot account) to open a chat with someone new. */
  async anyPersonal(): Promise<ConversationRecord<R> | undefined> {
    const [first] = await this.store.list<unknown>(PEOPLE, { limit: 1 });
    const id = first && asPerson(first.value).conversationId;
    return id ? this.conversation(id) : undefined;
  }

  /** Any known conversation that isn't dead (a channel will do): its service URL and bot account open a 1:1 chat too. */
  async anyAlive(): Promise<ConversationRecord<R> | undefined> {
    const rows = await this.store.list<unknown>(CONVERSATIONS, { limit: 20 });
    return rows.map((r) => asConversation<R>(r.key, r.value)).find((c) => !c.dead);
  }

  /** Marks a conversation dead (and its person's chat, for a 1:1): later sends skip it without calling the platform. */
  async markDead(conversationId: string, reason: string): Promise<void> {
    const mark: DeadMark = { reason, at: this.clock.now().toISOString() };
    const record = await this.update<ConversationRecord<R>>(CONVERSATIONS, conversationId, (value) => ({ ...asConversation<R>(conversationId, value), dead: mark }));
    if (record?.personId) await this.markPersonDead(record.personId, reason, conversationId);
  }

  /** Marks a person unreachable (their chat can't be opened, or the app was removed from it). */
  async markPersonDead(personId: string, reason: string, conversationId?: string): Promise<void> {
    const mark: DeadMark = { reason, at: this.clock.now().toISOString() };
    const updated = await this.update<PersonRecord>(PEOPLE, personId, (value) => ({ ...asPerson(value), dead: mark }));
    if (!updated) await this.store.put<PersonRecord>(PEOPLE, personId, { conversationId, dead: mark, updatedAt: mark.at });
  }

  /** The app was removed from a team: every channel of that team we know of is dead. */
  async markTeamDead(teamId: string, reason: string): Promise<number> {
    const rows = await this.store.queryRange<unknown>(TEAM_CONVERSATIONS, teamId);
    for (const row of rows) await this.markDead(row.key, reason);
    return rows.length;
  }

  /** Read-modify-write with the etag; one retry on a concurrent change. Undefined when nothing is stored. */
  private async update<T>(collection: string, key: string, change: (value: T) => T): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.store.get<T>(collection, key);
      if (!current) return undefined;
      const next = change(current.value);
      try {
        await this.store.put(collection, key, next, { ifMatch: current.etag });
        return next;
      } catch (e) {
        if (attempt > 0 || !(isHelpdeskError(e) && e.code === "CONFLICT")) throw e;
      }
    }
  }
}

function definedOnly(facts: ConversationFacts): ConversationFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined && v !== ""));
}
