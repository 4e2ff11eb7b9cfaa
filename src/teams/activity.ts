// Reading who sent an activity and turning product replies into Teams activities.
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from "botbuilder";
import type { Reply } from "../conversation/reply";
import type { Sender } from "../conversation/state";

interface ClientInfoEntity {
  type?: string;
  timezone?: string;
}

/** The sender as Teams reports it on the activity itself; card data is never consulted. */
export function senderOf(activity: Activity): Sender {
  const entities = (activity.entities ?? []) as ClientInfoEntity[];
  const clientInfo = entities.find((e) => e.type === "clientInfo");
  return {
    aadObjectId: activity.from?.aadObjectId || undefined,
    name: activity.from?.name || undefined,
    conversationId: activity.conversation?.id ?? "",
    timeZone: clientInfo?.timezone ?? activity.localTimezone ?? undefined,
  };
}

/** Sends product replies in order. */
export async function sendReplies(context: TurnContext, replies: Reply[]): Promise<void> {
  for (const reply of replies) {
    if (reply.kind === "text") {
      await context.sendActivity(MessageFactory.text(reply.text));
    } else {
      const message = MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
      message.summary = reply.summary;
      await context.sendActivity(message);
    }
  }
}

/** Shows the typing indicator while slow work runs. */
export async function sendTyping(context: TurnContext): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Typing });
}

/** True for 1:1 chats with the bot. */
export function isPersonal(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === "personal";
}
