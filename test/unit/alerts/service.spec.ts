import { strict as assert } from "node:assert";
import { FakeClock } from "../../../src/clock";
import { MemoryDocumentStore } from "../../../src/store/memory";
import { AlertRepository } from "../../../src/alerts/repositories";
import { AlertService } from "../../../src/alerts/service";
import type { ScanReport } from "../../../src/alerts/scanner";
import type { OutboxMessage } from "../../../src/messaging/port";
import { HelpdeskError } from "../../../src/errors";
import { createLogger } from "../../../src/log";

const REPORT: ScanReport = { scannedAt: "2026-11-28T12:00:00Z", holdersRead: 12, graphRequests: 5, durationInMs: 1500, findings: 4, reported: 2, fixed: 1, destinations: 1, nudges: 1, gaps: ["the sign-in logs: needs AuditLog.Read.All"] };
const REPLY = { key: "channel:c1", destination: { kind: "conversation" as const, conversationId: "c1" } };

function service(runScan: () => Promise<ScanReport | "busy">, admin = true): { alerts: AlertService; sent: OutboxMessage[] } {
  const sent: OutboxMessage[] = [];
  const alerts = new AlertService({
    repo: new AlertRepository(new MemoryDocumentStore()),
    runScan,
    authority: { mayAdminister: () => Promise.resolve(admin), cleaner: () => Promise.resolve({ refusal: "no" }) },
    clock: new FakeClock(),
    logger: createLogger({ level: "silent" }),
    snoozeHours: 24,
    scanIntervalMinutes: 15,
    outbox: { enqueue: (m) => (sent.push(...m), Promise.resolve()), outcome: () => Promise.resolve(undefined), undeliverable: () => Promise.resolve([]) },
  });
  return { alerts, sent };
}
const textOf = (m: OutboxMessage | undefined): string => (m && "text" in m.message ? m.message.text : "");

describe("scan now (answers at once; the figures follow through the outbox)", () => {
  it("sends the figures, the gaps included, to where it was asked", async () => {
    const { alerts, sent } = service(() => Promise.resolve(REPORT));
    assert.match(await alerts.scanNow("x", REPLY), /^Scanning the tenant's passes now/);
    await alerts.idle();
    assert.deepEqual(sent[0]?.destination, REPLY.destination);
    assert.match(textOf(sent[0]), /Scan done in 1\.5 s: 12 people holding a pass read with 5 Graph requests\./);
    assert.match(textOf(sent[0]), /Couldn't check: the sign-in logs: needs AuditLog.Read.All/);
  });

  it("a failed scan is told truthfully, not lost", async () => {
    const { alerts, sent } = service(() => Promise.reject(new HelpdeskError("GRAPH_THROTTLED", "429")));
    await alerts.scanNow("x", REPLY);
    await alerts.idle();
    assert.match(textOf(sent[0]), /^The scan didn't finish: The directory is busy right now/);
  });

  it("another instance holding the scan: said so", async () => {
    const { alerts, sent } = service(() => Promise.resolve("busy"));
    await alerts.scanNow("x", REPLY);
    await alerts.idle();
    assert.match(textOf(sent[0]), /another instance/);
  });

  it("a second scan now while one runs joins it; a non-admin starts nothing", async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const { alerts } = service(() => {
      runs++;
      return new Promise((resolve) => (release = () => resolve(REPORT)));
    });
    await alerts.scanNow("x", REPLY);
    assert.match(await alerts.scanNow("x", REPLY), /already running/);
    release();
    await alerts.idle();
    assert.equal(runs, 1);
    const refused = service(() => Promise.resolve(REPORT), false);
    assert.match(await refused.alerts.scanNow("x", REPLY), /Only helpdesk admins/);
    await refused.alerts.idle();
    assert.equal(refused.sent.length, 0);
  });
});
