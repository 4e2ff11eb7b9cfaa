// Demo tenant controls: injected faults, Graph's throttling budgets, denied permissions and missing licenses,
// each applying alike to top-level requests and $batch items.
import assert from "node:assert/strict";
import { person, responsesOf, startHarness, type Harness } from "./demo-tenant-support";

const signIns = () => `/auditLogs/signIns?$filter=userId eq '${person("ben").id}'&$top=5`;
const caPolicies = "/identity/conditionalAccess/policies";

describe("demo tenant: injected faults", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  it("answers an injected 429 with its Retry-After header and Graph's throttling body", async () => {
    h.tenant.controls.injectFault({ match: /^GET \/domains/, status: 429, retryAfterSeconds: 7 });
    const r = await h.call("/domains");
    assert.deepEqual([r.status, r.headers.get("retry-after"), r.body.error.code], [429, "7", "TooManyRequests"]);
  });

  it("fails only as many matching requests as `times` says", async () => {
    h.tenant.controls.injectFault({ match: /^GET \/domains/, status: 503, times: 2 });
    const statuses = [(await h.call("/domains")).status, (await h.call("/domains")).status, (await h.call("/domains")).status];
    assert.deepEqual(statuses, [503, 503, 200]);
  });

  it("sends the injected body when one is given", async () => {
    h.tenant.controls.injectFault({ match: /^GET \/domains/, status: 500, body: { error: { code: "custom", message: "boom" } } });
    const r = await h.call("/domains");
    assert.deepEqual(r.body, { error: { code: "custom", message: "boom" } });
  });

  it("matches on the decoded query string", async () => {
    h.tenant.controls.injectFault({ match: /userId eq '/, status: 504 });
    const r = await h.call(signIns());
    assert.equal(r.status, 504);
  });

  it("applies to a matching $batch item", async () => {
    h.tenant.controls.injectFault({ match: /^GET \/domains/, status: 503 });
    const r = await h.call("/$batch", { method: "POST", body: { requests: [{ id: "1", method: "GET", url: "/domains" }, { id: "2", method: "GET", url: "/domains" }] } });
    assert.deepEqual(responsesOf(r.body).map((x) => x.status), [503, 200]);
  });

  it("still answers with latency set (a benchmark knob)", async () => {
    h.tenant.controls.setLatency(5);
    const r = await h.call("/domains");
    assert.equal(r.status, 200);
  });
});

describe("demo tenant: throttling budgets", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  const sixSignIns = async () => {
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await h.call(signIns()));
    return results;
  };

  it("answers the 6th sign-in request within 10 s with 429 and Retry-After", async () => {
    const results = await sixSignIns();
    assert.deepEqual([results.map((r) => r.status), results[5].headers.get("retry-after")], [[200, 200, 200, 200, 200, 429], "10"]);
  });

  it("accepts sign-in requests again once the 10 s window has passed", async () => {
    await sixSignIns();
    await h.clock.advance(10_000);
    assert.equal((await h.call(signIns())).status, 200);
  });

  it("answers a 2nd CA request in the same second with 429 and no Retry-After", async () => {
    await h.call(caPolicies);
    const second = await h.call(caPolicies);
    assert.deepEqual([second.status, second.headers.get("retry-after")], [429, null]);
  });

  it("accepts a CA request again one second later", async () => {
    await h.call(caPolicies);
    await h.clock.advance(1_000);
    assert.equal((await h.call(caPolicies)).status, 200);
  });

  it("shares one budget between Identity Protection and CA: risk after a CA read in the same second is 429 without Retry-After", async () => {
    await h.call(caPolicies);
    const risk = await h.call(`/identityProtection/riskyUsers/${person("jade").id}`);
    assert.deepEqual([risk.status, risk.headers.get("retry-after")], [429, null]);
  });

  it("counts named locations against the same budget", async () => {
    await h.call(`/identityProtection/riskyUsers/${person("jade").id}`);
    assert.equal((await h.call("/identity/conditionalAccess/namedLocations")).status, 429);
  });

  it("counts $batch items against the budgets", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [{ id: "1", method: "GET", url: caPolicies }, { id: "2", method: "GET", url: caPolicies }] } });
    assert.deepEqual(responsesOf(r.body).map((x) => x.status), [200, 429]);
  });

  it("stops throttling when budgets are switched off", async () => {
    h.tenant.controls.enforceBudgets(false);
    const results = await sixSignIns();
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
  });
});

describe("demo tenant: permissions and licenses", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  it("answers Graph's exact 403 when AuditLog.Read.All is denied", async () => {
    h.tenant.controls.denyPermission("AuditLog.Read.All");
    const r = await h.call(signIns());
    assert.deepEqual(
      { status: r.status, code: r.body.error.code, message: r.body.error.message, inner: Object.keys(r.body.error.innerError).sort() },
      { status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", inner: ["client-request-id", "date", "request-id"] },
    );
  });

  it("refuses CA policies and the methods policy when Policy.Read.All is denied", async () => {
    h.tenant.controls.denyPermission("Policy.Read.All");
    // Any one of a route's permissions lets the app through, as in Graph: take the narrower ones away too.
    h.tenant.controls.denyPermission("Policy.Read.ConditionalAccess");
    h.tenant.controls.denyPermission("Policy.Read.AuthenticationMethod");
    const statuses = [(await h.call(caPolicies)).status, (await h.call("/policies/authenticationMethodsPolicy")).status];
    assert.deepEqual(statuses, [403, 403]);
  });

  it("refuses risky users when IdentityRiskyUser.Read.All is denied", async () => {
    h.tenant.controls.denyPermission("IdentityRiskyUser.Read.All");
    assert.equal((await h.call(`/identityProtection/riskyUsers/${person("jade").id}`)).status, 403);
  });

  it("applies a denied permission to $batch items", async () => {
    h.tenant.controls.denyPermission("UserAuthenticationMethod.Read.All");
    const r = await h.call("/$batch", { method: "POST", body: { requests: [{ id: "1", method: "GET", url: `/users/${person("avery").id}/authentication/methods` }] } });
    assert.equal(r.body.responses[0].status, 403);
  });

  it("answers the non-premium 403 for sign-ins without P1", async () => {
    h.tenant.controls.setLicenses({ p1: false, p2: false });
    const r = await h.call(signIns());
    assert.deepEqual([r.status, r.body.error.code, r.body.error.message], [403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license"]);
  });

  it("refuses CA policies without P1", async () => {
    h.tenant.controls.setLicenses({ p1: false, p2: false });
    assert.equal((await h.call(caPolicies)).status, 403);
  });

  it("refuses risky users with P1 but without P2", async () => {
    h.tenant.controls.setLicenses({ p1: true, p2: false });
    assert.equal((await h.call(`/identityProtection/riskyUsers/${person("jade").id}`)).status, 403);
  });

  it("still serves sign-ins with P1 but without P2", async () => {
    h.tenant.controls.setLicenses({ p1: true, p2: false });
    assert.equal((await h.call(signIns())).status, 200);
  });
});
