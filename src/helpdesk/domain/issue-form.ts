// Validates the Issue TAP form against the tenant's pass policy before Graph is called, so the agent gets plain words
// instead of Graph's "Invalid LifetimeInMinutes". Pure; garbage input gives errors, never an exception.
import type { TapPolicy } from "../../triage/snapshot";

/** Input ids on the issue form (the ticket card uses the same ones). */
export const ISSUE_FORM_FIELDS = {
  startDate: "startDate",
  startTime: "startTime",
  lifetimeInMinutes: "lifetimeInMinutes",
  isUsableOnce: "isUsableOnce",
} as const;

/** What to send to Graph; no startDateTime means "usable as soon as it is created". */
export interface IssueFormValue {
  startDateTime?: Date;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

/** The validated form, or every problem found in plain words. */
export type IssueFormResult = { ok: true; value: IssueFormValue } | { ok: false; errors: string[] };

/** How to read the agent's local date and time. */
export interface IssueFormOptions {
  /** The agent's offset from UTC in minutes (local = UTC + offset, e.g. 60 for CET); default 0. */
  utcOffsetInMinutes?: number;
}

// Graph's own bounds for lifetimeInMinutes, whatever the policy says.
/** Graph's own bounds for lifetimeInMinutes (10 minutes to 30 days), whatever the policy says. */
export const GRAPH_MIN_LIFETIME = 10;
export const GRAPH_MAX_LIFETIME = 43200;
/** Clock skew tolerated for a start "now" chosen on the card. */
export const START_SKEW_MS = 5 * 60_000;
/** How far ahead a pass may be set to start. */
export const MAX_START_AHEAD_MS = 30 * 24 * 60 * 60_000;

/** The lifetimes a pass may have under the policy (and Graph), and the default clamped into them. */
export function lifetimeBounds(policy: TapPolicy): { min: number; max: number; defaultValue: number } {
  const min = Math.max(GRAPH_MIN_LIFETIME, policy.minimumLifetimeInMinutes);
  const max = Math.min(GRAPH_MAX_LIFETIME, policy.maximumLifetimeInMinutes);
  return { min, max, defaultValue: Math.min(max, Math.max(min, policy.defaultLifetimeInMinutes)) };
}

type Field = { kind: "empty" } | { kind: "value"; text: string } | { kind: "bad" };

function field(raw: Record<string, unknown>, name: string): Field {
  const v = raw[name];
  if (v === undefined || v === null) return { kind: "empty" };
  if (typeof v === "number" || typeof v === "boolean") return { kind: "value", text: String(v) };
  if (typeof v !== "string") return { kind: "bad" };
  const text = v.trim();
  return text === "" ? { kind: "empty" } : { kind: "value", text };
}

function readLifetime(f: Field, policy: TapPolicy, errors: string[]): number {
  const { min, max, defaultValue } = lifetimeBounds(policy);
  if (min > max) {
    errors.push(`The pass policy's lifetime limits don't fit together (minimum ${min}, maximum ${max} minutes); fix the policy first.`);
    return defaultValue;
  }
  if (f.kind === "empty") return defaultValue;
  if (f.kind === "bad" || !/^\d{1,6}$/.test(f.text)) {
    errors.push("The lifetime must be a whole number of minutes.");
    return defaultValue;
  }
  const n = Number(f.text);
  if (n < min || n > max) errors.push(`The lifetime must be between ${min} and ${max} minutes (your organization's pass policy).`);
  return n;
}

function readOneTime(f: Field, policy: TapPolicy, errors: string[]): boolean {
  if (f.kind === "empty") return true;
  const text = f.kind === "value" ? f.text.toLowerCase() : "";
  if (text !== "true" && text !== "false") {
    errors.push("One-time use must be on or off.");
    return true;
  }
  const once = text === "true";
  if (!once && policy.isUsableOnce) errors.push("Your organization's pass policy allows only one-time passes; switch one-time use back on.");
  return once;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch for a local wall-clock time, or undefined when it isn't a real date and time. */
function wallClock(date: string, time: string, offsetMs: number): number | undefined {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return undefined;
  const [y, mo, da, h, mi, s] = [d[1], d[2], d[3], t[1], t[2], t[3] ?? "0"].map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, da, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a real date round-trips.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== da) return undefined;
  return ms - offsetMs;
}

function readStart(dateField: Field, timeField: Field, now: Date, offsetMs: number, errors: string[]): Date | undefined {
  if (dateField.kind === "empty" && timeField.kind === "empty") return undefined;
  if (dateField.kind === "bad" || timeField.kind === "bad") {
    errors.push("The start date or time couldn't be read; pick them again or leave both empty to start now.");
    return undefined;
  }
  let start: number | undefined;
  if (dateField.kind === "value" && ISO_WITH_ZONE.test(dateField.text) && timeField.kind === "empty") {
    start = Date.parse(dateField.text);
  } else {
    // Only a time: today in the agent's zone. Only a date: the start of that day.
    const today = new Date(now.getTime() + offsetMs).toISOString().slice(0, 10);
    const date = dateField.kind === "value" ? dateField.text : today;
    const time = timeField.kind === "value" ? timeField.text : "00:00";
    start = wallClock(date, time, offsetMs);
  }
  if (start === undefined || Number.isNaN(start)) {
    errors.push("The start date or time isn't a real date and time (expected e.g. 2026-11-28 and 14:30).");
    return undefined;
  }
  if (start < now.getTime() - START_SKEW_MS) {
    errors.push("The start time is in the past. Leave it empty to start the pass now.");
    return undefined;
  }
  if (start > now.getTime() + MAX_START_AHEAD_MS) {
    errors.push("The start can be at most 30 days ahead.");
    return undefined;
  }
  // A start within the tolerated skew means "now": let Graph start it on creation.
  return start <= now.getTime() ? undefined : new Date(start);
}

/** Checks the card's inputs against the policy; defaults: one-time, the policy's default lifetime, start now. */
export function validateIssueForm(raw: unknown, policy: TapPolicy, now: Date, options: IssueFormOptions = {}): IssueFormResult {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, errors: ["The issue form came back empty; open it again from the ticket."] };
  }
  const input = raw as Record<string, unknown>;
  const errors: string[] = [];
  if (policy.state !== "enabled") errors.push("Temporary Access Pass is turned off in your organization's policy, so no pass can be issued.");
  const offset = options.utcOffsetInMinutes ?? 0;
  const offsetMs = Number.isFinite(offset) && Math.abs(offset) <= 14 * 60 ? offset * 60_000 : 0;
  const lifetimeInMinutes = readLifetime(field(input, ISSUE_FORM_FIELDS.lifetimeInMinutes), policy, errors);
  const isUsableOnce = readOneTime(field(input, ISSUE_FORM_FIELDS.isUsableOnce), policy, errors);
  const startDateTime = readStart(field(input, ISSUE_FORM_FIELDS.startDate), field(input, ISSUE_FORM_FIELDS.startTime), now, offsetMs, errors);
  if (errors.length > 0) return { ok: false, errors };
  const value: IssueFormValue = { lifetimeInMinutes, isUsableOnce };
  if (startDateTime) value.startDateTime = startDateTime;
  return { ok: true, value };
}
