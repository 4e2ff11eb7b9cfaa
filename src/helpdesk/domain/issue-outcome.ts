// Pure decisions around the moment a pass is created: whether the live risk read allows going on, whether a failed
// create may still have created a pass, and which pass in a re-read is the one the lost answer was about.
import { isHelpdeskError } from "../../errors";
import type { TapInfo } from "../../triage/snapshot";
import type { PersonFacts } from "./model";

/** Tolerance between our clock and Graph's createdDateTime when deciding a pass appeared "since the request". */
export const CREATE_SKEW_MS = 2 * 60_000;

/**
 * The refusal when the subject's risk couldn't be read for a passing reason (budget busy, throttled, outage): issuing
 * or approving waits. A tenant that can't read risk at all (no P2 license, no permission) goes on with that recorded.
 */
export function riskGapRefusal(subject: PersonFacts, what: "issue" | "approve"): string | undefined {
  if (subject.riskUnknownReason === undefined || subject.riskUnknownTransient === false) return undefined;
  const verb = what === "issue" ? "issue a pass" : "approve";
  return `I couldn't check ${subject.displayName}'s risk state right now, so I won't ${verb} yet. Try again in a minute.`;
}

/** The audit note for a pass issued without a risk check (the tenant can't read risk); empty when risk was read. */
export function riskNotCheckedNote(subject: PersonFacts): string {
  return subject.riskUnknownReason ? `; risk not checked: ${subject.riskUnknownReason}` : "";
}

/**
 * Whether a failed create may have created the pass anyway. Only a definite refusal says "nothing was created":
 * a 4xx answer (400 bad settings, 401/403 not allowed, 404 no such person, 409, 429 throttled before running).
 * A 5xx, a timeout, a connection reset, a 201 without a value or anything unexpected leaves it open.
 */
export function mayHaveCreated(error: unknown): boolean {
  if (!isHelpdeskError(error) || error.status === undefined) return true;
  return !(error.status >= 400 && error.status < 500);
}

/** What was known before the create request went out. */
export interface CreateAttempt {
  /** Our clock when the request was sent. */
  startedAt: Date;
  /** Pass ids the person had just before the request, when that read succeeded. */
  idsBefore?: readonly string[];
  skewInMs?: number;
}

/**
 * The pass a lost create answer created, if the re-read shows one. With the ids from just before the request it is the
 * one carrying an id the person didn't have (a create replaces the old pass under a new id, so this is exact whatever
 * the clocks say); without them, one created since the request started, allowing for clock skew (erring towards
 * "created": a needless Replace is harmless, a wrong "not created" is not). Graph keeps one pass per person.
 */
export function findCreatedPass(taps: readonly TapInfo[], attempt: CreateAttempt): TapInfo | undefined {
  if (attempt.idsBefore !== undefined) {
    const before = new Set(attempt.idsBefore.map((id) => id.toLowerCase()));
    return taps.find((t) => !before.has(t.id.toLowerCase()));
  }
  const since = attempt.startedAt.getTime() - (attempt.skewInMs ?? CREATE_SKEW_MS);
  return taps.find((t) => t.createdAt.getTime() >= since);
}
