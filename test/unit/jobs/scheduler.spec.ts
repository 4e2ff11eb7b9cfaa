import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { createLogger } from "../../../src/log";
import { HelpdeskError } from "../../../src/errors";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryDocumentStore } from "../../../src/store/memory";
import { SqliteDocumentStore } from "../../../src/store/sqlite";
import { LEASE_COLLECTION, LEASE_PARTITION, Scheduler, type JobDefinition, type Lease } from "../../../src/jobs/scheduler";

const INTERVAL = 30_000;

/** Lets queued promise chains and store calls finish (no real time passes). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

describe("Scheduler", () => {
  let clock: FakeClock;
  let store: MemoryDocumentStore;
  let lines: string[];
  let schedulers: Scheduler[];

  const counting = (): JobDefinition & { runs: number } => {
    const job = { name: "scrub", intervalInMs: INTERVAL, runs: 0, run: () => Promise.resolve(job.runs++) };
    return job;
  };
  const scheduler = (holderId: string, job: JobDefinition): Scheduler => {
    const logger = createLogger({ level: "info", destination: { write: (l) => void lines.push(l) } });
    const s = new Scheduler({ store, clock, logger, holderId }).add(job);
    schedulers.push(s);
    return s;
  };
  const tick = async (times = 1): Promise<void> => {
    for (let i = 0; i < times; i++) {
      await clock.advance(INTERVAL);
      await settle();
    }
  };

  beforeEach(() => {
    clock = new FakeClock("2026-11-28T12:00:00Z");
    store = new MemoryDocumentStore();
    lines = [];
    schedulers = [];
  });
  afterEach(async () => {
    for (const s of schedulers) await s.stop();
  });

  it("runs a job once per interval, the first one interval after start", async () => {
    const job = counting();
    scheduler("a", job).start();
    await settle();
    assert.equal(job.runs, 0);
    await tick(3);
    assert.equal(job.runs, 3);
  });

  it("with two schedulers over one store, only one runs the job, and it keeps the lease by renewing it", async () => {
    const [a, b] = [counting(), counting()];
    scheduler("a", a).start();
    scheduler("b", b).start();
    await tick(4);
    assert.deepEqual([a.runs + b.runs, Math.min(a.runs, b.runs)], [4, 0]);
  });

  it("takes over a lease whose holder stopped renewing, once it expires and not before", async () => {
    const expiresAt = new Date(clock.now().getTime() + 2 * INTERVAL + 1).toISOString();
    await store.putIn<Lease>(LEASE_COLLECTION, LEASE_PARTITION, "scrub", { holderId: "crashed", expiresAt });
    const job = counting();
    scheduler("b", job).start();
    await tick(2);
    assert.equal(job.runs, 0, "the lease is still live");
    await tick();
    assert.equal(job.runs, 1);
    assert.equal((await store.getIn<Lease>(LEASE_COLLECTION, LEASE_PARTITION, "scrub"))?.value.holderId, "b");
  });

  it("when the holder stops, it releases the lease and the other takes over at its next tick", async () => {
    const [a, b] = [counting(), counting()];
    const first = scheduler("a", a);
    first.start();
    await tick();
    scheduler("b", b).start();
    await tick();
    await first.stop();
    await tick();
    assert.deepEqual([a.runs, b.runs], [2, 1]);
  });

  it("logs a failing job and keeps running it", async () => {
    let calls = 0;
    scheduler("a", { name: "flaky", intervalInMs: INTERVAL, run: () => (++calls === 1 ? Promise.reject(new Error("boom")) : Promise.resolve()) }).start();
    await tick(2);
    assert.equal(calls, 2);
    assert.equal(lines.filter((l) => l.includes('"event":"job_failed"') && l.includes('"job":"flaky"')).length, 1);
  });

  it("logs every line of one run under the job's name and that run's own reference", async () => {
    let calls = 0;
    const throttled = new HelpdeskError("GRAPH_THROTTLED", "Graph 429", { status: 429 });
    scheduler("a", { name: "flaky", intervalInMs: INTERVAL, run: () => (++calls <= 2 ? Promise.reject(throttled) : Promise.resolve()) }).start();
    await tick(2);
    const failed = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "job_failed");
    assert.deepEqual(failed.map((l) => [l.job, l.failure, l.code]), [["flaky", "throttled", "GRAPH_THROTTLED"], ["flaky", "throttled", "GRAPH_THROTTLED"]]);
    assert.match(String(failed[0].ref), /^[0-9a-f]{8}$/);
    assert.notEqual(failed[0].ref, failed[1].ref, "each run has its own reference");
  });

  it("keeps its loop when the lease can't be read, and logs it", async () => {
    const job = counting();
    const broken = scheduler("a", job);
    const getIn = store.getIn.bind(store);
    let failOnce = true;
    store.getIn = <T>(c: string, p: string, r: string) => (failOnce ? ((failOnce = false), Promise.reject(new Error("store down"))) : getIn<T>(c, p, r));
    broken.start();
    await tick(2);
    assert.equal(job.runs, 1);
    assert.equal(lines.filter((l) => l.includes('"event":"job_lease_failed"')).length, 1);
  });

  it("stop waits for a running job to finish", async () => {
    let finish: () => void = () => undefined;
    const s = scheduler("a", { name: "slow", intervalInMs: INTERVAL, run: () => new Promise<void>((r) => (finish = r)) });
    s.start();
    await tick();
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await settle();
    assert.equal(stopped, false);
    finish();
    await stopping;
    assert.equal(stopped, true);
  });

  it("runs nothing after stop", async () => {
    const job = counting();
    const s = scheduler("a", job);
    s.start();
    await s.stop();
    await tick(2);
    assert.equal(job.runs, 0);
  });
});

describe("Scheduler over one SQLite file opened by two instances", () => {
  it("only one instance runs the job", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tap-lease-"));
    const clock = new FakeClock("2026-11-28T12:00:00Z");
    const logger = createLogger({ level: "silent" });
    const stores = [new SqliteDocumentStore(join(dir, "state.sqlite")), new SqliteDocumentStore(join(dir, "state.sqlite"))];
    const runs = [0, 0];
    const schedulers = stores.map((store, i) =>
      new Scheduler({ store, clock, logger, holderId: `i${i}` }).add({ name: "scrub", intervalInMs: INTERVAL, run: () => Promise.resolve(runs[i]++) }),
    );
    try {
      for (const s of schedulers) s.start();
      for (let i = 0; i < 3; i++) {
        await clock.advance(INTERVAL);
        await settle();
      }
      assert.deepEqual([runs[0] + runs[1], Math.min(...runs)], [3, 0]);
    } finally {
      for (const s of schedulers) await s.stop();
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
