// A clock-driven TTL cache for tenant-wide reads with single flight: concurrent misses share one load,
// and several missing keys can be loaded together (one $batch) while each keeps its own TTL.
// Stale-while-revalidate: past its TTL an entry is still served (for a bounded time) while a background load
// refreshes it, and a refresh that fails transiently keeps the last good value instead of replacing it.
import type { Clock } from "../clock";

/** A loaded value and how long it may be reused; 0 means "share with concurrent callers, but don't keep" (transient). */
export interface Loaded<V> {
  value: V;
  ttlInMs: number;
}

/** Loads the given missing keys in one go; must return an entry for each of them. */
export type BatchLoader<M, K extends keyof M> = (missing: K[]) => Promise<{ [P in K]?: Loaded<M[P]> }>;

/** Stale serving bounds and where errors of background refreshes go (nobody awaits them). */
export interface TtlCacheOptions {
  /**
   * How many TTLs past its TTL an entry may still be served while it is being refreshed or after a refresh
   * failed transiently. 0 (default): never serve stale values; callers wait for the load.
   */
  maxStaleTtls?: number;
  /** Required: a background refresh has nobody awaiting it, so its failure must go somewhere (a log line). */
  onBackgroundError: (error: unknown) => void;
}

interface Entry {
  value: unknown;
  storedAt: number;
  ttlInMs: number;
}

/** A cached value and whether it is still within its TTL. */
export interface Usable<V> {
  value: V;
  fresh: boolean;
}

/**
 * Typed by a map of key → value type. An entry is fresh while `now < storedAt + ttl`: it expires exactly at its TTL,
 * and is usable (stale) while `now < storedAt + ttl × (1 + maxStaleTtls)`.
 */
export class TtlCache<M extends object> {
  private readonly entries = new Map<keyof M, Entry>();
  private readonly inflight = new Map<keyof M, Promise<unknown>>();
  private readonly maxStaleTtls: number;
  private readonly onBackgroundError: (error: unknown) => void;

  constructor(
    private readonly clock: Clock,
    options: TtlCacheOptions,
  ) {
    this.maxStaleTtls = Math.max(0, options.maxStaleTtls ?? 0);
    this.onBackgroundError = options.onBackgroundError;
  }

  /** A fresh value, or undefined. */
  peek<K extends keyof M>(key: K): M[K] | undefined {
    const usable = this.usable(key);
    return usable?.fresh ? usable.value : undefined;
  }

  /** A fresh or still-usable stale value; entries past their bounded staleness are dropped. */
  usable<K extends keyof M>(key: K): Usable<M[K]> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.clock.now().getTime();
    if (now < entry.storedAt + entry.ttlInMs) return { value: entry.value as M[K], fresh: true };
    if (now < entry.storedAt + entry.ttlInMs * (1 + this.maxStaleTtls)) return { value: entry.value as M[K], fresh: false };
    this.entries.delete(key);
    return undefined;
  }

  /** When the key reaches `fraction` of its TTL (the moment to refresh it ahead), or undefined when not cached. */
  dueAt(key: keyof M, fraction: number): number | undefined {
    const entry = this.entries.get(key);
    return entry ? entry.storedAt + entry.ttlInMs * fraction : undefined;
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
   * Fresh and usable stale keys come from the cache (stale ones are refreshed in the background), keys already
   * being loaded join that load, and all remaining keys are handed to `load` together. `backgroundLoad` (default `load`)
   * refreshes stale keys, e.g. with a longer budget wait since nobody waits for it.
   */
  async getMany<K extends keyof M>(keys: readonly K[], load: BatchLoader<M, K>, backgroundLoad: BatchLoader<M, K> = load): Promise<Pick<M, K>> {
    const result: Partial<Pick<M, K>> = {};
    const waits: Promise<void>[] = [];
    const missing: K[] = [];
    const stale: K[] = [];
    for (const key of keys) {
      const usable = this.usable(key);
      if (usable !== undefined) {
        result[key] = usable.value;
        if (!usable.fresh && !this.inflight.has(key)) stale.push(key);
        continue;
      }
      const pending = this.inflight.get(key);
      if (pending) waits.push(pending.then((v) => void (result[key] = v as M[K])));
      else missing.push(key);
    }
    // Missing keys first: someone waits for them, so they go ahead of the background refresh in any shared queue.
    const loads = missing.length > 0 ? this.startLoads(missing, load) : [];
    if (stale.length > 0) void this.refresh(stale, backgroundLoad).catch(this.onBackgroundError);
    missing.forEach((key, i) => waits.push(loads[i].then((v) => void (result[key] = v))));
    await Promise.all(waits);
    return result as Pick<M, K>;
  }

  /** Loads the keys now (those not already in flight), whatever their age; resolves when every load has settled. */
  async refresh<K extends keyof M>(keys: readonly K[], load: BatchLoader<M, K>): Promise<void> {
    const pending = keys.flatMap((k) => {
      const p = this.inflight.get(k);
      return p ? [p] : [];
    });
    const missing = keys.filter((k) => !this.inflight.has(k));
    const loads = missing.length > 0 ? this.startLoads(missing, load) : [];
    const outcomes = await Promise.allSettled([...pending, ...loads]);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** Forgets one key (e.g. after a write that changes it). */
  invalidate(key: keyof M): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Starts one load for `keys` and registers each key as in flight; returns one promise per key, in order. */
  private startLoads<K extends keyof M>(keys: K[], load: BatchLoader<M, K>): Promise<M[K]>[] {
    const batch = this.startLoad(keys, load);
    return keys.map((key) => {
      const one = batch.then((loaded) => this.settle(key, loaded[key]));
      this.inflight.set(key, one);
      // Clear the in-flight marker whatever happens; failures reach callers through the returned promises.
      void one.then(
        () => this.clearInflight(key, one),
        () => this.clearInflight(key, one),
      );
      return one;
    });
  }

  private startLoad<K extends keyof M>(missing: K[], load: BatchLoader<M, K>): Promise<{ [P in K]?: Loaded<M[P]> }> {
    try {
      return load(missing);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Stores a kept value; a transient one (ttl 0) does not replace a still-usable last good value, which is served instead. */
  private settle<K extends keyof M>(key: K, loaded: Loaded<M[K]> | undefined): M[K] {
    if (!loaded) throw new Error(`cache loader returned nothing for ${String(key)}`);
    if (loaded.ttlInMs > 0) {
      this.entries.set(key, { value: loaded.value, storedAt: this.clock.now().getTime(), ttlInMs: loaded.ttlInMs });
      return loaded.value;
    }
    return this.usable(key)?.value ?? loaded.value;
  }

  private clearInflight(key: keyof M, promise: Promise<unknown>): void {
    if (this.inflight.get(key) === promise) this.inflight.delete(key);
  }
}
