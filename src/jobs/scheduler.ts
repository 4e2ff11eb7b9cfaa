// Background jobs on the injected clock, each guarded by a lease in the DocumentStore so that when several instances
// run over one store, only the lease holder runs a job; when the holder stops renewing, another takes over at expiry.
// Each tick logs under the job's name and a fresh `ref`, so every line of one run (the job's own included) goes together.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { newRef, withLogContext, type Logger } from "../log";
import type { DocumentStore } from "../store/port";
import { failureFields, isHelpdeskError } from "../errors";

/** Where leases live: one entry per job name. */
export const LEASE_COLLECTION = "leases";
export const LEASE_PARTITION = "jobs";

/** A named job run every `intervalInMs`. */
export interface JobDefinition {
  name: string;
  intervalInMs: number;
  /** How long a run holds the job for this instance (default 3 × interval): longer than the longest run, or two may overlap. */
  leaseInMs?: number;
  run(): Promise<unknown>;
}

/** The stored lease: who holds the job and until when. */
export interface Lease {
  holderId: string;
  expiresAt: string;
}

export interface SchedulerOptions {
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  /** This instance's id in leases (default: host, pid and a random part). */
  holderId?: string;
}

/**
 * Runs each job after every interval (the first run one interval after start) while holding its lease.
 * Not for a FakeClock with autoAdvance: there every sleep returns at once and the loops would spin through virtual time.
 */
export class Scheduler {
  readonly holderId: string;
  private readonly jobs: JobDefinition[] = [];
  private readonly running = new Set<Promise<void>>();
  private abort: AbortController | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {
    this.holderId = options.holderId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** Registers a job; call before start. */
  add(job: JobDefinition): this {
    if (job.intervalInMs <= 0) throw new RangeError(`job ${job.name}: intervalInMs must be positive`);
    this.jobs.push(job);
    return this;
  }

  /** Starts one loop per job. */
  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    this.stopped = new Promise((resolve) => abort.signal.addEventListener("abort", () => resolve(), { once: true }));
    for (const job of this.jobs) void this.loop(job, abort.signal);
  }

  /** Stops the loops, waits for any running job to finish, and releases the leases it holds so another instance can take over. */
  async stop(): Promise<void> {
    this.abort?.abort(new Error("scheduler stopped"));
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    if (!this.abort) return;
    for (const job of this.jobs) await this.release(job);
  }

  /** One tick: take or renew the lease, and run the job when this instance holds it. True when the job ran. */
  async runOnce(job: JobDefinition): Promise<boolean> {
    if (!(await this.acquire(job))) return false;
    if (this.abort?.signal.aborted) return false;
    await this.execute(job);
    return true;
  }

  /**
   * Runs `work` now for a registered job's name (e.g. `scan now`) while holding that job's lease, so it never overlaps a
   * run on another instance; `ran: false` when another instance holds it. Failures reach the caller.
   */
  async runNow<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new RangeError(`no job named ${name}`);
    if (!(await this.acquire(job))) return { ran: false };
    return { ran: true, value: await work() };
  }

  private async loop(job: JobDefinition, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      // swallow-ok: the sleep rejects only when stop() aborts it, and the loop checks the signal right after.
      await Promise.race([this.options.clock.sleep(job.intervalInMs, signal, { unref: true }).catch(() => undefined), this.stopped]);
      if (signal.aborted) return;
      const tick = this.tick(job);
      this.running.add(tick);
      await tick;
      this.running.delete(tick);
    }
  }

  /** One tick of the loop; every line it logs (the job's own included) carries `job` and this run's `ref`. */
  private tick(job: JobDefinition): Promise<void> {
    return withLogContext({ job: job.name, ref: newRef() }, () =>
      this.runOnce(job).then(
        () => undefined,
        (err: unknown) => this.options.logger.error({ event: "job_lease_failed", ...failureFields(err), err }, `job ${job.name}: lease check failed`),
      ),
    );
  }

  private async execute(job: JobDefinition): Promise<void> {
    try {
      await job.run();
    } catch (err) {
      this.options.logger.error({ event: "job_failed", ...failureFields(err), err }, `job ${job.name} failed`);
    }
  }

  /** True when this instance now holds the lease: it was free, expired, or already ours (then renewed). Etag-conditional. */
  private async acquire(job: JobDefinition): Promise<boolean> {
    const { store, clock } = this.options;
    const now = clock.now();
    const lease: Lease = { holderId: this.holderId, expiresAt: new Date(now.getTime() + (job.leaseInMs ?? 3 * job.intervalInMs)).toISOString() };
    const current = await store.getIn<Lease>(LEASE_COLLECTION, LEASE_PARTITION, job.name);
    const free = !current || current.value.holderId === this.holderId || Date.parse(current.value.expiresAt) <= now.getTime();
    if (!free) return false;
    try {
      await store.putIn(LEASE_COLLECTION, LEASE_PARTITION, job.name, lease, current ? { ifMatch: current.etag } : { ifNoneMatch: "*" });
      return true;
    } catch (e) {
      if (isHelpdeskError(e) && e.code === "CONFLICT") return false;
      throw e;
    }
  }

  private async release(job: JobDefinition): Promise<void> {
    const { store, logger } = this.options;
    try {
      const current = await store.getIn<Lease>(LEASE_COLLECTION, LEASE_PARTITION, job.name);
      if (current?.value.holderId === this.holderId) await store.deleteIn(LEASE_COLLECTION, LEASE_PARTITION, job.name, { ifMatch: current.etag });
    } catch (err) {
      logger.warn({ event: "job_lease_release_failed", job: job.name, ...failureFields(err), err }, `job ${job.name}: lease not released; it expires on its own`);
    }
  }
}
