// Sending to people and conversations outside the turn that caused it, without knowing it is Teams. Implemented by
// teams/messenger.ts; the outbox (./outbox.ts) sends through it with pacing and retries.

/** Where a posted message lives, so it can be updated in place. */
export interface MessageRef {
  conversationId: string;
  activityId: string;
}

/** A typed view a presenter (cards/) turns into a card; `kind` tells which presenter. Never holds a pass value unless it is the hand-over itself. */
export interface View {
  kind: string;
}

/** What is sent: a view with its notification summary, or plain text. */
export type OutgoingMessage<V extends View = View> = { view: V; summary: string } | { text: string };

/** Where a message goes: a person's 1:1 chat (created when needed) or a known conversation (channel, group, 1:1). */
export type Destination = { kind: "person"; personId: string } | { kind: "conversation"; conversationId: string };

/**
 * What the platform answered. `dead`: the conversation can't be reached any more (bot removed, blocked, disabled by
 * admin, conversation gone) — never retry, the reference is marked dead. `retry`: throttled (afterMs from Retry-After)
 * or a passing failure (412, 502, 503, 504, network) — try again later with backoff. `rejected`: this one message was
 * refused for a reason retrying won't change (400 payload, 413 too big, 500, 401 bot not registered, an update of a
 * message that is gone); the conversation itself is fine, so its reference stays alive. `code` is the platform's error
 * code when it gave one (e.g. "BotNotInConversationRoster", "ActivityNotFoundInConversation"). `skipped`: answered from
 * what is already known (a conversation marked dead, no stored reference) without calling the platform, so it doesn't
 * count against any rate.
 */
export type DeliveryResult =
  | { status: "delivered"; ref: MessageRef }
  | { status: "dead"; reason: string; httpStatus?: number; code?: string; skipped?: true }
  | { status: "retry"; reason: string; httpStatus?: number; afterMs?: number; code?: string }
  | { status: "rejected"; reason: string; httpStatus?: number; code?: string; skipped?: true };

/** Sends once, and says what happened; never throws for a platform answer (only for programming errors). */
export interface MessageSender {
  deliver(destination: Destination, message: OutgoingMessage): Promise<DeliveryResult>;
  update(ref: MessageRef, message: OutgoingMessage): Promise<DeliveryResult>;
}

/** One message waiting in the durable outbox. The id makes enqueueing idempotent (the same alert twice is one message). */
export interface OutboxMessage {
  id: string;
  destination: Destination;
  message: OutgoingMessage;
  /** Optional: update this earlier message in place instead of posting (falls back to posting when it is gone). */
  replaces?: MessageRef;
}

/** Where an outbox message ended. */
export type OutboxOutcome =
  | { id: string; status: "delivered"; ref: MessageRef; at: string }
  | { id: string; status: "undeliverable"; reason: string; at: string };

/** Durable, paced sending: at least once and at most once per id, across restarts. */
export interface Outbox {
  enqueue(messages: OutboxMessage[]): Promise<void>;
  /** Where a message ended, once it has. */
  outcome(id: string): Promise<OutboxOutcome | undefined>;
  /** Messages given up as undeliverable, with the reason, in the order they were queued (`since`: ISO time they were queued). */
  undeliverable(options?: { since?: string; limit?: number }): Promise<Extract<OutboxOutcome, { status: "undeliverable" }>[]>;
}
