// What happens when someone @mentions the bot about a pass outside their 1:1 chat (a team channel or a group chat):
// the triage moves to a private chat, and the shared conversation only hears that it did (or that it couldn't).
import { classifyMessage } from "./intent";
import { parseCommand } from "./commands";

/** Where a message in a shared conversation is handled: privately (a pass problem) or in the conversation itself. */
export type SharedMessageRoute = "private_triage" | "shared";

/** Pass problems (one's own, or "check <someone>") go private; commands and everything else stay shared. */
export function routeSharedMessage(raw: string): SharedMessageRoute {
  if (parseCommand(raw)) return "shared";
  const kind = classifyMessage(raw).kind;
  return kind === "tap_problem" || kind === "check_other" ? "private_triage" : "shared";
}

/** The wording of the move; none of it names the person or anything about their account. */
export const PRIVATE_TRIAGE_TEXT = {
  /** In the shared conversation, once the private chat is open. */
  continuing: "I'll continue with you in a private chat, so your sign-in details stay out of this conversation.",
  /** In the shared conversation, when the private chat couldn't be opened (app not installed personally, blocked, …). */
  couldNotOpen: "I couldn't open a private chat with you. Please message me directly: find TAP Helpdesk under Chat or Apps in Teams.",
  /** First line in the private chat, before the triage's own first card. */
  intro: "You asked me about a Temporary Access Pass in a shared conversation, so let's continue here, where only you can see the details.",
} as const;
