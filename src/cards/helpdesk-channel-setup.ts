// Confirmation after "setup helpdesk" in a channel, and the notice when that channel is disconnected.
import channelSetupJson from "./templates/helpdesk-channel-setup.json";
import channelRemovedJson from "./templates/helpdesk-channel-removed.json";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, safeText } from "./helpdesk-text";

const channelSetupTemplate = compileTemplate(channelSetupJson);
const channelRemovedTemplate = compileTemplate(channelRemovedJson);

/** The channel that was connected and the groups that decide who may act. */
export interface ChannelSetupView {
  channelName: string;
  setupBy: string;
  /** Display names of the configured groups; absent when not configured. */
  agentsGroupName?: string;
  adminsGroupName?: string;
}

/** Renders the confirmation; says plainly when a group is missing, because then nobody can act on tickets. */
export function renderChannelSetupCard(view: ChannelSetupView): AdaptiveCard {
  const agents = safeText(view.agentsGroupName, MAX_NAME);
  const admins = safeText(view.adminsGroupName, MAX_NAME);
  const missing = [agents === "" ? "helpdesk agents" : "", admins === "" ? "helpdesk admins" : ""].filter((g) => g !== "");
  return expandCard(channelSetupTemplate, {
    intro: "New pass requests will appear here as ticket cards. Each card updates in place for everyone as agents work on it.",
    channelName: safeText(view.channelName, MAX_NAME),
    setupBy: safeText(view.setupBy, MAX_NAME),
    agentsText: agents === "" ? "not configured" : `members of ${agents}`,
    adminsText: admins === "" ? "not configured" : `members of ${admins}`,
    rulesText:
      "Anyone here can read the cards, but only agents can act on them, and I check every click against the directory. Pass values are never posted here: they go only to the issuing agent in a private chat.",
    missingGroups: missing.length > 0,
    missingText: `The ${missing.join(" and ")} group isn't configured, so ${missing.length === 2 ? "these roles are" : "this role is"} empty until it is set in the app's configuration.`,
  });
}

/** Which channel was disconnected, and by whom (absent when the app was removed from the team). */
export interface ChannelRemovedView {
  channelName: string;
  removedBy?: string;
}

/** Renders the notice that tickets are no longer posted to the channel. */
export function renderChannelRemovedCard(view: ChannelRemovedView): AdaptiveCard {
  const channel = safeText(view.channelName, MAX_NAME);
  const by = safeText(view.removedBy, MAX_NAME);
  return expandCard(channelRemovedTemplate, {
    whatHappened: by === "" ? `New tickets are no longer posted to ${channel}.` : `${by} disconnected ${channel}. New tickets are no longer posted there.`,
    nextText:
      "Until a helpdesk admin sets up a channel again, people who ask for a new pass are told to contact the helpdesk directly. Existing tickets and the audit trail are kept.",
  });
}
