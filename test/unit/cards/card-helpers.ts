// Small readers over rendered card JSON so tests assert on what a person sees and clicks.
import type { AdaptiveCard } from "../../../src/cards/render";
import { FINDING_CODES } from "../../../src/triage/findings";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Visits every object in a card, depth first, in document order. */
export function walk(node: unknown, visit: (o: Json) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (isObject(node)) {
    visit(node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every `text` (TextBlock, TextRun) in document order. */
export function textsOf(card: AdaptiveCard): string[] {
  const out: string[] = [];
  walk(card.body, (o) => {
    if (typeof o.text === "string") out.push(o.text);
  });
  return out;
}

/** Text that hosts run through markdown: TextBlock text and FactSet titles and values (TextRun is literal). */
export function markdownTextsOf(card: AdaptiveCard): string[] {
  const out: string[] = [];
  walk(card.body, (o) => {
    if (o.type === "TextBlock" && typeof o.text === "string") out.push(o.text);
    if (o.type === "FactSet" && Array.isArray(o.facts)) {
      for (const f of o.facts.filter(isObject)) out.push(String(f.title), String(f.value));
    }
  });
  return out;
}

/** Every element or action object with a `type`, in document order. */
export function typesOf(card: AdaptiveCard): string[] {
  const out: string[] = [];
  walk(card, (o) => {
    if (typeof o.type === "string") out.push(o.type);
  });
  return out;
}

export interface CardAction {
  type: string;
  title: string;
  url?: string;
  data?: Json;
  associatedInputs?: string;
}

/** The card-level actions. */
export function actionsOf(card: AdaptiveCard): CardAction[] {
  return (card.actions ?? []).filter(isObject).map((a) => a as unknown as CardAction);
}

/** `data.verb` of every Action.Submit, in order. */
export function verbsOf(card: AdaptiveCard): string[] {
  return actionsOf(card)
    .filter((a) => a.type === "Action.Submit")
    .map((a) => String(a.data?.verb));
}

/** The first finding code in the card's JSON text, and where it starts. */
export function firstCodeIn(json: string): { code: string; at: number } | undefined {
  let best: { code: string; at: number } | undefined;
  for (const code of FINDING_CODES) {
    const at = json.indexOf(code);
    if (at >= 0 && (best === undefined || at < best.at || (at === best.at && code.length > best.code.length))) best = { code, at };
  }
  return best;
}

/** Text that tries every trick: markdown link and emphasis, a list marker, a template binding, HTML, JSON. */
export const HOSTILE_TEXT =
  '- **[Click me](https://evil.example)** _x_ ${triageId} ${$root.triageId} <script>alert(1)</script> "}], "actions": [{"type": "Action.OpenUrl"} \\ \n# heading';
