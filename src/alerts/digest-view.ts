// A stored digest as the card's view (pure): grouped by kind, counted, the top items with the person and the time,
// and what was done to each item since (deleted, snoozed) when the card is updated in place.
import { FINDING_KINDS, type Finding, type FindingKind } from "./findings";
import type { StoredDigest } from "./repositories";
import { entraMethodsUrl, type AlertDigestView, type DigestGroup, type DigestItem } from "./views";

/** How many items of each group the card shows; the count says how many there are. */
export const TOP_ITEMS = 5;

const TITLES: Record<FindingKind, string> = {
  expiring_unused: "Ending soon, no permanent method yet",
  stale_pass: "Expired or used, still registered",
  kept_after_permanent: "Kept after a permanent method was registered",
  lifetime_over_max: "Longer than the organisation allows",
  multi_use: "Multi-use where one-time is wanted",
  policy_drift: "Pass policy changed",
  method_off: "Sign-in methods switched off",
  failure_burst: "Burst of pass sign-in failures",
};

/** Findings about one pass that a click may delete (all pass findings; the status says when it was done). */
const DELETABLE: ReadonlySet<FindingKind> = new Set(["expiring_unused", "stale_pass", "kept_after_permanent", "lifetime_over_max", "multi_use"]);

function itemOf(f: Finding, digest: StoredDigest): DigestItem {
  const status = digest.statuses[f.key];
  const done = status?.state === "deleted" || status?.state === "already_gone";
  return {
    key: f.key,
    text: f.text,
    at: f.at,
    personName: f.pass ? (f.pass.userPrincipalName ?? f.pass.displayName) : undefined,
    entraUrl: f.pass ? entraMethodsUrl(f.pass.userId) : undefined,
    canDelete: f.pass !== undefined && DELETABLE.has(f.kind) && !done,
    ...(status ? { status } : {}),
  };
}

/** Stale passes of this digest that are not yet deleted: what "Delete all expired / used passes" would remove. */
export function stalePasses(digest: StoredDigest): Finding[] {
  return digest.findings.filter((f) => f.kind === "stale_pass" && f.pass && !["deleted", "already_gone"].includes(digest.statuses[f.key]?.state ?? ""));
}

export function digestView(digest: StoredDigest, notice?: string): AlertDigestView {
  const groups: DigestGroup[] = [];
  for (const kind of FINDING_KINDS) {
    const of = digest.findings.filter((f) => f.kind === kind);
    if (of.length === 0) continue;
    groups.push({ kind, title: TITLES[kind], count: of.length, items: of.slice(0, TOP_ITEMS).map((f) => itemOf(f, digest)) });
  }
  return {
    kind: "alert_digest",
    digestId: digest.id,
    scannedAt: digest.createdAt,
    total: digest.findings.length,
    groups,
    fixedCount: digest.fixedCount,
    gaps: digest.gaps,
    staleCount: stalePasses(digest).length,
    ...(notice ? { notice } : {}),
  };
}

/** The notification line of a digest (what Teams shows in the activity feed). */
export function digestSummary(digest: StoredDigest): string {
  const n = digest.findings.length;
  return `Pass alerts: ${n} new finding${n === 1 ? "" : "s"}`;
}
