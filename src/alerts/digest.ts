// Which findings a digest holds (pure): only what is new or changed since the last digest; a fixed finding is dropped
// (and would be new again if it came back); a snoozed one stays quiet until its snooze ends, then counts as new.
import type { Finding, FindingKind } from "./findings";

/** What the scanner remembers about a finding between scans (stored per key). */
export interface TrackedFinding {
  key: string;
  kind: FindingKind;
  fingerprint: string;
  firstSeenAt: string;
  /** When it was last put in a digest, and its fingerprint then. Cleared by a snooze, so its end reports it again. */
  reportedAt?: string;
  reportedFingerprint?: string;
  snoozedUntil?: string;
  snoozedBy?: string;
  /** The person the finding is about, when it is about one (to keep it while their methods couldn't be read). */
  userId?: string;
}

export interface DigestPlan {
  /** New or changed findings, not snoozed: the digest's content (empty: no digest this time). */
  report: Finding[];
  /** Keys reported earlier whose problem is gone. */
  fixed: string[];
  /** The tracked state after this scan: upserts and deletions. */
  upserts: TrackedFinding[];
  removals: string[];
}

/**
 * Plans one digest. `stillUnknown` says a tracked finding's source couldn't be read this scan (its person's methods,
 * the sign-in logs, the policy): such a finding is kept as it is, neither fixed nor reported.
 */
export function planDigest(findings: Finding[], tracked: TrackedFinding[], now: Date, stillUnknown: (t: TrackedFinding) => boolean): DigestPlan {
  const byKey = new Map(tracked.map((t) => [t.key, t]));
  const seen = new Set<string>();
  const plan: DigestPlan = { report: [], fixed: [], upserts: [], removals: [] };
  const nowIso = now.toISOString();
  for (const f of findings) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    const t = byKey.get(f.key);
    const snoozed = t?.snoozedUntil !== undefined && Date.parse(t.snoozedUntil) > now.getTime();
    if (snoozed) {
      if (t.fingerprint !== f.fingerprint) plan.upserts.push({ ...t, fingerprint: f.fingerprint });
      continue;
    }
    if (t && t.reportedFingerprint === f.fingerprint) continue; // reported already, unchanged
    plan.report.push(f);
    plan.upserts.push({
      key: f.key,
      kind: f.kind,
      fingerprint: f.fingerprint,
      firstSeenAt: t?.firstSeenAt ?? nowIso,
      reportedAt: nowIso,
      reportedFingerprint: f.fingerprint,
      ...(f.pass ? { userId: f.pass.userId } : {}),
    });
  }
  for (const t of tracked) {
    if (seen.has(t.key) || stillUnknown(t)) continue;
    plan.removals.push(t.key);
    // A drift is an event, not a state: the next drift replaces it; nothing was "fixed".
    if (t.reportedAt && t.kind !== "policy_drift") plan.fixed.push(t.key);
  }
  return plan;
}

/** A snooze on a tracked finding: quiet until `until`, then reported again if the problem is still there. */
export function snooze(t: TrackedFinding, until: Date, by: string): TrackedFinding {
  const quiet: TrackedFinding = { ...t, snoozedUntil: until.toISOString(), snoozedBy: by };
  delete quiet.reportedAt;
  delete quiet.reportedFingerprint;
  return quiet;
}
