import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { FakeClock } from "../../src/clock";
import { createGraphClient } from "../../src/graph/client";
import { GraphHttp } from "../../src/graph/http";
import { createLogger } from "../../src/log";
import { advanceUntilSettled } from "../support/clock-helpers";

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

/** A loopback server that records requests and answers from a script. */
async function recordingServer(answers: { status: number; headers?: Record<string, string>; body?: unknown }[]) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    const a = answers[Math.min(seen.length - 1, answers.length - 1)];
    res.writeHead(a.status, { "Content-Type": "application/json", "request-id": `req-${seen.length}`, ...a.headers });
    res.end(a.body === undefined ? undefined : JSON.stringify(a.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const fakeCredential: TokenCredential = {
  getToken: (): Promise<AccessToken> => Promise.resolve({ token: "fake-token-for-tests", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

describe("createGraphClient over HTTP", () => {
  const clock = new FakeClock("2026-11-28T12:00:00Z");
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (l: string) => void lines.push(l) } });

  it("sends requests to {baseUrl}/v1.0/...", async () => {
    const server = await recordingServer([{ status: 200, body: { id: "u1" } }]);
    const http = new GraphHttp(createGraphClient({ baseUrl: server.url, auth: { kind: "none" }, clock, logger }));
    await http.send({ method: "GET", path: "/users/u1" });
    await server.close();
    assert.equal(server.seen[0]?.url, "/v1.0/users/u1");
  });

  it("sends no Authorization header when auth is none", async () => {
    const server = await recordingServer([{ status: 200, body: {} }]);
    const http = new GraphHttp(createGraphClient({ baseUrl: server.url, auth: { kind: "none" }, clock, logger }));
    await http.send({ method: "GET", path: "/users/u1" });
    await server.close();
    assert.equal(server.seen[0]?.headers.authorization, undefined);
  });

  it("never sends a bearer token over plain http, even with a credential", async () => {
    // graph-client attaches tokens only to https Graph hosts or the configured custom host.
    const server = await recordingServer([{ status: 200, body: {} }]);
    const auth = { kind: "clientSecret" as const, tenantId: "t", clientId: "c", clientSecret: "s" };
    const http = new GraphHttp(createGraphClient({ baseUrl: server.url, auth, credential: fakeCredential, clock, logger }));
    await http.send({ method: "GET", path: "/users/u1" });
    await server.close();
    assert.equal(server.seen[0]?.headers.authorization, undefined);
  });

  it("sends a client-request-id and keeps it across a retry", async () => {
    const server = await recordingServer([{ status: 429, headers: { "Retry-After": "0.5" } }, { status: 200, body: {} }]);
    const http = new GraphHttp(createGraphClient({ baseUrl: server.url, auth: { kind: "none" }, clock, logger }));
    await advanceUntilSettled(clock, http.send({ method: "GET", path: "/users/u1" }));
    await server.close();
    const ids = server.seen.map((s) => s.headers["client-request-id"]);
    assert.deepEqual([ids.length, typeof ids[0], ids[0] === ids[1]], [2, "string", true]);
  });

  it("captures the response's request-id", async () => {
    const server = await recordingServer([{ status: 200, body: {} }]);
    const http = new GraphHttp(createGraphClient({ baseUrl: server.url, auth: { kind: "none" }, clock, logger }));
    const result = await http.send({ method: "GET", path: "/users/u1" });
    await server.close();
    assert.equal(result.requestId, "req-1");
  });

  it("hands back a 403 as a result, not an exception", async () => {
    const server = await recordingServer([{ status: 403, body: { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } } }]);
    const http = new GraphHttp(createGraphClient({ baseUrl: server.url, auth: { kind: "none" }, clock, logger }));
    const result = await http.send({ method: "GET", path: "/users/u1" });
    await server.close();
    assert.equal(result.status, 403);
  });

  it("throws GRAPH_UNAVAILABLE when nothing answers", async () => {
    const server = await recordingServer([{ status: 200 }]);
    await server.close();
    const http = new GraphHttp(createGraphClient({ baseUrl: server.url, auth: { kind: "none" }, clock, logger }));
    await assert.rejects(http.send({ method: "GET", path: "/users/u1" }), { code: "GRAPH_UNAVAILABLE" });
  });
});
