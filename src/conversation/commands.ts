// The one parser of the bot's text commands (helpdesk and admin commands; pass problems go to the triage instead).
// Teams routes on what this returns; where a command may be used is decided here too, so the help text can't drift.

/** Where a message was written. */
export type Place = "personal" | "channel" | "group";

/** Every text command, with what it carries. */
export type Command =
  | { name: "tickets" }
  | { name: "audit"; argument: string }
  | { name: "setup_helpdesk" }
  | { name: "remove_helpdesk" }
  | { name: "setup_alerts" }
  | { name: "remove_alerts" }
  | { name: "scan_now" }
  | { name: "check_setup" };

export type CommandName = Command["name"];

interface CommandSpec {
  /** Whole-message forms, lower case, single spaces. */
  forms: readonly string[];
  places: readonly Place[];
  /** How the help text shows it. */
  usage: string;
}

/** The commands, where each may be used, and how they are written. Arguments: only `audit` takes one. */
export const COMMANDS: Readonly<Record<Exclude<CommandName, "audit">, CommandSpec>> = {
  tickets: { forms: ["tickets", "open tickets"], places: ["personal"], usage: "tickets" },
  setup_helpdesk: { forms: ["setup helpdesk", "set up helpdesk"], places: ["channel"], usage: "setup helpdesk" },
  remove_helpdesk: { forms: ["remove helpdesk"], places: ["channel"], usage: "remove helpdesk" },
  setup_alerts: { forms: ["setup alerts", "set up alerts"], places: ["channel", "personal"], usage: "setup alerts" },
  remove_alerts: { forms: ["remove alerts", "stop alerts"], places: ["channel", "personal"], usage: "remove alerts" },
  scan_now: { forms: ["scan now", "scan"], places: ["channel", "personal"], usage: "scan now" },
  check_setup: { forms: ["check setup"], places: ["channel", "personal"], usage: "check setup" },
};

const AUDIT_PLACES: readonly Place[] = ["personal"];
const MAX_ARGUMENT = 200;

const normalise = (raw: string): string => raw.trim().toLowerCase().replace(/\s+/g, " ");

/** The command a message is, or undefined for anything else (a pass problem, a question, chatter). */
export function parseCommand(raw: string): Command | undefined {
  const text = normalise(raw);
  for (const [name, spec] of Object.entries(COMMANDS) as Array<[Exclude<CommandName, "audit">, CommandSpec]>) {
    if (spec.forms.includes(text)) return { name };
  }
  const audit = /^\s*audit(?:\s+([\s\S]*))?$/i.exec(raw);
  if (audit) return { name: "audit", argument: (audit[1] ?? "").trim().slice(0, MAX_ARGUMENT) };
  return undefined;
}

/** Whether a command may be used in this kind of conversation. */
export function allowedIn(command: Command, place: Place): boolean {
  return (command.name === "audit" ? AUDIT_PLACES : COMMANDS[command.name].places).includes(place);
}

/** The commands usable in a place, as the help text lists them. */
export function commandsFor(place: Place): string[] {
  const named = Object.values(COMMANDS).filter((spec) => spec.places.includes(place)).map((spec) => spec.usage);
  return AUDIT_PLACES.includes(place) ? [...named, "audit", "audit <person>", "audit export"] : named;
}

/** What the bot says when a command is used where it isn't available. */
export function wrongPlaceText(command: Command, place: Place): string {
  if (place === "group") return "Commands work in a team channel or in your 1:1 chat with me, not in group chats.";
  const where = command.name === "audit" || command.name === "tickets" ? "your 1:1 chat with me" : "a team channel";
  return `"${command.name.replace(/_/g, " ")}" works in ${where}.`;
}

/** What a channel message that is neither a command nor a pass problem gets. */
export function channelHelpText(): string {
  const list = commandsFor("channel").map((c) => `"${c}"`).join(", ");
  return `In a channel I take ${list} (helpdesk admins). For a pass problem, message me in a 1:1 chat.`;
}
