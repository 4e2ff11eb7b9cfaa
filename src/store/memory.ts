// In-memory DocumentStore: for unit tests of code that needs a store; same contract as the durable adapters.
import { HelpdeskError } from "../errors";
import type { DocumentStore, ListOptions, PutOptions, Versioned } from "./port";

export class MemoryDocumentStore implements DocumentStore {
  private readonly data = new Map<string, { json: string; etag: string }>();
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

  close(): Promise<void> {
    return Promise.resolve();
  }
}
