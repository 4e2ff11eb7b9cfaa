// The privacy statement and terms the manifest links to are answered by the bot itself.
import assert from "node:assert/strict";
import { createLogger } from "../../src/log";
import { createHttpServer, listen, type RunningServer } from "../../src/server/http";

describe("GET /privacy and /terms", () => {
  let server: RunningServer;
  before(async () => {
    const http = createHttpServer({ endpoint: () => Promise.resolve(), logger: createLogger({ level: "silent" }) });
    server = await listen(http, 0, "127.0.0.1");
  });
  after(() => server.close());

  it("/privacy is an HTML page saying what is read, what is stored and for how long", async () => {
    const res = await fetch(`${server.url}/privacy`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/html; charset=utf-8/);
    const html = await res.text();
    for (const heading of ["What it reads from Microsoft Graph", "What it stores", "For how long"]) assert.ok(html.includes(heading), heading);
    assert.match(html, /Pass values are never stored/);
  });

  it("/terms is an HTML page", async () => {
    const res = await fetch(`${server.url}/terms`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<h1>TAP Helpdesk terms of use<\/h1>/);
  });

  it("other paths are still 404", async () => {
    assert.equal((await fetch(`${server.url}/privacy/x`)).status, 404);
  });
});
