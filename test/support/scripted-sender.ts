// A MessageSender that answers from a script, on the test's clock, and records every call (who, when, how many at once).
import type { Clock } from "../../src/clock";
import type { DeliveryResult, Destination, MessageRef, MessageSender, OutgoingMessage } from "../../src/messaging/port";

export interface SenderCall {
  kind: "deliver" | "update";
  /** The message's text (tests put the outbox id there). */
  text: string;
  conversationId: string;
  at: number;
}

/** What to answer a call; undefined: delivered. */
export type Script = (call: SenderCall, nth: number) => DeliveryResult | undefined;

export class ScriptedSender implements MessageSender {
  readonly calls: SenderCall[] = [];
  /** Most calls under way at once, overall and into one conversation. */
  maxParallel = 0;
  maxParallelPerConversation = 0;
  private readonly open = new Map<string, number>();
  private running = 0;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    public script: Script = () => undefined,
    /** How long a call takes on the clock (a FakeClock sleep), so calls overlap. */
    private readonly callInMs = 5,
  ) {}

  deliver(destination: Destination, message: OutgoingMessage): Promise<DeliveryResult> {
    const conversationId = destination.kind === "conversation" ? destination.conversationId : `person:${destination.personId}`;
    return this.call("deliver", conversationId, message);
  }

  update(ref: MessageRef, message: OutgoingMessage): Promise<DeliveryResult> {
    return this.call("update", ref.conversationId, message, ref);
  }

  /** Calls for one message id (its text), in order. */
  callsFor(text: string): SenderCall[] {
    return this.calls.filter((c) => c.text === text);
  }

  private async call(kind: SenderCall["kind"], conversationId: string, message: OutgoingMessage, ref?: MessageRef): Promise<DeliveryResult> {
    const call: SenderCall = { kind, text: "text" in message ? message.text : message.summary, conversationId, at: this.clock.now().getTime() };
    this.calls.push(call);
    this.running++;
    this.open.set(conversationId, (this.open.get(conversationId) ?? 0) + 1);
    this.maxParallel = Math.max(this.maxParallel, this.running);
    this.maxParallelPerConversation = Math.max(this.maxParallelPerConversation, this.open.get(conversationId)!);
    try {
      await this.clock.sleep(this.callInMs);
      const nth = this.calls.filter((c) => c.text === call.text).length;
      return this.script(call, nth) ?? { status: "delivered", ref: ref ?? { conversationId, activityId: `act-${++this.seq}` } };
    } finally {
      this.running--;
      this.open.set(conversationId, this.open.get(conversationId)! - 1);
    }
  }
}
