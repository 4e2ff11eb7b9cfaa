// JSON batching on the demo tenant: the SDK's batch content round-trips, Graph's limits and dependsOn semantics hold.
import assert from "node:assert/strict";
import { BatchRequestContent, BatchResponseContent } from "@microsoft/microsoft-graph-client";
import { person, responsesOf, startHarness, tapPath, type Harness } from "./demo-tenant-support";

const get = (id: string, url: string, extra: Record<string, unknown> = {}) => ({ id, method: "GET", url, ...extra });

describe("demo tenant: $batch", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  it("answers three sub-requests built by the SDK", async () => {
    const id = person("avery").id;
    const content = new BatchRequestContent([
      { id: "user", request: new Request(`${h.tenant.url}/v1.0/users/${id}?$select=id,accountEnabled`) },
      { id: "taps", request: new Request(`${h.tenant.url}/v1.0/users/${id}/authentication/temporaryAccessPassMethods`) },
      { id: "manager", request: new Request(`${h.tenant.url}/v1.0/users/${id}/manager`) },
    ]);
    const raw = await h.client.api("/$batch").post(await content.getContent());
    const responses = new BatchResponseContent(raw);
    const statuses = ["user", "taps", "manager"].map((k) => responses.getResponseById(k).status);
    assert.deepEqual(statuses, [200, 200, 200]);
  });

  it("returns each sub-response body as JSON", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [get("1", `/users/${person("avery").id}?$select=id`)] } });
    assert.equal(r.body.responses[0].body.id, person("avery").id);
  });

  it("refuses more than 20 requests with 400", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => get(String(i + 1), "/domains"));
    const r = await h.call("/$batch", { method: "POST", body: { requests } });
    assert.deepEqual([r.status, r.body.error.code], [400, "BadRequest"]);
  });

  it("accepts exactly 20 requests", async () => {
    const requests = Array.from({ length: 20 }, (_, i) => get(String(i + 1), "/domains"));
    const r = await h.call("/$batch", { method: "POST", body: { requests } });
    assert.equal(r.body.responses.length, 20);
  });

  it("answers 424 for a request whose dependency failed", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [get("1", "/users/nobody"), get("2", "/domains", { dependsOn: ["1"] })] } });
    assert.deepEqual(responsesOf(r.body).map((x) => [x.id, x.status]), [["1", 404], ["2", 424]]);
  });

  it("runs a request whose dependency succeeded", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [get("2", "/domains", { dependsOn: ["1"] }), get("1", "/domains")] } });
    assert.deepEqual(responsesOf(r.body).map((x) => x.status), [200, 200]);
  });

  it("answers 400 for malformed JSON", async () => {
    const r = await h.call("/$batch", { method: "POST", headers: { "content-type": "application/json" }, rawBody: "{\"requests\": [" });
    assert.equal(r.status, 400);
  });

  it("answers 400 for duplicate ids", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [get("1", "/domains"), get("1", "/domains")] } });
    assert.equal(r.status, 400);
  });

  it("answers 400 for a body without a Content-Type header", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [{ id: "1", method: "POST", url: tapPath("hana"), body: {} }] } });
    assert.equal(r.status, 400);
  });

  it("answers 400 for an absolute url", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [get("1", `${h.tenant.url}/v1.0/domains`)] } });
    assert.equal(r.status, 400);
  });

  it("accepts urls that keep the /v1.0 prefix, as the SDK sends them", async () => {
    const r = await h.call("/$batch", { method: "POST", body: { requests: [get("1", "/v1.0/domains")] } });
    assert.equal(r.body.responses[0].status, 200);
  });

  it("creates a pass inside a batch", async () => {
    const r = await h.call("/$batch", {
      method: "POST",
      body: { requests: [{ id: "1", method: "POST", url: tapPath("hana"), headers: { "Content-Type": "application/json" }, body: { lifetimeInMinutes: 60 } }] },
    });
    assert.deepEqual([r.body.responses[0].status, typeof r.body.responses[0].body.temporaryAccessPass], [201, "string"]);
  });

  it("records the batch once with its sub-request ids", async () => {
    await h.call("/$batch", { method: "POST", body: { requests: [get("a", "/domains"), get("b", `/users/${person("ben").id}`)] } });
    const log = h.tenant.controls.requests();
    assert.deepEqual(log.map((r) => [r.path, r.batchIds, r.subRequests?.map((s) => s.url)]), [["/$batch", ["a", "b"], ["/domains", `/users/${person("ben").id}`]]]);
  });
});
