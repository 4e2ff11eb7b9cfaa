// Where a pass value was shown (the hand-over message), so it can be overwritten later. The value itself is never stored.
import { HelpdeskError, isHelpdeskError } from "../../errors";
import type { DocumentStore } from "../../store/port";
import { scrubDeep } from "../domain/secret-guard";

const COLLECTION = "passDeliveries";
// Pending scrubs by time: one entry per unscrubbed delivery, row = "<scrubAt ISO>|<id>", so `due` reads one range.
// Written before the delivery (a crash in between leaves an entry `due` prunes, never a delivery nobody scrubs);
// removed once the delivery is scrubbed (and pruned by `due` if that removal was lost).
const PENDING = "passDeliveriesPending";
const PENDING_PARTITION = "pending";
const pendingRow = (d: Pick<PassDelivery, "scrubAt" | "id">): string => `${d.scrubAt}|${d.id}`;

/** A hand-over message waiting to have its pass value scrubbed. */
export interface PassDelivery {
  id: string;
  ticketId: string;
  /** The 1:1 conversation that received the value (the agent's, or the confirming manager's). */
  agentConversationId: string;
  activityId: string;
  /** ISO time after which the value must be gone from the message. */
  scrubAt: string;
  scrubbed: boolean;
}

/** Only the known fields, so nothing else a caller passes (such as the value) is ever written. */
function record(d: PassDelivery): PassDelivery {
  if (Number.isNaN(Date.parse(d.scrubAt))) throw new HelpdeskError("BAD_INPUT", "a delivery needs a valid scrub time");
  return scrubDeep({
    id: d.id,
    ticketId: d.ticketId,
    agentConversationId: d.agentConversationId,
    activityId: d.activityId,
    scrubAt: new Date(d.scrubAt).toISOString(),
    scrubbed: d.scrubbed,
  });
}

/** Pending secret scrubs, durable across restarts. */
export class PassDeliveries {
  constructor(private readonly store: DocumentStore) {}

  /** Records a delivery; adding the same id again is a no-op (a retried turn). */
  async add(delivery: PassDelivery): Promise<void> {
    const value = record(delivery);
    await this.store.putIn(PENDING, PENDING_PARTITION, pendingRow(value), value.id);
    try {
      await this.store.put(COLLECTION, value.id, value, { ifNoneMatch: "*" });
    } catch (e) {
      if (!isHelpdeskError(e) || e.code !== "CONFLICT") throw e;
    }
  }

  /** One delivery by id. */
  async get(id: string): Promise<PassDelivery | undefined> {
    return (await this.store.get<PassDelivery>(COLLECTION, id))?.value;
  }

  /** Deliveries not yet scrubbed whose scrub time has come, earliest first (one range of the pending index). */
  async due(now: Date): Promise<PassDelivery[]> {
    // "}" sorts right after "|", so the range ends after every row whose scrub time is `now` or earlier.
    const entries = await this.store.queryRange<string>(PENDING, PENDING_PARTITION, { to: `${now.toISOString()}}` });
    const out: PassDelivery[] = [];
    for (const entry of entries) {
      const found = await this.get(entry.value);
      if (found && !found.scrubbed && Date.parse(found.scrubAt) <= now.getTime()) out.push(found);
      else if (!found || found.scrubbed) await this.store.deleteIn(PENDING, PENDING_PARTITION, entry.key, { ifMatch: entry.etag });
    }
    return out.sort((a, b) => a.scrubAt.localeCompare(b.scrubAt) || a.id.localeCompare(b.id));
  }

  /** Marks the delivery scrubbed; true when this call did it, false when it was already scrubbed or unknown. */
  async markScrubbed(id: string): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await this.store.get<PassDelivery>(COLLECTION, id);
      if (!found || found.value.scrubbed) return false;
      try {
        await this.store.put(COLLECTION, id, { ...found.value, scrubbed: true }, { ifMatch: found.etag });
        await this.store.deleteIn(PENDING, PENDING_PARTITION, pendingRow(found.value));
        return true;
      } catch (e) {
        // The timer and a "Handed over" click raced: read again and see who won.
        if (!isHelpdeskError(e) || e.code !== "CONFLICT") throw e;
      }
    }
    return false;
  }
}
