// A realistic digest for the Northwind Labs demo people, shared by presenter tests and the card pictures.
import type { Finding, PassRef } from "../../../src/alerts/findings";
import type { StoredDigest } from "../../../src/alerts/repositories";

const pass = (userId: string, displayName: string, upn: string, createdAt: string, endsAt: string, lifetimeInMinutes: number): PassRef => ({
  userId,
  tapId: `tap-${userId}`,
  displayName,
  userPrincipalName: upn,
  createdAt,
  endsAt,
  lifetimeInMinutes,
  isUsableOnce: true,
});

const f = (key: string, kind: Finding["kind"], text: string, at: string, p?: PassRef): Finding => ({ key, kind, fingerprint: "x", text, at, ...(p ? { pass: p } : {}) });

/** Two ending soon, three stale, one kept after Authenticator, a policy change and a burst of failures. */
export function sampleDigest(): StoredDigest {
  const findings: Finding[] = [
    f("expiring_unused:tap-nina", "expiring_unused", "Nina Newhire's pass ends in 35 min and no permanent method is registered yet.", "2026-11-28T12:35:00Z", pass("nina", "Nina Newhire", "nina@northwind-demo.example", "2026-11-28T11:00:00Z", "2026-11-28T12:35:00Z", 95)),
    f("expiring_unused:tap-omar", "expiring_unused", "Omar Onboarding's pass ends in 50 min and no permanent method is registered yet.", "2026-11-28T12:50:00Z", pass("omar", "Omar Onboarding", "omar@northwind-demo.example", "2026-11-28T09:50:00Z", "2026-11-28T12:50:00Z", 180)),
    f("stale_pass:tap-ben", "stale_pass", "Ben Expired: the pass expired and is still registered.", "2026-11-27T16:00:00Z", pass("ben", "Ben Expired", "ben@northwind-demo.example", "2026-11-27T15:00:00Z", "2026-11-27T16:00:00Z", 60)),
    f("stale_pass:tap-uma", "stale_pass", "Uma Used: the one-time pass was used and is still registered.", "2026-11-28T08:10:00Z", pass("uma", "Uma Used", "uma@northwind-demo.example", "2026-11-28T08:10:00Z", "2026-11-28T16:10:00Z", 480)),
    f("stale_pass:tap-eli", "stale_pass", "Eli Leftover: the pass expired and is still registered.", "2026-11-20T10:00:00Z", pass("eli", "Eli Leftover", "eli@northwind-demo.example", "2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z", 60)),
    f("kept_after_permanent:tap-kai", "kept_after_permanent", "Kai Keeper registered Microsoft Authenticator after the pass was created; the pass is no longer needed.", "2026-11-28T07:00:00Z", pass("kai", "Kai Keeper", "kai@northwind-demo.example", "2026-11-28T07:00:00Z", "2026-11-29T07:00:00Z", 1440)),
    f("policy_drift:x", "policy_drift", "The Temporary Access Pass policy changed since the last scan: maximum lifetime 480 → 1440 min.", "2026-11-28T12:00:00Z"),
    f("failure_burst", "failure_burst", "7 pass sign-in failures (AADSTS130504) from 3 people in the last 60 min.", "2026-11-28T11:20:00Z"),
  ];
  return { id: "2026-11-28T12:00:00.000Z-3f2a9c1d", createdAt: "2026-11-28T12:00:00Z", findings, fixedCount: 2, gaps: [], statuses: {} };
}
