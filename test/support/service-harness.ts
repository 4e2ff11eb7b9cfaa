// Starts the real service (HTTP + embedded demo tenant + SQLite) on loopback with an injected clock and a log sink.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeClock } from "../../src/clock";
import { startService, type RunningService } from "../../src/service";
import { ConnectorCapture } from "./connector-capture";

export interface Harness {
  clock: FakeClock;
  capture: ConnectorCapture;
  service: RunningService;
  logLines: string[];
  dir: string;
  stop(): Promise<void>;
}

/** Starts capture server + service; `env` adds to the defaults (random ports, temp state file). */
export async function startHarness(env: Record<string, string> = {}, reuse?: { dir: string; clock: FakeClock; capture: ConnectorCapture }): Promise<Harness> {
  const dir = reuse?.dir ?? mkdtempSync(join(tmpdir(), "tap-e2e-"));
  const clock = reuse?.clock ?? new FakeClock("2026-11-28T12:00:00Z", { autoAdvance: true });
  const capture = reuse?.capture ?? (await new ConnectorCapture().start());
  const logLines: string[] = [];
  const service = await startService({
    env: { PORT: "0", DEMO_TENANT_PORT: "0", STATE_DB_PATH: join(dir, "state.sqlite"), LOG_LEVEL: "debug", DEFAULT_TIME_ZONE: "UTC", ...env },
    clock,
    logDestination: { write: (line) => void logLines.push(line) },
    backgroundJobs: false,
  });
  return {
    clock,
    capture,
    service,
    logLines,
    dir,
    stop: async () => {
      await service.close();
      if (!reuse) {
        await capture.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
