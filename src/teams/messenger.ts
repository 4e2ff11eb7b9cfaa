// Proactive messaging on the Bot Framework adapter: stored conversation references, 1:1 creation, in-place updates.
import { CardFactory, MessageFactory, TurnContext, type Activity, type ChannelAccount, type ConversationReference } from "botbuilder";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { DocumentStore } from "../store/port";
import type { Logger } from "../log";
import type { Messenger, MessageRef, OutgoingMessage } from "../helpdesk/ports";
import { presentHelpdeskView } from "../cards/helpdesk-present";

const PEOPLE = "personalConversationRefs";
const CONVERSATIONS = "conversationRefs";
const CHANNEL = "helpdeskChannel";
const CHANNEL_KEY = "current";

export interface HelpdeskChannelRecord {
  reference: Partial<ConversationReference>;
  channelName: string;
  /** The team the channel belongs to: removing the app from that team disconnects the channel. */
  teamId?: string;
  teamName?: string;
  setUpBy: { id: string; displayName: string };
  setUpAt: string;
}

function toActivity(message: OutgoingMessage, timeZone: string): Partial<Activity> {
  if ("text" in message) return MessageFactory.text(message.text);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(presentHelpdeskView(message.view, { timeZone })));
  activity.summary = message.summary;
  return activity;
}

/** Stores conversation references as they arrive and sends proactively through them. */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    private readonly botAppId = "",
    /** The zone helpdesk views show times in when presented as cards. */
    private readonly timeZone = "UTC",
  ) {}

  /** Remembers where this activity came from (every turn: the serviceUrl can change). */
  async remember(activity: Activity): Promise<void> {
    const reference = TurnContext.getConversationReference(activity);
    if (!reference.conversation?.id) return;
    await this.store.put(CONVERSATIONS, reference.conversation.id, reference);
    const personal = activity.conversation?.conversationType === "personal" || activity.conversation?.conversationType === undefined;
    if (personal && activity.from?.aadObjectId) await this.store.put(PEOPLE, activity.from.aadObjectId, reference);
  }

  /** Stores a reference the bot may later send through (a channel's root, for its alerts). */
  async rememberReference(reference: Partial<ConversationReference>): Promise<void> {
    if (reference.conversation?.id) await this.store.put(CONVERSATIONS, reference.conversation.id, reference);
  }

  async registerChannel(record: HelpdeskChannelRecord): Promise<void> {
    await this.store.put(CHANNEL, CHANNEL_KEY, record);
    // Cards posted to the channel root are updated through this reference.
    if (record.reference.conversation?.id) await this.store.put(CONVERSATIONS, record.reference.conversation.id, record.reference);
  }

  async channel(): Promise<HelpdeskChannelRecord | undefined> {
    return (await this.store.get<HelpdeskChannelRecord>(CHANNEL, CHANNEL_KEY))?.value;
  }

  /** Forgets the helpdesk channel (removal command or uninstall from that team). */
  async clearChannel(): Promise<void> {
    await this.store.delete(CHANNEL, CHANNEL_KEY);
  }

  async hasHelpdeskChannel(): Promise<boolean> {
    return (await this.channel()) !== undefined;
  }

  async postToHelpdeskChannel(message: OutgoingMessage): Promise<MessageRef | undefined> {
    const channel = await this.channel();
    if (!channel) return undefined;
    return this.sendThrough(channel.reference, message);
  }

  async sendToPerson(personId: string, message: OutgoingMessage): Promise<MessageRef | undefined> {
    const known = (await this.store.get<Partial<ConversationReference>>(PEOPLE, personId))?.value;
    if (known) return this.sendThrough(known, message);
    return this.createPersonalChat(personId, message);
  }

  async update(ref: MessageRef, message: OutgoingMessage): Promise<void> {
    const reference = (await this.store.get<Partial<ConversationReference>>(CONVERSATIONS, ref.conversationId))?.value;
    if (!reference) throw new Error(`no conversation reference for ${ref.conversationId}`);
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.updateActivity({ ...toActivity(message, this.timeZone), id: ref.activityId, conversation: context.activity.conversation });
    });
  }

  private async sendThrough(reference: Partial<ConversationReference>, message: OutgoingMessage): Promise<MessageRef | undefined> {
    let ref: MessageRef | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      const sent = await context.sendActivity(toActivity(message, this.timeZone));
      if (sent?.id && context.activity.conversation?.id) ref = { conversationId: context.activity.conversation.id, activityId: sent.id };
    });
    return ref;
  }

  /**
   * Opens the 1:1 chat with the sender of `activity` (Teams returns the existing one if there is one) on the same service
   * URL, remembers it, and runs `logic` in it. Throws when the chat can't be created (403: app not installed for them,
   * bot blocked, …).
   */
  async openPersonalChatWith(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const template: Partial<ConversationReference> = { serviceUrl: activity.serviceUrl, channelId: activity.channelId, bot: activity.recipient, conversation: { tenantId } as ConversationReference["conversation"] };
    await this.openPersonal(template, { id: activity.from.id, name: activity.from.name ?? "", aadObjectId: activity.from.aadObjectId }, logic);
  }

  /** Starts a 1:1 chat with someone who never wrote to the bot, through any known reference's service URL. */
  private async createPersonalChat(personId: string, message: OutgoingMessage): Promise<MessageRef | undefined> {
    const template = (await this.channel())?.reference ?? (await this.store.list<Partial<ConversationReference>>(PEOPLE, { limit: 1 }))[0]?.value;
    if (!template?.serviceUrl || !template.bot) {
      this.logger.warn({ event: "person_unreachable", personId }, "no conversation reference to start a 1:1 chat from");
      return undefined;
    }
    let ref: MessageRef | undefined;
    await this.openPersonal(template, { id: personId, name: "", aadObjectId: personId }, async (context) => {
      const sent = await context.sendActivity(toActivity(message, this.timeZone));
      if (sent?.id) ref = { conversationId: context.activity.conversation.id, activityId: sent.id };
    });
    return ref;
  }

  /** Bot Connector: POST {serviceUrl}/v3/conversations with the one member, then `logic` in the new chat. */
  private async openPersonal(template: Partial<ConversationReference>, member: ChannelAccount, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!template.serviceUrl || !template.bot) throw new Error("no service URL or bot account to open a 1:1 chat with");
    const tenantId = template.conversation?.tenantId;
    await this.adapter.createConversationAsync(
      this.botAppId,
      template.channelId ?? "msteams",
      template.serviceUrl,
      "",
      { isGroup: false, bot: template.bot, members: [member], tenantId, channelData: { tenant: { id: tenantId } }, activity: undefined },
      async (context) => {
        const personId = member.aadObjectId ?? member.id;
        await this.remember({ ...context.activity, from: { id: member.id, name: member.name, aadObjectId: personId }, conversation: { ...context.activity.conversation, conversationType: "personal" } });
        await logic(context);
      },
    );
  }
}
