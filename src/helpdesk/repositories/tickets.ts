// Durable tickets over the DocumentStore port, with etag concurrency so two agents clicking at once can't both win.
import { randomInt } from "node:crypto";
import { HelpdeskError, isHelpdeskError } from "../../errors";
import type { DocumentStore } from "../../store/port";
import type { Ticket, TicketStatus } from "../domain/model";
import { scrubDeep } from "../domain/secret-guard";

export { PassDeliveries, type PassDelivery } from "./pass-deliveries";

const COLLECTION = "tickets";
// Indexes over partitioned entries, row = "<createdAt>|<id>" (creation order), value = the ticket id:
//   ticketsByStatus   partition = "open" | "assigned" (active tickets only)
//   ticketsBySubject  partition = subject id (written once: a ticket's subject never changes)
// An entry is written before the ticket write it describes, so a crash in between leaves an extra entry (readers check
// the ticket itself), never a missing one. Statuses only move forward (open → assigned → done), so an entry whose
// ticket has moved past its status can never become true again: readers prune those, and writers remove the old one.
const BY_STATUS = "ticketsByStatus";
const BY_SUBJECT = "ticketsBySubject";
const ACTIVE: readonly TicketStatus[] = ["open", "assigned"];
const rank = (s: TicketStatus): number => (s === "open" ? 0 : s === "assigned" ? 1 : 2);
const indexRow = (t: Ticket): string => `${t.createdAt}|${t.id}`;

/** Letters and digits people can read aloud without confusion (no 0/O, 1/I/L). */
export const TICKET_ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const TICKET_ID = new RegExp(`^T-[${TICKET_ID_ALPHABET}]{6}$`);

/** A new short ticket id, "T-" + 6 cryptographically random characters from the unambiguous alphabet. */
export function newTicketId(random: (max: number) => number = randomInt): string {
  let id = "T-";
  for (let i = 0; i < 6; i++) id += TICKET_ID_ALPHABET[random(TICKET_ID_ALPHABET.length)];
  return id;
}

/** The canonical id for what a person typed or a card carried ("t-7f3k2q " → "T-7F3K2Q"); undefined when it can't be one. */
export function normalizeTicketId(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const id = raw.trim().toUpperCase();
  return TICKET_ID.test(id) ? id : undefined;
}

/** A ticket with the etag to write it back with. */
export interface StoredTicket {
  ticket: Ticket;
  etag: string;
}

const isOpen = (t: Ticket): boolean => t.status === "open" || t.status === "assigned";
const byCreated = (a: Ticket, b: Ticket): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Tickets by id; every write is conditional (create: only if new; update: only if unchanged since read). */
export class TicketRepository {
  constructor(private readonly store: DocumentStore) {}

  /** Stores a new ticket; CONFLICT when the id is taken. */
  async create(ticket: Ticket): Promise<{ etag: string }> {
    const id = TicketRepository.checkedId(ticket.id);
    const clean = scrubDeep(ticket);
    await this.store.putIn(BY_SUBJECT, clean.subject.id, indexRow(clean), id);
    if (ACTIVE.includes(clean.status)) await this.store.putIn(BY_STATUS, clean.status, indexRow(clean), id);
    return this.store.put(COLLECTION, id, clean, { ifNoneMatch: "*" });
  }

  /** Creates a ticket under a fresh id, drawing another id on the (rare) clash. */
  async createNew(make: (id: string) => Ticket, attempts = 5): Promise<StoredTicket> {
    for (let i = 1; ; i++) {
      const ticket = make(newTicketId());
      try {
        const { etag } = await this.create(ticket);
        return { ticket, etag };
      } catch (e) {
        if (!isHelpdeskError(e) || e.code !== "CONFLICT" || i >= attempts) throw e;
      }
    }
  }

  /** The ticket and its etag; undefined when missing or when the id isn't a ticket id at all (a tampered card). */
  async get(id: string): Promise<StoredTicket | undefined> {
    const key = normalizeTicketId(id);
    if (key === undefined) return undefined;
    const found = await this.store.get<Ticket>(COLLECTION, key);
    return found ? { ticket: found.value, etag: found.etag } : undefined;
  }

  /** Writes the ticket only if it is unchanged since `etag` was read; CONFLICT when someone else wrote first. */
  async update(id: string, etag: string, ticket: Ticket): Promise<{ etag: string }> {
    const key = TicketRepository.checkedId(id);
    if (ticket.id !== key) throw new HelpdeskError("BAD_INPUT", `ticket ${ticket.id} can't be stored under ${key}`);
    const before = await this.store.get<Ticket>(COLLECTION, key);
    if (!before || before.etag !== etag) throw new HelpdeskError("CONFLICT", `ticket ${key} changed since it was read`);
    const clean = scrubDeep(ticket);
    const moved = before.value.status !== clean.status;
    if (moved && ACTIVE.includes(clean.status)) await this.store.putIn(BY_STATUS, clean.status, indexRow(clean), key);
    const written = await this.store.put(COLLECTION, key, clean, { ifMatch: etag });
    if (moved && ACTIVE.includes(before.value.status)) await this.store.deleteIn(BY_STATUS, before.value.status, indexRow(before.value));
    return written;
  }

  /** Open and assigned tickets, oldest first (the two active status partitions, each ticket checked). */
  async listOpen(): Promise<Ticket[]> {
    const out: Ticket[] = [];
    for (const status of ACTIVE) {
      for (const entry of await this.store.queryRange<string>(BY_STATUS, status)) {
        const found = (await this.store.get<Ticket>(COLLECTION, entry.value))?.value;
        if (found && indexRow(found) === entry.key && found.status === status) out.push(found);
        else if (found && indexRow(found) === entry.key && rank(found.status) > rank(status)) {
          await this.store.deleteIn(BY_STATUS, status, entry.key, { ifMatch: entry.etag });
        }
      }
    }
    return out.filter(isOpen).sort(byCreated);
  }

  /** Every ticket about this person (any status), oldest first (one partition of the subject index). */
  async listBySubject(subjectId: string): Promise<Ticket[]> {
    const out: Ticket[] = [];
    for (const entry of await this.store.queryRange<string>(BY_SUBJECT, subjectId)) {
      const found = (await this.store.get<Ticket>(COLLECTION, entry.value))?.value;
      if (found && indexRow(found) === entry.key && found.subject.id === subjectId) out.push(found);
    }
    return out.sort(byCreated);
  }

  private static checkedId(id: string): string {
    const key = normalizeTicketId(id);
    if (key === undefined || key !== id) throw new HelpdeskError("BAD_INPUT", "not a ticket id");
    return key;
  }
}
