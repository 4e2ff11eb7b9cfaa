// A deployment (app id set) starts against graph.microsoft.com and never starts the demo tenant; asking for the demo
// tenant together with an app id stops the start with a clear message and a non-zero exit (issue 6, item 6).
// No request goes to graph.microsoft.com here: nothing reads Graph until someone writes to the bot.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { startService } from "../../src/service";
import { isHelpdeskError } from "../../src/errors";
import { startHarness } from "../support/service-harness";
import { REPO } from "../support/playground";

const APP = {
  MicrosoftAppId: "00000000-0000-0000-0000-0000000000aa",
  MicrosoftAppPassword: "not-a-real-secret",
  BIND_HOST: "127.0.0.1",
  // A credential that is only built, never used: no token is fetched at start.
  AZURE_TENANT_ID: "11111111-2222-3333-4444-555555555555",
  AZURE_CLIENT_ID: "00000000-0000-0000-0000-0000000000bb",
  AZURE_CLIENT_SECRET: "not-a-real-client-secret",
};

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

describe("service: Graph target", function () {
  this.timeout(30_000);

  it("with an app id and no GRAPH_BASE_URL, targets graph.microsoft.com and starts no demo tenant", async () => {
    const demoPort = await freePort();
    const h = await startHarness({ ...APP, DEMO_TENANT_PORT: String(demoPort) });
    try {
      assert.deepEqual(h.service.graph, { url: "https://graph.microsoft.com", demoTenant: false });
      assert.equal(h.service.demoTenant, undefined);
      assert.equal(await accepts(demoPort), false, "nothing listens on the demo tenant's port");
      const health = (await (await fetch(`${h.service.url}/healthz`)).json()) as Record<string, unknown>;
      assert.deepEqual([health.graph, health.graphUrl], ["graph", "https://graph.microsoft.com"]);
      assert.ok(h.logLines.some((l) => l.includes("Graph: https://graph.microsoft.com/v1.0")), "the start-up log names the Graph endpoint");
      assert.equal(h.logLines.some((l) => /demo tenant/i.test(l)), false);
    } finally {
      await h.stop();
    }
  });

  it("without an app id, says in the start-up log that it uses the embedded demo tenant", async () => {
    const h = await startHarness();
    try {
      assert.equal(h.service.graph.demoTenant, true);
      assert.ok(h.logLines.some((l) => l.includes("Graph: embedded demo tenant") && l.includes(h.service.graph.url)));
    } finally {
      await h.stop();
    }
  });

  it("refuses DEMO_TENANT=true with an app id before listening", async () => {
    await assert.rejects(
      startService({ env: { ...APP, PORT: "0", DEMO_TENANT: "true", STATE_DB_PATH: ":memory:" }, logDestination: { write: () => undefined } }),
      (e: unknown) => isHelpdeskError(e) && e.code === "CONFIG_INVALID" && /DEMO_TENANT=true can't be combined with MicrosoftAppId/.test(e.message),
    );
  });

  it("the process exits non-zero with the reason, and no stack trace, on DEMO_TENANT=true with an app id", () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...APP, PORT: "0", DEMO_TENANT: "true", STATE_DB_PATH: ":memory:" };
    const run = spawnSync(process.execPath, [join(REPO, "lib", "src", "index.js")], { env, encoding: "utf8", timeout: 20_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /DEMO_TENANT=true can't be combined with MicrosoftAppId/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});
