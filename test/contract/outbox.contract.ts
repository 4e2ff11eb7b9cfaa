// The durable outbox and its dispatcher behave the same on every DocumentStore adapter: idempotent enqueue, order per
// conversation, pacing, retries, dead and refused messages, and what a crash at each step leaves behind.
import assert from "node:assert/strict";
import { FakeClock } from "../../src/clock";
import { isHelpdeskError } from "../../src/errors";
import { createLogger } from "../../src/log";
import { OutboxDispatcher, type DispatcherOptions } from "../../src/messaging/dispatcher";
import { DurableOutbox, OUTBOX_IDS, OUTBOX_PENDING, type IdRecord, type PendingItem } from "../../src/messaging/outbox";
import { TEAMS_LIMITS, TEAMS_PER_CONVERSATION } from "../../src/messaging/pacing";
import type { OutboxMessage } from "../../src/messaging/port";
import { registerSecret, forgetSecret } from "../../src/secrets";
import type { DocumentStore } from "../../src/store/port";
import { advanceUntilSettled } from "../support/clock-helpers";
import { ScriptedSender } from "../support/scripted-sender";
import { seededRandom } from "../support/connector-capture";

const T0 = "2026-11-28T12:00:00.000Z";
const msg = (id: string, conversationId = "c1"): OutboxMessage => ({ id, destination: { kind: "conversation", conversationId }, message: { text: id } });
const silent = createLogger({ level: "silent" });

/** Most calls within any window of `windowInMs` in an ascending list. */
function maxWithin(times: number[], windowInMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j] <= times[i] - windowInMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export function describeOutboxContract(name: string, open: () => DocumentStore): void {
  describe(`outbox on ${name}`, () => {
    let store: DocumentStore;
    let clock: FakeClock;
    let outbox: DurableOutbox;
    let sender: ScriptedSender;

    const dispatcher = (options: Partial<DispatcherOptions> = {}): OutboxDispatcher =>
      new OutboxDispatcher({ outbox, sender, clock, logger: silent, holderId: "instance-a", random: seededRandom(7), ...options });
    const drain = (d: OutboxDispatcher = dispatcher()) => advanceUntilSettled(clock, d.drain(), { stepInMs: 5, maxFakeInMs: 30 * 60_000 });

    beforeEach(() => {
      store = open();
      clock = new FakeClock(T0);
      outbox = new DurableOutbox(store, clock);
      sender = new ScriptedSender(clock);
    });
    afterEach(() => store.close());

    describe("enqueue", () => {
      it("is idempotent by id: the same message twice, or again after it was sent, is sent once", async () => {
        await outbox.enqueue([msg("a"), msg("a"), msg("b")]);
        await outbox.enqueue([msg("a")]);
        await drain();
        await outbox.enqueue([msg("a"), msg("b")]);
        assert.equal(await outbox.idle(), true);
        await drain();
        assert.deepEqual(sender.calls.map((c) => c.text), ["a", "b"]);
        assert.equal((await outbox.outcome("a"))?.status, "delivered");
      });

      it("refuses a pass hand-over or anything holding a registered secret (the outbox is stored)", async () => {
        const handover = { id: "h", destination: { kind: "person" as const, personId: "p" }, message: { view: { kind: "pass_handover" }, summary: "Pass" } };
        await assert.rejects(outbox.enqueue([handover]), (e) => isHelpdeskError(e) && e.code === "BAD_INPUT");
        registerSecret("Secret-Pass-Value-42");
        try {
          await assert.rejects(outbox.enqueue([{ ...msg("s"), message: { text: "your pass: Secret-Pass-Value-42" } }]), (e) => isHelpdeskError(e) && e.code === "BAD_INPUT");
        } finally {
          forgetSecret("Secret-Pass-Value-42");
        }
        assert.equal(await outbox.idle(), true);
      });

      it("refuses an id that isn't printable ASCII (ids are row keys)", async () => {
        await assert.rejects(outbox.enqueue([msg("é")]), (e) => isHelpdeskError(e) && e.code === "BAD_INPUT");
      });
    });

    describe("sending", () => {
      it("sends each conversation's messages in order, one at a time, and different conversations in parallel", async () => {
        const messages = ["x", "y", "z"].flatMap((c) => [1, 2, 3, 4].map((n) => msg(`${c}${n}`, c)));
        await outbox.enqueue(messages);
        await drain();
        for (const c of ["x", "y", "z"]) assert.deepEqual(sender.calls.filter((k) => k.conversationId === c).map((k) => k.text), [1, 2, 3, 4].map((n) => `${c}${n}`));
        assert.equal(sender.maxParallelPerConversation, 1);
        assert.equal(sender.maxParallel, 3);
      });

      it("keeps every conversation under Teams' windows and the app under its rate", async () => {
        const messages = [...Array.from({ length: 75 }, (_, i) => msg(`busy-${i}`, "busy")), ...Array.from({ length: 40 }, (_, i) => msg(`other-${i}`, `c${i}`))];
        await outbox.enqueue(messages);
        await drain(dispatcher({ limits: { ...TEAMS_LIMITS, appPerSecond: 10 } }));
        const busy = sender.calls.filter((c) => c.conversationId === "busy").map((c) => c.at);
        for (const w of TEAMS_PER_CONVERSATION) assert.ok(maxWithin(busy, w.windowInMs) <= w.max, `${maxWithin(busy, w.windowInMs)} in ${w.windowInMs} ms`);
        assert.equal(maxWithin(busy, 30_000), 60, "the 30 s window is used to its limit, not far below");
        assert.ok(maxWithin(sender.calls.map((c) => c.at).sort((a, b) => a - b), 1_000) <= 10);
        assert.equal(busy.length, 75);
      });

      it("tries again after the Retry-After Teams gave, then delivers", async () => {
        sender.script = (_call, nth) => (nth === 1 ? { status: "retry", reason: "429 Throttled: throttled", httpStatus: 429, afterMs: 5_000 } : undefined);
        await outbox.enqueue([msg("a")]);
        await drain();
        const [first, second] = sender.callsFor("a");
        assert.ok(second.at - first.at >= 5_000, `${second.at - first.at} ms apart`);
        assert.equal((await outbox.outcome("a"))?.status, "delivered");
      });

      it("backs off with jitter on passing failures and gives up after the last attempt, with the reason", async () => {
        sender.script = () => ({ status: "retry", reason: "503: passing failure", httpStatus: 503 });
        await outbox.enqueue([msg("a")]);
        const stats = await drain(dispatcher({ backoff: { baseInMs: 100, capInMs: 1_000, maxAttempts: 4 } }));
        assert.equal(sender.callsFor("a").length, 4);
        assert.deepEqual(await outbox.outcome("a"), { id: "a", status: "undeliverable", reason: "gave up after 4 attempts; last answer: 503: passing failure", at: (await outbox.outcome("a"))?.at });
        assert.deepEqual([stats.retries, stats.undeliverable], [4, 1]);
      });

      it("gives up a dead conversation's message at once, never retried, and lists it for the report", async () => {
        sender.script = (call) => (call.conversationId === "gone" ? { status: "dead", reason: "403 BotNotInConversationRoster: the bot is not part of this conversation" } : undefined);
        await outbox.enqueue([msg("a", "gone"), msg("b", "ok")]);
        await drain();
        assert.equal(sender.callsFor("a").length, 1);
        const listed = await outbox.undeliverable();
        assert.deepEqual(listed.map((u) => [u.id, u.reason]), [["a", "403 BotNotInConversationRoster: the bot is not part of this conversation"]]);
        assert.equal((await outbox.outcome("b"))?.status, "delivered");
      });

      it("messages to a conversation already known dead end at once, without pacing or counting as calls", async () => {
        sender.script = (_call, nth) => ({ status: "dead", reason: "403 BotNotInConversationRoster", ...(nth > 1 || _call.text !== "d0" ? { skipped: true as const } : {}) });
        await outbox.enqueue(Array.from({ length: 100 }, (_, i) => msg(`d${i}`, "gone")));
        const started = clock.now().getTime();
        const stats = await drain();
        assert.deepEqual([stats.calls, stats.undeliverable], [1, 100]);
        assert.ok(clock.now().getTime() - started < 2_000, `${clock.now().getTime() - started} ms: not paced at 7 per second`);
      });

      it("gives up a refused message at once (the conversation goes on)", async () => {
        sender.script = (call) => (call.text === "big" ? { status: "rejected", reason: "413 MessageSizeTooBig: the message is too large" } : undefined);
        await outbox.enqueue([msg("big"), msg("small")]);
        await drain();
        assert.deepEqual(await outbox.outcome("big"), { id: "big", status: "undeliverable", reason: "413 MessageSizeTooBig: the message is too large", at: "2026-11-28T12:00:00.005Z" });
        assert.equal((await outbox.outcome("small"))?.status, "delivered");
      });

      it("updates a message in place, and posts anew when the old one is gone", async () => {
        sender.script = (call) => (call.kind === "update" && call.text === "gone" ? { status: "rejected", reason: "404", code: "ActivityNotFoundInConversation" } : undefined);
        const replaces = { conversationId: "c1", activityId: "old" };
        await outbox.enqueue([{ ...msg("kept"), replaces }, { ...msg("gone"), replaces }]);
        await drain();
        assert.deepEqual(sender.calls.map((c) => `${c.kind}:${c.text}`), ["update:kept", "update:gone", "deliver:gone"]);
        assert.deepEqual((await outbox.outcome("kept"))?.status === "delivered" && (await outbox.outcome("kept")), { id: "kept", status: "delivered", ref: replaces, at: "2026-11-28T12:00:00.005Z" });
      });

      it("treats a sender that throws as a passing failure, so the message ends instead of looping", async () => {
        sender.script = () => {
          throw new TypeError("bug");
        };
        await outbox.enqueue([msg("a")]);
        await drain(dispatcher({ backoff: { baseInMs: 10, capInMs: 10, maxAttempts: 2 } }));
        assert.match(String((await outbox.outcome("a"))?.status === "undeliverable" && (await outbox.undeliverable())[0].reason), /unexpected error \(TypeError\)/);
      });
    });

    describe("crashes and several instances", () => {
      it("adopts a queued row whose id record was never written (enqueue cut short)", async () => {
        await store.putIn<PendingItem>(OUTBOX_PENDING, "queue", `${T0}|000000|a`, { id: "a", message: msg("a"), enqueuedAt: T0, attempts: 0 });
        await drain();
        assert.equal(sender.callsFor("a").length, 1);
        assert.equal((await outbox.outcome("a"))?.status, "delivered");
      });

      it("sends a message queued twice by a raced enqueue once", async () => {
        await outbox.enqueue([msg("a")]);
        await store.putIn<PendingItem>(OUTBOX_PENDING, "queue", `${T0}|000001|a`, { id: "a", message: msg("a"), enqueuedAt: T0, attempts: 0 });
        await drain();
        assert.equal(sender.callsFor("a").length, 1);
      });

      it("doesn't send again when the outcome was written but the row not yet removed", async () => {
        await outbox.enqueue([msg("a")]);
        const [row] = await outbox.pending();
        await store.putIn(OUTBOX_PENDING, "queue", row.key, { ...row.value, attempts: 1, confirmed: true, claim: { holder: "instance-a", until: "2026-11-28T12:02:00.000Z" } }, { ifMatch: row.etag });
        await store.put<IdRecord>(OUTBOX_IDS, "a", { row: row.key, enqueuedAt: T0, outcome: { id: "a", status: "delivered", ref: { conversationId: "c1", activityId: "x" }, at: T0 } });
        await drain();
        assert.equal(sender.calls.length, 0);
        assert.equal(await outbox.idle(), true);
      });

      it("resends a message claimed by this instance before a crash (at least once), counting the attempt", async () => {
        await outbox.enqueue([msg("a")]);
        const [row] = await outbox.pending();
        await outbox.claim(row, "instance-a", new Date("2026-11-28T12:02:00.000Z"));
        const stats = await drain();
        assert.deepEqual([sender.callsFor("a").length, stats.resumed], [1, 1]);
      });

      it("leaves a message claimed by another live instance alone until its claim expires", async () => {
        await outbox.enqueue([msg("a")]);
        const [row] = await outbox.pending();
        await outbox.claim(row, "instance-b", new Date(Date.parse(T0) + 120_000));
        await drain();
        assert.ok(sender.callsFor("a")[0].at >= Date.parse(T0) + 120_000);
      });

      it("when the store refuses the outcome of a sent message, keeps it and writes it next run instead of sending again", async () => {
        await outbox.enqueue([msg("a")]);
        const put = store.put.bind(store);
        let failures = 2; // the write after the send, and the retry of it at the start of the next run
        store.put = ((collection: string, key: string, value: unknown, options?: object) =>
          collection === OUTBOX_IDS && failures-- > 0 ? Promise.reject(new Error("disk full")) : put(collection, key, value, options));
        const d = dispatcher({ claimInMs: 1_000 });
        await advanceUntilSettled(clock, d.runOnce(), { stepInMs: 5 });
        assert.equal(await outbox.outcome("a"), undefined, "the first write failed");
        await clock.advance(5_000); // past the claim: only memory knows it was sent
        await advanceUntilSettled(clock, d.runOnce(), { stepInMs: 5 });
        assert.equal(sender.callsFor("a").length, 1, "not sent again while its outcome can't be written");
        await drain(d);
        assert.equal(sender.callsFor("a").length, 1);
        assert.equal((await outbox.outcome("a"))?.status, "delivered");
      });

      it("two dispatchers over one store send every message once", async () => {
        await outbox.enqueue(Array.from({ length: 30 }, (_, i) => msg(`m${i}`, `c${i % 6}`)));
        const a = dispatcher({ holderId: "a" });
        const b = dispatcher({ holderId: "b" });
        await advanceUntilSettled(clock, Promise.all([a.drain(), b.drain()]), { stepInMs: 5 });
        const texts = sender.calls.map((c) => c.text).sort();
        assert.deepEqual(texts, Array.from({ length: 30 }, (_, i) => `m${i}`).sort());
      });

      it("paces across a restart from the call log: a new instance waits out the previous one's window", async () => {
        await outbox.enqueue(Array.from({ length: 7 }, (_, i) => msg(`a${i}`)));
        await drain();
        const lastOfFirst = sender.calls.at(-1)!.at;
        await clock.advance(100);
        await outbox.enqueue([msg("after-restart")]);
        await drain(dispatcher({ holderId: "instance-b" }));
        const firstOfSeven = sender.calls[0].at;
        assert.ok(sender.callsFor("after-restart")[0].at >= firstOfSeven + 1_000, "the 8th call waits until the first of 7 left the 1 s window");
        assert.ok(sender.callsFor("after-restart")[0].at > lastOfFirst + 100);
      });

      it("a stopped dispatcher sends nothing more", async () => {
        await outbox.enqueue([msg("a")]);
        const d = dispatcher();
        d.stop();
        assert.deepEqual(await d.runOnce(), { calls: 0, delivered: 0, undeliverable: 0, retries: 0, resumed: 0 });
        assert.equal(sender.calls.length, 0);
      });
    });
  });
}
