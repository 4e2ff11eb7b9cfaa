// Benchmark: how long one triage turn takes with 100 ms injected Graph latency, in units of one Graph round trip.
// Goal: ≤ 1.3 for the product (per-user reads in one $batch, tenant-wide reads cached).
// Baseline: a sequential client reading the same per-user resources one request at a time.
// Run: npm run bench   (prints the figures; never asserts)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { systemClock } from "../src/clock";
import { createLogger } from "../src/log";
import { startDemoTenant } from "../src/demo/server";
import { DEMO_PEOPLE } from "../src/demo/seed";
import { createGraphClient } from "../src/graph/client";
import { perUserRequests } from "../src/graph/user-reads";
import { startService } from "../src/service";
import { ConnectorCapture } from "../test/support/connector-capture";
import { TeamsUser } from "../test/support/teams-user";

const LATENCY_MS = 100;
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tap-bench-"));
  const silent = { write: () => undefined };
  const tenant = await startDemoTenant({ clock: systemClock });
  tenant.controls.enforceBudgets(false);
  const capture = await new ConnectorCapture().start();
  const service = await startService({
    env: { PORT: "0", GRAPH_BASE_URL: tenant.url, GRAPH_AUTH: "none", STATE_DB_PATH: join(dir, "state.sqlite"), LOG_LEVEL: "silent" },
    logDestination: silent,
  });
  // People whose pass state the directory proves, so the first turn is the whole diagnosis.
  const people = DEMO_PEOPLE.filter((p) => ["ben", "chloe", "dev", "elena", "ivan"].includes(p.key));
  try {
    // Warm the tenant-wide cache as a running service would have it.
    await new TeamsUser(service.url, capture, people[0]).say("my pass doesn't work");
    tenant.controls.setLatency(LATENCY_MS);

    const turns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each round stays inside the tenant's sign-in log budget (5 per 10 s), so no turn waits for a slot.
      await new Promise((r) => setTimeout(r, 10_500));
      for (const p of people) {
        const user = new TeamsUser(service.url, capture, p);
        const t0 = performance.now();
        await user.say("my pass doesn't work");
        turns.push(performance.now() - t0);
      }
    }

    const client = createGraphClient({ baseUrl: tenant.url, auth: { kind: "none" }, clock: systemClock, logger: createLogger({ level: "silent", destination: silent }) });
    const sequential: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const p of people) {
        const t0 = performance.now();
        for (const r of perUserRequests(p.id, { includeSignIns: true, now: new Date(), signInLookbackHours: 24 })) {
          await client.api(r.url).get().catch(() => undefined);
        }
        sequential.push(performance.now() - t0);
      }
    }

    const product = median(turns);
    const baseline = median(sequential);
    console.log(`injected Graph latency per round trip: ${LATENCY_MS} ms; ${turns.length} triage turns, ${sequential.length} sequential reads`);
    console.log(`triage turn (real server, one $batch):  median ${product.toFixed(1)} ms  p90 ${[...turns].sort((a, b) => a - b)[Math.floor(turns.length * 0.9)].toFixed(1)} ms  ratio ${(product / LATENCY_MS).toFixed(2)} (goal <= 1.3)`);
    console.log(`sequential client (same reads):         median ${baseline.toFixed(1)} ms  ratio ${(baseline / LATENCY_MS).toFixed(2)}`);
  } finally {
    await service.close();
    await capture.stop();
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
