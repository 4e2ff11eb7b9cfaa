// Shared card plumbing: expanding JSON templates with adaptivecards-templating and escaping text for card markdown.
import * as ACData from "adaptivecards-templating";
import { FINDING_CODES } from "../triage/findings";

/** An Adaptive Card payload as Teams receives it. */
export type AdaptiveCard = { type: "AdaptiveCard"; version: string; body: unknown[]; actions?: unknown[]; [k: string]: unknown };

/** Where people add and manage their sign-in methods (one constant for the whole product). */
export { SECURITY_INFO_URL } from "../triage/wording";

/** Verbs on Action.Submit buttons; the Teams layer routes on `data.verb`. */
export const CARD_VERBS = {
  answer: "triage_answer",
  fixed: "triage_fixed",
  stillBroken: "triage_still_broken",
  newPass: "triage_new_pass",
  contactSecurity: "triage_contact_security",
} as const;

/** The buttons on a diagnosis card (everything but the question card's answer), as one list for routing. */
export const DIAGNOSIS_VERBS = [CARD_VERBS.fixed, CARD_VERBS.stillBroken, CARD_VERBS.newPass, CARD_VERBS.contactSecurity] as const;

/** One of the diagnosis card's verbs. */
export type DiagnosisVerb = (typeof DIAGNOSIS_VERBS)[number];

/** Default cap for one piece of text on a card; Teams rejects cards over ~28 KB. */
export const MAX_TEXT = 600;

// Card markdown is a small subset (bold, italic, lists, links); only these characters make markup mid-line.
// Escaping is kept this narrow because Teams mobile clients have shown the backslashes (msteams-docs #5793).
// HTML is not rendered by Adaptive Cards at all, so "<b>" already shows literally.
const INLINE_MARKUP = /[\\*_[\]]/g;
// At the start of a line these begin a heading, quote, list item or numbered item.
const LINE_START_MARKUP = /^([#>+-]|\d+[.)])/;

/** Control characters and line breaks become spaces (no text can start a new markdown line); long text ends in "…". */
function oneLineCut(text: string, maxLength: number): string {
  const oneLine = String(text)
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, Math.max(0, maxLength - 1)).trimEnd()}…` : oneLine;
}

/**
 * Makes person- or directory-provided text display literally on a card: one line, markdown characters
 * backslash-escaped (so no links, emphasis or lists), "${" broken up (so no template binding survives),
 * and cut to `maxLength` characters.
 */
export function escapeMarkdown(text: string, maxLength: number = MAX_TEXT): string {
  return oneLineCut(text, maxLength)
    .replace(INLINE_MARKUP, (c) => `\\${c}`)
    .replace(/\$\{/g, "$\\{")
    .replace(LINE_START_MARKUP, (mark: string) => mark.replace(/([#>+.)-])$/, "\\$1"));
}

/**
 * For TextRun (rendered literally, no markdown): one line, cut to `maxLength`, and "${" broken by an invisible
 * zero-width space so no template binding survives.
 */
export function plainText(text: string, maxLength: number = MAX_TEXT): string {
  return oneLineCut(text, maxLength).replace(/\$\{/g, "$\u200B{");
}

/** A finding code for a TextRun: our own constants pass as they are; anything else is treated as untrusted text. */
export function codeText(code: string): string {
  return (FINDING_CODES as readonly string[]).includes(code) ? code : plainText(code, 40);
}

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { type?: unknown; version?: unknown; body?: unknown };
  return v.type === "AdaptiveCard" && typeof v.version === "string" && Array.isArray(v.body);
}

/** Template instances are reusable; one per template file. */
export function compileTemplate(payload: object): ACData.Template {
  return new ACData.Template(payload);
}

/**
 * Binds a template to its data. Throws on a template bug (an unbound `${…}` left over, or not a card):
 * data text never contains "${" because every render function escapes it first.
 */
export function expandCard(template: ACData.Template, data: object): AdaptiveCard {
  const card: unknown = template.expand({ $root: data });
  if (!isAdaptiveCard(card)) throw new Error("card template did not expand to an AdaptiveCard");
  const leftover = /\$\{.{0,40}/.exec(JSON.stringify(card));
  if (leftover) throw new Error(`card template left an unbound expression: ${leftover[0]}`);
  return card;
}
