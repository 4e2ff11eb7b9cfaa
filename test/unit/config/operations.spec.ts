// Operations settings: telemetry only with a connection string (never loaded otherwise), a bounded shutdown grace.
import assert from "node:assert/strict";
import { loadConfig } from "../../../src/config";
import { isHelpdeskError } from "../../../src/errors";
import { createLogger } from "../../../src/log";
import { startTelemetry } from "../../../src/telemetry";

const CONNECTION_STRING = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";

describe("config: operations", () => {
  it("has no telemetry and a 10 s shutdown grace by default", () => {
    const c = loadConfig({});
    assert.equal(c.telemetry.connectionString, undefined);
    assert.equal(c.shutdownGraceSeconds, 10);
  });

  it("takes an Application Insights connection string", () => {
    assert.equal(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION_STRING }).telemetry.connectionString, CONNECTION_STRING);
  });

  it("refuses something that isn't a connection string, without echoing it", () => {
    assert.throws(
      () => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: "https://my-secret-endpoint.example" }),
      (e: unknown) => isHelpdeskError(e) && /APPLICATIONINSIGHTS_CONNECTION_STRING/.test(e.message) && !e.message.includes("my-secret-endpoint"),
    );
  });

  it("refuses a shutdown grace beyond 300 s", () => {
    assert.throws(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: "3600" }), /SHUTDOWN_GRACE_SECONDS/);
  });

  it("paces outbox sends at Teams' documented 30 per second app-wide unless told otherwise", () => {
    assert.equal(loadConfig({}).messaging.appRatePerSecond, 30);
    assert.equal(loadConfig({ TEAMS_APP_RATE_PER_SECOND: "50" }).messaging.appRatePerSecond, 50);
    assert.throws(() => loadConfig({ TEAMS_APP_RATE_PER_SECOND: "0" }), /TEAMS_APP_RATE_PER_SECOND/);
  });
});

describe("telemetry", () => {
  it("is a no-op without a connection string: the Azure Monitor distro is never loaded", async () => {
    const telemetry = await startTelemetry(undefined, createLogger({ level: "silent" }));
    assert.equal(telemetry.enabled, false);
    await telemetry.shutdown();
    assert.deepEqual(Object.keys(require.cache).filter((k) => k.includes("monitor-opentelemetry")), []);
  });
});
