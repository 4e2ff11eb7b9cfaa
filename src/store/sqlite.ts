// The embedded, durable default: one local SQLite file (better-sqlite3), no setup. WAL mode so a crash loses nothing committed.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { randomUUID } from "node:crypto";
import { HelpdeskError } from "../errors";
import type { DocumentStore, Entry, ListOptions, PutOptions, RangeQuery, Versioned } from "./port";

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
      // Partitioned entries: the primary key is the ordered index every range query walks.
      this.db.exec(
        "CREATE TABLE IF NOT EXISTS entries (collection TEXT NOT NULL, partition TEXT NOT NULL, row TEXT NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (collection, partition, row)) WITHOUT ROWID",
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

  getIn<T>(collection: string, partition: string, row: string): Promise<Versioned<T> | undefined> {
    return this.run("read", () => {
      const found = this.db
        .prepare("SELECT row AS key, value, etag FROM entries WHERE collection = ? AND partition = ? AND row = ?")
        .get(collection, partition, row) as Row | undefined;
      return found ? { key: found.key, value: JSON.parse(found.value) as T, etag: found.etag } : undefined;
    });
  }

  putIn<T>(collection: string, partition: string, row: string, value: T, options: PutOptions = {}): Promise<{ etag: string }> {
    return this.run("write", () => {
      const etag = `"${randomUUID()}"`;
      const json = JSON.stringify(value);
      const where = `${collection}/${partition}/${row}`;
      const write = this.db.transaction(() => {
        const current = this.currentEntryEtag(collection, partition, row);
        if (options.ifNoneMatch === "*" && current) throw new HelpdeskError("CONFLICT", `${where} already exists`);
        if (options.ifMatch !== undefined && current !== options.ifMatch) throw new HelpdeskError("CONFLICT", `${where} changed since it was read`);
        this.db
          .prepare(
            "INSERT INTO entries (collection, partition, row, value, etag, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(collection, partition, row) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at",
          )
          .run(collection, partition, row, json, etag, new Date().toISOString());
      });
      write.immediate();
      return { etag };
    });
  }

  deleteIn(collection: string, partition: string, row: string, options: { ifMatch?: string } = {}): Promise<void> {
    return this.run("delete", () => {
      const del = this.db.transaction(() => {
        const current = this.currentEntryEtag(collection, partition, row);
        if (options.ifMatch !== undefined && current && current !== options.ifMatch) {
          throw new HelpdeskError("CONFLICT", `${collection}/${partition}/${row} changed since it was read`);
        }
        this.db.prepare("DELETE FROM entries WHERE collection = ? AND partition = ? AND row = ?").run(collection, partition, row);
      });
      del.immediate();
    });
  }

  queryRange<T>(collection: string, partition: string, range: RangeQuery = {}): Promise<Entry<T>[]> {
    return this.run("range query", () => {
      const where = ["collection = ?", "partition = ?"];
      const args: (string | number)[] = [collection, partition];
      if (range.from !== undefined) {
        where.push("row >= ?");
        args.push(range.from);
      }
      if (range.to !== undefined) {
        where.push("row < ?");
        args.push(range.to);
      }
      args.push(range.limit === undefined ? -1 : Math.max(0, range.limit));
      const sql = `SELECT row AS key, value, etag FROM entries WHERE ${where.join(" AND ")} ORDER BY row ${range.reverse ? "DESC" : "ASC"} LIMIT ?`;
      const rows = this.db.prepare(sql).all(...args) as Row[];
      return rows.map((r) => ({ partition, key: r.key, value: JSON.parse(r.value) as T, etag: r.etag }));
    });
  }

  private currentEntryEtag(collection: string, partition: string, row: string): string | undefined {
    const found = this.db.prepare("SELECT etag FROM entries WHERE collection = ? AND partition = ? AND row = ?").get(collection, partition, row) as
      | { etag: string }
      | undefined;
    return found?.etag;
  }

  close(): Promise<void> {
    return this.run("close", () => {
      if (this.db.open) this.db.close();
    });
  }
}
