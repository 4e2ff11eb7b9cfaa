// A clock-driven TTL cache for tenant-wide reads with single flight: concurrent misses share one load,
// and several missing keys can be loaded together (one $batch) while each keeps its own TTL.
import type { Clock } from "../clock";

/** A loaded value and how long it may be reused; 0 means "share with concurrent callers, but don't keep". */
export interface Loaded<V> {
  value: V;
  ttlInMs: number;
}

/** Loads the given missing keys in one go; must return an entry for each of them. */
export type BatchLoader<M, K extends keyof M> = (missing: K[]) => Promise<{ [P in K]?: Loaded<M[P]> }>;

interface Entry {
  value: unknown;
  expiresAt: number;
}

/**
 * Typed by a map of key → value type. An entry is fresh while `now < storedAt + ttl`: it expires exactly at its TTL.
 */
export class TtlCache<M extends object> {
  private readonly entries = new Map<keyof M, Entry>();
  private readonly inflight = new Map<keyof M, Promise<unknown>>();

  constructor(private readonly clock: Clock) {}

  /** A fresh value, or undefined. */
  peek<K extends keyof M>(key: K): M[K] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock.now().getTime() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value as M[K];
  }

  /** One key, loaded at most once at a time. */
  async get<K extends keyof M>(key: K, load: () => Promise<Loaded<M[K]>>): Promise<M[K]> {
    const values = await this.getMany([key], async () => {
      const loaded = await load();
      const out: { [P in K]?: Loaded<M[P]> } = {};
      out[key] = loaded;
      return out;
    });
    return values[key];
  }

  /**
   * Fresh keys come from the cache, keys already being loaded join that load, and all remaining keys
   * are handed to `load` together.
   */
  async getMany<K extends keyof M>(keys: readonly K[], load: BatchLoader<M, K>): Promise<Pick<M, K>> {
    const result: Partial<Pick<M, K>> = {};
    const waits: Promise<void>[] = [];
    const missing: K[] = [];
    for (const key of keys) {
      const fresh = this.peek(key);
      if (fresh !== undefined) {
        result[key] = fresh;
        continue;
      }
      const pending = this.inflight.get(key);
      if (pending) waits.push(pending.then((v) => void (result[key] = v as M[K])));
      else missing.push(key);
    }
    if (missing.length > 0) {
      const batch = this.startLoad(missing, load);
      for (const key of missing) {
        const one = batch.then((loaded) => this.settle(key, loaded[key]));
        this.inflight.set(key, one);
        // Clear the in-flight marker whatever happens; failures reach the caller through `waits` below.
        void one.then(
          () => this.clearInflight(key, one),
          () => this.clearInflight(key, one),
        );
        waits.push(one.then((v) => void (result[key] = v)));
      }
    }
    await Promise.all(waits);
    return result as Pick<M, K>;
  }

  /** Forgets one key (e.g. after a write that changes it). */
  invalidate(key: keyof M): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private startLoad<K extends keyof M>(missing: K[], load: BatchLoader<M, K>): Promise<{ [P in K]?: Loaded<M[P]> }> {
    try {
      return load(missing);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private settle<K extends keyof M>(key: K, loaded: Loaded<M[K]> | undefined): M[K] {
    if (!loaded) throw new Error(`cache loader returned nothing for ${String(key)}`);
    if (loaded.ttlInMs > 0) this.entries.set(key, { value: loaded.value, expiresAt: this.clock.now().getTime() + loaded.ttlInMs });
    return loaded.value;
  }

  private clearInflight(key: keyof M, promise: Promise<unknown>): void {
    if (this.inflight.get(key) === promise) this.inflight.delete(key);
  }
}
