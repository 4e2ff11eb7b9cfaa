// The alerts presenter: turns the alerts' typed views (alerts/views.ts) into Adaptive Cards, times in the helpdesk's zone.
import digestJson from "./templates/alert-digest.json";
import bulkJson from "./templates/alert-bulk-confirm.json";
import nudgeJson from "./templates/alert-nudge.json";
import { BULK_MAX, type AlertBulkConfirmView, type AlertDigestView, type AlertView, type DigestItem } from "../alerts/views";
import { formatDateTime } from "../triage/format";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { buttonId, dropEmptyActions, MAX_NAME, safeText } from "./helpdesk-text";

const digestTemplate = compileTemplate(digestJson);
const bulkTemplate = compileTemplate(bulkJson);
const nudgeTemplate = compileTemplate(nudgeJson);


const GROUP_COLORS: Record<string, string> = { expiring_unused: "Warning", stale_pass: "Attention", failure_burst: "Attention", method_off: "Attention", policy_drift: "Warning" };

const STATUS: Record<string, { text: string; color: string }> = {
  deleted: { text: "Deleted", color: "Good" },
  already_gone: { text: "Already gone", color: "Good" },
  snoozed: { text: "Snoozed", color: "Default" },
  denied: { text: "Not allowed", color: "Attention" },
  failed: { text: "Failed", color: "Warning" },
};

function statusText(item: DigestItem, time: (iso: string) => string): string {
  const s = item.status;
  if (!s) return "";
  const label = STATUS[s.state]?.text ?? s.state;
  const until = s.until ? ` until ${time(s.until)}` : "";
  const reason = s.reason ? `: ${s.reason}` : "";
  return safeText(`${label} by ${s.by}${until}${reason}`);
}

function itemData(view: AlertDigestView, item: DigestItem, time: (iso: string) => string): Record<string, unknown> {
  const quiet = item.status?.state === "snoozed";
  const canSnooze = !quiet && item.status?.state !== "deleted" && item.status?.state !== "already_gone";
  return {
    digestId: buttonId(view.digestId),
    key: buttonId(item.key),
    text: safeText(item.text),
    meta: safeText([item.personName, time(item.at)].filter(Boolean).join(" · "), MAX_NAME + 40),
    hasStatus: item.status !== undefined,
    statusText: statusText(item, time),
    statusColor: STATUS[item.status?.state ?? ""]?.color ?? "Default",
    canDelete: item.canDelete,
    canSnooze,
    hasLink: item.entraUrl !== undefined,
    entraUrl: item.entraUrl ?? "",
    hasActions: item.canDelete || canSnooze || item.entraUrl !== undefined,
  };
}

function presentDigest(view: AlertDigestView, time: (iso: string) => string): AdaptiveCard {
  const fixed = view.fixedCount > 0 ? ` · ${view.fixedCount} fixed since the last digest` : "";
  return dropEmptyActions(
    expandCard(digestTemplate, {
      subtitle: `Scan at ${time(view.scannedAt)} · ${view.total} new or changed${fixed}`,
      hasNotice: view.notice !== undefined,
      notice: safeText(view.notice, 400),
      groups: view.groups.map((g) => ({
        heading: safeText(`${g.title} (${g.count})`),
        color: GROUP_COLORS[g.kind] ?? "Default",
        items: g.items.map((i) => itemData(view, i, time)),
        hasMore: g.count > g.items.length,
        moreText: `…and ${g.count - g.items.length} more.`,
      })),
      hasGaps: view.gaps.length > 0,
      gapsText: safeText(`Couldn't check: ${view.gaps.join("; ")}`, 600),
      hasStale: view.staleCount > 0,
      staleTitle: view.staleCount > BULK_MAX ? `Delete expired / used passes (${BULK_MAX} of ${view.staleCount})` : `Delete all expired / used passes (${view.staleCount})`,
      digestId: buttonId(view.digestId),
    }),
  );
}

function presentBulk(view: AlertBulkConfirmView): AdaptiveCard {
  const n = view.passes.length;
  return expandCard(bulkTemplate, {
    title: `Delete ${n} expired or used pass${n === 1 ? "" : "es"}?`,
    passes: view.passes.map((p) => ({ name: safeText(p.userPrincipalName ? `${p.personName} (${p.userPrincipalName})` : p.personName, MAX_NAME * 2), reason: safeText(p.reason) })),
    confirmTitle: `Delete ${n} pass${n === 1 ? "" : "es"}`,
    hasRemaining: view.remaining > 0,
    remainingText: `${view.remaining} more expired or used pass${view.remaining === 1 ? "" : "es"} stay for the next round.`,
    bulkId: buttonId(view.bulkId),
  });
}

/** The card for one alerts view. */
export function presentAlertView(view: AlertView, options: { timeZone: string }): AdaptiveCard {
  const time = (iso: string): string => formatDateTime(new Date(iso), options.timeZone);
  switch (view.kind) {
    case "alert_digest":
      return presentDigest(view, time);
    case "alert_bulk_confirm":
      return presentBulk(view);
    case "alert_nudge":
      return expandCard(nudgeTemplate, { endsText: `It stops working at ${time(view.endsAt)}.`, registerUrl: view.registerUrl });
  }
}
