// Operations over real HTTP: /readyz names what doesn't answer, and every log line of one turn carries its correlation ids.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import { HELPDESK_VERBS } from "../../src/helpdesk/domain/verbs";
import { startService } from "../../src/service";
import { MemoryDocumentStore } from "../../src/store/memory";
import { HelpdeskError } from "../../src/errors";
import { startHarness, type Harness } from "../support/service-harness";
import { HelpdeskScenario } from "../support/helpdesk-scenario";
import { TeamsUser } from "../support/teams-user";

interface ReadyBody {
  status: string;
  failed: string[];
  checks: Record<string, { ok: boolean; reason?: string }>;
}

async function readyz(url: string): Promise<{ status: number; body: ReadyBody; raw: string }> {
  const res = await fetch(`${url}/readyz`);
  const raw = await res.text();
  return { status: res.status, body: JSON.parse(raw) as ReadyBody, raw };
}

/** A port nothing listens on: Graph "down". */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("operations: /readyz", function () {
  this.timeout(30_000);

  it("answers 200 when the demo tenant (Graph) and the store answer", async () => {
    const h = await startHarness();
    try {
      const r = await readyz(h.service.url);
      assert.equal(r.status, 200);
      assert.equal(r.body.status, "ready");
      assert.deepEqual(r.body.failed, []);
      assert.equal(r.body.checks.graph.ok, true);
      assert.equal(r.body.checks.store.ok, true);
    } finally {
      await h.stop();
    }
  });

  it("answers 503 naming Graph when Graph doesn't answer, without its URL or any error text", async () => {
    const port = await closedPort();
    const h = await startHarness({ GRAPH_BASE_URL: `http://127.0.0.1:${port}`, GRAPH_AUTH: "none", AZURE_CLIENT_SECRET: "s3cret-value-never-shown" });
    try {
      const r = await readyz(h.service.url);
      assert.equal(r.status, 503);
      assert.equal(r.body.status, "not_ready");
      assert.deepEqual(r.body.failed, ["graph"]);
      assert.equal(r.body.checks.graph.reason, "no answer");
      assert.equal(r.body.checks.store.ok, true);
      assert.doesNotMatch(r.raw, new RegExp(`${port}|127\\.0\\.0\\.1|s3cret|ECONNREFUSED|fetch failed`));
    } finally {
      await h.stop();
    }
  });

  it("answers 503 naming the store when the store fails", async () => {
    class FailingStore extends MemoryDocumentStore {
      override get<T>(): Promise<undefined | { key: string; value: T; etag: string }> {
        return Promise.reject(new HelpdeskError("STORE_ERROR", "disk I/O error at /var/secret/path"));
      }
    }
    const service = await startService({
      env: { PORT: "0", DEMO_TENANT_PORT: "0", LOG_LEVEL: "silent" },
      store: new FailingStore(),
      backgroundJobs: false,
    });
    try {
      const r = await readyz(service.url);
      assert.equal(r.status, 503);
      assert.deepEqual(r.body.failed, ["store"]);
      assert.equal(r.body.checks.store.reason, "read failed");
      assert.doesNotMatch(r.raw, /secret|disk/);
    } finally {
      await service.close();
    }
  });
});

describe("operations: correlation ids in the logs", function () {
  this.timeout(30_000);
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("every log line written during one turn carries that turn's activity id", async () => {
    const ben = DEMO_PEOPLE.find((p) => p.key === "ben")!;
    const user = new TeamsUser(h.service.url, h.capture, ben);
    const before = h.logLines.length;
    const r = await user.post(user.activity({ id: "turn-ben-1", type: "message", text: "my pass doesn't work", textFormat: "plain" }));
    assert.equal(r.status, 200);
    const lines = parsed(h.logLines.slice(before));
    assert.ok(lines.length >= 3, `expected several lines for a triage turn, got ${lines.length}`);
    assert.deepEqual(lines.filter((l) => l.turnId !== "turn-ben-1"), []);
    assert.ok(lines.some((l) => l.event === "turn_done"));
  });

  it("a click on a ticket card logs with the ticket id and the click's turn id", async () => {
    const scenario = new HelpdeskScenario(h);
    await scenario.setupChannel();
    const ticketId = await scenario.escalate("ben");
    const before = h.logLines.length;
    await scenario.click("tess", HELPDESK_VERBS.ticketAssign, ticketId);
    const lines = parsed(h.logLines.slice(before));
    assert.ok(lines.length > 0);
    assert.deepEqual(lines.filter((l) => l.ticketId !== ticketId || typeof l.turnId !== "string"), []);
    assert.equal(new Set(lines.map((l) => l.turnId)).size, 1, "one turn, one id");
  });
});
