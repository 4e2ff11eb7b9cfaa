// In-memory DocumentStore: for unit tests of code that needs a store; same contract as the durable adapters.
import { HelpdeskError } from "../errors";
import type { DocumentStore, Entry, ListOptions, PutOptions, RangeQuery, Versioned } from "./port";

export class MemoryDocumentStore implements DocumentStore {
  private readonly data = new Map<string, { json: string; etag: string }>();
  private readonly partitions = new Map<string, Map<string, { json: string; etag: string }>>();
  private version = 0;

  private static id(collection: string, key: string): string {
    return `${collection}\u0000${key}`;
  }

  get<T>(collection: string, key: string): Promise<Versioned<T> | undefined> {
    const row = this.data.get(MemoryDocumentStore.id(collection, key));
    return Promise.resolve(row ? { key, value: JSON.parse(row.json) as T, etag: row.etag } : undefined);
  }

  put<T>(collection: string, key: string, value: T, options: PutOptions = {}): Promise<{ etag: string }> {
    const id = MemoryDocumentStore.id(collection, key);
    const current = this.data.get(id);
    if (options.ifNoneMatch === "*" && current) return Promise.reject(new HelpdeskError("CONFLICT", `${collection}/${key} already exists`));
    if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) {
      return Promise.reject(new HelpdeskError("CONFLICT", `${collection}/${key} changed since it was read`));
    }
    const etag = `"${++this.version}"`;
    this.data.set(id, { json: JSON.stringify(value), etag });
    return Promise.resolve({ etag });
  }

  delete(collection: string, key: string, options: { ifMatch?: string } = {}): Promise<void> {
    const id = MemoryDocumentStore.id(collection, key);
    const current = this.data.get(id);
    if (options.ifMatch !== undefined && current && current.etag !== options.ifMatch) {
      return Promise.reject(new HelpdeskError("CONFLICT", `${collection}/${key} changed since it was read`));
    }
    this.data.delete(id);
    return Promise.resolve();
  }

  list<T>(collection: string, options: ListOptions = {}): Promise<Versioned<T>[]> {
    const head = `${collection}\u0000`;
    const rows = [...this.data.entries()]
      .filter(([id]) => id.startsWith(head + (options.prefix ?? "")))
      .map(([id, row]) => ({ key: id.slice(head.length), value: JSON.parse(row.json) as T, etag: row.etag }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return Promise.resolve(options.limit === undefined ? rows : rows.slice(0, options.limit));
  }

  getIn<T>(collection: string, partition: string, row: string): Promise<Versioned<T> | undefined> {
    const found = this.partitions.get(MemoryDocumentStore.id(collection, partition))?.get(row);
    return Promise.resolve(found ? { key: row, value: JSON.parse(found.json) as T, etag: found.etag } : undefined);
  }

  putIn<T>(collection: string, partition: string, row: string, value: T, options: PutOptions = {}): Promise<{ etag: string }> {
    const id = MemoryDocumentStore.id(collection, partition);
    const rows = this.partitions.get(id) ?? new Map<string, { json: string; etag: string }>();
    const current = rows.get(row);
    const where = `${collection}/${partition}/${row}`;
    if (options.ifNoneMatch === "*" && current) return Promise.reject(new HelpdeskError("CONFLICT", `${where} already exists`));
    if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) {
      return Promise.reject(new HelpdeskError("CONFLICT", `${where} changed since it was read`));
    }
    const etag = `"${++this.version}"`;
    rows.set(row, { json: JSON.stringify(value), etag });
    this.partitions.set(id, rows);
    return Promise.resolve({ etag });
  }

  deleteIn(collection: string, partition: string, row: string, options: { ifMatch?: string } = {}): Promise<void> {
    const rows = this.partitions.get(MemoryDocumentStore.id(collection, partition));
    const current = rows?.get(row);
    if (options.ifMatch !== undefined && current && current.etag !== options.ifMatch) {
      return Promise.reject(new HelpdeskError("CONFLICT", `${collection}/${partition}/${row} changed since it was read`));
    }
    rows?.delete(row);
    return Promise.resolve();
  }

  queryRange<T>(collection: string, partition: string, range: RangeQuery = {}): Promise<Entry<T>[]> {
    const rows = this.partitions.get(MemoryDocumentStore.id(collection, partition)) ?? new Map<string, { json: string; etag: string }>();
    const inRange = [...rows.keys()]
      .filter((k) => (range.from === undefined || k >= range.from) && (range.to === undefined || k < range.to))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (range.reverse) inRange.reverse();
    const picked = range.limit === undefined ? inRange : inRange.slice(0, Math.max(0, range.limit));
    return Promise.resolve(
      picked.map((k) => {
        const found = rows.get(k) as { json: string; etag: string };
        return { partition, key: k, value: JSON.parse(found.json) as T, etag: found.etag };
      }),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
