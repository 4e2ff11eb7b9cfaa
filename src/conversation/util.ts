// Small helpers for untrusted input in the conversation layer.
import type { Answers } from "../triage/snapshot";
import { isKnownTimeZone } from "../triage/format";

/** Later answers win; error codes accumulate. */
export function mergeAnswers(a: Answers, b: Answers): Answers {
  const errorCodes = [...new Set([...(a.errorCodes ?? []), ...(b.errorCodes ?? [])])];
  return { ...a, ...b, ...(errorCodes.length > 0 ? { errorCodes } : {}) };
}

/** The value as a plain object, or undefined (card data is untrusted). */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Shortens text quoted back to the person. */
export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** The zone if Intl knows it (a client may report anything). */
export function validZone(tz: string | undefined): string | undefined {
  return tz && isKnownTimeZone(tz) ? tz : undefined;
}
