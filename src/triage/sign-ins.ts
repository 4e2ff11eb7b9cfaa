// Which sign-in log entries still describe the person's problem, and which error codes they (or the person) report.
import { known } from "./facts";
import type { SignInEvent, Snapshot } from "./snapshot";

/** Sign-ins older than this don't explain today's problem. */
export const RECENT_WINDOW_MS = 24 * 60 * 60_000;

/** The readable sign-ins, newest first; undefined when the log couldn't be read. */
export function signInsNewestFirst(s: Snapshot): SignInEvent[] | undefined {
  const events = known(s.signIns);
  if (events === undefined) return undefined;
  return [...events].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/**
 * Failures that still matter: in the last 24 hours and after the latest success
 * (a later success means that failure was overcome). Newest first; empty when the log is unreadable.
 */
export function recentFailures(s: Snapshot): SignInEvent[] {
  const events = signInsNewestFirst(s) ?? [];
  const since = s.now.getTime() - RECENT_WINDOW_MS;
  const out: SignInEvent[] = [];
  for (const e of events) {
    if (e.createdAt.getTime() < since) break;
    if (e.errorCode === 0) break;
    out.push(e);
  }
  return out;
}

/** Recent failures whose error code is one of `codes`, newest first. */
export function recentFailuresWith(s: Snapshot, codes: readonly number[]): SignInEvent[] {
  return recentFailures(s).filter((e) => codes.includes(e.errorCode));
}

/** Codes from `codes` that the person typed or pasted (they count like sign-in log codes). */
export function reportedCodes(s: Snapshot, codes: readonly number[]): number[] {
  return [...new Set((s.answers.errorCodes ?? []).filter((c) => codes.includes(c)))];
}

/** Names of Conditional Access policies a sign-in reports as failed. */
export function failedPolicyNames(e: SignInEvent): string[] {
  return e.appliedPolicies.filter((p) => p.result.toLowerCase() === "failure").map((p) => p.displayName);
}

/** The newest successful sign-in after `since`, if the log shows one. */
export function successAfter(s: Snapshot, since: Date): SignInEvent | undefined {
  return (signInsNewestFirst(s) ?? []).find((e) => e.errorCode === 0 && e.createdAt.getTime() >= since.getTime());
}

/** True when the Windows logon screen produced this sign-in (Entra logs it as the "Windows Sign In" app). */
export function isWindowsLogon(e: SignInEvent): boolean {
  return /windows sign[- ]?in/i.test(e.appDisplayName);
}

/** True when the device is Entra-joined or hybrid-joined (trustType "Azure AD joined", "Hybrid Azure AD joined", …). */
export function isJoinedDevice(e: SignInEvent): boolean {
  return /joined/i.test(e.device.trustType ?? "");
}
