// Defence in depth for stored records: whatever a caller passes, no registered secret (a pass value) is written.
import { scrubSecrets } from "../../secrets";

/** A copy with every string scrubbed (keys kept), so a pasted pass value can't be stored anywhere in a record. */
export function scrubDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  }
  return value;
}

/** Whether any string inside holds a secret that scrubbing would remove. */
export function containsSecret(value: unknown): boolean {
  if (typeof value === "string") return scrubSecrets(value) !== value;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSecret);
  return false;
}
