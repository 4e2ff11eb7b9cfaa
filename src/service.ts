// Wiring: config → logger → telemetry → store → Graph (embedded demo tenant by default) → triage → Teams app → HTTP. Nothing else.
import { loadConfig, type AppConfig } from "./config";
import { createLogger, type Logger } from "./log";
import { systemClock, type Clock } from "./clock";
import { SqliteDocumentStore } from "./store/sqlite";
import type { DocumentStore } from "./store/port";
import { startDemoTenant, type DemoTenant } from "./demo/server";
import { DEMO_GROUPS } from "./demo/seed";
import { createGraphClient } from "./graph/client";
import { GraphDirectory } from "./graph/directory";
import { TriageService } from "./conversation/triage-service";
import { createAdapter, createMessageEndpoint } from "./teams/endpoint";
import { createTeamsApp } from "./teams/app";
import { createHttpServer, listen } from "./server/http";
import { TeamsMessenger } from "./teams/messenger";
import { HelpdeskMessenger } from "./teams/helpdesk-messenger";
import { viewPresenter } from "./cards/present";
import { DurableOutbox } from "./messaging/outbox";
import { OutboxDispatcher, type DispatchStats } from "./messaging/dispatcher";
import { TEAMS_PER_CONVERSATION } from "./messaging/pacing";
import { HelpdeskWorkflow } from "./helpdesk/workflow";
import { GraphHttp } from "./graph/http";
import { startTelemetry, type Telemetry } from "./telemetry";
import { InFlight } from "./server/in-flight";
import { Scheduler } from "./jobs/scheduler";
import { checkReadiness, graphCheck, reuseFor, storeCheck } from "./server/readiness";
import { wireAlerts } from "./alerts/wiring";
import type { AlertService } from "./alerts/service";
import type { ScanReport } from "./alerts/scanner";
import { SetupCheck } from "./setup/service";
import { lastWriteEvidence } from "./setup/write-evidence";
import { AuditLog } from "./helpdesk/repositories/audit";

/** How often hand-over messages are checked for pass values due to be scrubbed. */
const SCRUB_INTERVAL_IN_MS = 30_000;
/** How often the outbox is checked for messages to send, and how long one run may hold the job (it waits for pacing inside). */
const OUTBOX_INTERVAL_IN_MS = 1_000;
const OUTBOX_RUN_IN_MS = 20_000;
/** A readiness probe must answer fast: App Service and load balancers poll it. */
const READINESS_TIMEOUT_IN_MS = 3_000;
/** How long one readiness answer is reused, so polling /readyz costs at most one Graph request per interval. */
const READINESS_REUSE_IN_MS = 5_000;

export interface ServiceOptions {
  /** Environment to read configuration from (the process environment by default). */
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Where log lines go (stdout by default). */
  logDestination?: { write(line: string): void };
  /** An already-open store (tests); otherwise the SQLite file from config. */
  store?: DocumentStore;
  /** Telemetry already started by the caller (src/index.ts starts it before http is loaded, so http is instrumented). */
  telemetry?: Telemetry;
  /** Background jobs (scrubbing pass values on a timer). Tests turn them off and call runDueScrubs themselves. */
  backgroundJobs?: boolean;
}

export interface RunningService {
  url: string;
  config: Readonly<AppConfig>;
  logger: Logger;
  /** The embedded demo tenant, when config chose it (no app id and no GRAPH_BASE_URL, or DEMO_TENANT=true). */
  demoTenant?: DemoTenant;
  /** Where Graph requests go: `{url}/v1.0/...`; `demoTenant` says whether that is the embedded demo tenant. */
  graph: { url: string; demoTenant: boolean };
  helpdesk: HelpdeskWorkflow;
  /** `check setup` for helpdesk admins (the Teams command renders its report with cards/setup-check.ts). */
  setupCheck: SetupCheck;
  /** Pass alerts: where digests go, `scan now`, the alert cards' actions. */
  alerts: AlertService;
  /** One scan now, outside the lease (tests; `scan now` goes through the lease). */
  scanAlerts(): Promise<ScanReport>;
  /** Durable, paced proactive sending (alerts): enqueue by id, read outcomes and the undeliverable ones. */
  outbox: DurableOutbox;
  /** One dispatcher run now (the leased job does this every second when background jobs run; tests call it). */
  dispatchOutbox(): Promise<DispatchStats>;
  /** Graceful stop: stop accepting, let in-flight turns finish (bounded by SHUTDOWN_GRACE_SECONDS), stop the scheduler (waiting for a running job), close the store. */
  close(): Promise<void>;
}

/** Starts the whole service and resolves once it listens. */
export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const config = loadConfig(options.env);
  const clock = options.clock ?? systemClock;
  const logger = createLogger({ level: config.logLevel, destination: options.logDestination });
  const telemetry = options.telemetry ?? (await startTelemetry(config.telemetry.connectionString, logger));
  const store = options.store ?? new SqliteDocumentStore(config.stateDbPath);

  const demoTenant = config.graph.demoTenant ? await startDemoTenant({ clock, port: config.demoTenantPort }) : undefined;
  const graphBaseUrl = config.graph.baseUrl ?? demoTenant?.url ?? "";
  const agentsGroupId = config.helpdesk.agentsGroupId ?? (demoTenant ? DEMO_GROUPS.helpdeskAgents : undefined);
  const adminsGroupId = config.helpdesk.adminsGroupId ?? (demoTenant ? DEMO_GROUPS.helpdeskAdmins : undefined);

  const client = createGraphClient({ baseUrl: graphBaseUrl, auth: config.graph.auth, clock, logger });
  const directory = new GraphDirectory({
    client,
    clock,
    logger,
    tenantCacheTtlSeconds: config.graph.tenantCacheTtlSeconds,
    signInLookbackHours: config.graph.signInLookbackHours,
  });
  const adapter = createAdapter(config.bot);
  const messenger = new TeamsMessenger({ adapter, store, clock, logger, botAppId: config.bot.appId, present: viewPresenter({ timeZone: config.defaultTimeZone }) });
  const outbox = new DurableOutbox(store, clock);
  const helpdesk = new HelpdeskWorkflow({
    directory,
    store,
    messenger: new HelpdeskMessenger(messenger, clock),
    clock,
    logger,
    // Unconfigured groups match nobody: no one can act as an agent or admin until they are set.
    agentsGroupId: agentsGroupId ?? "",
    adminsGroupId: adminsGroupId ?? "",
    timeZone: config.defaultTimeZone,
    scrubAfterMinutes: config.helpdesk.scrubAfterMinutes,
    limits: config.helpdesk.limits,
  });
  const setupCheck = new SetupCheck({
    prober: directory,
    mayAdminister: (personId) => helpdesk.mayAdministerHelpdesk(personId),
    lastWrite: () => lastWriteEvidence(new AuditLog(store)),
    clock,
    logger,
    timeZone: config.defaultTimeZone,
  });
  const triage = new TriageService({
    directory,
    store,
    clock,
    logger,
    defaultTimeZone: config.defaultTimeZone,
    agentsGroupId,
    escalate: (request, state) => helpdesk.escalate(request, state),
  });
  const scheduler = new Scheduler({ store, clock, logger });
  const alerts = wireAlerts({ config, store, clock, logger, directory, helpdesk, outbox, scheduler });
  const app = createTeamsApp({
    adapter,
    botAppId: config.bot.appId,
    triage,
    helpdesk,
    alerts: alerts.service,
    setupCheck,
    messenger,
    logger,
    inbound: { requireTeams: config.bot.authenticated, tenantId: config.bot.tenantId },
  });
  const inFlight = new InFlight();
  const readinessChecks = { graph: graphCheck(new GraphHttp(client, READINESS_TIMEOUT_IN_MS, logger), logger), store: storeCheck(store, logger) };
  const server = createHttpServer({
    endpoint: createMessageEndpoint(adapter, app, logger),
    logger,
    health: () => ({ graph: demoTenant ? "demo-tenant" : "graph", graphUrl: graphBaseUrl, authenticated: config.bot.authenticated }),
    readiness: reuseFor(READINESS_REUSE_IN_MS, () => clock.now().getTime(), () => checkReadiness(readinessChecks, READINESS_TIMEOUT_IN_MS)),
    inFlight,
  });
  const running = await listen(server, config.port, config.host);

  logger.info({ event: "started", url: running.url, graph: graphBaseUrl, demoTenant: demoTenant !== undefined, authenticated: config.bot.authenticated }, "TAP Helpdesk listening");
  logger.info(
    { event: "graph_target", url: graphBaseUrl, demoTenant: demoTenant !== undefined },
    demoTenant ? `Graph: embedded demo tenant (fictional people) at ${graphBaseUrl}` : `Graph: ${graphBaseUrl}/v1.0`,
  );
  if (!config.bot.authenticated) {
    logger.warn(
      { event: "unauthenticated" },
      `No MicrosoftAppId configured: inbound requests are NOT authenticated. Listening on ${config.host} only, for local use (Agents Playground, tests).`,
    );
  }
  if (!agentsGroupId || !adminsGroupId) logger.warn({ event: "helpdesk_groups_missing" }, "HELPDESK_AGENTS_GROUP_ID / HELPDESK_ADMINS_GROUP_ID not set: nobody can act on tickets.");
  // Pass values leave hand-over messages on time even if nobody clicks "Handed over"; pending scrubs survive restarts.
  // With several instances over one store, the lease lets only one of them scrub at a time.
  scheduler.add({ name: "scrub-pass-deliveries", intervalInMs: SCRUB_INTERVAL_IN_MS, run: () => helpdesk.runDueScrubs() });
  const dispatcher = wireOutbox({ config, outbox, messenger, clock, logger, scheduler });
  if (options.backgroundJobs !== false) scheduler.start();
  // Tenant-wide Graph reads: warmed now and refreshed ahead of expiry, so no diagnosis waits for them.
  if (options.backgroundJobs !== false) directory.startBackgroundRefresh();

  return {
    url: running.url,
    config,
    logger,
    demoTenant,
    graph: { url: graphBaseUrl, demoTenant: demoTenant !== undefined },
    helpdesk,
    setupCheck,
    alerts: alerts.service,
    scanAlerts: () => alerts.scanner.scan(),
    outbox,
    dispatchOutbox: () => dispatcher.runOnce(),
    close: async () => {
      logger.info({ event: "stopping", inFlight: inFlight.size }, "stopping: no new requests; letting in-flight turns finish");
      const drained = await running.close({ graceInMs: config.shutdownGraceSeconds * 1000 });
      if (!drained.drained) logger.warn({ event: "turns_abandoned", count: drained.abandoned }, "in-flight turns did not finish within the grace period");
      directory.stopBackgroundRefresh();
      await alerts.service.idle();
      dispatcher.stop();
      await scheduler.stop();
      await demoTenant?.close();
      if (!options.store) await store.close();
      logger.info({ event: "stopped" }, "stopped");
      await telemetry.shutdown();
    },
  };
}

/** Queued proactive messages go out paced per conversation and app-wide; one instance sends (the lease), claims guard each message. */
function wireOutbox(o: { config: AppConfig; outbox: DurableOutbox; messenger: TeamsMessenger; clock: Clock; logger: Logger; scheduler: Scheduler }): OutboxDispatcher {
  const dispatcher = new OutboxDispatcher({
    outbox: o.outbox,
    sender: o.messenger,
    clock: o.clock,
    logger: o.logger,
    holderId: o.scheduler.holderId,
    keyOf: (d) => o.messenger.references.pacingKey(d),
    limits: { perConversation: TEAMS_PER_CONVERSATION, appPerSecond: o.config.messaging.appRatePerSecond },
    runInMs: OUTBOX_RUN_IN_MS,
  });
  o.scheduler.add({ name: "outbox-dispatch", intervalInMs: OUTBOX_INTERVAL_IN_MS, leaseInMs: 3 * OUTBOX_RUN_IN_MS, run: () => dispatcher.runOnce() });
  return dispatcher;
}
