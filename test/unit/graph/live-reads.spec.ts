import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { GraphBudgets } from "../../../src/graph/budgets";
import type { GraphCall, GraphResult, GraphSender } from "../../../src/graph/http";
import { listTapsNow, readRiskNow } from "../../../src/graph/live-reads";

/** A transport answering every call with the same result, remembering what was asked. */
function sender(answer: Partial<GraphResult> | Error): GraphSender & { calls: GraphCall[] } {
  const calls: GraphCall[] = [];
  return {
    calls,
    send: (call) => {
      calls.push(call);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ status: 200, headers: {}, body: undefined, ...answer });
    },
  };
}
const graphError = (code: string, message: string) => ({ error: { code, message } });

describe("readRiskNow", () => {
  let clock: FakeClock;
  let budgets: GraphBudgets;
  const read = (http: GraphSender, maxBudgetWaitInMs = 5_000) => readRiskNow(http, "u-1", { budgets, maxBudgetWaitInMs });

  beforeEach(() => {
    clock = new FakeClock("2026-11-28T12:00:00Z", { autoAdvance: true });
    budgets = new GraphBudgets({ clock });
  });

  it("reads the one person's entry", async () => {
    const http = sender({ body: { id: "u-1", riskLevel: "high", riskState: "atRisk" } });
    const risk = await read(http);
    assert.deepEqual([http.calls[0]?.path, risk.ok && risk.value?.level, risk.ok && risk.value?.state], ["/identityProtection/riskyUsers/u-1", "high", "atRisk"]);
  });

  it("404 (a person Identity Protection never flagged) means no risk record", async () => {
    assert.deepEqual(await read(sender({ status: 404, body: graphError("Request_ResourceNotFound", "Resource 'u-1' does not exist") })), { ok: true, value: null });
  });

  it("no P2 license is a lasting gap", async () => {
    const risk = await read(sender({ status: 403, body: graphError("Forbidden", "Your tenant is not licensed for this feature. It requires Microsoft Entra ID P2.") }));
    assert.deepEqual([risk.ok, !risk.ok && risk.transient], [false, false]);
  });

  it("a 503 is a passing gap", async () => {
    const risk = await read(sender({ status: 503, body: graphError("ServiceUnavailable", "later") }));
    assert.deepEqual([risk.ok, !risk.ok && risk.transient], [false, true]);
  });

  it("no answer at all is a passing gap", async () => {
    const risk = await read(sender(new Error("socket hang up")));
    assert.deepEqual([risk.ok, !risk.ok && risk.transient], [false, true]);
  });

  it("takes a slot of the shared Identity Protection + CA budget before sending", async () => {
    await read(sender({ body: { id: "u-1" } }));
    assert.ok(budgets.nextSlotAt("conditionalAccessAndRisk").getTime() > clock.now().getTime());
  });

  it("a busy budget is a passing gap, and nothing is sent", async () => {
    await budgets.acquire("conditionalAccessAndRisk", { maxWaitInMs: 0 });
    const http = sender({ body: { id: "u-1" } });
    const risk = await read(http, 0);
    assert.deepEqual([risk.ok, !risk.ok && risk.transient, http.calls.length], [false, true, 0]);
  });
});

describe("listTapsNow", () => {
  it("maps the listed passes (never a value)", async () => {
    const body = { value: [{ id: "t-1", createdDateTime: "2026-11-28T12:00:00Z", lifetimeInMinutes: 60, isUsableOnce: true, isUsable: true, methodUsabilityReason: "EnabledByPolicy", temporaryAccessPass: null }] };
    const taps = await listTapsNow(sender({ body }), "u-1");
    assert.deepEqual(taps.map((t) => [t.id, t.createdAt.toISOString()]), [["t-1", "2026-11-28T12:00:00.000Z"]]);
  });

  it("throws when the passes can't be read", async () => {
    await assert.rejects(listTapsNow(sender({ status: 403, body: graphError("Authorization_RequestDenied", "Insufficient privileges") }), "u-1"), /taps/);
  });
});
