// The 1:1 hand-over card: the only card that ever holds a pass value, and only until it is scrubbed.
import passHandoverJson from "./templates/helpdesk-pass-handover.json";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, dropEmptyActions, buttonId, safeText } from "./helpdesk-text";

const passHandoverTemplate = compileTemplate(passHandoverJson);

// Entra passes are 8 to 48 characters; anything longer is not a pass.
const MAX_PASS = 64;
const PASS_ELEMENT_ID = "passValue";

/** What the issuing agent (or the confirming manager) sees; `passValue` is ignored once `scrubbed`. */
export interface PassHandoverView {
  ticketId: string;
  /** Identifies this delivery, so "Handed over" scrubs exactly this message. */
  deliveryId: string;
  subjectName: string;
  passValue?: string;
  validUntilText: string;
  isUsableOnce: boolean;
  /** When the value is (or was) removed from the message. */
  scrubAtText: string;
  scrubbed: boolean;
  /** Who holds the card; the hand-over advice differs. Defaults to the issuing agent. */
  recipient?: "agent" | "manager";
}

/** The pass as shown: control characters removed, nothing else touched (a TextRun shows it literally). */
function passText(value: string | undefined): string {
  const text = String(value ?? "").replace(/[\p{Cc}\s]+/gu, "");
  if (text === "" || text.length > MAX_PASS) throw new RangeError("the hand-over card needs a pass value until it is scrubbed");
  return text;
}

/** Puts the value into the expanded card; it never passes through the template engine or any text escaping. */
function placeValue(card: AdaptiveCard, value: string): AdaptiveCard {
  const container = card.body.find(
    (e): e is { items: { id?: string; inlines: { text: string }[] }[] } =>
      typeof e === "object" && e !== null && Array.isArray((e as { items?: unknown }).items),
  );
  const block = container?.items.find((i) => i.id === PASS_ELEMENT_ID);
  const run = block?.inlines[0];
  if (!run) throw new Error("hand-over template has no pass element");
  run.text = value;
  return card;
}

/**
 * Renders the hand-over card. Scrubbed: no value, no button, only when it was removed; the value is not read at
 * all, so a caller passing it by mistake can't leak it.
 */
export function renderPassHandoverCard(view: PassHandoverView): AdaptiveCard {
  const name = safeText(view.subjectName, MAX_NAME);
  const scrubAt = safeText(view.scrubAtText);
  const manager = view.recipient === "manager";
  const card = expandCard(passHandoverTemplate, {
    reference: `Helpdesk request ${safeText(view.ticketId, 40)}`,
    title: view.scrubbed ? `Temporary Access Pass for ${name}` : `New Temporary Access Pass for ${name}`,
    validText: `Valid until ${safeText(view.validUntilText)}, ${view.isUsableOnce ? "one-time use" : "can be used more than once until then"}.`,
    scrubbed: view.scrubbed,
    howTo: manager
      ? `Give it to ${name} in person, or read it out on a call you start yourself.`
      : `Read it to ${name} on the phone number on record (the one you called back), or give it in person.`,
    never: "Never paste it into a chat, a channel, an email or the ticket, and don't read it to anyone who called you from another number.",
    scrubText: `I remove the pass from this message at ${scrubAt}, or as soon as you press Handed over.`,
    scrubbedText: `The pass was removed from this message at ${scrubAt}. If it was lost, delete it from the ticket and issue a new one.`,
    ticketId: buttonId(view.ticketId),
    deliveryId: buttonId(view.deliveryId),
  });
  return view.scrubbed ? dropEmptyActions(card) : placeValue(card, passText(view.passValue));
}
