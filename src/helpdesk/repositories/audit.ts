// The append-only audit trail of every helpdesk action, and its CSV export. Never holds a pass value.
import { randomBytes } from "node:crypto";
import { HelpdeskError, isHelpdeskError } from "../../errors";
import { scrubSecrets } from "../../secrets";
import type { DocumentStore } from "../../store/port";
import type { AuditEvent, PersonStamp } from "../domain/model";
import { containsSecret } from "../domain/secret-guard";

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

// Layout over partitioned entries, so every read is one partition and one row range (no scan of the whole trail):
//   audit            partition = UTC day (YYYY-MM-DD), row = event id   — the record of truth, written first, create-only
//   audit-by-person  partition = person id,           row = event id   — a copy for the actor and for the target
//   audit-days       partition = "days",              row = UTC day    — which days have events, for newest-first reads
// Event ids start with the ISO time, so row order is time order. The copies are written after the record; a failure
// between them surfaces as an error to the caller (not atomic: Azure Tables can't span partitions either).
const BY_DAY = "audit";
const BY_PERSON = "audit-by-person";
const DAYS = "audit-days";
const DAYS_PARTITION = "days";
const DAY_PAGE = 30;

const dayOf = (iso: string): string => iso.slice(0, 10);

/** Append-only: events are written once under a time-sortable id and never updated or deleted. */
export class AuditLog {
  private readonly suffix: () => string;
  private readonly knownDays = new Set<string>();

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
        await this.store.putIn(BY_DAY, dayOf(stored.at), stored.id, stored, { ifNoneMatch: "*" });
      } catch (e) {
        if (!isHelpdeskError(e) || e.code !== "CONFLICT" || attempt >= 5) throw e;
        continue;
      }
      await this.index(stored);
      return stored;
    }
  }

  /** The newest events, newest first: reads day partitions backwards until it has enough. */
  async recent(limit = 50): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    for await (const day of this.daysNewestFirst()) {
      if (out.length >= limit) break;
      const rows = await this.store.queryRange<AuditEvent>(BY_DAY, day, { reverse: true, limit: limit - out.length });
      out.push(...rows.map((r) => r.value));
    }
    return out;
  }

  /** The newest events where the person acted or was the target, newest first (one partition). */
  async byPerson(personId: string, limit = 50): Promise<AuditEvent[]> {
    return (await this.store.queryRange<AuditEvent>(BY_PERSON, personId, { reverse: true, limit })).map((r) => r.value);
  }

  /** Events at or after the time where the person acted or was the target, oldest first (one partition, one range). */
  async byPersonSince(personId: string, date: Date): Promise<AuditEvent[]> {
    return (await this.store.queryRange<AuditEvent>(BY_PERSON, personId, { from: date.toISOString() })).map((r) => r.value);
  }

  /** Events at or after the time, oldest first (the day partitions from that day on). */
  async since(date: Date): Promise<AuditEvent[]> {
    const from = date.toISOString();
    const days = await this.store.queryRange<string>(DAYS, DAYS_PARTITION, { from: dayOf(from) });
    const out: AuditEvent[] = [];
    for (const day of days) out.push(...(await this.store.queryRange<AuditEvent>(BY_DAY, day.key, { from })).map((r) => r.value));
    return out;
  }

  private async index(stored: AuditEvent): Promise<void> {
    const day = dayOf(stored.at);
    if (!this.knownDays.has(day)) {
      await this.store.putIn(DAYS, DAYS_PARTITION, day, day);
      this.knownDays.add(day);
    }
    const people = new Set([stored.actor.id, ...(stored.target ? [stored.target.id] : [])]);
    for (const id of people) await this.store.putIn(BY_PERSON, id, stored.id, stored);
  }

  private async *daysNewestFirst(): AsyncGenerator<string> {
    let to: string | undefined;
    for (;;) {
      const page = await this.store.queryRange<string>(DAYS, DAYS_PARTITION, { to, reverse: true, limit: DAY_PAGE });
      for (const day of page) yield day.key;
      if (page.length < DAY_PAGE) return;
      to = page[page.length - 1]?.key;
    }
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
