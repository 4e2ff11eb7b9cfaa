// Where the sign-in log and the current pass disagree, the likely reason (attached to the primary finding).
import { at, signInEvidence } from "./evidence";
import { currentPass, passEndsAt, passTiming } from "./facts";
import type { Evidence } from "./findings";
import { formatDateTime, formatRelative } from "./format";
import { recentFailuresWith, reportedCodes } from "./sign-ins";
import type { Snapshot } from "./snapshot";

/** One disagreement between facts, explained. */
export interface Conflict {
  text: string;
  evidence: Evidence[];
}

/** A pass this young may not have reached every sign-in server yet. */
export const REPLICATION_WINDOW_MS = 15 * 60_000;

const EXPIRED = 130504;
const NOT_FOUND = 130507;

/** All sign-in-versus-pass disagreements in the snapshot, oldest explanation first. */
export function findConflicts(s: Snapshot): Conflict[] {
  const pass = currentPass(s);
  if (!pass || passTiming(pass, s.now) !== "active") return [];
  const out: Conflict[] = [];
  const created = pass.createdAt.getTime();
  const validUntil = formatDateTime(passEndsAt(pass), s.timeZone);

  const expiredAttempts = recentFailuresWith(s, [EXPIRED]);
  const beforeNewPass = expiredAttempts.find((e) => e.createdAt.getTime() < created);
  if (beforeNewPass) {
    out.push({
      text: `The sign-in log shows an expired pass at ${at(s, beforeNewPass.createdAt)}, but a newer pass was issued after that attempt (valid until ${validUntil}). Use the newest pass.`,
      evidence: [signInEvidence(s, beforeNewPass), { label: "Newer pass created", value: at(s, pass.createdAt), source: "pass" }],
    });
  }
  const afterNewPass = expiredAttempts.find((e) => e.createdAt.getTime() >= created);
  if (afterNewPass || (expiredAttempts.length === 0 && reportedCodes(s, [EXPIRED]).length > 0)) {
    out.push({
      text: `An "expired pass" error was reported although the current pass is valid until ${validUntil}: an older pass was probably typed. Only the newest pass works.`,
      evidence: afterNewPass ? [signInEvidence(s, afterNewPass)] : [],
    });
  }

  const young = s.now.getTime() - created < REPLICATION_WINDOW_MS;
  const notFoundAfter = recentFailuresWith(s, [NOT_FOUND]).find((e) => e.createdAt.getTime() >= created);
  if (pass.isUsable && young && notFoundAfter) {
    out.push({
      text: `The pass was created only ${formatRelative(pass.createdAt, s.now)} (${formatDateTime(pass.createdAt, s.timeZone)}) and the sign-in that couldn't find it came after that: a new pass can take a few minutes to reach every sign-in server. Wait a few minutes and try again.`,
      evidence: [signInEvidence(s, notFoundAfter), { label: "Pass created", value: at(s, pass.createdAt), source: "pass" }],
    });
  }
  return out;
}
