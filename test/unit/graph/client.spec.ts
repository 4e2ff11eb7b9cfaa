import assert from "node:assert/strict";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { FakeClock } from "../../../src/clock";
import { createCredential, createGraphClient, GRAPH_SCOPE } from "../../../src/graph/client";
import { GraphHttp } from "../../../src/graph/http";
import { createLogger } from "../../../src/log";

/** Replaces global fetch (what graph-client's HTTPMessageHandler calls) so nothing leaves the process. */
function stubFetch(): { calls: { url: string; headers: Headers }[]; restore: () => void } {
  const original = globalThis.fetch;
  const calls: { url: string; headers: Headers }[] = [];
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, headers: new Headers(init?.headers) });
    return Promise.resolve(new Response("{}", { status: 200, headers: { "request-id": "r1" } }));
  };
  return { calls, restore: () => (globalThis.fetch = original) };
}

describe("createGraphClient", () => {
  const clock = new FakeClock("2026-11-28T12:00:00Z");
  const logger = createLogger({ level: "silent" });
  const scopes: string[][] = [];
  const credential: TokenCredential = {
    getToken: (scope: string | string[]): Promise<AccessToken> => {
      scopes.push(Array.isArray(scope) ? scope : [scope]);
      return Promise.resolve({ token: "token-1", expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  };
  const auth = { kind: "clientSecret" as const, tenantId: "t", clientId: "c", clientSecret: "s" };
  let fetchStub: ReturnType<typeof stubFetch>;

  beforeEach(() => {
    fetchStub = stubFetch();
  });

  afterEach(() => {
    fetchStub.restore();
  });

  it("attaches a bearer token for Microsoft Graph", async () => {
    await new GraphHttp(createGraphClient({ baseUrl: "https://graph.microsoft.com", auth, credential, clock, logger })).send({ method: "GET", path: "/users/u1" });
    assert.equal(fetchStub.calls[0]?.headers.get("authorization"), "Bearer token-1");
  });

  it("asks for the .default Graph scope", async () => {
    await new GraphHttp(createGraphClient({ baseUrl: "https://graph.microsoft.com", auth, credential, clock, logger })).send({ method: "GET", path: "/users/u1" });
    assert.deepEqual(scopes.at(-1), [GRAPH_SCOPE]);
  });

  it("attaches the token to a custom https base URL too", async () => {
    await new GraphHttp(createGraphClient({ baseUrl: "https://graph.contoso-proxy.example", auth, credential, clock, logger })).send({ method: "GET", path: "/users/u1" });
    assert.equal(fetchStub.calls[0]?.headers.get("authorization"), "Bearer token-1");
  });

  it("builds {baseUrl}/v1.0/{path}", async () => {
    await new GraphHttp(createGraphClient({ baseUrl: "https://graph.microsoft.com/", auth, credential, clock, logger })).send({ method: "GET", path: "/users/u1" });
    assert.equal(fetchStub.calls[0]?.url, "https://graph.microsoft.com/v1.0/users/u1");
  });

  it("sends no Authorization header at all for auth none", async () => {
    await new GraphHttp(createGraphClient({ baseUrl: "https://graph.microsoft.com", auth: { kind: "none" }, clock, logger })).send({ method: "GET", path: "/users/u1" });
    assert.equal(fetchStub.calls[0]?.headers.has("authorization"), false);
  });

  it("has no credential for auth none", () => {
    assert.equal(createCredential({ kind: "none" }), undefined);
  });

  it("builds a managed identity credential without secrets", () => {
    assert.equal(createCredential({ kind: "managedIdentity" })?.constructor.name, "ManagedIdentityCredential");
  });
});
