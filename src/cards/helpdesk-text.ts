// Text helpers shared by the helpdesk cards: every person- or directory-provided string goes through here.
import { scrubSecrets } from "../secrets";
import { escapeMarkdown, plainText, type AdaptiveCard } from "./render";

/** Longest id a button may carry; ours are far shorter, anything longer is not ours. */
export const MAX_ID = 60;
/** Display names and short labels. */
export const MAX_NAME = 80;
/** Times, UPNs and other short facts. */
export const MAX_SHORT = 200;

/**
 * Markdown-safe display text with any registered secret redacted first (defence in depth: a pass value
 * pasted into a note by mistake still never reaches a card). Redaction runs before escaping so it matches.
 */
export function safeText(text: string | undefined, maxLength: number = MAX_SHORT): string {
  return escapeMarkdown(scrubSecrets(text ?? ""), maxLength);
}

/** The same for a TextRun (no markdown), e.g. an id shown in monospace. */
export function safePlain(text: string | undefined, maxLength: number = MAX_SHORT): string {
  return plainText(scrubSecrets(text ?? ""), maxLength);
}

/** An id for button data: a string, one line, capped; the server looks it up and rejects what it doesn't know. */
export function buttonId(id: string): string {
  return String(id).replace(/[\p{Cc}]/gu, "").slice(0, MAX_ID);
}

/** "60 minutes", "8 hours", "1 day 2 hours": a lifetime people can read at a glance. */
export function durationText(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const part = (n: number, unit: string): string => (n === 0 ? "" : `${n} ${unit}${n === 1 ? "" : "s"}`);
  const text = [part(days, "day"), part(hours, "hour"), part(mins, "minute")].filter((p) => p !== "").join(" ");
  return text === "" ? "0 minutes" : text;
}

/** Removes a card-level `actions` list that every `$when` emptied: "no buttons" then means no list at all. */
export function dropEmptyActions(card: AdaptiveCard): AdaptiveCard {
  if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
  return card;
}
