// Benchmark: one pass scan (collectScanInput through GraphDirectory.scanReader()) against a generated demo tenant of
// 100,000 people, 2,000 of them holding a pass, with Graph's budgets enforced by the tenant (sign-in logs, directory
// audits and the registration report: 5 requests per 10 s together). It runs on the REAL clock: the budget windows are
// waited out in real time, so the wall times printed are measured, not computed. Prints, for each injected latency:
//   Graph requests per scan  — against the goal: report pages + ⌈holders / 20⌉ + a small constant (audit, sign-in, policy);
//   scan wall time           — against the lower bound the budgets imply: the R-th request of the reports budget can't
//                              go out before ⌊(R − 1) / 5⌋ × 10 s, and after it come its answer and its holders' $batch
//                              (2 × latency); goal ≤ 1.2×;
//   429s                     — answers Graph (the demo tenant) throttled, top-level and inside $batch.
// Then the whole scan job twice (state in SQLite, digest into the outbox): its wall time and what it found.
// Run: npm run bench:scan   (prints the figures; never asserts). About 3 minutes.
import { performance } from "node:perf_hooks";
import { collectScanInput } from "../src/alerts/collect";
import type { ScanInput } from "../src/alerts/scan-input";
import { systemClock } from "../src/clock";
import { generatedUserId } from "../src/demo/seed-generated";
import { startDemoTenant, type DemoTenant, type RecordedRequest } from "../src/demo/server";
import { createGraphClient } from "../src/graph/client";
import { GraphDirectory } from "../src/graph/directory";
import { createLogger } from "../src/log";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AlertRepository } from "../src/alerts/repositories";
import { AlertScanner, type ScanReport } from "../src/alerts/scanner";
import { DurableOutbox } from "../src/messaging/outbox";
import { SqliteDocumentStore } from "../src/store/sqlite";
import { pause, ThrottleCounter } from "./support";

const PEOPLE = 100_000;
const HOLDERS = 2_000;
const LATENCIES_MS = [0, 100];
/** A little more than the reports budget's window, so each run starts with the whole budget free. */
const PAUSE_MS = 10_500;
const BUDGET = { limit: 5, windowInMs: 10_000 };

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

interface Run {
  latencyMs: number;
  wallMs: number;
  input: ScanInput;
  log: RecordedRequest[];
  throttled: number;
}

async function scanOnce(tenant: DemoTenant, latencyMs: number): Promise<Run> {
  tenant.controls.setLatency(latencyMs);
  tenant.controls.resetRequests();
  const throttled = new ThrottleCounter();
  const logger = createLogger({ level: "debug", destination: throttled });
  const client = createGraphClient({ baseUrl: tenant.url, auth: { kind: "none" }, clock: systemClock, logger });
  const directory = new GraphDirectory({ client, clock: systemClock, logger, tenantCacheTtlSeconds: 300, signInLookbackHours: 24 });
  // Fifty passes the bot issued itself, all also in the report or the audit log: they cost no extra reads.
  const botIssued = Array.from({ length: 50 }, (_, j) => ({ userId: generatedUserId(Math.floor((j * 40 * PEOPLE) / HOLDERS)) }));
  const t0 = performance.now();
  const input = await collectScanInput(directory.scanReader(), { now: systemClock.now(), botIssued, burstWindowMinutes: 15, clock: systemClock });
  return { latencyMs, wallMs: performance.now() - t0, input, log: tenant.controls.requests(), throttled: throttled.count };
}

function report(run: Run): void {
  const f = run.input.figures;
  const kinds = {
    report: run.log.filter((r) => r.path.startsWith("/reports/")).length,
    audit: run.log.filter((r) => r.path.startsWith("/auditLogs/directoryAudits")).length,
    signIns: run.log.filter((r) => r.path.startsWith("/auditLogs/signIns")).length,
    batches: run.log.filter((r) => r.path === "/$batch").length,
    other: run.log.filter((r) => !/^\/(reports|auditLogs)\//.test(r.path) && r.path !== "/$batch").length,
  };
  const budgeted = kinds.report + kinds.audit + kinds.signIns;
  const constant = f.graphRequests - f.reportPages - Math.ceil(f.holdersRead / 20);
  const lowerBoundMs = Math.floor((budgeted - 1) / BUDGET.limit) * BUDGET.windowInMs + 2 * run.latencyMs;
  const batchSizes = run.log.filter((r) => r.path === "/$batch").map((r) => r.batchIds?.length ?? 0);
  const holdersBy = (s: string) => run.input.holders.filter((h) => h.sources.includes(s as never)).length;
  console.log(`\n— injected latency ${run.latencyMs} ms per response —`);
  console.log(`  holders read:          ${f.holdersRead} (report ${holdersBy("report")}, audit log ${holdersBy("audit")}, bot ${holdersBy("bot")}; unreadable ${run.input.unreadable.length})`);
  console.log(`  report rows / audit pass events / pass sign-in failures: ${check(run.input.sources.report)} / ${check(run.input.sources.audit)} / ${run.input.tapFailures.ok ? run.input.tapFailures.value.length : "—"}`);
  console.log(`  Graph requests / scan: ${f.graphRequests} counted by the reader, ${run.log.length} seen by the tenant`);
  console.log(`                         = ${f.reportPages} report pages + ${f.methodBatches} $batch (⌈${f.holdersRead} / 20⌉ = ${Math.ceil(f.holdersRead / 20)}) + ${constant} (audit ${kinds.audit}, sign-ins ${kinds.signIns}, policy ${kinds.other})`);
  console.log(`                         goal: report pages + ⌈holders / 20⌉ + a small constant → constant here: ${constant}`);
  console.log(`  $batch sizes:          ${batchSizes.filter((n) => n === 20).length} × 20, others: [${batchSizes.filter((n) => n !== 20).join(", ")}]`);
  console.log(`  reports-budget requests R = ${budgeted} → lower bound ⌊(R − 1) / 5⌋ × 10 s + 2 × ${run.latencyMs} ms = ${(lowerBoundMs / 1000).toFixed(2)} s`);
  console.log(`  scan wall time:        ${(run.wallMs / 1000).toFixed(2)} s = ${(run.wallMs / lowerBoundMs).toFixed(3)} × the lower bound (goal ≤ 1.2×)`);
  console.log(`  429 answers:           ${run.throttled}`);
  console.log(`  gaps:                  ${run.input.gaps.length === 0 ? "none" : run.input.gaps.join(" | ")}`);
}

/**
 * The whole job, twice: collect → detect → plan the digest → scanner state in SQLite → digest into the durable outbox.
 * The second scan shows what a scan costs when nothing is new (it still reads everyone; it sends nothing).
 */
async function wholeScans(tenant: DemoTenant): Promise<void> {
  tenant.controls.setLatency(0);
  const dir = mkdtempSync(join(tmpdir(), "tap-scan-bench-"));
  const store = new SqliteDocumentStore(join(dir, "state.sqlite"));
  try {
    const logger = createLogger({ level: "warn" });
    const client = createGraphClient({ baseUrl: tenant.url, auth: { kind: "none" }, clock: systemClock, logger });
    const directory = new GraphDirectory({ client, clock: systemClock, logger, tenantCacheTtlSeconds: 300, signInLookbackHours: 24 });
    const repo = new AlertRepository(store);
    await repo.addDestination({ key: "channel:bench", destination: { kind: "conversation", conversationId: "19:bench" }, place: "channel", name: "Bench", setUpBy: { id: "x", displayName: "X" }, setUpAt: systemClock.now().toISOString() });
    const outbox = new DurableOutbox(store, systemClock);
    const reader = directory.scanReader();
    const scanner = new AlertScanner({
      repo,
      collect: (o) => collectScanInput(reader, { ...o, clock: systemClock }),
      outbox,
      clock: systemClock,
      logger,
      settings: { expiryWindowMinutes: 60, maxLifetimeMinutes: 480, requireOneTime: false, burstThreshold: 5, burstWindowMinutes: 60 },
      issuedSince: () => Promise.resolve([]),
    });
    for (const label of ["first scan (everything is new)", "second scan (nothing new)"]) {
      await pause(PAUSE_MS);
      const t0 = performance.now();
      const r: ScanReport = await scanner.scan();
      const wall = performance.now() - t0;
      console.log(`\n— whole scan job, ${label} —`);
      console.log(`  wall ${(wall / 1000).toFixed(2)} s, of which Graph reads ${(r.durationInMs / 1000).toFixed(2)} s and detect + digest + state + outbox ${((wall - r.durationInMs) / 1000).toFixed(2)} s`);
      console.log(`  ${r.holdersRead} holders, ${r.graphRequests} Graph requests, ${r.findings} findings, ${r.reported} in the digest, ${r.fixed} fixed, ${r.nudges} nudges queued`);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const check = (c: { ok: true; value: number } | { ok: false; reason: string }) => (c.ok ? String(c.value) : `— (${c.reason})`);

async function main(): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const tenant = await startDemoTenant({ clock: systemClock, port: 0, generated: { people: PEOPLE, tapHolders: HOLDERS } });
  const genMs = performance.now() - t0;
  const heap = process.memoryUsage().heapUsed - heapBefore;
  console.log("Pass scan benchmark — clock: REAL (system clock); budgets enforced by the demo tenant; every wait below happened.");
  console.log(`Generated tenant: ${tenant.directory.users.length} people, ${tenant.directory.taps.size} passes, ${tenant.directory.directoryAudits.length} audit entries, ` +
      `${tenant.directory.registrationReport.rows.length} report rows; built in ${(genMs / 1000).toFixed(2)} s, heap +${mb(heap)}`);
  try {
    for (const [i, latency] of LATENCIES_MS.entries()) {
      if (i > 0) await pause(PAUSE_MS);
      report(await scanOnce(tenant, latency));
    }
    await wholeScans(tenant);
  } finally {
    await tenant.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
