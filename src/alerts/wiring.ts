// How the alerts side is assembled from the service's parts (called by service.ts, the composition root): the scanner
// as a leased scheduler job, `scan now` through the same lease, and the facade the Teams layer calls.
import type { AppConfig } from "../config";
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { DocumentStore } from "../store/port";
import type { GraphDirectory } from "../graph/directory";
import type { HelpdeskWorkflow } from "../helpdesk/workflow";
import type { Outbox } from "../messaging/port";
import type { Scheduler } from "../jobs/scheduler";
import { AlertRepository } from "./repositories";
import { AlertScanner } from "./scanner";
import { AlertService } from "./service";
import { collectScanInput } from "./collect";

/** The scan job's name in the scheduler (and its lease). */
export const SCAN_JOB = "alert-scan";

export interface AlertWiring {
  config: Readonly<AppConfig>;
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  directory: GraphDirectory;
  helpdesk: HelpdeskWorkflow;
  outbox: Outbox;
  scheduler: Scheduler;
}

export function wireAlerts(w: AlertWiring): { service: AlertService; scanner: AlertScanner } {
  const repo = new AlertRepository(w.store);
  const reader = w.directory.scanReader();
  const a = w.config.alerts;
  const scanner = new AlertScanner({
    repo,
    collect: (options) => collectScanInput(reader, { ...options, clock: w.clock }),
    outbox: w.outbox,
    clock: w.clock,
    logger: w.logger,
    settings: { expiryWindowMinutes: a.expiryWindowMinutes, maxLifetimeMinutes: a.maxLifetimeMinutes, requireOneTime: a.requireOneTime, burstThreshold: a.burstThreshold, burstWindowMinutes: a.burstWindowMinutes },
    issuedSince: (since) => w.helpdesk.passesIssuedSince(since),
  });
  const intervalInMs = a.scanIntervalMinutes * 60_000;
  // A scan of a large tenant takes a minute or so under the reports budget; the lease outlives it and the next interval.
  w.scheduler.add({ name: SCAN_JOB, intervalInMs, leaseInMs: 2 * intervalInMs, run: () => scanner.scan() });
  const service = new AlertService({
    repo,
    runScan: async () => {
      const run = await w.scheduler.runNow(SCAN_JOB, () => scanner.scan());
      return run.ran ? run.value : "busy";
    },
    authority: { cleaner: (actorId, action) => w.helpdesk.passCleaner(actorId, action), mayAdminister: (actorId) => w.helpdesk.mayAdministerHelpdesk(actorId) },
    clock: w.clock,
    logger: w.logger,
    snoozeHours: a.snoozeHours,
    scanIntervalMinutes: a.scanIntervalMinutes,
    outbox: w.outbox,
  });
  return { service, scanner };
}
