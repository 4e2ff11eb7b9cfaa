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

/**
 * Documents grouped in collections (conversation state, help requests, later tickets and alert state).
 * A failed precondition throws HelpdeskError("CONFLICT"); any other failure throws HelpdeskError("STORE_ERROR").
 */
export interface DocumentStore {
  get<T>(collection: string, key: string): Promise<Versioned<T> | undefined>;
  put<T>(collection: string, key: string, value: T, options?: PutOptions): Promise<{ etag: string }>;
  delete(collection: string, key: string, options?: { ifMatch?: string }): Promise<void>;
  list<T>(collection: string, options?: ListOptions): Promise<Versioned<T>[]>;
  close(): Promise<void>;
}
