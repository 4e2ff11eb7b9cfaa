import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { matchesFilter, parseFilter } from "../../../src/demo/odata";
import { GraphBudgets } from "../../../src/graph/budgets";
import type { GraphCall, GraphResult } from "../../../src/graph/http";
import { PARTIAL_SIGN_INS_REASON, GATHER_QUIET_IN_MS, SignInReader, sharedFilter, type SignInPlan } from "../../../src/graph/sign-ins";
import { createLogger } from "../../../src/log";

const A = "00000000-0000-0000-0000-00000000000a";
const B = "00000000-0000-0000-0000-00000000000b";
const SINCE = new Date("2026-11-27T12:00:00Z");

const signIn = (userId: string, i: number) => ({
  id: `${userId}-${i}`,
  userId,
  userPrincipalName: `${userId}@x.example`,
  createdDateTime: new Date(Date.parse("2026-11-28T11:00:00Z") - i * 60_000).toISOString(),
  status: { errorCode: 130504 },
  appliedConditionalAccessPolicies: [],
});

/** A transport that answers every $batch with one sign-in page and records what was asked. */
function fakeHttp(page: { value: unknown[]; "@odata.nextLink"?: string }) {
  const calls: GraphCall[] = [];
  const send = (call: GraphCall): Promise<GraphResult> => {
    calls.push(call);
    return Promise.resolve({ status: 200, headers: {}, body: { responses: [{ id: "signIns", status: 200, headers: {}, body: page }] } });
  };
  return { calls, http: { send } };
}

// By default virtual time: gather windows and budget waits pass at once.
function reader(page: { value: unknown[]; "@odata.nextLink"?: string }, clock = new FakeClock("2026-11-28T12:00:00Z", { autoAdvance: true })) {
  const budgets = new GraphBudgets({ clock });
  const { calls, http } = fakeHttp(page);
  const r = new SignInReader({ http, clock, budgets, logger: createLogger({ level: "silent" }), signInLookbackHours: 24, maxBudgetWaitInMs: 2_500 });
  return { r, calls, budgets };
}

const shared = (plan: SignInPlan) => {
  if (plan.kind !== "shared") throw new Error("expected a shared read");
  return plan.result;
};

describe("sharedFilter", () => {
  it("ORs the people and bounds the time, using documented filterable properties", () => {
    assert.equal(sharedFilter([A, "kai@x.example"], SINCE), `(userId eq '${A}' or userPrincipalName eq 'kai@x.example') and createdDateTime ge 2026-11-27T12:00:00Z`);
  });

  it("is understood by the demo tenant's OData subset and selects only those people", () => {
    const expr = parseFilter(sharedFilter([A, B], SINCE));
    const records = [signIn(A, 0), signIn(B, 0), signIn("someone-else", 0), { ...signIn(A, 0), createdDateTime: "2026-11-26T00:00:00Z" }];
    assert.deepEqual(records.map((r) => matchesFilter(expr, r)), [true, true, false, false]);
  });
});

describe("SignInReader", () => {
  it("gives the first four their own slot, keeping the fifth in reserve", () => {
    const { r } = reader({ value: [] });
    const plans = [A, A, A, A, A].map((p) => r.plan(p).kind);
    assert.deepEqual(plans, ["ownSlot", "ownSlot", "ownSlot", "ownSlot", "shared"]);
  });

  it("serves everyone who arrives together with one shared read", async () => {
    const { r, calls, budgets } = reader({ value: [signIn(A, 0), signIn(B, 0)] });
    for (let i = 0; i < 4; i++) budgets.tryAcquire("signInLogs", { keepFree: 0 });
    const results = await Promise.all([shared(r.plan(A)), shared(r.plan(B))]);
    assert.deepEqual([calls.length, results.map((x) => (x.ok ? x.value.map((e) => e.id) : x.reason))], [1, [[`${A}-0`], [`${B}-0`]]]);
  });

  it("alone, a shared read goes out at once", async () => {
    const clock = new FakeClock("2026-11-28T12:00:00Z");
    const { r, calls, budgets } = reader({ value: [] }, clock);
    for (let i = 0; i < 4; i++) budgets.tryAcquire("signInLogs", { keepFree: 0 });
    await shared(r.plan(A));
    assert.deepEqual([calls.length, clock.now().toISOString()], [1, "2026-11-28T12:00:00.000Z"]);
  });

  it("in a burst, someone joining 99 ms after the last one still joins the same read", async () => {
    const clock = new FakeClock("2026-11-28T12:00:00Z");
    const { r, calls } = reader({ value: [signIn(A, 0), signIn(B, 0)] }, clock);
    const own = [1, 2, 3, 4].map(() => r.plan(A));
    const first = shared(r.plan(A));
    await clock.advance(GATHER_QUIET_IN_MS - 1);
    const second = shared(r.plan(B));
    await clock.advance(GATHER_QUIET_IN_MS);
    const results = await Promise.all([first, second]);
    assert.deepEqual([own.map((p) => p.kind), calls.length, results.map((x) => x.ok)], [["ownSlot", "ownSlot", "ownSlot", "ownSlot"], 1, [true, true]]);
  });

  it("in a burst, the shared read goes out once nobody has joined for 100 ms", async () => {
    const clock = new FakeClock("2026-11-28T12:00:00Z");
    const { r, calls } = reader({ value: [] }, clock);
    [1, 2, 3, 4].forEach(() => r.plan(A));
    void shared(r.plan(A));
    await clock.advance(GATHER_QUIET_IN_MS - 1);
    const before = calls.length;
    await clock.advance(1);
    await new Promise<void>((res) => setImmediate(res));
    assert.deepEqual([before, calls.length], [0, 1]);
  });

  it("sends the shared read inside a $batch (its filter may be longer than a URL allows)", async () => {
    const { r, calls, budgets } = reader({ value: [] });
    for (let i = 0; i < 4; i++) budgets.tryAcquire("signInLogs", { keepFree: 0 });
    await shared(r.plan(A));
    assert.deepEqual(calls.map((c) => `${c.method} ${c.path}`), ["POST /$batch"]);
  });

  it("says honestly when a cut-short page may miss some of a person's sign-ins", async () => {
    const busy = Array.from({ length: 40 }, (_, i) => signIn(B, i));
    const { r, budgets } = reader({ value: [signIn(A, 0), ...busy], "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x" });
    for (let i = 0; i < 4; i++) budgets.tryAcquire("signInLogs", { keepFree: 0 });
    const [a, b] = await Promise.all([shared(r.plan(A)), shared(r.plan(B))]);
    assert.deepEqual([a.ok ? "checked" : a.reason, b.ok ? b.value.length : b.reason], [PARTIAL_SIGN_INS_REASON, 20]);
  });

  it("says the budget is busy when no slot comes in time", async () => {
    const { r, budgets } = reader({ value: [] });
    for (let i = 0; i < 5; i++) budgets.tryAcquire("signInLogs", { keepFree: 0 });
    const result = await shared(r.plan(A));
    assert.match(result.ok ? "" : result.reason, /sign-in log budget is busy/);
  });
});
