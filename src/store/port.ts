// Storage ports. Every adapter (embedded SQLite today, Azure Storage later) passes the same contract suite
// (test/contract/document-store.contract.ts), so features can rely on etag concurrency and ordering alike.

/** A stored value with the version tag used for optimistic concurrency. */
export interface Versioned<T> {
  key: string;
  value: T;
  etag: string;
}

export interface PutOptions {
  /** Write only if the stored etag still equals this one (lost-update protection). */
  ifMatch?: string;
  /** Write only if nothing is stored under the key yet. */
  ifNoneMatch?: "*";
}

export interface ListOptions {
  /** Only keys starting with this prefix. */
  prefix?: string;
  /** At most this many items, in key order. */
  limit?: number;
}

/** A stored value in a partition, with its row key (`key`) and etag. */
export interface Entry<T> extends Versioned<T> {
  partition: string;
}

/**
 * A slice of one partition in row-key order (ordinal string order; keep row keys ASCII — ISO times, ids — so every adapter sorts them alike). Half-open like an Azure Table
 * query `RowKey ge from and RowKey lt to`: `from` is included, `to` is excluded; either may be left open.
 */
export interface RangeQuery {
  /** Lowest row key returned (inclusive). */
  from?: string;
  /** Row keys stop before this one (exclusive). */
  to?: string;
  /** At most this many entries, counted in the direction of reading. */
  limit?: number;
  /** Highest row key first. With `limit`, the entries nearest `to`. */
  reverse?: boolean;
}

/**
 * Documents grouped in collections (conversation state, help requests, later tickets and alert state).
 * A failed precondition throws HelpdeskError("CONFLICT"); any other failure throws HelpdeskError("STORE_ERROR").
 */
export interface DocumentStore {
  get<T>(collection: string, key: string): Promise<Versioned<T> | undefined>;
  put<T>(collection: string, key: string, value: T, options?: PutOptions): Promise<{ etag: string }>;
  delete(collection: string, key: string, options?: { ifMatch?: string }): Promise<void>;
  list<T>(collection: string, options?: ListOptions): Promise<Versioned<T>[]>;

  // Partitioned entries: (collection, partition, row) — Azure Table's (table, PartitionKey, RowKey). A separate key space
  // from get/put above. Reads of one partition by row-key range are the scalable query: design keys so each per-click
  // read is one partition and one range (e.g. audit by day with time-sortable rows, or by person). Writes are atomic per
  // entry only; nothing spans partitions.

  /** One entry, or undefined. */
  getIn<T>(collection: string, partition: string, row: string): Promise<Versioned<T> | undefined>;
  /** Writes one entry, with the same ifMatch / ifNoneMatch preconditions as `put`. */
  putIn<T>(collection: string, partition: string, row: string, value: T, options?: PutOptions): Promise<{ etag: string }>;
  /** Removes one entry; missing is fine; a stale ifMatch is CONFLICT. */
  deleteIn(collection: string, partition: string, row: string, options?: { ifMatch?: string }): Promise<void>;
  /** The entries of one partition within the range, in row order (or reversed). An empty partition gives []. */
  queryRange<T>(collection: string, partition: string, range?: RangeQuery): Promise<Entry<T>[]>;

  close(): Promise<void>;
}
