// Benchmark: how long one triage turn takes with 100 ms injected Graph latency, in units of one Graph round trip,
// with Graph's per-tenant budgets enforced by the demo tenant throughout. One run prints:
//   warm            — tenant-wide reads cached (goal ≤ 1.3 round trips);
//   after TTL       — first turn after the tenant cache's TTL ran out: with the background refresh (the product) and
//                     with stale-while-revalidate alone (goal ≤ 2 round trips);
//   first-after-start — the first turn the moment the service listens (its warm-up is still in flight), and without warm-up;
//   burst           — 50 people at once: p50 / p95, sign-in reads and "busy" answers;
//   baseline        — a sequential client reading the same per-user resources one request at a time.
// The tenant cache TTL is shortened to 8 s so "after expiry" fits in a run (risky users keep their 60 s TTL).
// Run: npm run bench   (prints the figures; never asserts). About 75 s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { systemClock } from "../src/clock";
import { createLogger } from "../src/log";
import { startDemoTenant, type DemoTenant } from "../src/demo/server";
import { DEMO_PEOPLE } from "../src/demo/seed";
import { createGraphClient } from "../src/graph/client";
import { perUserRequests } from "../src/graph/user-reads";
import { startService, type RunningService } from "../src/service";
import { ConnectorCapture } from "../test/support/connector-capture";
import { TeamsUser } from "../test/support/teams-user";
import { pause, ThrottleCounter } from "./support";

const LATENCY_MS = 100;
const TTL_SECONDS = 8;
const ROUNDS = 3;
const BURST = 50;
/** A little more than the sign-in log window (5 per 10 s) and the tenant TTL. */
const PAUSE_MS = 10_500;
const OPENING = "my pass doesn't work";

// People whose pass state the directory proves, so the first turn is the whole diagnosis.
const PEOPLE = DEMO_PEOPLE.filter((p) => ["ben", "chloe", "dev", "elena", "ivan"].includes(p.key));

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))];
const rt = (ms: number) => `${ms.toFixed(0)} ms = ${(ms / LATENCY_MS).toFixed(2)} RT`;

interface Ctx {
  tenant: DemoTenant;
  capture: ConnectorCapture;
  dir: string;
  throttled: ThrottleCounter;
}

function start(ctx: Ctx, name: string, backgroundJobs: boolean): Promise<RunningService> {
  return startService({
    env: { PORT: "0", GRAPH_BASE_URL: ctx.tenant.url, GRAPH_AUTH: "none", STATE_DB_PATH: join(ctx.dir, `${name}.sqlite`), LOG_LEVEL: "debug", TENANT_CACHE_TTL_SECONDS: String(TTL_SECONDS) },
    logDestination: ctx.throttled,
    backgroundJobs,
  });
}

async function turn(ctx: Ctx, service: RunningService, person: (typeof PEOPLE)[number]): Promise<{ ms: number; busy: boolean }> {
  const t0 = performance.now();
  const result = await new TeamsUser(service.url, ctx.capture, person).say(OPENING);
  return { ms: performance.now() - t0, busy: JSON.stringify(result.replies).includes("budget is busy") };
}

/** Stale-while-revalidate alone: no warm-up, no background refresh. */
async function withoutRefresher(ctx: Ctx): Promise<{ firstCold: number; afterTtl: number[] }> {
  const service = await start(ctx, "swr", false);
  try {
    const firstCold = (await turn(ctx, service, PEOPLE[0])).ms;
    const afterTtl: number[] = [];
    for (const p of PEOPLE.slice(1, 3)) {
      await pause(PAUSE_MS);
      afterTtl.push((await turn(ctx, service, p)).ms);
    }
    return { firstCold, afterTtl };
  } finally {
    await service.close();
  }
}

/** The product: warm-up at start, refresh ahead; warm rounds, then a burst. */
async function product(ctx: Ctx) {
  const service = await start(ctx, "product", true);
  try {
    const firstAfterStart = (await turn(ctx, service, PEOPLE[0])).ms;
    const warm: number[] = [];
    const afterTtl: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await pause(PAUSE_MS);
      for (const [i, p] of PEOPLE.entries()) {
        const { ms } = await turn(ctx, service, p);
        (i === 0 ? afterTtl : warm).push(ms);
      }
    }
    await pause(PAUSE_MS);
    ctx.tenant.controls.resetRequests();
    const before = ctx.throttled.count;
    const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => turn(ctx, service, PEOPLE[i % PEOPLE.length])));
    const signInReads = ctx.tenant.controls.requests().flatMap((r) => r.subRequests ?? [{ url: r.path }]).filter((s) => s.url.startsWith("/auditLogs/signIns")).length;
    return { firstAfterStart, warm, afterTtl, burst, signInReads, burst429: ctx.throttled.count - before };
  } finally {
    await service.close();
  }
}

async function sequentialBaseline(tenant: DemoTenant): Promise<number[]> {
  const silent = { write: () => undefined };
  tenant.controls.enforceBudgets(false);
  const client = createGraphClient({ baseUrl: tenant.url, auth: { kind: "none" }, clock: systemClock, logger: createLogger({ level: "silent", destination: silent }) });
  const times: number[] = [];
  for (const p of PEOPLE) {
    const t0 = performance.now();
    for (const r of perUserRequests(p.id, { includeSignIns: true, now: new Date(), signInLookbackHours: 24 })) {
      await client.api(r.url).get().catch(() => undefined);
    }
    times.push(performance.now() - t0);
  }
  return times;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tap-bench-"));
  const tenant = await startDemoTenant({ clock: systemClock });
  tenant.controls.enforceBudgets(true);
  tenant.controls.setLatency(LATENCY_MS);
  const capture = await new ConnectorCapture().start();
  const ctx: Ctx = { tenant, capture, dir, throttled: new ThrottleCounter() };
  try {
    const swr = await withoutRefresher(ctx);
    await pause(PAUSE_MS);
    const p = await product(ctx);
    const baseline = await sequentialBaseline(tenant);
    const burstMs = p.burst.map((b) => b.ms);
    console.log(`injected Graph latency per round trip (RT): ${LATENCY_MS} ms; budgets enforced; tenant cache TTL ${TTL_SECONDS} s`);
    console.log(`warm turn:                               median ${rt(pct(p.warm, 0.5))}  p90 ${rt(pct(p.warm, 0.9))}  (${p.warm.length} turns; goal <= 1.3 RT)`);
    console.log(`after TTL expiry, refresh ahead on:      median ${rt(pct(p.afterTtl, 0.5))}  max ${rt(Math.max(...p.afterTtl))}  (${p.afterTtl.length} turns; goal <= 2 RT)`);
    console.log(`after TTL expiry, stale-while-revalidate only: median ${rt(pct(swr.afterTtl, 0.5))}  max ${rt(Math.max(...swr.afterTtl))}  (${swr.afterTtl.length} turns; goal <= 2 RT)`);
    console.log(`first turn after start (warm-up in flight): ${rt(p.firstAfterStart)}`);
    console.log(`first turn after start, no warm-up:      ${rt(swr.firstCold)}  (waits for the three 1-per-second CA/risk reads)`);
    console.log(`burst of ${BURST} at once:                     p50 ${rt(pct(burstMs, 0.5))}  p95 ${rt(pct(burstMs, 0.95))}  sign-in reads ${p.signInReads}  "busy" answers ${p.burst.filter((b) => b.busy).length}  429s ${p.burst429}`);
    console.log(`sequential client (same per-user reads): median ${rt(pct(baseline, 0.5))}`);
    console.log(`429 answers seen by the bot over the whole run: ${ctx.throttled.count}`);
  } finally {
    await capture.stop();
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
