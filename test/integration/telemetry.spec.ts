// Application Insights on the real process: with APPLICATIONINSIGHTS_CONNECTION_STRING set, the incoming requests of
// `node lib/src/index.js` reach the ingestion endpoint (a local HTTPS stand-in, trusted through NODE_EXTRA_CA_CERTS),
// flushed by the graceful shutdown. Needs the openssl CLI to make a certificate; skipped with a note without it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { spawnBot } from "../support/bot-process";

interface TelemetryItem {
  name?: string;
  data?: { baseType?: string; baseData?: { name?: string; url?: string; responseCode?: string } };
}

function makeCertificate(dir: string): boolean {
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("Application Insights telemetry (real process)", function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    dir = mkdtempSync(join(tmpdir(), "tap-telemetry-"));
    if (!makeCertificate(dir)) {
      console.log("    (skipped: needs the openssl CLI to make a certificate for the local ingestion endpoint)");
      this.skip();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("sends the bot's incoming requests to the configured ingestion endpoint, flushed on SIGTERM", async () => {
    const items: TelemetryItem[] = [];
    const ingestion = createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const text = (req.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString();
        if (req.url?.includes("/track")) items.push(...(JSON.parse(text) as TelemetryItem[]));
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    });
    ingestion.listen(0, "127.0.0.1");
    await once(ingestion, "listening");
    const ingestionUrl = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
    const bot = spawnBot(dir, {
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=${ingestionUrl}`,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: "true",
      NODE_EXTRA_CA_CERTS: join(dir, "cert.pem"),
    });
    const { child } = bot;
    try {
      const url = await bot.started();
      assert.match(bot.output(), /"event":"telemetry_on"/);
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 0, bot.output());
      const requests = items.filter((i) => i.data?.baseType === "RequestData").map((i) => i.data?.baseData?.name);
      assert.ok(requests.includes("GET /readyz"), `requests seen: ${JSON.stringify(requests)}`);
      assert.doesNotMatch(bot.output(), /InstrumentationKey/, "the connection string is never logged");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      ingestion.close();
    }
  });
});
