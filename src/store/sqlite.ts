// The embedded, durable default: one local SQLite file (better-sqlite3), no setup. WAL mode so a crash loses nothing committed.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { randomUUID } from "node:crypto";
import { HelpdeskError } from "../errors";
import type { DocumentStore, ListOptions, PutOptions, Versioned } from "./port";

interface Row {
  key: string;
  value: string;
  etag: string;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;

  /** Opens (and creates when missing) the database file; ":memory:" works for tests. */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new Database(path);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("busy_timeout = 5000");
      this.db.exec(
        "CREATE TABLE IF NOT EXISTS documents (collection TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (collection, key))",
      );
    } catch (cause) {
      throw new HelpdeskError("STORE_ERROR", `cannot open state database at ${path}`, { cause });
    }
  }

  private run<T>(what: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (cause) {
      if (cause instanceof HelpdeskError) return Promise.reject(cause);
      return Promise.reject(new HelpdeskError("STORE_ERROR", `state database: ${what} failed`, { cause }));
    }
  }

  get<T>(collection: string, key: string): Promise<Versioned<T> | undefined> {
    return this.run("read", () => {
      const row = this.db.prepare("SELECT key, value, etag FROM documents WHERE collection = ? AND key = ?").get(collection, key) as Row | undefined;
      return row ? { key: row.key, value: JSON.parse(row.value) as T, etag: row.etag } : undefined;
    });
  }

  put<T>(collection: string, key: string, value: T, options: PutOptions = {}): Promise<{ etag: string }> {
    return this.run("write", () => {
      const etag = `"${randomUUID()}"`;
      const json = JSON.stringify(value);
      const now = new Date().toISOString();
      const write = this.db.transaction(() => {
        const current = this.db.prepare("SELECT etag FROM documents WHERE collection = ? AND key = ?").get(collection, key) as
          | { etag: string }
          | undefined;
        if (options.ifNoneMatch === "*" && current) throw new HelpdeskError("CONFLICT", `${collection}/${key} already exists`);
        if (options.ifMatch !== undefined && current?.etag !== options.ifMatch) {
          throw new HelpdeskError("CONFLICT", `${collection}/${key} changed since it was read`);
        }
        this.db
          .prepare(
            "INSERT INTO documents (collection, key, value, etag, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(collection, key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at",
          )
          .run(collection, key, json, etag, now);
      });
      write.immediate();
      return { etag };
    });
  }

  delete(collection: string, key: string, options: { ifMatch?: string } = {}): Promise<void> {
    return this.run("delete", () => {
      const del = this.db.transaction(() => {
        const current = this.db.prepare("SELECT etag FROM documents WHERE collection = ? AND key = ?").get(collection, key) as
          | { etag: string }
          | undefined;
        if (options.ifMatch !== undefined && current && current.etag !== options.ifMatch) {
          throw new HelpdeskError("CONFLICT", `${collection}/${key} changed since it was read`);
        }
        this.db.prepare("DELETE FROM documents WHERE collection = ? AND key = ?").run(collection, key);
      });
      del.immediate();
    });
  }

  list<T>(collection: string, options: ListOptions = {}): Promise<Versioned<T>[]> {
    return this.run("list", () => {
      const prefix = options.prefix ?? "";
      const upper = prefix + "\uffff";
      const rows = this.db
        .prepare("SELECT key, value, etag FROM documents WHERE collection = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?")
        .all(collection, prefix, upper, options.limit ?? -1) as Row[];
      return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T, etag: r.etag }));
    });
  }

  close(): Promise<void> {
    return this.run("close", () => {
      if (this.db.open) this.db.close();
    });
  }
}
