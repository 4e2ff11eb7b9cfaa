import assert from "node:assert/strict";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { FakeClock } from "../../../src/clock";
import { backoffInMs, isRetryable, parseRetryAfterInMs, RetryMiddleware } from "../../../src/graph/retry";
import { untilSleeping } from "../../support/clock-helpers";

/** The next middleware: answers from a script and records when each attempt happened. */
class Scripted implements Middleware {
  readonly attemptsAt: number[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly script: { status: number; retryAfter?: string }[],
  ) {}
  execute(context: Context): Promise<void> {
    this.attemptsAt.push(this.clock.now().getTime() - Date.parse("2026-11-28T12:00:00Z"));
    const step = this.script[Math.min(this.attemptsAt.length - 1, this.script.length - 1)];
    const headers = step.retryAfter === undefined ? undefined : { "Retry-After": step.retryAfter };
    context.response = new Response(step.status === 200 ? "{}" : '{"error":{"code":"TooManyRequests","message":"x"}}', { status: step.status, headers });
    return Promise.resolve();
  }
}

function setup(script: { status: number; retryAfter?: string }[], options = {}, method = "GET", url = "https://graph.microsoft.com/v1.0/users/u1") {
  const clock = new FakeClock("2026-11-28T12:00:00Z");
  const next = new Scripted(clock, script);
  const retry = new RetryMiddleware(clock, options);
  retry.setNext(next);
  const context: Context = { request: url, options: { method } };
  return { clock, next, run: () => retry.execute(context).then(() => context.response?.status) };
}

describe("RetryMiddleware", () => {
  it("honours a fractional Retry-After to the millisecond", async () => {
    const { clock, next, run } = setup([{ status: 429, retryAfter: "2.128" }, { status: 200 }]);
    const done = run();
    await untilSleeping(clock);
    await clock.advance(2_127);
    assert.equal(next.attemptsAt.length, 1);
    await clock.advance(1);
    assert.equal(await done, 200);
    assert.deepEqual(next.attemptsAt, [0, 2_128]);
  });

  it("backs off 1 s, 2 s, 4 s on a 429 without Retry-After", async () => {
    const { clock, next, run } = setup([{ status: 429 }, { status: 429 }, { status: 429 }, { status: 200 }]);
    const done = run();
    for (const step of [1_000, 2_000, 4_000]) {
      await untilSleeping(clock);
      await clock.advance(step);
    }
    assert.equal(await done, 200);
    assert.deepEqual(next.attemptsAt, [0, 1_000, 3_000, 7_000]);
  });

  it("gives up after 4 attempts and hands back the last 429", async () => {
    const { clock, next, run } = setup([{ status: 429, retryAfter: "1" }]);
    const done = run();
    for (let i = 0; i < 3; i++) {
      await untilSleeping(clock);
      await clock.advance(1_000);
    }
    assert.equal(await done, 429);
    assert.equal(next.attemptsAt.length, 4);
  });

  it("honours a custom attempt limit", async () => {
    const { clock, next, run } = setup([{ status: 503, retryAfter: "0.5" }], { maxAttempts: 2 });
    const done = run();
    await untilSleeping(clock);
    await clock.advance(500);
    assert.equal(await done, 503);
    assert.equal(next.attemptsAt.length, 2);
  });

  it("does not wait when Retry-After exceeds the total wait bound", async () => {
    const { next, run } = setup([{ status: 429, retryAfter: "31" }, { status: 200 }]);
    assert.equal(await run(), 429);
    assert.equal(next.attemptsAt.length, 1);
  });

  it("does not retry a 503 on a plain POST (the write may have happened)", async () => {
    const { next, run } = setup([{ status: 503 }, { status: 201 }], {}, "POST", "https://graph.microsoft.com/v1.0/users/u1/authentication/temporaryAccessPassMethods");
    assert.equal(await run(), 503);
    assert.equal(next.attemptsAt.length, 1);
  });

  it("retries a 503 on a $batch POST", async () => {
    const { clock, run } = setup([{ status: 503, retryAfter: "1" }, { status: 200 }], {}, "POST", "http://127.0.0.1:1234/v1.0/$batch");
    const done = run();
    await untilSleeping(clock);
    await clock.advance(1_000);
    assert.equal(await done, 200);
  });

  it("does not retry a 403", async () => {
    const { next, run } = setup([{ status: 403 }, { status: 200 }]);
    assert.equal(await run(), 403);
    assert.equal(next.attemptsAt.length, 1);
  });
});

describe("parseRetryAfterInMs", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  const cases: [string | null, number | undefined][] = [
    ["2.128", 2_128],
    ["0", 0],
    ["10", 10_000],
    ["0.0001", 1],
    ["Sat, 28 Nov 2026 12:00:05 GMT", 5_000],
    ["Sat, 28 Nov 2026 11:59:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    [null, undefined],
  ];
  for (const [value, expected] of cases) {
    it(`reads ${JSON.stringify(value)} as ${String(expected)}`, () => {
      assert.equal(parseRetryAfterInMs(value, now), expected);
    });
  }
});

describe("backoffInMs", () => {
  it("doubles from 1 s", () => {
    assert.deepEqual([1, 2, 3].map(backoffInMs), [1_000, 2_000, 4_000]);
  });
});

describe("isRetryable", () => {
  const cases: [number, string, string, boolean][] = [
    [429, "POST", "/users/u/authentication/temporaryAccessPassMethods", true],
    [504, "GET", "/users/u", true],
    [503, "DELETE", "/users/u/authentication/temporaryAccessPassMethods/t", true],
    [503, "POST", "/$batch", true],
    [503, "POST", "/users/u/authentication/temporaryAccessPassMethods", false],
    [500, "GET", "/users/u", false],
    [404, "GET", "/users/u", false],
  ];
  for (const [status, method, url, expected] of cases) {
    it(`${status} ${method} ${url} → ${expected}`, () => {
      assert.equal(isRetryable(status, method, url), expected);
    });
  }
});
