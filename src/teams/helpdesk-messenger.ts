// The helpdesk's Messenger (helpdesk/ports.ts) over the MessageSender: someone is waiting on these sends, so a
// throttled or passing failure is tried again briefly here (the SDK's own retries are off), and failures throw.
import type { Clock } from "../clock";
import { HelpdeskError } from "../errors";
import type { Messenger, MessageRef, OutgoingMessage } from "../helpdesk/ports";
import type { DeliveryResult } from "../messaging/port";
import type { TeamsMessenger } from "./messenger";

/** Tries after a retry answer, and the longest wait worth making a person wait (a longer Retry-After fails the send). */
const TRIES = 3;
const LONGEST_WAIT_IN_MS = 5_000;
const BASE_WAIT_IN_MS = 500;

export class HelpdeskMessenger implements Messenger {
  constructor(
    private readonly teams: TeamsMessenger,
    private readonly clock: Clock,
  ) {}

  async hasHelpdeskChannel(): Promise<boolean> {
    return (await this.teams.channel()) !== undefined;
  }

  async postToHelpdeskChannel(message: OutgoingMessage): Promise<MessageRef | undefined> {
    const id = (await this.teams.channel())?.reference.conversation?.id;
    if (!id) return undefined;
    return delivered(await this.withRetries(() => this.teams.deliver({ kind: "conversation", conversationId: id }, message)), "post to the helpdesk channel");
  }

  /** Undefined when the person can't be reached (app not installed for them, bot blocked); throws on other failures. */
  async sendToPerson(personId: string, message: OutgoingMessage): Promise<MessageRef | undefined> {
    const result = await this.withRetries(() => this.teams.deliver({ kind: "person", personId }, message));
    return result.status === "dead" ? undefined : delivered(result, "send to a person");
  }

  async update(ref: MessageRef, message: OutgoingMessage): Promise<void> {
    delivered(await this.withRetries(() => this.teams.update(ref, message)), "update a message");
  }

  private async withRetries(send: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await send();
      if (result.status !== "retry" || attempt >= TRIES) return result;
      const wait = result.afterMs ?? BASE_WAIT_IN_MS * 2 ** (attempt - 1);
      if (wait > LONGEST_WAIT_IN_MS) return result;
      await this.clock.sleep(wait);
    }
  }
}

function delivered(result: DeliveryResult, what: string): MessageRef {
  if (result.status === "delivered") return result.ref;
  throw new HelpdeskError("NOT_DELIVERED", `could not ${what}: ${result.reason}`, { status: result.httpStatus });
}
