import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { GraphBudgets } from "../../../src/graph/budgets";
import type { GraphCall, GraphResult, GraphSender } from "../../../src/graph/http";
import { classifyProbe, probeSetup, PROBE_PATHS } from "../../../src/graph/setup-probes";
import type { TenantFacts } from "../../../src/graph/tenant";
import { createLogger } from "../../../src/log";
import type { ProbeId } from "../../../src/setup/facts";
import { PROBE_IDS } from "../../../src/setup/facts";
import { checked, unchecked, type TapPolicy } from "../../../src/triage/snapshot";

const err = (code: string, message: string) => ({ error: { code, message } });

describe("graph/setup-probes", () => {
  describe("classifyProbe", () => {
    const table: [string, ProbeId, number, unknown, string][] = [
      ["200", "user", 200, {}, "present"],
      ["403 Authorization_RequestDenied", "user", 403, err("Authorization_RequestDenied", "Insufficient privileges to complete the operation."), "missing_permission"],
      ["403 non-premium tenant (sign-in logs)", "signIns", 403, err("Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license"), "missing_license"],
      ["403 requires P1", "caPolicies", 403, err("Forbidden", "Your tenant is not licensed for this feature. It requires Microsoft Entra ID P1."), "missing_license"],
      ["403 requires P2", "riskyUsers", 403, err("Forbidden", "Your tenant is not licensed for this feature. It requires Microsoft Entra ID P2."), "missing_license"],
      ["429", "signIns", 429, err("TooManyRequests", "Please retry again later."), "unchecked transient"],
      ["503", "user", 503, err("ServiceUnavailable", "later"), "unchecked transient"],
      ["no answer", "user", 0, undefined, "unchecked transient"],
      ["400", "directoryAudits", 400, err("BadRequest", "Resource not found for the segment 'directoryAudits'."), "unchecked lasting"],
      ["401", "user", 401, err("InvalidAuthenticationToken", "Access token is empty."), "unchecked lasting"],
      ["404 for the admin's own registration entry (no entry yet)", "registrationReport", 404, err("Request_ResourceNotFound", "Resource not found"), "present"],
      ["404 elsewhere", "user", 404, err("Request_ResourceNotFound", "Resource not found"), "unchecked lasting"],
    ];
    for (const [name, id, status, body, expected] of table) {
      it(`${name} → ${expected}`, () => {
        const r = classifyProbe(id, { status, body });
        const got = r.status === "unchecked" ? `unchecked ${r.transient ? "transient" : "lasting"}` : r.status;
        assert.equal(got, expected);
        if (r.status === "unchecked") assert.doesNotMatch(r.reason ?? "", /Insufficient|Resource not found|segment/, "never Graph's message");
      });
    }
  });

  it("every probe reads with GET, and lists ask for one item at most", () => {
    for (const id of PROBE_IDS) {
      const path = PROBE_PATHS[id]("f6a3d63b");
      if (/\/(signIns|directoryAudits|riskyUsers|policies|transitiveMemberOf)\?/.test(path)) assert.match(path, /\$top=1/, id);
    }
  });

  describe("probeSetup", () => {
    const TAP: TapPolicy = {
      state: "enabled",
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: true,
      defaultLength: 8,
      includeTargets: [{ id: "g-tap", targetType: "group" }],
      excludeTargets: [],
    };
    const healthyTenant = (patch: Partial<TenantFacts> = {}): TenantFacts => ({
      tapPolicy: checked(TAP),
      methodPolicies: checked([]),
      caPolicies: checked([]),
      namedLocations: checked([]),
      strengths: checked([]),
      domains: checked([]),
      riskyUsers: checked({ byId: new Map(), complete: true }),
      ...patch,
    });

    /** Answers every sub-request through `answer(url)`; remembers every URL asked, in order. */
    function fakeGraph(answer: (url: string) => { status: number; body?: unknown }): GraphSender & { urls: string[] } {
      const urls: string[] = [];
      const result = (status: number, body: unknown): GraphResult => ({ status, body, headers: {} });
      return {
        urls,
        send: (call: GraphCall) => {
          if (call.path === "/$batch") {
            const requests = (call.body as { requests: { id: string; url: string }[] }).requests;
            urls.push(...requests.map((r) => r.url));
            return Promise.resolve(result(200, { responses: requests.map((r) => ({ id: r.id, headers: {}, ...answer(r.url) })) }));
          }
          urls.push(call.path);
          const a = answer(call.path);
          return Promise.resolve(result(a.status, a.body));
        },
      };
    }
    const allOk = (url: string) => (url.startsWith("/groups/g-tap") ? { status: 200, body: { id: "g-tap", displayName: "TAP Users" } } : { status: 200, body: { value: [] } });

    let clock: FakeClock;
    let budgets: GraphBudgets;
    const options = (http: GraphSender, maxBudgetWaitInMs = 5_000) => ({ http, clock, logger: createLogger({ level: "silent" }), budgets, maxBudgetWaitInMs, retry: { maxAttempts: 1 } });

    beforeEach(() => {
      clock = new FakeClock("2026-11-28T12:00:00Z", { autoAdvance: true });
      budgets = new GraphBudgets({ clock });
    });

    it("values already in the tenant cache count as present without a request", async () => {
      const http = fakeGraph(allOk);
      const facts = await probeSetup("me", healthyTenant(), options(http));
      assert.deepEqual(facts.probes.map((p) => p.status).filter((s) => s !== "present"), []);
      assert.deepEqual(new Set(facts.probes.map((p) => p.id)), new Set(PROBE_IDS));
      assert.equal(http.urls.some((u) => /conditionalAccess|riskyUsers|authenticationMethodsPolicy|authenticationStrength|\/domains/.test(u)), false);
      assert.deepEqual(facts.groupNames, { "g-tap": "TAP Users" });
    });

    it("reads the admin's own entries, not anyone else's", async () => {
      const http = fakeGraph(allOk);
      await probeSetup("me", healthyTenant(), options(http));
      for (const u of http.urls.filter((x) => x.startsWith("/users/"))) assert.match(u, /^\/users\/me[/?]/);
    });

    it("the reports probes take three slots of the sign-in log budget", async () => {
      await probeSetup("me", healthyTenant(), options(fakeGraph(allOk)));
      assert.equal(budgets.freeNow("signInLogs"), 2);
    });

    it("a failed cached value is probed again, a CA one inside the shared 1-per-second budget", async () => {
      const tenant = healthyTenant({ caPolicies: unchecked("no"), riskyUsers: unchecked("no"), tapPolicy: unchecked("no") });
      const http = fakeGraph((url) => (/conditionalAccess/.test(url) ? { status: 403, body: err("Forbidden", "It requires Microsoft Entra ID P1.") } : allOk(url)));
      const started = clock.now().getTime();
      const facts = await probeSetup("me", tenant, options(http));
      const byId = new Map(facts.probes.map((p) => [p.id, p.status]));
      assert.deepEqual([byId.get("caPolicies"), byId.get("riskyUsers"), byId.get("methodsPolicy")], ["missing_license", "present", "present"]);
      assert.equal(http.urls.filter((u) => /conditionalAccess|riskyUsers/.test(u)).length, 2);
      assert.ok(clock.now().getTime() - started >= 1_000, "the second budgeted probe waited for the next slot");
    });

    it("a busy budget says so and sends nothing", async () => {
      for (let i = 0; i < 5; i++) budgets.tryAcquire("signInLogs", { keepFree: 0 });
      await budgets.acquire("conditionalAccessAndRisk", { maxWaitInMs: 0 });
      const http = fakeGraph(allOk);
      const facts = await probeSetup("me", healthyTenant({ caPolicies: unchecked("no") }), options(http, 100));
      const unchecked_ = facts.probes.filter((p) => p.status === "unchecked");
      assert.deepEqual(unchecked_.map((p) => p.id).sort(), ["caPolicies", "directoryAudits", "registrationReport", "signIns"]);
      assert.ok(unchecked_.every((p) => p.transient === true && /budget is busy/.test(p.reason ?? "")));
      assert.equal(http.urls.some((u) => /auditLogs|reports|conditionalAccess/.test(u)), false);
    });
  });
});
