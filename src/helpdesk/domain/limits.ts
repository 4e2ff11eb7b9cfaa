// Issuance rate limits, counted from the audit trail: a burst of passes is a classic sign of a helpdesk being socially
// engineered, so beyond the limits a helpdesk admin must approve.
import type { AuditEvent } from "./model";
import { AUDIT_TAP_ISSUED } from "../repositories/audit";

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** What to count and against which limits (both from configuration). */
export interface LimitQuery {
  agentId: string;
  subjectId: string;
  now: Date;
  perAgentPerHour: number;
  perSubjectPerDay: number;
}

/** Within limits, or which limit another pass would exceed. */
export type LimitResult =
  | { ok: true }
  | { ok: false; limit: "per_agent_per_hour" | "per_subject_per_day"; count: number; reason: string };

/** The audit trail's read side that limits need: one person's events in a time range (one partition, one range). */
export interface AuditReader {
  byPersonSince(personId: string, date: Date): Promise<AuditEvent[]>;
}

/**
 * Whether one more pass stays within the limits. Counts successful issuances in the last hour by the agent and in the
 * last 24 hours for the subject; an issuance exactly one window ago no longer counts.
 */
export async function checkLimits(audit: AuditReader, q: LimitQuery): Promise<LimitResult> {
  const now = q.now.getTime();
  const issued = (e: AuditEvent): boolean => e.action === AUDIT_TAP_ISSUED && e.result === "success";
  const within = (e: AuditEvent, windowMs: number): boolean => {
    const at = Date.parse(e.at);
    return at > now - windowMs && at <= now;
  };
  const agentEvents = await audit.byPersonSince(q.agentId, new Date(now - HOUR_MS));
  const byAgent = agentEvents.filter((e) => issued(e) && e.actor.id === q.agentId && within(e, HOUR_MS)).length;
  if (byAgent >= q.perAgentPerHour) {
    return {
      ok: false,
      limit: "per_agent_per_hour",
      count: byAgent,
      reason: `You've issued ${byAgent} pass${byAgent === 1 ? "" : "es"} in the last hour (limit ${q.perAgentPerHour}). A helpdesk admin has to approve another one.`,
    };
  }
  const subjectEvents = await audit.byPersonSince(q.subjectId, new Date(now - DAY_MS));
  const forSubject = subjectEvents.filter((e) => issued(e) && e.target?.id === q.subjectId && within(e, DAY_MS)).length;
  if (forSubject >= q.perSubjectPerDay) {
    return {
      ok: false,
      limit: "per_subject_per_day",
      count: forSubject,
      reason: `This person has received ${forSubject} pass${forSubject === 1 ? "" : "es"} in the last 24 hours (limit ${q.perSubjectPerDay}). A helpdesk admin has to approve another one.`,
    };
  }
  return { ok: true };
}
