// Proactive messaging on the Bot Connector: the MessageSender (messaging/port.ts) for people and conversations, stored
// conversation references (messaging/references.ts) kept from every inbound activity and marked dead when Teams says
// so or the app is removed, and the helpdesk channel's registration.
import { CardFactory, MessageFactory, TurnContext, type Activity, type ChannelAccount, type ConversationReference } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { DocumentStore } from "../store/port";
import type { AdaptiveCard } from "../cards/render";
import type { DeliveryResult, Destination, MessageRef, MessageSender, OutgoingMessage, View } from "../messaging/port";
import { ConversationReferences, type ConversationRecord } from "../messaging/references";
import { classifyDeliveryError } from "./delivery-errors";
import type { HelpdeskAdapter } from "./endpoint";

const CHANNEL = "helpdeskChannel";
const CHANNEL_KEY = "current";
/** One Bot Connector call may take this long; the outbox's claim (2 min) outlasts it. */
const CALL_TIMEOUT_IN_MS = 30_000;

export type TeamsReference = Partial<ConversationReference>;

export interface HelpdeskChannelRecord {
  reference: TeamsReference;
  channelName: string;
  /** The team the channel belongs to: removing the app from that team disconnects the channel. */
  teamId?: string;
  teamName?: string;
  setUpBy: { id: string; displayName: string };
  setUpAt: string;
}

export interface TeamsMessengerOptions {
  adapter: HelpdeskAdapter;
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  botAppId?: string;
  /** Turns a typed view into its card (cards/present.ts). */
  present: (view: View) => AdaptiveCard;
}

interface TeamsChannelData {
  team?: { id?: string };
}

const teamOf = (a: Partial<Activity>): string | undefined => (a.channelData as TeamsChannelData | undefined)?.team?.id;
const isPersonal = (a: Partial<Activity>): boolean => a.conversation?.conversationType === "personal" || a.conversation?.conversationType === undefined;

/** Why an inbound activity says the bot can no longer post there, if it does (app uninstalled, bot removed). */
export function removalOf(a: Partial<Activity>): string | undefined {
  const action = (a as { action?: string }).action ?? "";
  if (a.type === "installationUpdate" && action.startsWith("remove")) return "the app was removed (installationUpdate remove)";
  const botId = a.recipient?.id;
  if (a.type === "conversationUpdate" && botId && (a.membersRemoved ?? []).some((m) => m.id === botId)) return "the bot was removed from the conversation";
  return undefined;
}

/** Sends proactively through stored references; never throws for a platform answer (see DeliveryResult). */
export class TeamsMessenger implements MessageSender {
  readonly references: ConversationReferences<TeamsReference>;
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly o: TeamsMessengerOptions) {
    this.references = new ConversationReferences<TeamsReference>(o.store, o.clock);
  }

  /** Every inbound activity: remembers where it came from, or marks the conversation dead when it says the app was removed. */
  async observe(activity: Activity): Promise<void> {
    const removal = removalOf(activity);
    if (!removal) return this.remember(activity);
    const teamId = teamOf(activity);
    const conversationId = activity.conversation?.id;
    const killed = teamId ? await this.references.markTeamDead(teamId, removal) : 0;
    if (conversationId) await this.references.markDead(conversationId, removal);
    if (isPersonal(activity) && activity.from?.aadObjectId) await this.references.markPersonDead(activity.from.aadObjectId, removal, conversationId);
    this.o.logger.info({ event: "conversation_dead", conversationId, teamId, conversations: killed, reason: removal }, "the bot can no longer post there");
  }

  /** Remembers where this activity came from (every turn: the serviceUrl can change); a dead mark is cleared. */
  async remember(activity: Activity): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    const conversationId = reference.conversation?.id;
    if (!conversationId) return;
    const personId = isPersonal(activity) ? activity.from?.aadObjectId : undefined;
    await this.references.remember(conversationId, reference, { personId, teamId: teamOf(activity), conversationType: activity.conversation?.conversationType });
  }

  /** Stores a channel's root reference, so the outbox can post there (alerts); its team's removal marks it dead. */
  async rememberChannel(reference: Partial<ConversationReference>, teamId: string | undefined): Promise<void> {
    const id = reference.conversation?.id;
    if (id) await this.references.remember(id, reference, { teamId, conversationType: "channel" });
  }

  async registerChannel(record: HelpdeskChannelRecord): Promise<void> {
    await this.o.store.put(CHANNEL, CHANNEL_KEY, record);
    // Cards posted to the channel root are sent and updated through this reference.
    const id = record.reference.conversation?.id;
    if (id) await this.references.remember(id, record.reference, { teamId: record.teamId, conversationType: "channel" });
  }

  async channel(): Promise<HelpdeskChannelRecord | undefined> {
    return (await this.o.store.get<HelpdeskChannelRecord>(CHANNEL, CHANNEL_KEY))?.value;
  }

  /** Forgets the helpdesk channel (removal command or uninstall from that team). */
  async clearChannel(): Promise<void> {
    await this.o.store.delete(CHANNEL, CHANNEL_KEY);
  }

  async deliver(destination: Destination, message: OutgoingMessage): Promise<DeliveryResult> {
    if (destination.kind === "person") return this.deliverToPerson(destination.personId, message);
    const record = await this.references.conversation(destination.conversationId);
    if (!record) return { status: "rejected", reason: "no stored reference for this conversation (the bot never heard from it)", skipped: true };
    return this.post(record, message);
  }

  async update(ref: MessageRef, message: OutgoingMessage): Promise<DeliveryResult> {
    const record = await this.references.conversation(ref.conversationId);
    if (!record) return { status: "rejected", reason: "no stored reference for this conversation (the bot never heard from it)", skipped: true };
    if (record.dead) return { status: "dead", reason: record.dead.reason, skipped: true };
    const activity = { ...this.activityFor(message, record.reference), id: ref.activityId };
    return this.call(record, async (connector) => {
      await connector.conversations.updateActivity(ref.conversationId, ref.activityId, activity, { timeout: CALL_TIMEOUT_IN_MS });
      return ref;
    });
  }

  /**
   * Opens the 1:1 chat with the sender of `activity` (Teams returns the existing one if there is one) on the same service
   * URL, remembers it, and runs `logic` in it. Throws when the chat can't be created (403: app not installed for them,
   * bot blocked, …).
   */
  async openPersonalChatWith(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const member: ChannelAccount = { id: activity.from.id, name: activity.from.name ?? "", aadObjectId: activity.from.aadObjectId };
    if (!activity.serviceUrl) throw new Error("no service URL to open a 1:1 chat with");
    await this.o.adapter.createConversationAsync(
      this.o.botAppId ?? "",
      activity.channelId ?? "msteams",
      activity.serviceUrl,
      "",
      { isGroup: false, bot: activity.recipient, members: [member], tenantId, channelData: { tenant: { id: tenantId } }, activity: undefined },
      async (context) => {
        await this.remember({ ...context.activity, from: { id: member.id, name: member.name, aadObjectId: member.aadObjectId ?? member.id }, conversation: { ...context.activity.conversation, conversationType: "personal" } });
        await logic(context);
      },
    );
  }

  private async deliverToPerson(personId: string, message: OutgoingMessage): Promise<DeliveryResult> {
    const person = await this.references.person(personId);
    if (person?.dead) return { status: "dead", reason: person.dead.reason, skipped: true };
    const known = person?.conversationId ? await this.references.conversation(person.conversationId) : undefined;
    if (known) return this.post(known, message);
    const created = await this.createPersonalChat(personId);
    return "status" in created ? created : this.post(created, message);
  }

  /** Posts a new message (not a reply) into the conversation. */
  private async post(record: ConversationRecord<TeamsReference>, message: OutgoingMessage): Promise<DeliveryResult> {
    if (record.dead) return { status: "dead", reason: record.dead.reason, skipped: true };
    const activity = this.activityFor(message, record.reference);
    return this.call(record, async (connector) => {
      const sent = await connector.conversations.sendToConversation(record.conversationId, activity, { timeout: CALL_TIMEOUT_IN_MS });
      return { conversationId: record.conversationId, activityId: sent.id ?? "" };
    });
  }

  /** Starts a 1:1 chat with someone who never wrote to the bot, through a known reference's service URL and bot account. */
  private async createPersonalChat(personId: string): Promise<ConversationRecord<TeamsReference> | Exclude<DeliveryResult, { status: "delivered" }>> {
    const template = (await this.channel())?.reference ?? (await this.references.anyPersonal())?.reference ?? (await this.references.anyAlive())?.reference;
    if (!template?.serviceUrl || !template.bot) {
      this.o.logger.warn({ event: "person_unreachable", personId }, "no conversation reference to start a 1:1 chat from");
      return { status: "rejected", reason: "no conversation reference to start a 1:1 chat from (nobody has talked to the bot yet)", skipped: true };
    }
    const tenantId = template.conversation?.tenantId;
    const member: ChannelAccount = { id: personId, name: "", aadObjectId: personId };
    try {
      const connector = await this.connector(template.serviceUrl);
      const params = { isGroup: false, bot: template.bot, members: [member], tenantId, channelData: { tenant: { id: tenantId } }, activity: undefined as unknown as Activity };
      const created = await connector.conversations.createConversation(params, { timeout: CALL_TIMEOUT_IN_MS });
      const reference: TeamsReference = { channelId: template.channelId ?? "msteams", serviceUrl: template.serviceUrl, bot: template.bot, user: member, conversation: { id: created.id, conversationType: "personal", tenantId, isGroup: false, name: "" } };
      await this.references.remember(created.id, reference, { personId, conversationType: "personal" });
      return (await this.references.conversation(created.id)) ?? { status: "rejected", reason: "the new chat's reference was not stored" };
    } catch (err) {
      const failure = classifyDeliveryError(err, this.o.clock.now());
      if (!failure) throw err;
      if (failure.status === "dead") await this.references.markPersonDead(personId, failure.reason);
      return failure;
    }
  }

  /** Runs one connector call and turns a thrown platform answer into a result; a dead answer marks the conversation dead. */
  private async call(record: ConversationRecord<TeamsReference>, fn: (connector: ConnectorClient) => Promise<MessageRef>): Promise<DeliveryResult> {
    try {
      if (!record.reference.serviceUrl) return { status: "rejected", reason: "the stored reference has no service URL", skipped: true };
      return { status: "delivered", ref: await fn(await this.connector(record.reference.serviceUrl)) };
    } catch (err) {
      const failure = classifyDeliveryError(err, this.o.clock.now());
      if (!failure) throw err;
      if (failure.status === "dead") await this.references.markDead(record.conversationId, failure.reason);
      return failure;
    }
  }

  /** One connector per service URL, without the SDK's retries (see HelpdeskAdapter.proactiveConnector). */
  private connector(serviceUrl: string): Promise<ConnectorClient> {
    let found = this.connectors.get(serviceUrl);
    if (!found) {
      found = this.o.adapter.proactiveConnector(this.o.botAppId ?? "", serviceUrl).then(({ client, retriesRemoved }) => {
        if (!retriesRemoved) this.o.logger.warn({ event: "connector_sdk_retries_kept" }, "could not turn off the Bot Framework SDK's own retries; 429 and 5xx may be retried unpaced");
        return client;
      });
      void found.catch(() => this.connectors.delete(serviceUrl));
      this.connectors.set(serviceUrl, found);
    }
    return found;
  }

  private activityFor(message: OutgoingMessage, reference: TeamsReference): Partial<Activity> {
    const activity: Partial<Activity> =
      "text" in message ? MessageFactory.text(message.text) : { ...MessageFactory.attachment(CardFactory.adaptiveCard(this.o.present(message.view))), summary: message.summary };
    // A new message in the conversation, never a reply to whatever activity the reference was taken from.
    return TurnContext.applyConversationReference(activity, { ...reference, activityId: undefined });
  }
}
