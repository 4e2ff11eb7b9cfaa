// Validates card JSON with the Adaptive Cards object model, the same parser hosts build on.
// The package's ESM entry fails to load on Node; its UMD bundle works, so it is required directly and typed here.

interface AcParseEvent {
  message: string;
}

interface AcSerializationContext {
  readonly eventCount: number;
  getEventAt(index: number): AcParseEvent;
}

interface AcCard {
  parse(json: unknown, context: AcSerializationContext): void;
  toJSON(context: AcSerializationContext): unknown;
}

interface AcModule {
  AdaptiveCard: new () => AcCard;
  SerializationContext: new (targetVersion?: unknown) => AcSerializationContext;
  Versions: Record<string, unknown> & { v1_4: unknown };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the UMD bundle has no typings of its own
const AC = require("adaptivecards/dist/adaptivecards.js") as AcModule;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Keys the object model dropped when it re-serialised the card: properties it doesn't know.
 * (Parse events cover unknown element and action types and bad values, but not unknown properties.)
 */
function droppedKeys(input: unknown, output: unknown, path: string): string[] {
  if (Array.isArray(input)) {
    const out = Array.isArray(output) ? output : [];
    return input.flatMap((item, i) => droppedKeys(item, out[i], `${path}[${i}]`));
  }
  if (!isObject(input)) return [];
  const out = isObject(output) ? output : {};
  return Object.keys(input).flatMap((key) => {
    if (key in out) return droppedKeys(input[key], out[key], `${path}.${key}`);
    // The object model omits an empty array when it re-serialises (e.g. refresh.userIds: [], a valid 1.4 property).
    const emptyArray = Array.isArray(input[key]) && (input[key] as unknown[]).length === 0;
    return emptyArray ? [] : [`unknown property ${path}.${key}`];
  });
}

/** Problems the Adaptive Cards 1.4 object model finds in a card; empty means the card is valid. */
export function validateAdaptiveCard(json: unknown): string[] {
  return validateWithVersion(json, AC.Versions.v1_4);
}

function validateWithVersion(json: unknown, version: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(version);
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...events, ...droppedKeys(json, card.toJSON(new AC.SerializationContext(version)), "card")];
}

/** The schema versions the object model knows ("1.0" … "1.6"). */
export const KNOWN_CARD_VERSIONS: readonly string[] = Object.keys(AC.Versions)
  .filter((k) => /^v\d+_\d+$/.test(k))
  .map((k) => k.slice(1).replace("_", "."));

/**
 * Problems of a card judged by the schema version it declares (`version`): elements, actions and properties newer than
 * that version are reported, as are an absent or unknown version.
 */
export function validateAgainstDeclaredVersion(json: unknown): string[] {
  const declared = isObject(json) ? json.version : undefined;
  if (typeof declared !== "string" || !KNOWN_CARD_VERSIONS.includes(declared)) return [`unknown or missing version ${JSON.stringify(declared)}`];
  return validateWithVersion(json, AC.Versions[`v${declared.replace(".", "_")}`]);
}

/** The parse-event count alone, as the object model reports it. */
export function parseEventCount(json: unknown): number {
  const context = new AC.SerializationContext(AC.Versions.v1_4);
  new AC.AdaptiveCard().parse(json, context);
  return context.eventCount;
}
