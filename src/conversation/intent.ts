// Understands free text without an LLM: word lists (EN/DE/FR), typo-tolerant matching and a few patterns.
// Pure: no I/O, never throws, reads only the first SCAN_LIMIT characters of a message.
import type { Answers, BrowserKind, DeviceKind, FailureStage } from "../triage/snapshot";
import type { Concept } from "./lexicon";
import { cleanText, extractErrorCodes, foldText, tokenize } from "./intent-text";
import { findConcepts, firstMentioned, near, type ConceptHits } from "./intent-match";
import { findSubject } from "./intent-subject";

export { extractErrorCodes, normalizeText } from "./intent-text";
export { parseAnswer } from "./intent-answer";

/** What a message asks for; the conversation flow decides what to do with each kind. */
export type Intent =
  /** The sender's own pass doesn't work. */
  | { kind: "tap_problem"; errorCodes: number[]; hints: Partial<Answers> }
  /** Someone (agent or manager) asks about another person; subjectQuery is an email/UPN or a name, never empty. */
  | { kind: "check_other"; subjectQuery: string; errorCodes: number[]; hints: Partial<Answers> }
  | { kind: "help" }
  | { kind: "what_is_tap" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  /** "start over", "cancel": drop the current triage. */
  | { kind: "reset" }
  /** Nothing to read (blank, or only markup/mentions). */
  | { kind: "empty" }
  | { kind: "unknown" };

// A reset or help command is a short message of its own, not a word inside a longer story.
const MAX_COMMAND_TOKENS = 5;
const NEAR_WINDOW = 6;

const DEVICES: ReadonlyArray<readonly [Concept, DeviceKind]> = [
  ["deviceWindows", "windows"],
  ["deviceMac", "mac"],
  ["deviceIos", "ios"],
  ["deviceAndroid", "android"],
  ["deviceLinux", "linux"],
];
const BROWSERS: ReadonlyArray<readonly [Concept, BrowserKind]> = [
  ["browserEdge", "edge"],
  ["browserChrome", "chrome"],
  ["browserSafari", "safari"],
  ["browserFirefox", "firefox"],
];
// Most specific first: "the passkey setup on the lock screen" is about Windows sign-in.
const STAGES: ReadonlyArray<readonly [Concept, FailureStage]> = [
  ["stageWindowsLogon", "windows_logon"],
  ["stageRegisterMethod", "register_method"],
  ["stageVpn", "vpn"],
  ["stageAfterTap", "after_tap"],
  ["stageTapPrompt", "tap_prompt"],
];

function pick<T>(hits: ConceptHits, table: ReadonlyArray<readonly [Concept, T]>): T | undefined {
  const concept = firstMentioned(
    hits,
    table.map(([c]) => c),
  );
  return table.find(([c]) => c === concept)?.[1];
}

/** Device, browser and stage the person mentioned in passing ("on my Mac", "in Safari", "at the lock screen"). */
function hintsFrom(hits: ConceptHits): Partial<Answers> {
  const hints: Partial<Answers> = {};
  const device = pick(hits, DEVICES) ?? (hits.has("deviceNewSetup") ? "windows" : undefined);
  if (device !== undefined) hints.device = device;
  if (device === "windows" && hits.has("deviceNewSetup")) hints.windowsJoin = "new_setup";
  const browser = pick(hits, BROWSERS);
  if (browser !== undefined) hints.browser = browser;
  for (const [concept, stage] of STAGES) {
    if (hits.has(concept)) {
      hints.stage = stage;
      break;
    }
  }
  return hints;
}

/** Something is wrong: a failure word, or a negation next to "works"/"sign in" ("funktioniert nicht", "can't log in"). */
function saysSomethingIsWrong(hits: ConceptHits): boolean {
  return hits.has("problem") || near(hits, "negation", "works", NEAR_WINDOW) || near(hits, "negation", "signIn", NEAR_WINDOW);
}

/** Reads one chat message and says what the person wants. Never throws; any input is safe. */
export function classifyMessage(text: string): Intent {
  const clean = cleanText(text);
  if (clean === "") return { kind: "empty" };
  const tokens = tokenize(foldText(clean));
  if (tokens.length === 0) return /^[?？¿]+$/u.test(clean.replace(/\s/g, "")) ? { kind: "help" } : { kind: "unknown" };

  const hits = findConcepts(tokens);
  const errorCodes = extractErrorCodes(clean);
  const wrong = saysSomethingIsWrong(hits) || errorCodes.length > 0;
  const short = tokens.length <= MAX_COMMAND_TOKENS;

  if (short && !wrong && hits.has("reset")) return { kind: "reset" };

  const subject = findSubject(clean);
  if (subject.kind === "other") return { kind: "check_other", subjectQuery: subject.query, errorCodes, hints: hintsFrom(hits) };
  if (!wrong && hits.has("whatIs") && hits.has("tap")) return { kind: "what_is_tap" };
  if (wrong || hits.has("tap") || subject.kind === "self") return { kind: "tap_problem", errorCodes, hints: hintsFrom(hits) };

  // "thanks for the help" is thanks; "hi, help" is help.
  if (hits.has("thanks")) return { kind: "thanks" };
  if (hits.has("help")) return { kind: "help" };
  if (hits.has("greeting")) return { kind: "greeting" };
  return { kind: "unknown" };
}
