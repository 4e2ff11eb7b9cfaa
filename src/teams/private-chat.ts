// A pass problem raised in a team channel or group chat continues in the person's 1:1 chat: the bot opens it
// proactively and runs the same triage there; the shared conversation only hears that (or why not).
import type { TurnContext } from "botbuilder";
import type { Logger } from "../log";
import type { TriageService } from "../conversation/triage-service";
import { PRIVATE_TRIAGE_TEXT } from "../conversation/channel-flow";
import { failureFields, toSafeMessage } from "../errors";
import { sendReplies, sendTyping, senderOf } from "./activity";
import type { TeamsMessenger } from "./messenger";

export interface PrivateTriageDeps {
  triage: TriageService;
  messenger: TeamsMessenger;
  logger: Logger;
}

/** Opens the sender's 1:1 chat and starts the triage there with `text`; tells the shared conversation the outcome. */
export async function continueInPrivate(context: TurnContext, text: string, deps: PrivateTriageDeps): Promise<void> {
  const shared = context.activity;
  if (!shared.from?.aadObjectId) {
    // Without an Entra id there is no pass to look up, and no 1:1 chat to open.
    await context.sendActivity(PRIVATE_TRIAGE_TEXT.couldNotOpen);
    return;
  }
  let opened = false;
  try {
    await deps.messenger.openPersonalChatWith(shared, async (personal) => {
      await personal.sendActivity(PRIVATE_TRIAGE_TEXT.intro);
      opened = true;
      await context.sendActivity(PRIVATE_TRIAGE_TEXT.continuing);
      await runTriage(personal, { ...senderOf(shared), conversationId: personal.activity.conversation.id }, text, deps);
    });
  } catch (err) {
    if (opened) throw err;
    const status = (err as { statusCode?: unknown }).statusCode;
    deps.logger.warn(
      { event: "private_chat_failed", ...failureFields(err), status: typeof status === "number" ? status : undefined },
      "could not open a 1:1 chat for a pass problem raised in a shared conversation",
    );
    await context.sendActivity(PRIVATE_TRIAGE_TEXT.couldNotOpen);
  }
}

/** The 1:1 flow, as if the person had written `text` there; a failure is told in the 1:1, never in the shared conversation. */
async function runTriage(personal: TurnContext, sender: ReturnType<typeof senderOf>, text: string, deps: PrivateTriageDeps): Promise<void> {
  try {
    const replies = await deps.triage.onText(sender, text, () => sendTyping(personal));
    await sendReplies(personal, replies);
  } catch (err) {
    deps.logger.error({ event: "private_triage_failed", ...failureFields(err), err }, "the triage in the private chat failed");
    await personal.sendActivity(toSafeMessage(err));
  }
}
