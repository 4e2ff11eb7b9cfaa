// Teams routes of the pass alerts: the alert cards' Action.Execute buttons (the card is updated in place), and the
// alerts commands (setup alerts, remove alerts, scan now) run from teams/commands.ts.
import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { Logger } from "../log";
import { ALERT_VERB_LIST } from "../alerts/verbs";
import type { AlertPlace, AlertService } from "../alerts/service";
import type { AlertActionOutcome } from "../alerts/views";
import { presentAlertView } from "../cards/alerts-present";
import { failureFields, toSafeMessage } from "../errors";
import { answerCardAction } from "./helpdesk-routes";
import { channelDataOf, channelRootReference, placeOf } from "./commands";
import type { TeamsMessenger } from "./messenger";

/** Registers the alert cards' buttons. */
export function addAlertRoutes(app: Application<TurnState>, alerts: AlertService, timeZone: string, logger: Logger): void {
  for (const verb of ALERT_VERB_LIST) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      let out: AlertActionOutcome;
      try {
        out = await alerts.onAction(context.activity.from?.aadObjectId, verb, (data ?? {}) as Record<string, unknown>);
      } catch (err) {
        logger.error({ event: "alert_action_failed", verb, ...failureFields(err) }, "alert card action failed");
        out = { message: toSafeMessage(err) };
      }
      await answerCardAction(context, "view" in out ? { card: presentAlertView(out.view, { timeZone }) } : { message: out.message }, true, logger);
      return "";
    });
  }
}

/** Where an alerts command was written: a channel (its root) or the admin's 1:1 chat. */
export async function alertPlaceOf(context: TurnContext, messenger: TeamsMessenger): Promise<AlertPlace> {
  const a = context.activity;
  const actorName = a.from?.name ?? "a helpdesk admin";
  if (placeOf(a) === "channel") {
    const data = channelDataOf(a);
    const name = data.channel?.name ?? "this channel";
    const reference = channelRootReference(a, name);
    const conversationId = reference.conversation?.id ?? "";
    await messenger.rememberChannel(reference, data.team?.id);
    return { key: `channel:${conversationId}`, destination: { kind: "conversation", conversationId }, place: "channel", name, teamId: data.team?.id, actorName };
  }
  const personId = a.from?.aadObjectId ?? "";
  return { key: `person:${personId}`, destination: { kind: "person", personId }, place: "personal", name: actorName, actorName };
}
