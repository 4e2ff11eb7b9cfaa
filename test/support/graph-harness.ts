// A demo tenant on loopback plus the real graph-client wired through our middleware, on one FakeClock,
// with every log line captured so tests can scan them (for secrets, for 429s).
import { FakeClock } from "../../src/clock";
import { startDemoTenant, type DemoTenant, type DemoTenantOptions } from "../../src/demo/server";
import { createGraphClient } from "../../src/graph/client";
import { GraphDirectory, type GraphDirectoryOptions } from "../../src/graph/directory";
import { createLogger, type Logger } from "../../src/log";
import { advanceUntilSettled } from "./clock-helpers";

/** A started demo tenant with a GraphDirectory talking to it. */
export interface GraphHarness {
  clock: FakeClock;
  tenant: DemoTenant;
  directory: GraphDirectory;
  logger: Logger;
  /** Every log line written so far (already scrubbed by the logger, as in production). */
  lines: string[];
  /** Runs a promise while advancing the fake clock whenever something sleeps on it. */
  run<T>(promise: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Directory options a test may override. */
export type HarnessOptions = Partial<Pick<GraphDirectoryOptions, "maxBudgetWaitInMs" | "tenantCacheTtlSeconds" | "riskyUsersTtlSeconds">>;

/** Starts a fresh demo tenant (optionally with a generated population) and a GraphDirectory on it. */
export async function startGraphHarness(options: HarnessOptions = {}, tenantOptions: Pick<DemoTenantOptions, "generated"> = {}): Promise<GraphHarness> {
  const clock = new FakeClock("2026-11-28T12:00:00Z");
  const tenant = await startDemoTenant({ clock, port: 0, ...tenantOptions });
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void lines.push(line) } });
  const client = createGraphClient({ baseUrl: tenant.url, auth: { kind: "none" }, clock, logger });
  const directory = new GraphDirectory({ client, clock, logger, tenantCacheTtlSeconds: 300, signInLookbackHours: 24, ...options });
  return {
    clock,
    tenant,
    directory,
    logger,
    lines,
    run: (promise) => advanceUntilSettled(clock, promise),
    close: () => tenant.close(),
  };
}

/** Names of DirectoryFacts entries that are Check values with ok === false. */
export function uncheckedFacts(facts: object): string[] {
  return Object.entries(facts)
    .filter(([, v]) => typeof v === "object" && v !== null && "ok" in v && (v as { ok: boolean }).ok === false)
    .map(([k]) => k);
}

/** Statuses of every Graph answer the client logged (top-level calls and $batch sub-responses). */
export function loggedStatuses(lines: readonly string[]): number[] {
  const out: number[] = [];
  for (const line of lines) {
    const entry = JSON.parse(line) as { graph?: { status?: number; statuses?: string[] } };
    if (typeof entry.graph?.status === "number") out.push(entry.graph.status);
    for (const s of entry.graph?.statuses ?? []) out.push(Number(s.split(" ").pop()));
  }
  return out;
}
