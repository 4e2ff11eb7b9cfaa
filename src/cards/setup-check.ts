// The readiness card for `check setup`: what needs attention first (red, then amber, each with its fix), then what is in
// order, one short line each. Every text is escaped here; the lines come from setup/assess.ts.
import setupCheckJson from "./templates/setup-check.json";
import type { SetupArea, SetupLine, SetupStatus } from "../setup/facts";
import type { SetupReport } from "../setup/service";
import { formatDateTime } from "../triage/format";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, safePlain, safeText } from "./helpdesk-text";

const setupCheckTemplate = compileTemplate(setupCheckJson);

/** Lines needing attention shown at most; the rest are counted. */
export const MAX_ATTENTION_LINES = 20;
/** Lines in order shown at most. */
export const MAX_IN_ORDER_LINES = 30;
/** Teams refuses cards over about 28 KB; lines are left out (and counted) until the card fits this. */
export const MAX_CARD_CHARS = 26_000;
const MAX_FINDING = 500;
const MAX_FIX = 400;
const MAX_GREEN_FINDING = 240;

/** What the card shows. */
export interface SetupCheckCardView {
  checkedAtText: string;
  overall: SetupStatus;
  counts: Record<SetupStatus, number>;
  lines: readonly SetupLine[];
}

const STATUS = {
  red: { label: "Red", color: "Attention" },
  amber: { label: "Amber", color: "Warning" },
  green: { label: "Green", color: "Good" },
} as const satisfies Record<SetupStatus, { label: string; color: string }>;

const HEADER = {
  red: { style: "attention", summary: "Something stops passes from working for some or all people: fix the red lines first." },
  amber: { style: "warning", summary: "Passes work. The amber lines are worth a look: each says whom it affects and what to change." },
  green: { style: "good", summary: "Everything a pass needs is in place." },
} as const satisfies Record<SetupStatus, { style: string; summary: string }>;

const SECTION: Record<SetupArea, string> = {
  tap_policy: "Pass policy",
  tap_targets: "Pass policy",
  tap_lifetime: "Pass policy",
  tap_one_time: "Pass policy",
  fido2: "Permanent methods",
  authenticator: "Permanent methods",
  ca_registration: "Conditional Access, registering security info",
  ca_sign_in: "Conditional Access, sign-in",
  ca_overall: "Conditional Access",
  bot_access: "The bot's access",
};

function attentionRow(line: SetupLine): Record<string, unknown> {
  const fix = safeText(line.fix, MAX_FIX);
  return {
    label: STATUS[line.status].label,
    color: STATUS[line.status].color,
    section: SECTION[line.area],
    title: safePlain(line.title, MAX_NAME),
    finding: safeText(line.finding, MAX_FINDING),
    hasFix: fix !== "",
    fix: fix === "" ? "" : `**Fix:** ${fix}`,
  };
}

function countsText(counts: Record<SetupStatus, number>, checkedAtText: string): string {
  return `${counts.red} red · ${counts.amber} amber · ${counts.green} green · checked ${safeText(checkedAtText)}`;
}

function expand(view: SetupCheckCardView, attention: readonly SetupLine[], green: readonly SetupLine[], hidden: { attention: number; green: number }): AdaptiveCard {
  return expandCard(setupCheckTemplate, {
    headerStyle: HEADER[view.overall].style,
    summary: HEADER[view.overall].summary,
    countsText: countsText(view.counts, view.checkedAtText),
    hasAttention: attention.length > 0,
    attention: attention.map(attentionRow),
    hasMoreAttention: hidden.attention > 0,
    moreAttentionText: `…and ${hidden.attention} more that need attention. Fix the ones above and run the check again.`,
    hasInOrder: green.length > 0,
    inOrder: green.map((l) => ({ title: safePlain(l.title, MAX_NAME), finding: safePlain(l.finding, MAX_GREEN_FINDING) })),
    hasMoreInOrder: hidden.green > 0,
    moreInOrderText: `…and ${hidden.green} more in order.`,
    footer:
      'Read live from Microsoft Graph with harmless reads; Conditional Access and the pass policy come from the bot\'s cache (a few minutes old at most). Type "check setup" again after a change.',
  });
}

/**
 * Renders the card: red lines before amber ones (each in area order), then the green ones. Lines that don't fit
 * (more than the caps, or past Teams' size limit) are left out from the end, greens first, and counted.
 */
export function renderSetupCheckCard(view: SetupCheckCardView): AdaptiveCard {
  const attention = [...view.lines.filter((l) => l.status === "red"), ...view.lines.filter((l) => l.status === "amber")];
  const green = view.lines.filter((l) => l.status === "green");
  let a = Math.min(attention.length, MAX_ATTENTION_LINES);
  let g = Math.min(green.length, MAX_IN_ORDER_LINES);
  for (;;) {
    const card = expand(view, attention.slice(0, a), green.slice(0, g), { attention: attention.length - a, green: green.length - g });
    if (JSON.stringify(card).length <= MAX_CARD_CHARS || a + g === 0) return card;
    if (g > 0) g -= 1;
    else a -= 1;
  }
}

/** The card for a setup report, with the check's time in the helpdesk's zone. */
export function presentSetupCheck(report: SetupReport, options: { timeZone: string }): AdaptiveCard {
  return renderSetupCheckCard({
    checkedAtText: formatDateTime(new Date(report.checkedAt), options.timeZone),
    overall: report.overall,
    counts: report.counts,
    lines: report.lines,
  });
}
