// Routes Teams activities to the conversation layer. Handlers stay thin: read the activity, call the domain, send.
import { ActivityTypes, type TurnContext } from "botbuilder";
import { Application, TurnState, type TeamsAdapter } from "@microsoft/teams-ai";
import type { Logger } from "../log";
import type { TriageService } from "../conversation/triage-service";
import { failureFields, toSafeMessage } from "../errors";
import { isPersonal, sendReplies, sendTyping, senderOf } from "./activity";
import type { HelpdeskWorkflow } from "../helpdesk/workflow";
import type { TeamsMessenger } from "./messenger";
import { addHelpdeskRoutes } from "./helpdesk-routes";
import { runCommand } from "./commands";
import { addAlertRoutes } from "./alert-routes";
import type { AlertService } from "../alerts/service";
import type { SetupCheck } from "../setup/service";
import { channelHelpText, parseCommand } from "../conversation/commands";
import { continueInPrivate } from "./private-chat";
import { routeSharedMessage } from "../conversation/channel-flow";
import { CARD_VERBS, DIAGNOSIS_VERBS } from "../cards/render";

export interface TeamsAppOptions {
  adapter: TeamsAdapter;
  botAppId?: string;
  triage: TriageService;
  helpdesk: HelpdeskWorkflow;
  alerts: AlertService;
  setupCheck: SetupCheck;
  messenger: TeamsMessenger;
  logger: Logger;
  /**
   * With inbound authentication on, only Teams traffic from our tenant is served: other Bot Framework channels let the
   * client choose the user id, so an identity there proves nothing about Entra.
   */
  inbound?: { requireTeams: boolean; tenantId?: string };
}

const MAX_TEXT = 4000;

/** Builds the teams-ai Application with every route of the bot. */
export function createTeamsApp(options: TeamsAppOptions): Application<TurnState> {
  const { triage, helpdesk, alerts, messenger, logger } = options;
  const app = new Application<TurnState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  // Every turn refreshes where the bot can reach this conversation and this person (the serviceUrl can change).
  app.turn("beforeTurn", (context) => admitTurn(context, options));

  addHelpdeskRoutes(app, helpdesk, messenger, logger, (teamId) => alerts.forgetTeam(teamId));
  addAlertRoutes(app, alerts, helpdesk.timeZone, logger);

  app.adaptiveCards.actionSubmit(CARD_VERBS.answer, async (context, _state, data) => {
    const replies = await triage.onAnswer(senderOf(context.activity), data, () => sendTyping(context));
    await sendReplies(context, replies);
  });

  for (const verb of DIAGNOSIS_VERBS) {
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      await sendReplies(context, await triage.onDiagnosisAction(senderOf(context.activity), verb, data));
    });
  }

  app.conversationUpdate("membersAdded", async (context) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (botAdded && isPersonal(context.activity)) await sendReplies(context, await triage.welcomeOnce(senderOf(context.activity)));
  });

  app.activity(ActivityTypes.Message, async (context) => onMessage(context, options));

  // Invokes nobody handles (an old card's Action.Execute, features we don't offer): a clear answer, not a 501.
  app.activity(ActivityTypes.Invoke, async (context) => {
    const isCardAction = context.activity.name === "adaptiveCard/action";
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: isCardAction
        ? { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "That button isn't available any more. Tell me in the chat what's happening." } }
        : { status: 400, body: { error: `Unsupported invoke: ${String(context.activity.name ?? "").slice(0, 64)}` } },
    });
  });

  // The only turn-error handler (teams-ai installs it as the adapter's onTurnError): a safe sentence, never internals.
  app.error((context, error) => answerTurnError(context, error, logger));

  return app;
}

/** Whether a turn is served at all (Teams only and our tenant, when authenticated); remembers where it came from. */
async function admitTurn(context: TurnContext, options: TeamsAppOptions): Promise<boolean> {
  const { messenger, logger } = options;
  const a = context.activity;
  const tenant = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (options.inbound?.requireTeams && a.channelId !== "msteams") {
    logger.warn({ event: "channel_refused", channelId: a.channelId }, "ignored an activity from a channel other than Teams");
    return false;
  }
  if (options.inbound?.tenantId && tenant !== options.inbound.tenantId) {
    logger.warn({ event: "tenant_refused", tenant }, "ignored an activity from another tenant");
    return false;
  }
  // Installs and every message refresh the reference (a dead mark is cleared); an uninstall or removal marks it dead.
  await messenger.observe(context.activity).catch((err: unknown) => logger.warn({ event: "remember_failed", ...failureFields(err) }, "could not store the conversation reference"));
  return true;
}

/** A message: a command, a pass problem to take private, or the triage in the 1:1 chat. */
async function onMessage(context: TurnContext, options: TeamsAppOptions): Promise<void> {
  const { triage, helpdesk, alerts, setupCheck, messenger, logger } = options;
  const activity = context.activity;
  const raw = typeof activity.text === "string" ? activity.text : "";
  if (!raw.trim() && activity.value !== undefined) {
    // A card submit we don't know (old card, garbage data): answer politely instead of failing.
    await context.sendActivity("I couldn't use that button's data. Tell me what's happening and I'll check again.");
    return;
  }
  const command = parseCommand(raw);
  if (command) {
    await runCommand(context, command, { helpdesk, alerts, setupCheck, messenger, logger });
    return;
  }
  if (!isPersonal(activity) && routeSharedMessage(raw) === "private_triage") {
    await continueInPrivate(context, raw.slice(0, MAX_TEXT), { triage, messenger, logger });
    return;
  }
  if (activity.conversation?.conversationType === "channel") {
    await context.sendActivity(channelHelpText());
    return;
  }
  if (!isPersonal(activity)) {
    await context.sendActivity("To keep your sign-in details private, please message me in a 1:1 chat about pass problems.");
    return;
  }
  const note = raw.length > MAX_TEXT ? "That's a long message, so I read the first part of it." : undefined;
  const replies = await triage.onText(senderOf(activity), raw.slice(0, MAX_TEXT), () => sendTyping(context));
  if (note) await context.sendActivity(note);
  await sendReplies(context, replies);
}

/** Tells the person a turn failed, in a safe sentence (for an invoke, as its response). */
async function answerTurnError(context: TurnContext, error: Error, logger: Logger): Promise<void> {
  logger.error({ event: "turn_failed", ...failureFields(error), activityType: context.activity.type }, "turn failed");
  try {
    if (context.activity.type === "invoke") {
      const body = { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: toSafeMessage(error) };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    } else {
      await context.sendActivity(toSafeMessage(error));
    }
  } catch (sendError) {
    logger.warn({ event: "turn_error_reply_failed", ...failureFields(sendError) }, "could not tell the person about the error");
  }
}
