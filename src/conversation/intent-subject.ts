// Works out whether a message is about someone else ("check ben@…", "diagnose Ben Expired") and who.
import { LEXICON, NOT_A_NAME, POLITE_PREFIXES, SELF_WORDS, SUBJECT_FILLERS } from "./lexicon";
import { extractEmails, foldText, tokenize } from "./intent-text";
import { tokenMatchesWord } from "./intent-match";

const MAX_SUBJECT_WORDS = 6;
const MAX_SUBJECT_CHARS = 120;

/** What the message says about whose pass it is. */
export type SubjectMention =
  | { kind: "none" }
  /** A check command aimed at the person themselves ("check my pass", "check again", a bare "check"). */
  | { kind: "self" }
  | { kind: "other"; query: string };

/** One whitespace-separated word as matching sees it: "L'utilisateur" → "lutilisateur", "peux-tu" → "peuxtu". */
const foldWord = (word: string): string => tokenize(foldText(word)).join("");

// Message words are compared whole (split on spaces), so lexicon phrases are split and folded the same way.
const foldPhrase = (phrase: string): string[] => phrase.split(" ").map(foldWord);
const foldSet = (words: ReadonlySet<string>): ReadonlySet<string> => new Set([...words].map(foldWord));
const POLITE = POLITE_PREFIXES.map(foldPhrase);
const CHECK_VERBS = LEXICON.checkVerb.map(foldPhrase);
const FILLERS = foldSet(SUBJECT_FILLERS);
const SELF = foldSet(SELF_WORDS);
const NOT_NAMES = foldSet(NOT_A_NAME);

/** Number of leading words (of `words`) taken by one of `phrases`, fuzzy per word; 0 when none matches. */
function leadingPhrase(words: readonly string[], phrases: readonly string[][]): number {
  for (const phrase of phrases) {
    if (phrase.length <= words.length && phrase.every((w, k) => tokenMatchesWord(foldWord(words[k] ?? ""), w, false))) {
      return phrase.length;
    }
  }
  return 0;
}

/** Keeps characters a directory search can use; drops quotes, markup and punctuation around the name. */
function tidy(query: string): string {
  return query
    .replace(/['’]s$/i, "")
    .replace(/[^\p{L}\p{N}@._' -]/gu, " ")
    .replace(/\s+/g, " ")
    .replace(/^[.' -]+|[.' -]+$/g, "")
    .slice(0, MAX_SUBJECT_CHARS);
}

/** The subject words after a check verb: fillers off both ends, cut at the first clause break. */
function subjectAfterVerb(rest: string): SubjectMention {
  const email = extractEmails(rest)[0];
  if (email !== undefined) return { kind: "other", query: email };
  const clause = rest.split(/[,;:!?()]|\s[-–—]\s|\s(?:because|since|weil|parce)\s/i)[0] ?? "";
  let words = clause.split(" ").filter((w) => w.length > 0);
  while (words.length > 0 && FILLERS.has(foldWord(words[0] ?? ""))) words = words.slice(1);
  words = words.slice(0, MAX_SUBJECT_WORDS).map((w) => w.replace(/['’]s$/i, ""));
  while (words.length > 0 && FILLERS.has(foldWord(words[words.length - 1] ?? ""))) words = words.slice(0, -1);
  const first = foldWord(words[0] ?? "");
  if (first === "" || SELF.has(first)) return { kind: "self" };
  const query = tidy(words.join(" "));
  return query === "" ? { kind: "self" } : { kind: "other", query };
}

// "Ben Expired's TAP", "for Ben Expired", "why can't Ben Expired sign in": two to four capitalised words.
const NAME = String.raw`\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){1,3}`;
const NAME_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\p{L}])(${NAME})'s?\s+(?:TAP|pass|temporary access pass|access pass)\b`, "u"),
  new RegExp(String.raw`(?<![\p{L}])(?:[Ff]or|[Ff]ür|[Pp]our)\s+(${NAME})`, "u"),
  new RegExp(String.raw`(?<![\p{L}])(?:[Cc]an't|[Cc]annot|[Cc]an not|[Cc]ouldn't)\s+(${NAME})\s+(?:sign|log)[\s-]?(?:in|on)\b`, "u"),
];

/** A capitalised name, leading products, pronouns and greetings dropped ("Hi Ben's TAP" → "Ben"). */
function nameIn(clean: string): string | undefined {
  for (const pattern of NAME_PATTERNS) {
    const words = (pattern.exec(clean)?.[1] ?? "").split(/\s+/);
    const start = words.findIndex((w) => !NOT_NAMES.has(foldWord(w)) && !SELF.has(foldWord(w)));
    const name = start < 0 ? "" : tidy(words.slice(start).join(" "));
    if (name !== "") return name;
  }
  return undefined;
}

/** Finds who the message is about: a leading check command, an email anywhere, or a capitalised name in context. */
export function findSubject(clean: string): SubjectMention {
  const words = clean.split(" ");
  const polite = leadingPhrase(words, POLITE);
  const verb = leadingPhrase(words.slice(polite), CHECK_VERBS);
  if (verb > 0) return subjectAfterVerb(words.slice(polite + verb).join(" "));
  const email = extractEmails(clean)[0];
  if (email !== undefined) return { kind: "other", query: email };
  const name = nameIn(clean);
  return name === undefined ? { kind: "none" } : { kind: "other", query: name };
}
