// Durable tickets over the DocumentStore port, with etag concurrency so two agents clicking at once can't both win.
import { randomInt } from "node:crypto";
import { HelpdeskError, isHelpdeskError } from "../../errors";
import type { DocumentStore } from "../../store/port";
import type { Ticket } from "../domain/model";
import { scrubDeep } from "../domain/secret-guard";

export { PassDeliveries, type PassDelivery } from "./pass-deliveries";

const COLLECTION = "tickets";

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
    return this.store.put(COLLECTION, id, scrubDeep(ticket), { ifNoneMatch: "*" });
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
    return this.store.put(COLLECTION, key, scrubDeep(ticket), { ifMatch: etag });
  }

  /** Open and assigned tickets, oldest first. */
  async listOpen(): Promise<Ticket[]> {
    return (await this.all()).filter(isOpen);
  }

  /** Every ticket about this person (any status), oldest first. */
  async listBySubject(subjectId: string): Promise<Ticket[]> {
    return (await this.all()).filter((t) => t.subject.id === subjectId);
  }

  private async all(): Promise<Ticket[]> {
    return (await this.store.list<Ticket>(COLLECTION)).map((v) => v.value).sort(byCreated);
  }

  private static checkedId(id: string): string {
    const key = normalizeTicketId(id);
    if (key === undefined || key !== id) throw new HelpdeskError("BAD_INPUT", "not a ticket id");
    return key;
  }
}
