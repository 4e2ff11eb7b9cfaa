// What the helpdesk needs from the chat platform, without knowing it is Teams (or that messages become cards).
import type { OutgoingMessage } from "./outcomes";

export type { OutgoingMessage } from "./outcomes";

/** Where a posted message lives, so it can be updated in place. */
export interface MessageRef {
  conversationId: string;
  activityId: string;
}

/** Posts and updates messages proactively (outside the turn that caused them). */
export interface Messenger {
  /** Whether a helpdesk channel has been set up. */
  hasHelpdeskChannel(): Promise<boolean>;
  /** Posts to the helpdesk channel; undefined when none is set up. */
  postToHelpdeskChannel(message: OutgoingMessage): Promise<MessageRef | undefined>;
  /** Sends to a person's 1:1 chat with the bot (creating it when needed); undefined when they can't be reached. */
  sendToPerson(personId: string, message: OutgoingMessage): Promise<MessageRef | undefined>;
  /** Replaces a message the bot posted earlier. */
  update(ref: MessageRef, message: OutgoingMessage): Promise<void>;
}
