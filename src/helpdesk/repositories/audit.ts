// The append-only audit trail of every helpdesk action, and its CSV export. Never holds a pass value.
import { randomBytes } from "node:crypto";
import { HelpdeskError, isHelpdeskError } from "../../errors";
import { scrubSecrets } from "../../secrets";
import type { DocumentStore } from "../../store/port";
import type { AuditEvent, PersonStamp } from "../domain/model";
import { containsSecret } from "../domain/secret-guard";

const COLLECTION = "audit";

/** Action name of a successful issuance; limits count these. */
export const AUDIT_TAP_ISSUED = "tap_issued";

/** An event before it has its id. */
export type NewAuditEvent = Omit<AuditEvent, "id">;

/** Options for tests: a fixed suffix source makes ids predictable. */
export interface AuditLogOptions {
  randomSuffix?: () => string;
}

const SUFFIX_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const randomSuffix = (): string => [...randomBytes(8)].map((b) => SUFFIX_ALPHABET[b % 32]).join("");
const person = (p: PersonStamp): PersonStamp => ({ id: p.id, displayName: p.displayName });

/** A copy with only the known fields, `at` normalised and the detail scrubbed. */
function normalised(event: NewAuditEvent): NewAuditEvent {
  const time = Date.parse(event.at);
  if (Number.isNaN(time)) throw new HelpdeskError("BAD_INPUT", "an audit event needs a valid time");
  const out: NewAuditEvent = { at: new Date(time).toISOString(), actor: person(event.actor), action: event.action, result: event.result };
  if (event.ticketId !== undefined) out.ticketId = event.ticketId;
  if (event.target !== undefined) out.target = person(event.target);
  if (event.verificationMethod !== undefined) out.verificationMethod = event.verificationMethod;
  if (event.detail !== undefined) out.detail = scrubSecrets(event.detail);
  if (event.graphRequestId !== undefined) out.graphRequestId = event.graphRequestId;
  return out;
}

/** Append-only: events are written once under a time-sortable id and never updated or deleted. */
export class AuditLog {
  private readonly suffix: () => string;

  constructor(
    private readonly store: DocumentStore,
    options: AuditLogOptions = {},
  ) {
    this.suffix = options.randomSuffix ?? randomSuffix;
  }

  /** Records the event. The detail is scrubbed; a secret anywhere else refuses the whole event (BAD_INPUT). */
  async append(event: NewAuditEvent): Promise<AuditEvent> {
    const clean = normalised(event);
    if (containsSecret(clean)) throw new HelpdeskError("BAD_INPUT", "refused to record an audit event that contains a secret");
    for (let attempt = 1; ; attempt++) {
      const stored: AuditEvent = { id: `${clean.at}-${this.suffix()}`, ...clean };
      try {
        await this.store.put(COLLECTION, stored.id, stored, { ifNoneMatch: "*" });
        return stored;
      } catch (e) {
        if (!isHelpdeskError(e) || e.code !== "CONFLICT" || attempt >= 5) throw e;
      }
    }
  }

  /** The newest events, newest first. */
  async recent(limit = 50): Promise<AuditEvent[]> {
    return (await this.all()).reverse().slice(0, limit);
  }

  /** The newest events where the person acted or was the target, newest first. */
  async byPerson(personId: string, limit = 50): Promise<AuditEvent[]> {
    const mine = (await this.all()).filter((e) => e.actor.id === personId || e.target?.id === personId);
    return mine.reverse().slice(0, limit);
  }

  /** Events at or after the time, oldest first. */
  async since(date: Date): Promise<AuditEvent[]> {
    const from = date.toISOString();
    return (await this.all()).filter((e) => e.id >= from);
  }

  private async all(): Promise<AuditEvent[]> {
    return (await this.store.list<AuditEvent>(COLLECTION)).map((v) => v.value);
  }
}

/** CSV columns, in order. */
export const AUDIT_CSV_COLUMNS = [
  "id",
  "time",
  "actor_id",
  "actor_name",
  "action",
  "ticket_id",
  "target_id",
  "target_name",
  "verification_method",
  "result",
  "detail",
  "graph_request_id",
] as const;

// Spreadsheets run cells starting with these as formulas (OWASP "CSV injection"); tab and CR are included for the same reason.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: formula-guarded with a leading apostrophe, then quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | undefined): string {
  let cell = value ?? "";
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The events as CSV (header row, CRLF line ends), safe to open in a spreadsheet. */
export function auditToCsv(events: readonly AuditEvent[]): string {
  const rows = events.map((e) =>
    [
      e.id,
      e.at,
      e.actor.id,
      e.actor.displayName,
      e.action,
      e.ticketId,
      e.target?.id,
      e.target?.displayName,
      e.verificationMethod,
      e.result,
      e.detail,
      e.graphRequestId,
    ].map(csvCell),
  );
  return [[...AUDIT_CSV_COLUMNS], ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";
}
