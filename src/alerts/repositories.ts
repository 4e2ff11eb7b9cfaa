// Where the scanner keeps what it knows between scans, over the DocumentStore port (one partition per kind of record,
// and one per digest, so each read is one range and no record grows with the tenant: the Azure Table adapter needs
// nothing new). Never holds a pass value (Graph never lists one).
import { isHelpdeskError } from "../errors";
import type { DocumentStore } from "../store/port";
import type { Destination } from "../messaging/port";
import type { TapPolicy } from "../triage/snapshot";
import type { TrackedFinding } from "./digest";
import type { Finding, PassRef } from "./findings";
import type { HolderRef } from "./scan-input";

const COLLECTION = "alerts";
const P = { state: "state", tracked: "tracked", watch: "watch", destinations: "destinations", digests: "digests", nudges: "nudges", bulk: "bulk" } as const;
const STATE_ROW = "scanner";

/** The scanner's memory: when it last scanned, the policy it saw, and a digest whose sending must be finished. */
export interface ScannerState {
  lastScanAt?: string;
  lastPolicy?: TapPolicy;
  /** Written before a digest is enqueued, cleared after: a restart in between enqueues it again (ids keep that idempotent). */
  pendingDigestId?: string;
  lastFigures?: Record<string, number | string>;
}

/** A conversation that receives the digest: a channel (set up there) or an admin's 1:1 chat. */
export interface AlertDestination {
  key: string;
  destination: Destination;
  place: "channel" | "personal";
  name: string;
  /** The team a channel belongs to (removing the app from that team stops its alerts). */
  teamId?: string;
  setUpBy: { id: string; displayName: string };
  setUpAt: string;
}

/** What happened to one item of a digest since it was sent (shown on the card when it is updated in place). */
export interface ItemStatus {
  state: "deleted" | "already_gone" | "snoozed" | "denied" | "failed";
  by: string;
  at: string;
  until?: string;
  reason?: string;
}

/** One digest as sent: its findings (all of them, the card shows the top ones) and what was done to them since. */
export interface StoredDigest {
  id: string;
  createdAt: string;
  findings: Finding[];
  fixedCount: number;
  gaps: string[];
  statuses: Record<string, ItemStatus>;
}

/** A bulk deletion waiting for its confirm click: exactly these passes, nothing recomputed at confirm time. */
export interface PendingBulk {
  /** Starts with the ISO time it was asked for (so old ones are pruned by range). */
  id: string;
  digestId: string;
  requestedBy: string;
  createdAt: string;
  passes: Array<{ key: string; pass: PassRef }>;
  done?: boolean;
}

const isConflict = (e: unknown): boolean => isHelpdeskError(e) && e.code === "CONFLICT";

/** A digest's rows: "h" its header, "f:000000"… its findings in order. */
interface DigestHeader {
  id: string;
  createdAt: string;
  fixedCount: number;
  gaps: string[];
}
interface DigestRow {
  finding: Finding;
  status?: ItemStatus;
}
const HEADER_ROW = "h";
const FINDING_ROW_PREFIX = "f:";
const findingRow = (i: number): string => `${FINDING_ROW_PREFIX}${String(i).padStart(6, "0")}`;
const digestPartition = (id: string): string => `digest:${id}`;

export class AlertRepository {
  constructor(private readonly store: DocumentStore) {}

  async state(): Promise<{ value: ScannerState; etag?: string }> {
    const found = await this.store.getIn<ScannerState>(COLLECTION, P.state, STATE_ROW);
    return found ? { value: found.value, etag: found.etag } : { value: {} };
  }

  async saveState(value: ScannerState): Promise<void> {
    await this.store.putIn(COLLECTION, P.state, STATE_ROW, value);
  }

  async tracked(): Promise<TrackedFinding[]> {
    return (await this.store.queryRange<TrackedFinding>(COLLECTION, P.tracked)).map((e) => e.value);
  }

  async trackedOne(key: string): Promise<{ value: TrackedFinding; etag: string } | undefined> {
    const found = await this.store.getIn<TrackedFinding>(COLLECTION, P.tracked, key);
    return found && { value: found.value, etag: found.etag };
  }

  async saveTracked(upserts: TrackedFinding[], removals: string[], ifMatch?: string): Promise<void> {
    for (const t of upserts) await this.store.putIn(COLLECTION, P.tracked, t.key, t, ifMatch ? { ifMatch } : undefined);
    for (const key of removals) await this.store.deleteIn(COLLECTION, P.tracked, key);
  }

  /** People the scanner keeps reading until their pass is gone (bot-issued passes, holders seen before). */
  async watchList(): Promise<HolderRef[]> {
    return (await this.store.queryRange<HolderRef>(COLLECTION, P.watch)).map((e) => e.value);
  }

  async watch(holders: HolderRef[]): Promise<void> {
    for (const h of holders) await this.store.putIn(COLLECTION, P.watch, h.userId, { userId: h.userId, displayName: h.displayName, userPrincipalName: h.userPrincipalName });
  }

  async unwatch(userIds: string[]): Promise<void> {
    for (const id of userIds) await this.store.deleteIn(COLLECTION, P.watch, id);
  }

  async destinations(): Promise<AlertDestination[]> {
    return (await this.store.queryRange<AlertDestination>(COLLECTION, P.destinations)).map((e) => e.value);
  }

  async addDestination(d: AlertDestination): Promise<void> {
    await this.store.putIn(COLLECTION, P.destinations, d.key, d);
  }

  /** Removes a destination; true when there was one. */
  async removeDestination(key: string): Promise<boolean> {
    const found = await this.store.getIn(COLLECTION, P.destinations, key);
    if (!found) return false;
    await this.store.deleteIn(COLLECTION, P.destinations, key);
    return true;
  }

  /**
   * Stores a digest as rows of its own partition — a header, then one row per finding (in the digest's order) carrying
   * what was done to it — so no single record grows with the tenant (Azure Tables caps an entity at 1 MB), plus a row in
   * the digest index for pruning by time.
   */
  async saveDigest(d: StoredDigest): Promise<void> {
    const partition = digestPartition(d.id);
    await this.store.putIn<DigestHeader>(COLLECTION, partition, HEADER_ROW, { id: d.id, createdAt: d.createdAt, fixedCount: d.fixedCount, gaps: d.gaps });
    for (const [i, finding] of d.findings.entries()) {
      const status = d.statuses[finding.key];
      await this.store.putIn<DigestRow>(COLLECTION, partition, findingRow(i), status ? { finding, status } : { finding });
    }
    await this.store.putIn(COLLECTION, P.digests, d.id, { createdAt: d.createdAt });
  }

  /** A stored digest with its items' statuses (one partition read). */
  async digest(id: string): Promise<{ value: StoredDigest } | undefined> {
    if (!id) return undefined;
    const rows = await this.store.queryRange<DigestHeader | DigestRow>(COLLECTION, digestPartition(id));
    const header = rows.find((r) => r.key === HEADER_ROW)?.value as DigestHeader | undefined;
    if (!header) return undefined;
    const items = rows.filter((r) => r.key.startsWith(FINDING_ROW_PREFIX)).map((r) => r.value as DigestRow);
    const statuses: Record<string, ItemStatus> = {};
    for (const item of items) if (item.status) statuses[item.finding.key] = item.status;
    return { value: { ...header, findings: items.map((item) => item.finding), statuses } };
  }

  /** Records item statuses on a digest, row by row (etag-checked, retried on a concurrent click); the digest after. */
  async setStatuses(id: string, statuses: Record<string, ItemStatus>): Promise<StoredDigest | undefined> {
    const partition = digestPartition(id);
    // ";" sorts right after ":": the range holds exactly the finding rows.
    const rows = await this.store.queryRange<DigestRow>(COLLECTION, partition, { from: FINDING_ROW_PREFIX, to: "f;" });
    for (const row of rows) {
      const status = statuses[row.value.finding.key];
      if (status) await this.updateRow(partition, row.key, { value: row.value, etag: row.etag }, (v) => ({ ...v, status }));
    }
    return (await this.digest(id))?.value;
  }

  /** One row changed with its etag; on a concurrent change it is read again and the change re-applied (5 tries). */
  private async updateRow(partition: string, row: string, first: { value: DigestRow; etag: string }, change: (v: DigestRow) => DigestRow): Promise<void> {
    let current = first;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.store.putIn(COLLECTION, partition, row, change(current.value), { ifMatch: current.etag });
        return;
      } catch (e) {
        if (!isConflict(e)) throw e;
        const fresh = await this.store.getIn<DigestRow>(COLLECTION, partition, row);
        if (!fresh) return;
        current = { value: fresh.value, etag: fresh.etag };
      }
    }
  }

  /** Removes digests and bulk requests older than `before` (their ids start with their ISO time): one range each. */
  async prune(before: Date): Promise<number> {
    const to = before.toISOString();
    const digests = await this.store.queryRange(COLLECTION, P.digests, { to });
    for (const entry of digests) {
      const partition = digestPartition(entry.key);
      for (const row of await this.store.queryRange(COLLECTION, partition)) await this.store.deleteIn(COLLECTION, partition, row.key);
      await this.store.deleteIn(COLLECTION, P.digests, entry.key);
    }
    const bulk = await this.store.queryRange(COLLECTION, P.bulk, { to });
    for (const entry of bulk) await this.store.deleteIn(COLLECTION, P.bulk, entry.key);
    return digests.length + bulk.length;
  }

  /** Whether this pass's holder was nudged already. */
  async nudged(tapId: string): Promise<boolean> {
    return (await this.store.getIn(COLLECTION, P.nudges, tapId)) !== undefined;
  }

  /** Records that the nudge for this pass is queued (the outbox id `nudge:<pass id>` keeps a second enqueue a no-op). */
  async markNudged(tapId: string, at: Date): Promise<void> {
    await this.store.putIn(COLLECTION, P.nudges, tapId, { at: at.toISOString() });
  }

  async saveBulk(b: PendingBulk): Promise<void> {
    await this.store.putIn(COLLECTION, P.bulk, b.id, b);
  }

  async bulk(id: string): Promise<{ value: PendingBulk; etag: string } | undefined> {
    const found = await this.store.getIn<PendingBulk>(COLLECTION, P.bulk, id);
    return found && { value: found.value, etag: found.etag };
  }

  /** Marks a bulk deletion as taken by one confirm click; false when another click took it first. */
  async claimBulk(id: string, etag: string, value: PendingBulk): Promise<boolean> {
    try {
      await this.store.putIn(COLLECTION, P.bulk, id, { ...value, done: true }, { ifMatch: etag });
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  }
}
