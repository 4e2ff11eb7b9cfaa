// Runs the text commands conversation/commands.ts parses: the helpdesk's (tickets, audit, channel setup) and the
// admins' (alerts, scans, setup check). Each command authorizes its caller on the server.
import { TurnContext, type Activity } from "botbuilder";
import type { Logger } from "../log";
import { allowedIn, wrongPlaceText, type Command, type Place } from "../conversation/commands";
import type { HelpdeskWorkflow } from "../helpdesk/workflow";
import { renderChannelRemovedCard, renderChannelSetupCard } from "../cards/helpdesk-channel-setup";
import type { TeamsMessenger } from "./messenger";
import { isPersonal, sendReplies, sendTyping } from "./activity";
import type { AlertService } from "../alerts/service";
import { alertPlaceOf } from "./alert-routes";
import type { SetupCheck } from "../setup/service";
import { presentSetupCheck } from "../cards/setup-check";
import { helpdeskReply } from "./helpdesk-routes";

export interface CommandDeps {
  helpdesk: HelpdeskWorkflow;
  alerts: AlertService;
  setupCheck: SetupCheck;
  messenger: TeamsMessenger;
  logger: Logger;
}

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

export const channelDataOf = (a: Activity): TeamsChannelData => (a.channelData ?? {}) as TeamsChannelData;

/** The kind of conversation an activity came from. */
export function placeOf(activity: Activity): Place {
  if (isPersonal(activity)) return "personal";
  return activity.conversation?.conversationType === "channel" ? "channel" : "group";
}

/** Runs one parsed command in its place (or says where it works). */
export async function runCommand(context: TurnContext, command: Command, deps: CommandDeps): Promise<void> {
  const place = placeOf(context.activity);
  if (!allowedIn(command, place)) {
    await context.sendActivity(wrongPlaceText(command, place));
    return;
  }
  const { helpdesk } = deps;
  const personId = context.activity.from?.aadObjectId;
  switch (command.name) {
    case "tickets": {
      const outs = await helpdesk.openTicketsFor(personId);
      return sendReplies(context, outs.map((o) => helpdeskReply(o, helpdesk.timeZone, "Ticket")));
    }
    case "audit":
      return sendReplies(context, [helpdeskReply(await helpdesk.auditCommand(personId, command.argument), helpdesk.timeZone, "Audit trail")]);
    case "setup_helpdesk":
    case "remove_helpdesk":
      return helpdeskChannelCommand(context, command.name, deps);
    case "setup_alerts":
      await context.sendActivity(await deps.alerts.setup(personId, await alertPlaceOf(context, deps.messenger)));
      return;
    case "remove_alerts":
      await context.sendActivity(await deps.alerts.remove(personId, (await alertPlaceOf(context, deps.messenger)).key));
      return;
    case "scan_now":
      await context.sendActivity(await deps.alerts.scanNow(personId, await alertPlaceOf(context, deps.messenger)));
      return;
    case "check_setup": {
      await sendTyping(context);
      const out = await deps.setupCheck.run(personId);
      if (out.kind === "refused") return void (await context.sendActivity(out.message));
      return sendReplies(context, [{ kind: "card", card: presentSetupCheck(out.report, { timeZone: helpdesk.timeZone }), summary: "Setup check" }]);
    }
  }
}

/** Connects or disconnects the helpdesk channel (helpdesk admins only). */
async function helpdeskChannelCommand(context: TurnContext, name: "setup_helpdesk" | "remove_helpdesk", deps: CommandDeps): Promise<void> {
  const { helpdesk, messenger } = deps;
  const activity = context.activity;
  const from = activity.from;
  if (!(await helpdesk.mayAdministerHelpdesk(from?.aadObjectId))) {
    await context.sendActivity("Only helpdesk admins can connect or disconnect the helpdesk channel.");
    return;
  }
  const data = channelDataOf(activity);
  const channelName = data.channel?.name ?? "this channel";
  if (name === "remove_helpdesk") {
    await messenger.clearChannel();
    await sendReplies(context, [{ kind: "card", card: renderChannelRemovedCard({ channelName, removedBy: from?.name }), summary: "Helpdesk channel disconnected" }]);
    return;
  }
  await messenger.registerChannel({
    reference: channelRootReference(activity, channelName),
    channelName,
    teamId: data.team?.id,
    teamName: data.team?.name,
    setUpBy: { id: from?.aadObjectId ?? "", displayName: from?.name ?? "" },
    setUpAt: new Date().toISOString(),
  });
  const groups = helpdesk.groupsConfigured();
  const card = renderChannelSetupCard({
    channelName,
    setupBy: from?.name ?? "a helpdesk admin",
    agentsGroupName: groups.agents ? "the configured helpdesk agents group" : undefined,
    adminsGroupName: groups.admins ? "the configured helpdesk admins group" : undefined,
  });
  await sendReplies(context, [{ kind: "card", card, summary: "Helpdesk channel connected" }]);
}

/** The channel itself (not the thread the command was written in), so later posts start new conversations there. */
export function channelRootReference(activity: Activity, channelName: string): ReturnType<typeof TurnContext.getConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  const rootId = (reference.conversation?.id ?? "").split(";messageid=")[0];
  return { ...reference, conversation: { ...reference.conversation, id: rootId, isGroup: true, conversationType: "channel", name: channelName }, activityId: undefined };
}
