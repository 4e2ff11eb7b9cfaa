// Whether the bot may write passes can't be probed without creating or deleting one; the helpdesk's own audit trail
// says how the last write went. Only events that decide it count: a success, or a refusal naming the permission.
import type { AuditEvent } from "../helpdesk/domain/model";
import { WRITE_PERMISSION } from "./access-lines";
import type { WriteEvidence } from "./facts";

/** The audit actions of pass writes. */
const WRITE_ACTIONS: Readonly<Record<string, WriteEvidence["action"]>> = { tap_issued: "issue", tap_deleted: "delete" };

/** The newest deciding write among `events` (newest first), or undefined when none decides it. */
export function writeEvidenceFrom(events: readonly AuditEvent[]): WriteEvidence | undefined {
  for (const e of events) {
    const action = WRITE_ACTIONS[e.action];
    if (!action) continue;
    if (e.result === "success") return { at: e.at, action, ok: true, permissionRefused: false };
    if (e.result === "failed" && (e.detail ?? "").includes(WRITE_PERMISSION)) return { at: e.at, action, ok: false, permissionRefused: true };
  }
  return undefined;
}

/** How many recent audit events are looked through. */
export const WRITE_EVIDENCE_WINDOW = 500;

/** Reads the newest events from the trail and picks the deciding write. */
export async function lastWriteEvidence(audit: { recent(limit: number): Promise<AuditEvent[]> }): Promise<WriteEvidence | undefined> {
  return writeEvidenceFrom(await audit.recent(WRITE_EVIDENCE_WINDOW));
}
