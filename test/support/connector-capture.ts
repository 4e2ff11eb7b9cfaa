// A local Bot Connector stand-in: records every activity the bot sends (replies, updates, deletes) on loopback.
// Optionally it answers like a busy Teams (random 429 with Retry-After, 503), refuses chosen conversations (403/404),
// checks the documented per-conversation rate limits on what arrives, and can hold requests unanswered (crash tests).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface CapturedCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
  /** Raw request body text, to scan for secrets. */
  raw: string;
  /** The activity id this stand-in answered with (what the bot will later update). */
  responseId?: string;
  /** HTTP status answered (200 unless a fault or refusal was chosen). */
  status: number;
  /** When it arrived, on the capture's clock (ms). */
  at: number;
}

/** Teams' documented per bot per thread limits (7/1 s, 8/2 s, 60/30 s, 1800/h): what the rate checker holds calls to. */
export const DOCUMENTED_PER_CONVERSATION = [
  { windowInMs: 1_000, max: 7 },
  { windowInMs: 2_000, max: 8 },
  { windowInMs: 30_000, max: 60 },
  { windowInMs: 3_600_000, max: 1800 },
];

/** Answers like a busy Teams: decided per request with the given random (seed it for a repeatable run). */
export interface Faults {
  random: () => number;
  /** Share of calls answered 429 Throttled with Retry-After. */
  p429: number;
  /** Retry-After in whole seconds (Teams sends delta-seconds). */
  retryAfterSeconds: number;
  /** Share of calls answered 503. */
  p503: number;
}

/** A rate-limit breach seen by the checker. */
export interface RateViolation {
  conversationId: string;
  windowInMs: number;
  max: number;
  count: number;
  at: number;
}

/** Deterministic random in [0, 1) from a seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ConnectorCapture {
  readonly calls: CapturedCall[] = [];
  /** Breaches of DOCUMENTED_PER_CONVERSATION among calls into conversations (every call counts, refused ones too). */
  readonly violations: RateViolation[] = [];
  private server?: Server;
  private faults?: Faults;
  private readonly refusedConversations = new Map<string, { status: number; code: string }>();
  private readonly arrivals = new Map<string, number[]>();
  private holding = false;
  private holdAfter = Infinity;
  private accepted = 0;
  private readonly held: ServerResponse[] = [];
  /** Request arrival times: the test's clock (a FakeClock in virtual-time runs), real time by default. */
  constructor(private readonly now: () => number = () => Date.now()) {}
  /** Member ids whose 1:1 chat can't be created, with the Bot Connector's answer (e.g. 403 BotNotInConversationRoster). */
  private readonly refusedMembers = new Map<string, { status: number; code: string }>();
  url = "";

  /** Makes POST /v3/conversations fail for this member, as Teams does when the app isn't installed for them. */
  refuseConversationsWith(memberId: string, status = 403, code = "BotNotInConversationRoster"): void {
    this.refusedMembers.set(memberId, { status, code });
  }

  /** Answers calls with random 429 (Retry-After) and 503 from now on; undefined turns it off. */
  answerWithFaults(faults: Faults | undefined): void {
    this.faults = faults;
  }

  /** Every call into this conversation is refused (e.g. 403 BotNotInConversationRoster, 404 ConversationNotFound). */
  refuseConversation(conversationId: string, status = 403, code = "BotNotInConversationRoster"): void {
    this.refusedConversations.set(conversationId, { status, code });
  }

  /** Calls into this conversation succeed again. */
  allowConversation(conversationId: string): void {
    this.refusedConversations.delete(conversationId);
  }

  /** Back to answering every call with 200: no faults, no refused conversations or members. */
  resetAnswers(): void {
    this.faults = undefined;
    this.refusedConversations.clear();
    this.refusedMembers.clear();
  }

  /**
   * From now on requests are neither answered nor recorded — as if they never reached Teams — until release(). A crash
   * test kills the bot while holding, so nothing is left between "Teams accepted it" and "the bot recorded it".
   */
  hold(): void {
    this.holding = true;
  }

  /** Requests waiting unanswered while holding. */
  get heldCount(): number {
    return this.held.length;
  }

  /** Starts holding (see hold) right after the n-th message post was accepted with 200: a crash point fixed in the sequence. */
  holdAfterAccepted(n: number): void {
    this.holdAfter = n;
  }

  /** Drops the held requests (their sender is gone) and answers normally again. */
  release(): void {
    this.holding = false;
    this.holdAfter = Infinity;
    for (const res of this.held.splice(0)) res.destroy();
  }

  /** Conversations the bot created (POST /v3/conversations), with their parameters. */
  createdConversations(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === "POST" && /^\/v3\/conversations\/?$/.test(c.path)).map((c) => c.body);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => this.answer(req, res, raw));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
    if (this.holding) {
      this.held.push(res);
      return;
    }
    const path = req.url ?? "/";
    const m = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/?]+))?)?/.exec(path);
    let body: Record<string, unknown>;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const conversationId = m?.[1] ? decodeURIComponent(m[1]) : "";
    const call: CapturedCall = { method: req.method ?? "GET", path, conversationId, activityId: m?.[2] ? decodeURIComponent(m[2]) : undefined, body, raw, status: 200, at: this.now() };
    this.calls.push(call);
    if (conversationId) this.checkRate(conversationId, call.at);
    res.setHeader("content-type", "application/json");
    const refusal = this.refusalFor(req.method ?? "GET", conversationId, body, Boolean(m && !m[1]));
    if (refusal) {
      call.status = refusal.status;
      res.statusCode = refusal.status;
      if (refusal.retryAfter !== undefined) res.setHeader("retry-after", String(refusal.retryAfter));
      res.end(refusal.code ? JSON.stringify({ error: { code: refusal.code, message: refusal.message } }) : "");
      return;
    }
    if (req.method === "POST" && m && !m[1]) {
      // Creating a 1:1 chat: a stable id per member, as Teams gives one chat per person and bot.
      const members = (body.members as { id?: string }[] | undefined) ?? [];
      res.end(JSON.stringify({ id: `a:personal-${members[0]?.id ?? randomUUID()}`, activityId: randomUUID() }));
      return;
    }
    call.responseId = `activity-${this.calls.length}-${randomUUID().slice(0, 8)}`;
    res.end(JSON.stringify({ id: call.responseId }));
    if (req.method === "POST" && body.type === "message" && ++this.accepted >= this.holdAfter) {
      this.holdAfter = Infinity;
      this.holding = true;
    }
  }

  /** A refusal chosen for this request, if any: refused member or conversation first, then random faults. */
  private refusalFor(method: string, conversationId: string, body: Record<string, unknown>, creating: boolean): { status: number; code?: string; message?: string; retryAfter?: number } | undefined {
    if (creating) {
      const members = (body.members as { id?: string }[] | undefined) ?? [];
      const refused = this.refusedMembers.get(members[0]?.id ?? "");
      if (refused) return { ...refused, message: "The bot is not part of the conversation roster." };
    }
    const refusedConversation = this.refusedConversations.get(conversationId);
    if (refusedConversation) return { ...refusedConversation, message: "Refused by the capture connector." };
    const f = this.faults;
    if (!f || method === "GET" || !conversationId) return undefined;
    const r = f.random();
    if (r < f.p429) return { status: 429, code: "Throttled", message: "Too many requests.", retryAfter: f.retryAfterSeconds };
    if (r < f.p429 + f.p503) return { status: 503 };
    return undefined;
  }

  /** Every call into a conversation counts against its windows (as Teams counts every bot API call). */
  private checkRate(conversationId: string, at: number): void {
    const list = this.arrivals.get(conversationId) ?? [];
    list.push(at);
    this.arrivals.set(conversationId, list);
    for (const w of DOCUMENTED_PER_CONVERSATION) {
      const count = list.filter((t) => t > at - w.windowInMs && t <= at).length;
      if (count > w.max) this.violations.push({ conversationId, windowInMs: w.windowInMs, max: w.max, count, at });
    }
  }

  /** The most calls seen into one conversation within any `windowInMs` (all conversations when none is given). */
  maxInWindow(windowInMs: number, conversationId?: string): number {
    const lists = conversationId ? [this.arrivals.get(conversationId) ?? []] : [...this.arrivals.values()];
    return Math.max(0, ...lists.map((l) => maxWithin(l, windowInMs)));
  }

  /** The most calls seen app-wide (all conversations together) within any `windowInMs`. */
  maxAppWide(windowInMs: number): number {
    return maxWithin([...this.arrivals.values()].flat().sort((a, b) => a - b), windowInMs);
  }

  /** Activities (not typing) the bot posted to a conversation, in order. */
  messages(conversationId?: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => c.method === "POST" && c.conversationId && (!conversationId || c.conversationId === conversationId))
      .map((c) => c.body)
      .filter((b) => b.type === "message");
  }

  typing(conversationId: string): number {
    return this.calls.filter((c) => c.conversationId === conversationId && c.body.type === "typing").length;
  }

  clear(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Most entries of an ascending list within any half-open window (t - windowInMs, t]. */
function maxWithin(sorted: number[], windowInMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j] <= sorted[i] - windowInMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}
