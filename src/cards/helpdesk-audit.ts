// The audit card for helpdesk admins: the most recent records, one row each (time, actor, action, target, result).
import auditJson from "./templates/helpdesk-audit.json";
import type { AuditEvent, AuditResult } from "../helpdesk/domain/model";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, safeText } from "./helpdesk-text";

const auditTemplate = compileTemplate(auditJson);

/** Rows shown at most; the CSV export has the rest. */
export const MAX_AUDIT_ROWS = 25;
const MAX_DETAIL = 200;

/** Records to show, in the order given (the caller sorts, newest first as a rule). */
export interface AuditCardView {
  title: string;
  events: AuditEvent[];
  /** How to get everything, e.g. "Type 'audit export' for a CSV file." */
  exportHint: string;
  /** Formats an ISO time; defaults to "YYYY-MM-DD HH:MM UTC". */
  formatTime?: (iso: string) => string;
}

const RESULT = {
  success: { text: "Success", color: "Good" },
  denied: { text: "Denied", color: "Attention" },
  failed: { text: "Failed", color: "Warning" },
} as const satisfies Record<AuditResult, { text: string; color: string }>;

function utcText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function row(e: AuditEvent, format: (iso: string) => string): Record<string, unknown> {
  const result = Object.hasOwn(RESULT, e.result) ? RESULT[e.result] : { text: "Unknown", color: "Default" };
  const target = e.target ? ` → ${safeText(e.target.displayName, MAX_NAME)}` : "";
  const ticket = e.ticketId ? ` · ${safeText(e.ticketId, 40)}` : "";
  const detail = safeText(e.detail, MAX_DETAIL);
  return {
    when: `${safeText(format(e.at))} · ${safeText(e.actor.displayName, MAX_NAME)}`,
    result: result.text,
    resultColor: result.color,
    what: `${safeText(e.action, 60)}${target}${ticket}`,
    hasDetail: detail !== "",
    detail,
  };
}

/** Renders up to 25 records; says how many more there are and how to export them. */
export function renderAuditCard(view: AuditCardView): AdaptiveCard {
  const shown = view.events.slice(0, MAX_AUDIT_ROWS);
  const format = view.formatTime ?? utcText;
  const hint = safeText(view.exportHint);
  const total = view.events.length;
  return expandCard(auditTemplate, {
    title: safeText(view.title, MAX_NAME),
    countText:
      total > shown.length ? `Showing ${shown.length} of ${total} records` : `${total} record${total === 1 ? "" : "s"}`,
    rows: shown.map((e) => row(e, format)),
    isEmpty: total === 0,
    hasExportHint: hint !== "",
    exportHint: hint,
  });
}
