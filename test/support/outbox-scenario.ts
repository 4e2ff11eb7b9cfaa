// The "500 alert messages to 100 conversations" scenario: the plan (who gets what, which conversations are dead), the
// references it needs, the exactly-once / never-retried / in-order checks against the capture connector, and figures.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeClock, systemClock, type Clock } from "../../src/clock";
import { createLogger } from "../../src/log";
import { OutboxDispatcher, type DispatchStats } from "../../src/messaging/dispatcher";
import { DurableOutbox } from "../../src/messaging/outbox";
import { TEAMS_PER_CONVERSATION } from "../../src/messaging/pacing";
import type { OutboxMessage } from "../../src/messaging/port";
import { SqliteDocumentStore } from "../../src/store/sqlite";
import { HelpdeskAdapter } from "../../src/teams/endpoint";
import { TeamsMessenger, type TeamsReference } from "../../src/teams/messenger";
import { viewPresenter } from "../../src/cards/present";
import { advanceUntilSettled } from "./clock-helpers";
import { ConnectorCapture, seededRandom } from "./connector-capture";
import { TENANT_ID } from "./teams-user";

export interface Plan {
  conversations: string[];
  /** In enqueue order; each message's text is its id. */
  messages: OutboxMessage[];
  /** Conversations Teams refuses, with the status and code it answers. */
  refused: Map<string, { status: number; code: string }>;
}

const conversationId = (i: number): string => `19:alerts-${String(i).padStart(3, "0")}@thread.tacv2`;

/** Alerts round by round (as a scan produces them): round r has one message for every conversation with more than r. */
function messagesFor(counts: number[]): OutboxMessage[] {
  const out: OutboxMessage[] = [];
  for (let r = 0; r < Math.max(...counts); r++) {
    counts.forEach((n, i) => {
      if (r >= n) return;
      const id = `alert-${String(i).padStart(3, "0")}-${String(r).padStart(3, "0")}`;
      out.push({ id, destination: { kind: "conversation", conversationId: conversationId(i) }, message: { text: id } });
    });
  }
  return out;
}

function refusals(ids: [number, number, string][]): Plan["refused"] {
  return new Map(ids.map(([i, status, code]) => [conversationId(i), { status, code }]));
}

/**
 * 500 messages to 100 conversations, skewed so the limits bite: one conversation gets 90 (past 60 per 30 s), nine get
 * 20 (past 7 per second), the rest 2 or 3. Five conversations answer 403 BotNotInConversationRoster, one 403
 * ConversationBlockedByUser, one 404 ConversationNotFound.
 */
export function skewedPlan(): Plan {
  const counts = Array.from({ length: 100 }, (_, i) => (i === 0 ? 90 : i < 10 ? 20 : i < 60 ? 3 : 2));
  const refused = refusals([
    [95, 403, "BotNotInConversationRoster"],
    [96, 403, "BotNotInConversationRoster"],
    [97, 403, "BotNotInConversationRoster"],
    [98, 403, "BotNotInConversationRoster"],
    [99, 403, "BotNotInConversationRoster"],
    [94, 403, "ConversationBlockedByUser"],
    [93, 404, "ConversationNotFound"],
  ]);
  return { conversations: counts.map((_, i) => conversationId(i)), messages: messagesFor(counts), refused };
}

/** 500 messages, 5 to each of 100 conversations; five of them, spread out, answer 403 BotNotInConversationRoster. */
export function flatPlan(): Plan {
  const refused = refusals([3, 27, 51, 75, 99].map((i) => [i, 403, "BotNotInConversationRoster"]));
  return { conversations: Array.from({ length: 100 }, (_, i) => conversationId(i)), messages: messagesFor(Array<number>(100).fill(5)), refused };
}

export function referenceFor(id: string, serviceUrl: string): TeamsReference {
  return { channelId: "msteams", serviceUrl, bot: { id: "28:tap-helpdesk", name: "TAP Helpdesk" }, conversation: { id, conversationType: "channel", isGroup: true, tenantId: TENANT_ID, name: "" } };
}

/** Stores a reference per conversation unless one is stored (a restart must not revive what was marked dead). */
export async function seedReferences(messenger: TeamsMessenger, plan: Plan, serviceUrl: string): Promise<void> {
  for (const id of plan.conversations) {
    if (!(await messenger.references.conversation(id))) await messenger.references.remember(id, referenceFor(id, serviceUrl), { conversationType: "channel" });
  }
}

export function refuseAll(capture: ConnectorCapture, plan: Plan): void {
  for (const [id, r] of plan.refused) capture.refuseConversation(id, r.status, r.code);
}

const textOf = (body: Record<string, unknown>): string => (typeof body.text === "string" ? body.text : "");

/**
 * What went wrong, if anything: a deliverable message not delivered exactly once (or its outcome not naming that
 * post), an undeliverable one without its reason, a dead conversation called more than once, a conversation's
 * messages out of order, a rate window breached.
 */
export async function problems(capture: ConnectorCapture, plan: Plan, outbox: DurableOutbox): Promise<string[]> {
  const out: string[] = [];
  const posts = capture.calls.filter((c) => c.method === "POST" && c.conversationId);
  for (const m of plan.messages) {
    const conversation = m.destination.kind === "conversation" ? m.destination.conversationId : "";
    const accepted = posts.filter((c) => c.status === 200 && textOf(c.body) === m.id);
    const outcome = await outbox.outcome(m.id);
    const refusal = plan.refused.get(conversation);
    if (refusal) {
      if (accepted.length > 0) out.push(`${m.id}: accepted by a dead conversation`);
      if (outcome?.status !== "undeliverable" || !outcome.reason.includes(refusal.code)) out.push(`${m.id}: outcome ${JSON.stringify(outcome)}, expected undeliverable (${refusal.code})`);
    } else {
      if (accepted.length !== 1) out.push(`${m.id}: accepted ${accepted.length} times`);
      if (outcome?.status !== "delivered" || outcome.ref.activityId !== accepted[0]?.responseId) out.push(`${m.id}: outcome ${JSON.stringify(outcome)}`);
    }
  }
  for (const id of plan.refused.keys()) {
    const calls = posts.filter((c) => c.conversationId === id).length;
    if (calls !== 1) out.push(`${id}: ${calls} calls to a dead conversation (expected 1, never retried)`);
  }
  for (const id of plan.conversations) {
    const expected = plan.messages.filter((m) => m.destination.kind === "conversation" && m.destination.conversationId === id && !plan.refused.has(id)).map((m) => m.id);
    const seen = posts.filter((c) => c.conversationId === id && c.status === 200).map((c) => textOf(c.body));
    if (JSON.stringify(seen) !== JSON.stringify(expected)) out.push(`${id}: delivered out of order`);
  }
  out.push(...capture.violations.map((v) => `${v.conversationId}: ${v.count} calls within ${v.windowInMs} ms (limit ${v.max})`));
  return out;
}

/** The figures of a run, for the report. */
export interface Figures {
  messages: number;
  delivered: number;
  undeliverable: number;
  calls: number;
  answered429: number;
  answered503: number;
  maxPerConversation: { "1s": number; "2s": number; "30s": number };
  maxAppWidePerSecond: number;
  violations: number;
  drainInMs: number;
}

export async function figures(capture: ConnectorCapture, plan: Plan, outbox: DurableOutbox, drainInMs: number): Promise<Figures> {
  const outcomes = await Promise.all(plan.messages.map((m) => outbox.outcome(m.id)));
  const posts = capture.calls.filter((c) => c.conversationId);
  return {
    messages: plan.messages.length,
    delivered: outcomes.filter((o) => o?.status === "delivered").length,
    undeliverable: outcomes.filter((o) => o?.status === "undeliverable").length,
    calls: posts.length,
    answered429: posts.filter((c) => c.status === 429).length,
    answered503: posts.filter((c) => c.status === 503).length,
    maxPerConversation: { "1s": capture.maxInWindow(1_000), "2s": capture.maxInWindow(2_000), "30s": capture.maxInWindow(30_000) },
    maxAppWidePerSecond: capture.maxAppWide(1_000),
    violations: capture.violations.length,
    drainInMs,
  };
}

export interface ScenarioOptions {
  plan: Plan;
  /** Virtual time (a FakeClock driven while real HTTP runs) or the real clock. */
  virtual: boolean;
  seed?: number;
  p429?: number;
  p503?: number;
  retryAfterSeconds?: number;
  appRatePerSecond?: number;
}

export interface ScenarioRun {
  figures: Figures;
  problems: string[];
  stats: DispatchStats;
  realInMs: number;
}

/**
 * One run: a SQLite file, the real Teams sender over HTTP to a capture connector answering 429 (Retry-After) and 503
 * at random (seeded) and refusing the plan's dead conversations, the dispatcher draining the queue.
 */
export async function runScenario(o: ScenarioOptions): Promise<ScenarioRun> {
  const seed = o.seed ?? 20261128;
  const dir = mkdtempSync(join(tmpdir(), "tap-outbox-"));
  const fake = o.virtual ? new FakeClock("2026-11-28T12:00:00Z") : undefined;
  const clock: Clock = fake ?? systemClock;
  const capture = await new ConnectorCapture(() => clock.now().getTime()).start();
  const store = new SqliteDocumentStore(join(dir, "state.sqlite"));
  try {
    const logger = createLogger({ level: "silent" });
    const messenger = new TeamsMessenger({ adapter: new HelpdeskAdapter({}), store, clock, logger, present: viewPresenter({ timeZone: "UTC" }) });
    await seedReferences(messenger, o.plan, capture.url);
    refuseAll(capture, o.plan);
    capture.answerWithFaults({ random: seededRandom(seed), p429: o.p429 ?? 0.08, p503: o.p503 ?? 0.05, retryAfterSeconds: o.retryAfterSeconds ?? 2 });
    const outbox = new DurableOutbox(store, clock);
    await outbox.enqueue(o.plan.messages);
    const dispatcher = new OutboxDispatcher({
      outbox,
      sender: messenger,
      clock,
      logger,
      holderId: "scenario",
      random: seededRandom(seed + 1),
      keyOf: (d) => messenger.references.pacingKey(d),
      limits: { perConversation: TEAMS_PER_CONVERSATION, appPerSecond: o.appRatePerSecond ?? 30 },
    });
    const started = clock.now().getTime();
    const realStart = performance.now();
    const stats = await (fake ? advanceUntilSettled(fake, dispatcher.drain(), { stepInMs: 10, maxFakeInMs: 30 * 60_000 }) : dispatcher.drain());
    const realInMs = Math.round(performance.now() - realStart);
    return { figures: await figures(capture, o.plan, outbox, clock.now().getTime() - started), problems: await problems(capture, o.plan, outbox), stats, realInMs };
  } finally {
    await store.close();
    await capture.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
