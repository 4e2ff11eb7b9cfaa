// A process that sends the flat 500-message plan through the outbox, for crash tests: SQLite file, the real Teams sender
// to the capture connector, the dispatcher as the leased scheduler job. It enqueues the plan (a no-op for ids already
// queued or sent, as a producer re-running after a restart), prints {"event":"drained",...} when the queue is empty,
// and exits. Settings come as JSON in OUTBOX_PROCESS: { dbPath, serviceUrl, holderId, appRatePerSecond, seed }.
import { systemClock } from "../../src/clock";
import { createLogger } from "../../src/log";
import { OutboxDispatcher } from "../../src/messaging/dispatcher";
import { DurableOutbox } from "../../src/messaging/outbox";
import { TEAMS_PER_CONVERSATION } from "../../src/messaging/pacing";
import { Scheduler } from "../../src/jobs/scheduler";
import { SqliteDocumentStore } from "../../src/store/sqlite";
import { HelpdeskAdapter } from "../../src/teams/endpoint";
import { TeamsMessenger } from "../../src/teams/messenger";
import { viewPresenter } from "../../src/cards/present";
import { seededRandom } from "./connector-capture";
import { flatPlan, seedReferences } from "./outbox-scenario";

export interface OutboxProcessSettings {
  dbPath: string;
  serviceUrl: string;
  holderId: string;
  appRatePerSecond: number;
  seed: number;
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.OUTBOX_PROCESS ?? "{}") as OutboxProcessSettings;
  const clock = systemClock;
  const store = new SqliteDocumentStore(settings.dbPath);
  // warn and up on stdout: outbox_resumed lines show what a restart took over.
  const logger = createLogger({ level: "warn" });
  const messenger = new TeamsMessenger({ adapter: new HelpdeskAdapter({}), store, clock, logger, present: viewPresenter({ timeZone: "UTC" }) });
  const plan = flatPlan();
  await seedReferences(messenger, plan, settings.serviceUrl);
  const outbox = new DurableOutbox(store, clock);
  await outbox.enqueue(plan.messages);
  const dispatcher = new OutboxDispatcher({
    outbox,
    sender: messenger,
    clock,
    logger,
    holderId: settings.holderId,
    keyOf: (d) => messenger.references.pacingKey(d),
    limits: { perConversation: TEAMS_PER_CONVERSATION, appPerSecond: settings.appRatePerSecond },
    backoff: { baseInMs: 100, capInMs: 1_000, maxAttempts: 8 },
    random: seededRandom(settings.seed),
    runInMs: 2_000,
  });
  const scheduler = new Scheduler({ store, clock, logger, holderId: settings.holderId });
  scheduler.add({ name: "outbox-dispatch", intervalInMs: 50, leaseInMs: 10_000, run: () => dispatcher.runOnce() });
  const started = Date.now();
  scheduler.start();
  while (!(await outbox.idle())) await clock.sleep(50);
  dispatcher.stop();
  await scheduler.stop();
  await store.close();
  process.stdout.write(`${JSON.stringify({ event: "drained", inMs: Date.now() - started, totals: dispatcher.totals })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
