// Teams routes of the helpdesk side: Action.Execute buttons, channel setup/removal, uninstall, and the audit command.
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext, type Activity } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { Logger } from "../log";
import { HELPDESK_VERBS, HELPDESK_VERB_LIST } from "../helpdesk/domain/verbs";
import type { ActionOutcome } from "../helpdesk/workflow";
import type { HelpdeskWorkflow } from "../helpdesk/workflow";
import { failureFields, toSafeMessage } from "../errors";
import type { TeamsMessenger } from "./messenger";
import { channelDataOf } from "./commands";
import { presentHelpdeskView } from "../cards/helpdesk-present";
import type { AdaptiveCard } from "../cards/render";
import type { Reply } from "../conversation/reply";

/** A helpdesk outcome as a chat reply: its view presented as a card, or its message as text. */
export function helpdeskReply(out: ActionOutcome, timeZone: string, summary: string): Reply {
  return "view" in out ? { kind: "card", card: presentHelpdeskView(out.view, { timeZone }), summary } : { kind: "text", text: out.message };
}


/** Registers the helpdesk routes on the app. */
export function addHelpdeskRoutes(app: Application<TurnState>, workflow: HelpdeskWorkflow, messenger: TeamsMessenger, logger: Logger, onTeamRemoved: (teamId: string) => Promise<unknown>): void {
  for (const verb of HELPDESK_VERB_LIST) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const a = context.activity;
      let out: ActionOutcome;
      try {
        const clickedOn = a.conversation?.id && a.replyToId ? { conversationId: a.conversation.id, activityId: a.replyToId } : undefined;
        out = await workflow.onAction(a.from?.aadObjectId, verb, (data ?? {}) as Record<string, unknown>, clickedOn);
      } catch (err) {
        logger.error({ event: "helpdesk_action_failed", verb, ...failureFields(err) }, "helpdesk action failed");
        out = { message: toSafeMessage(err) };
      }
      await answerInvoke(context, out, verb !== HELPDESK_VERBS.ticketRefresh, workflow.timeZone, logger);
      return ""; // the invoke response is already sent; teams-ai sends nothing more
    });
  }

  app.activity("installationUpdate", async (context) => {
    const action = (context.activity as Activity & { action?: string }).action ?? "";
    if (action.startsWith("remove")) await clearIfHelpdeskTeam(context);
  });
  app.conversationUpdate("membersRemoved", async (context) => {
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await clearIfHelpdeskTeam(context);
  });

  async function clearIfHelpdeskTeam(context: TurnContext): Promise<void> {
    const current = await messenger.channel();
    const teamId = channelDataOf(context.activity).team?.id;
    if (teamId) await onTeamRemoved(teamId);
    if (current?.teamId && current.teamId === teamId) {
      await messenger.clearChannel();
      logger.warn({ event: "helpdesk_channel_cleared", teamId }, "the bot was removed from the helpdesk team; tickets are no longer posted");
    }
  }
}

/**
 * Answers an Action.Execute ourselves: a new card replaces the clicked message for everyone (a failed edit is logged, the
 * clicker still gets the card), a message is shown to the clicker only. A refresh never edits the message.
 */
async function answerInvoke(context: TurnContext, out: ActionOutcome, editMessage: boolean, timeZone: string, logger: Logger): Promise<void> {
  const card = "view" in out ? presentHelpdeskView(out.view, { timeZone }) : undefined;
  await answerCardAction(context, card !== undefined ? { card } : { message: "message" in out ? out.message : "" }, editMessage, logger);
}

/** The answer to a card button: the card that replaces the clicked one, or a message for the clicker only. */
export async function answerCardAction(context: TurnContext, answer: { card: AdaptiveCard } | { message: string }, editMessage: boolean, logger: Logger): Promise<void> {
  const a = context.activity;
  if ("card" in answer && editMessage && a.replyToId) {
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(answer.card));
    message.id = a.replyToId;
    await context.updateActivity(message).catch((err: unknown) => logger.warn({ event: "card_update_failed", ...failureFields(err) }, "could not update the clicked card"));
  }
  const body =
    "card" in answer
      ? { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: answer.card }
      : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: answer.message };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}
