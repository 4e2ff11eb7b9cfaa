import { strict as assert } from "node:assert";
import { FakeClock } from "../../../src/clock";
import { MemoryDocumentStore } from "../../../src/store/memory";
import { AlertRepository } from "../../../src/alerts/repositories";
import { AlertScanner, type CollectScan } from "../../../src/alerts/scanner";
import type { HolderMethods, ScanInput } from "../../../src/alerts/scan-input";
import type { Outbox, OutboxMessage } from "../../../src/messaging/port";
import { createLogger } from "../../../src/log";

const SETTINGS = { expiryWindowMinutes: 60, maxLifetimeMinutes: 480, requireOneTime: false, burstThreshold: 5, burstWindowMinutes: 60 };

function holder(userId: string, endsInMinutes: number, now: Date): HolderMethods {
  const startsAt = new Date(now.getTime() - 60 * 60_000);
  return { userId, displayName: userId, permanentMethods: [], sources: ["report"], taps: [{ id: `tap-${userId}`, createdAt: startsAt, startsAt, lifetimeInMinutes: 60 + endsInMinutes, isUsableOnce: true, isUsable: endsInMinutes > 0, usabilityReason: endsInMinutes > 0 ? "EnabledByPolicy" : "Expired" }] };
}

class RecordingOutbox implements Outbox {
  readonly ids = new Set<string>();
  readonly messages: OutboxMessage[] = [];
  failNext = false;
  enqueue(messages: OutboxMessage[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error("store down"));
    }
    for (const m of messages) {
      if (this.ids.has(m.id)) continue;
      this.ids.add(m.id);
      this.messages.push(m);
    }
    return Promise.resolve();
  }
  outcome(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  undeliverable(): Promise<[]> {
    return Promise.resolve([]);
  }
}

function setup(holders: (now: Date) => HolderMethods[]): { scanner: AlertScanner; outbox: RecordingOutbox; repo: AlertRepository; clock: FakeClock; reads: Array<{ since?: Date; bot: string[] }> } {
  const clock = new FakeClock("2026-11-28T12:00:00Z");
  const repo = new AlertRepository(new MemoryDocumentStore());
  const outbox = new RecordingOutbox();
  const reads: Array<{ since?: Date; bot: string[] }> = [];
  const collect: CollectScan = ({ now, since, botIssued }) => {
    reads.push({ since, bot: botIssued.map((b) => b.userId) });
    const input: ScanInput = {
      at: now,
      holders: holders(now),
      unreadable: [],
      tapPolicy: { ok: false, reason: "not read" },
      methodConfigs: { ok: false, reason: "not read" },
      tapFailures: { ok: true, value: [] },
      sources: { report: { ok: true, value: 0 }, audit: { ok: true, value: 0 }, bot: botIssued.length },
      gaps: [],
      figures: { graphRequests: 3, reportPages: 1, auditPages: 1, methodBatches: 1, holdersRead: 1, startedAt: now, finishedAt: now },
    };
    return Promise.resolve(input);
  };
  const scanner = new AlertScanner({ repo, collect, outbox, clock, logger: createLogger({ level: "silent" }), settings: SETTINGS, issuedSince: () => Promise.resolve([{ userId: "issued-by-bot" }]) });
  return { scanner, outbox, repo, clock, reads };
}

describe("alert scanner (one job: collect → detect → digest → outbox)", () => {
  it("enqueues one digest per destination, once; the next scan reads since the last one and watches earlier holders", async () => {
    const { scanner, outbox, repo, clock, reads } = setup((now) => [holder("ada", -10, now)]);
    await repo.addDestination({ key: "channel:c1", destination: { kind: "conversation", conversationId: "c1" }, place: "channel", name: "c1", setUpBy: { id: "x", displayName: "X" }, setUpAt: "" });
    const first = await scanner.scan();
    assert.equal(first.reported, 1);
    assert.deepEqual(outbox.messages.map((m) => m.id.replace(/^digest:.*:(channel:c1)$/, "digest:*:$1")), ["digest:*:channel:c1"]);
    await clock.advance(15 * 60_000);
    await scanner.scan();
    assert.equal(outbox.messages.length, 1);
    assert.equal(reads[1].since?.toISOString(), "2026-11-28T12:00:00.000Z");
    assert.deepEqual(reads[1].bot.sort(), ["ada", "issued-by-bot"]);
  });

  it("a failure between recording the digest and enqueueing it is made good by the next scan (same ids, sent once)", async () => {
    const { scanner, outbox, repo } = setup((now) => [holder("ada", -10, now)]);
    await repo.addDestination({ key: "channel:c1", destination: { kind: "conversation", conversationId: "c1" }, place: "channel", name: "c1", setUpBy: { id: "x", displayName: "X" }, setUpAt: "" });
    outbox.failNext = true;
    await assert.rejects(scanner.scan(), /store down/);
    assert.equal(outbox.messages.length, 0);
    assert.ok((await repo.state()).value.pendingDigestId);
    await scanner.scan();
    assert.equal(outbox.messages.length, 1, "the pending digest went out, and its findings weren't reported twice");
    assert.equal((await repo.state()).value.pendingDigestId, undefined);
  });

  it("concurrent calls join one scan", async () => {
    const { scanner, reads } = setup(() => []);
    const [a, b] = await Promise.all([scanner.scan(), scanner.scan()]);
    assert.equal(a, b);
    assert.equal(reads.length, 1);
  });

  it("nudges a person whose pass ends soon once per pass", async () => {
    const { scanner, outbox, clock } = setup((now) => [holder("bo", 30, now)]);
    await scanner.scan();
    await clock.advance(5 * 60_000);
    await scanner.scan();
    assert.deepEqual(outbox.messages.filter((m) => m.id.startsWith("nudge:")).map((m) => m.destination), [{ kind: "person", personId: "bo" }]);
  });

  it("prunes digests older than 30 days", async () => {
    const { scanner, repo, clock } = setup((now) => [holder(`p${now.getTime()}`, -10, now)]);
    const first = await scanner.scan();
    assert.ok(first.digestId && (await repo.digest(first.digestId)));
    await clock.advance(31 * 24 * 3600_000);
    await scanner.scan();
    assert.equal(await repo.digest(first.digestId), undefined);
  });
});
