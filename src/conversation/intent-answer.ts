// Turns a question-card submit into typed answers. Card data comes from the client, so nothing is trusted:
// anything unexpected yields undefined, never an exception.
import type { Answers, BrowserKind, DeviceKind, FailureStage, SignInPlace, WindowsJoin } from "../triage/snapshot";
import type { QuestionId } from "../triage/findings";
import { scrubSecrets } from "../secrets";
import { extractErrorCodes, SCAN_LIMIT } from "./intent-text";

/** Longest error text kept: enough for an AADSTS line and its correlation id. */
export const MAX_ERROR_TEXT = 500;

// Choice values are short identifiers; anything longer is not from our card.
const MAX_CHOICE_LENGTH = 40;

const DEVICE_KINDS: readonly DeviceKind[] = ["windows", "mac", "ios", "android", "linux", "other"];
const WINDOWS_JOINS: readonly WindowsJoin[] = ["new_setup", "entra_joined", "hybrid_joined", "personal", "unknown"];
const BROWSER_KINDS: readonly BrowserKind[] = ["edge", "chrome", "safari", "firefox", "app", "other"];
const PLACES: readonly SignInPlace[] = ["office", "home", "abroad"];
const FAILURE_STAGES: readonly FailureStage[] = ["tap_prompt", "after_tap", "windows_logon", "register_method", "vpn"];
// The stage card offers "never appeared" and "rejected" separately; both happen at the pass prompt.
const STAGE_VARIANTS: ReadonlyMap<string, FailureStage> = new Map([
  ["tap_prompt:missing", "tap_prompt"],
  ["tap_prompt:rejected", "tap_prompt"],
]);

const isOneOf = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

/** The submitted `answer` string: from a plain object's own property, or a bare string. */
function answerText(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const proto: unknown = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const answer = Object.getOwnPropertyDescriptor(raw, "answer")?.value as unknown;
  return typeof answer === "string" ? answer : undefined;
}

function parseDevice(value: string): Partial<Answers> | undefined {
  const [device = "", join, ...extra] = value.split(":");
  if (extra.length > 0 || !isOneOf(DEVICE_KINDS, device)) return undefined;
  if (join === undefined) return { device };
  return device === "windows" && isOneOf(WINDOWS_JOINS, join) ? { device, windowsJoin: join } : undefined;
}

function parseStage(value: string): Partial<Answers> | undefined {
  const stage = STAGE_VARIANTS.get(value) ?? (isOneOf(FAILURE_STAGES, value) ? value : undefined);
  return stage === undefined ? undefined : { stage };
}

function parseErrorText(text: string): Partial<Answers> | undefined {
  const head = text.slice(0, SCAN_LIMIT);
  // Scrub before cutting so a pass the bot issued can't survive half-redacted at the 500-character edge.
  const errorText = scrubSecrets(head.replace(/\s+/g, " ").trim()).slice(0, MAX_ERROR_TEXT).trim();
  if (errorText === "") return undefined;
  const errorCodes = extractErrorCodes(head);
  return errorCodes.length > 0 ? { errorText, errorCodes } : { errorText };
}

/** Reads a question-card submit (`{ answer }` or a bare string) into answers; garbage gives undefined. */
export function parseAnswer(question: QuestionId, raw: unknown): Partial<Answers> | undefined {
  const text = answerText(raw);
  if (text === undefined) return undefined;
  if (question === "error_text") return parseErrorText(text);
  const value = text.trim().toLowerCase();
  if (value.length === 0 || value.length > MAX_CHOICE_LENGTH) return undefined;
  switch (question) {
    case "device":
      return parseDevice(value);
    case "browser":
      return isOneOf(BROWSER_KINDS, value) ? { browser: value } : undefined;
    case "stage":
      return parseStage(value);
    case "location":
      return isOneOf(PLACES, value) ? { place: value } : undefined;
    default:
      return undefined;
  }
}
