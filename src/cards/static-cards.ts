// The cards that explain the bot: welcome on install, help, and what a TAP is.
import welcomeJson from "./templates/welcome.json";
import helpJson from "./templates/help.json";
import whatIsTapJson from "./templates/what-is-tap.json";
import { compileTemplate, escapeMarkdown, expandCard, type AdaptiveCard } from "./render";

const MAX_NAME = 80;

const welcomeTemplate = compileTemplate(welcomeJson);
const helpTemplate = compileTemplate(helpJson);
const whatIsTapTemplate = compileTemplate(whatIsTapJson);

/** Optional personal touch for the welcome card. */
export interface WelcomeView {
  /** The person's display name from the install event, if known. */
  personName?: string;
}

/** Sent once on install: what the bot does, three things to type, and what it reads. */
export function renderWelcomeCard(view: WelcomeView = {}): AdaptiveCard {
  const name = escapeMarkdown(view.personName ?? "", MAX_NAME);
  return expandCard(welcomeTemplate, { greeting: name === "" ? "Hi, I'm TAP Helpdesk" : `Hi ${name}, I'm TAP Helpdesk` });
}

/** Who sees the agent command line on the help card. */
export interface HelpView {
  /** Show "check <name or email>"; defaults to true because the card says who it is for. */
  showCheck?: boolean;
}

/** The command list. */
export function renderHelpCard(view: HelpView = {}): AdaptiveCard {
  return expandCard(helpTemplate, { showCheck: view.showCheck ?? true });
}

/** Tenant policy details that make the explainer concrete. */
export interface WhatIsTapView {
  /** The tenant's default pass lifetime in words, e.g. "1 hour". */
  defaultLifetimeText?: string;
}

/** Plain-words explainer of a Temporary Access Pass. */
export function renderWhatIsTapCard(view: WhatIsTapView = {}): AdaptiveCard {
  const lifetime = escapeMarkdown(view.defaultLifetimeText ?? "", MAX_NAME);
  const lifetimeText =
    lifetime === ""
      ? "Your organisation decides how long a pass lasts: anything from 10 minutes to 30 days, often an hour."
      : `Here a new pass lasts ${lifetime} unless the helpdesk chooses otherwise.`;
  return expandCard(whatIsTapTemplate, { lifetimeText });
}
