import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { executeBatch, MAX_BATCH_SIZE, type BatchRequest } from "../../../src/graph/batch";
import type { GraphCall, GraphResult, GraphSender } from "../../../src/graph/http";
import { advanceUntilSettled } from "../../support/clock-helpers";

type SubAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A transport that answers $batch posts from a per-id script and records every call. */
class FakeSender implements GraphSender {
  readonly calls: { call: GraphCall; at: number }[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly clock: FakeClock,
    private readonly script: Record<string, SubAnswer[]>,
    private readonly outer?: GraphResult,
  ) {}

  private next(id: string): SubAnswer {
    const n = this.seen.get(id) ?? 0;
    this.seen.set(id, n + 1);
    const answers = this.script[id] ?? [{ status: 200, body: { id } }];
    return answers[Math.min(n, answers.length - 1)];
  }

  send(call: GraphCall): Promise<GraphResult> {
    this.calls.push({ call, at: this.clock.now().getTime() });
    if (call.path !== "/$batch") {
      const a = this.next(call.path.replace(/^\//, ""));
      return Promise.resolve({ status: a.status, body: a.body, headers: a.headers ?? {}, requestId: "direct" });
    }
    if (this.outer) return Promise.resolve(this.outer);
    const requests = (call.body as { requests: { id: string }[] }).requests;
    // Answer in reverse order: correlation must go by id.
    const responses = [...requests].reverse().map((r) => ({ id: r.id, ...this.next(r.id) }));
    return Promise.resolve({ status: 200, body: { responses }, headers: {}, requestId: "outer-1" });
  }

  batchIds(i: number): string[] {
    return (this.calls[i].call.body as { requests: { id: string }[] }).requests.map((r) => r.id);
  }
}

const get = (id: string, url = `/${id}`): BatchRequest => ({ id, method: "GET", url });

describe("executeBatch", () => {
  let clock: FakeClock;
  const start = Date.parse("2026-11-28T12:00:00Z");

  beforeEach(() => {
    clock = new FakeClock("2026-11-28T12:00:00Z");
  });

  it("sends several requests as one POST /$batch", async () => {
    const sender = new FakeSender(clock, {});
    await executeBatch(sender, [get("a"), get("b"), get("c")], { clock });
    assert.deepEqual(sender.calls.map((c) => `${c.call.method} ${c.call.path}`), ["POST /$batch"]);
  });

  it("keeps urls relative and without /v1.0", async () => {
    const sender = new FakeSender(clock, {});
    await executeBatch(sender, [get("a", "/users/u1/manager"), get("b")], { clock });
    const urls = (sender.calls[0].call.body as { requests: { url: string }[] }).requests.map((r) => r.url);
    assert.deepEqual(urls, ["/users/u1/manager", "/b"]);
  });

  it("correlates answers by id although they come back in another order", async () => {
    const sender = new FakeSender(clock, { a: [{ status: 200, body: "A" }], b: [{ status: 404, body: "B" }] });
    const answers = await executeBatch(sender, [get("a"), get("b")], { clock });
    assert.deepEqual([answers.get("a")?.body, answers.get("b")?.status], ["A", 404]);
  });

  it("splits more than 20 requests into batches of at most 20", async () => {
    const sender = new FakeSender(clock, {});
    const requests = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => get(`r${i}`));
    await executeBatch(sender, requests, { clock });
    assert.deepEqual(sender.calls.map((_, i) => sender.batchIds(i).length), [20, 1]);
  });

  it("retries only the throttled sub-request, after its Retry-After", async () => {
    const sender = new FakeSender(clock, { b: [{ status: 429, headers: { "retry-after": "2" } }, { status: 200, body: "B" }], c: [{ status: 200 }] });
    const answers = await advanceUntilSettled(clock, executeBatch(sender, [get("a"), get("b"), get("c")], { clock }), { stepInMs: 1 });
    assert.deepEqual(
      sender.calls.map((c) => [c.call.path, c.at - start]),
      [
        ["/$batch", 0],
        ["/b", 2_000],
      ],
    );
    assert.equal(answers.get("b")?.body, "B");
  });

  it("retries the throttled sub-requests together in a smaller batch", async () => {
    const sender = new FakeSender(clock, { b: [{ status: 503 }, { status: 200 }], c: [{ status: 429 }, { status: 200 }] });
    await advanceUntilSettled(clock, executeBatch(sender, [get("a"), get("b"), get("c")], { clock }));
    assert.deepEqual(sender.batchIds(1), ["b", "c"]);
  });

  it("waits the longest Retry-After among the retried ones", async () => {
    const sender = new FakeSender(clock, {
      b: [{ status: 429, headers: { "retry-after": "1" } }, { status: 200 }],
      c: [{ status: 429, headers: { "retry-after": "3.5" } }, { status: 200 }],
    });
    await advanceUntilSettled(clock, executeBatch(sender, [get("a"), get("b"), get("c")], { clock }), { stepInMs: 1 });
    assert.equal(sender.calls[1].at - start, 3_500);
  });

  it("backs off 1 s when a throttled sub-request has no Retry-After", async () => {
    const sender = new FakeSender(clock, { b: [{ status: 429 }, { status: 200 }], c: [{ status: 429 }, { status: 200 }] });
    await advanceUntilSettled(clock, executeBatch(sender, [get("a"), get("b"), get("c")], { clock }), { stepInMs: 1 });
    assert.equal(sender.calls[1].at - start, 1_000);
  });

  it("gives up after the attempt limit and returns the last 429", async () => {
    const sender = new FakeSender(clock, { b: [{ status: 429, headers: { "retry-after": "1" } }], c: [{ status: 429, headers: { "retry-after": "1" } }] });
    const answers = await advanceUntilSettled(clock, executeBatch(sender, [get("a"), get("b"), get("c")], { clock, maxAttempts: 3 }));
    assert.deepEqual([sender.calls.length, answers.get("b")?.status], [3, 429]);
  });

  it("does not retry a 403", async () => {
    const sender = new FakeSender(clock, { b: [{ status: 403 }] });
    await executeBatch(sender, [get("a"), get("b")], { clock });
    assert.equal(sender.calls.length, 1);
  });

  it("gives every sub-request the outer status when the whole batch fails", async () => {
    const sender = new FakeSender(clock, {}, { status: 503, body: undefined, headers: {}, requestId: "x" });
    const answers = await executeBatch(sender, [get("a"), get("b")], { clock, maxAttempts: 1 });
    assert.deepEqual([answers.get("a")?.status, answers.get("b")?.status], [503, 503]);
  });

  it("sends a single request directly instead of in a batch", async () => {
    const sender = new FakeSender(clock, {});
    await executeBatch(sender, [get("only")], { clock });
    assert.deepEqual(sender.calls.map((c) => `${c.call.method} ${c.call.path}`), ["GET /only"]);
  });

  it("adds Content-Type to a sub-request with a body", async () => {
    const sender = new FakeSender(clock, {});
    await executeBatch(sender, [get("a"), { id: "p", method: "POST", url: "/p", body: { x: 1 } }], { clock });
    const wire = (sender.calls[0].call.body as { requests: { id: string; headers?: Record<string, string> }[] }).requests.find((r) => r.id === "p");
    assert.equal(wire?.headers?.["Content-Type"], "application/json");
  });
});
