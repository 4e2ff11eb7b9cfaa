// Which Graph the service talks to: a deployment (an app id) never runs on the embedded demo tenant (issue 6, item 6).
import assert from "node:assert/strict";
import { PUBLIC_GRAPH_URL, loadConfig } from "../../../src/config";
import { isHelpdeskError } from "../../../src/errors";

const APP = { MicrosoftAppId: "00000000-0000-0000-0000-0000000000aa", MicrosoftAppPassword: "not-a-real-secret" };

const refused = (pattern: RegExp) => (e: unknown) => isHelpdeskError(e) && e.code === "CONFIG_INVALID" && pattern.test(e.message);

describe("config: Graph target", () => {
  it("uses the embedded demo tenant without an app id and without GRAPH_BASE_URL", () => {
    const c = loadConfig({});
    assert.deepEqual([c.graph.demoTenant, c.graph.baseUrl, c.graph.auth.kind], [true, undefined, "none"]);
  });

  it("targets graph.microsoft.com with app credentials when an app id is set and GRAPH_BASE_URL isn't", () => {
    const c = loadConfig(APP);
    assert.deepEqual([c.graph.demoTenant, c.graph.baseUrl, c.graph.auth.kind], [false, PUBLIC_GRAPH_URL, "managedIdentity"]);
  });

  it("keeps an explicit GRAPH_BASE_URL (trailing slash removed)", () => {
    const c = loadConfig({ ...APP, GRAPH_BASE_URL: "https://graph.microsoft.us/" });
    assert.deepEqual([c.graph.demoTenant, c.graph.baseUrl], [false, "https://graph.microsoft.us"]);
  });

  it("runs the demo tenant when DEMO_TENANT=true asks for it without an app id", () => {
    const c = loadConfig({ DEMO_TENANT: "true" });
    assert.deepEqual([c.graph.demoTenant, c.graph.baseUrl, c.graph.auth.kind], [true, undefined, "none"]);
  });

  it("refuses DEMO_TENANT=true together with an app id, saying why", () => {
    assert.throws(() => loadConfig({ ...APP, DEMO_TENANT: "true" }), refused(/DEMO_TENANT=true can't be combined with MicrosoftAppId/));
  });

  it("refuses DEMO_TENANT=true together with GRAPH_BASE_URL", () => {
    assert.throws(() => loadConfig({ DEMO_TENANT: "true", GRAPH_BASE_URL: "https://graph.microsoft.com" }), refused(/both set/));
  });

  it("refuses GRAPH_AUTH=none against Microsoft's Graph (nothing answers without a token)", () => {
    assert.throws(() => loadConfig({ ...APP, GRAPH_AUTH: "none" }), refused(/GRAPH_AUTH=none can't be used with https:\/\/graph\.microsoft\.com/));
    assert.throws(() => loadConfig({ ...APP, GRAPH_AUTH: "none", GRAPH_BASE_URL: "https://graph.microsoft.us" }), refused(/GRAPH_AUTH=none/));
  });

  it("allows GRAPH_AUTH=none for another Graph-compatible server", () => {
    assert.equal(loadConfig({ ...APP, GRAPH_AUTH: "none", GRAPH_BASE_URL: "http://127.0.0.1:9000" }).graph.auth.kind, "none");
  });

  it("refuses a DEMO_TENANT value other than true or false", () => {
    assert.throws(() => loadConfig({ DEMO_TENANT: "yes" }), refused(/DEMO_TENANT/));
  });

  it("DEMO_TENANT=false without an app id targets graph.microsoft.com", () => {
    const c = loadConfig({ DEMO_TENANT: "false" });
    assert.deepEqual([c.graph.demoTenant, c.graph.baseUrl], [false, PUBLIC_GRAPH_URL]);
  });
});
