// collectScanInput's own decisions, on a scripted reader: how far back each log is read, which report rows are still
// worth reading, one read per person with every source named, 20 to a batch, a few batches at a time, report pages
// overlapping the reads of earlier pages, and failures turned into gaps.
import assert from "node:assert/strict";
import { auditSince, collectScanInput, failuresSince, latestTapEvents, reportRowStillHolds, type CollectOptions } from "../../../src/alerts/collect";
import type { HolderRef, TapAuditEvent, TapSignInFailure } from "../../../src/alerts/scan-input";
import type { HolderRead, PagedRead, ReportHolder, TapScanReader } from "../../../src/graph/port";
import { checked, unchecked, type Check, type MethodPolicy, type TapPolicy } from "../../../src/triage/snapshot";

const NOW = new Date("2026-11-28T12:00:00Z");
const H = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * H);
const iso = (d: Date) => d.toISOString();
const base: CollectOptions = { now: NOW, botIssued: [], burstWindowMinutes: 15 };
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("collect: how far back the logs are read", () => {
  const AUDIT: [string, Date | undefined, boolean, string][] = [
    ["first scan, report readable: the report's lag (8 h)", undefined, true, iso(at(8))],
    ["last scan an hour ago: still the report's lag", at(1), true, iso(at(8))],
    ["last scan three days ago: since then", at(72), true, iso(at(72))],
    ["last scan ten days ago: no further than the log's 7 days", at(240), true, iso(at(168))],
    ["report unreadable: the whole 7 days", at(1), false, iso(at(168))],
  ];
  for (const [name, since, readable, expected] of AUDIT) {
    it(`audit log — ${name}`, () => {
      assert.equal(iso(auditSince({ ...base, since }, readable)), expected);
    });
  }

  const FAILURES: [string, Date | undefined, string][] = [
    ["first scan: the burst window", undefined, iso(new Date(NOW.getTime() - 15 * 60_000))],
    ["last scan an hour ago: since then", at(1), iso(at(1))],
    ["last scan five minutes ago: still the whole window", new Date(NOW.getTime() - 5 * 60_000), iso(new Date(NOW.getTime() - 15 * 60_000))],
  ];
  for (const [name, since, expected] of FAILURES) {
    it(`sign-in failures — ${name}`, () => {
      assert.equal(iso(failuresSince({ ...base, since })), expected);
    });
  }
});

const event = (userId: string, kind: TapAuditEvent["kind"], hoursAgo: number): TapAuditEvent => ({ userId, kind, at: at(hoursAgo) });

describe("collect: report rows against the audit log", () => {
  const CASES: [string, TapAuditEvent | undefined, Date | undefined, boolean][] = [
    ["no event", undefined, at(2), true],
    ["deleted after the row was updated", event("u", "deleted", 0.5), at(2), false],
    ["deleted before the row was updated", event("u", "deleted", 3), at(2), true],
    ["registered again last", event("u", "registered", 0.5), at(2), true],
    ["deleted, but the row has no date", event("u", "deleted", 0.5), undefined, true],
  ];
  for (const [name, latest, reportedAt, reads] of CASES) {
    it(`${name} → ${reads ? "read" : "skip"}`, () => {
      const map = new Map(latest ? [["u", latest]] : []);
      assert.equal(reportRowStillHolds({ userId: "U", reportedAt }, map), reads);
    });
  }

  it("takes each person's newest event", () => {
    const latest = latestTapEvents([event("a", "registered", 3), event("A", "deleted", 1), event("b", "deleted", 2), event("b", "registered", 1)]);
    assert.deepEqual([latest.get("a")?.kind, latest.get("b")?.kind], ["deleted", "registered"]);
  });
});

/** A scripted TapScanReader: report pages (optionally held back), audit events, answers per person. */
class ScriptedReader implements TapScanReader {
  reportPages: ReportHolder[][] = [];
  reportFailure?: string;
  /** Resolves before the report's second page is handed over (to observe reads overlapping paging). */
  beforeSecondPage?: Promise<void>;
  audit: Check<TapAuditEvent[]> = checked([]);
  unreadable = new Map<string, HolderRead>();
  failBatchesWith?: Error;
  batches: string[][] = [];
  events: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  sent = 7;

  async readReportHolders(onPage: (holders: ReportHolder[]) => void): Promise<PagedRead<number>> {
    let pages = 0;
    for (const page of this.reportPages) {
      if (pages === 1 && this.beforeSecondPage) await this.beforeSecondPage;
      this.events.push(`page ${pages + 1}`);
      onPage(page);
      pages++;
      await tick();
    }
    return { pages, result: this.reportFailure ? unchecked(this.reportFailure) : checked(this.reportPages.flat().length) };
  }

  readTapAuditEvents(): Promise<PagedRead<TapAuditEvent[]>> {
    return Promise.resolve({ pages: 1, result: this.audit });
  }

  async readHolderMethods(userIds: readonly string[]): Promise<Map<string, HolderRead>> {
    this.batches.push([...userIds]);
    this.events.push(`batch ${this.batches.length}`);
    this.sent++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await tick();
    await tick();
    this.inFlight--;
    if (this.failBatchesWith) throw this.failBatchesWith;
    return new Map(userIds.map((id) => [id, this.unreadable.get(id) ?? { ok: true, taps: [], permanentMethods: [] }]));
  }

  readMethodConfigurations(): Promise<{ tapPolicy: Check<TapPolicy>; methodConfigs: Check<MethodPolicy[]> }> {
    return Promise.resolve({ tapPolicy: unchecked("couldn't read the authentication methods policy: (needs Policy.Read.AuthenticationMethod)"), methodConfigs: checked([]) });
  }

  readTapSignInFailures(): Promise<PagedRead<TapSignInFailure[]>> {
    return Promise.resolve({ pages: 1, result: checked([]) });
  }

  requestsSent(): number {
    return this.sent;
  }
}

const people = (prefix: string, n: number, reportedAt = at(2)): ReportHolder[] => Array.from({ length: n }, (_, i) => ({ userId: `${prefix}${i}`, reportedAt }));

describe("collectScanInput on a scripted reader", () => {
  it("reads each person once and names every source that knew of them", async () => {
    const r = new ScriptedReader();
    r.reportPages = [[{ userId: "u1", reportedAt: at(2) }, { userId: "u2", reportedAt: at(2) }]];
    r.audit = checked([event("U1", "registered", 1), event("u3", "registered", 1)]);
    const bot: HolderRef[] = [{ userId: "u1", displayName: "One" }];
    const input = await collectScanInput(r, { ...base, botIssued: bot });
    const sources = Object.fromEntries(input.holders.map((h) => [h.userId, h.sources]));
    assert.deepEqual([r.batches.flat().length, sources, input.holders.find((h) => h.userId === "u1")?.displayName], [3, { u1: ["bot", "audit", "report"], u2: ["report"], u3: ["audit"] }, "One"]);
  });

  it("skips a report row whose pass the audit log saw deleted since, unless the bot issued it", async () => {
    const r = new ScriptedReader();
    r.reportPages = [[{ userId: "gone", reportedAt: at(2) }, { userId: "mine", reportedAt: at(2) }]];
    r.audit = checked([event("gone", "deleted", 1), event("mine", "deleted", 1)]);
    const input = await collectScanInput(r, { ...base, botIssued: [{ userId: "mine" }] });
    assert.deepEqual(input.holders.map((h) => h.userId), ["mine"]);
  });

  it("sends 20 to a batch, the rest in one last batch, and counts what the reader sent", async () => {
    const r = new ScriptedReader();
    r.reportPages = [people("a", 30), people("b", 15)];
    const input = await collectScanInput(r, base);
    assert.deepEqual([r.batches.map((b) => b.length), input.figures.methodBatches, input.figures.graphRequests, input.figures.reportPages], [[20, 20, 5], 3, 3, 2]);
  });

  it("keeps at most `concurrency` batches in flight", async () => {
    const r = new ScriptedReader();
    r.reportPages = [people("a", 200)];
    await collectScanInput(r, { ...base, concurrency: 3 });
    assert.deepEqual([r.batches.length, r.maxInFlight], [10, 3]);
  });

  it("reads the first page's holders while the second page is still coming", async () => {
    const r = new ScriptedReader();
    let release!: () => void;
    r.beforeSecondPage = new Promise<void>((resolve) => (release = resolve));
    r.reportPages = [people("a", 20), people("b", 20)];
    const scan = collectScanInput(r, base);
    while (r.batches.length === 0) await tick();
    release();
    await scan;
    assert.deepEqual(r.events.slice(0, 3), ["page 1", "batch 1", "page 2"]);
  });

  it("turns failures into gaps: report, policy, and unreadable people grouped by reason", async () => {
    const r = new ScriptedReader();
    r.reportPages = [people("a", 3)];
    r.reportFailure = "couldn't read the authentication methods registration report: Microsoft Graph had a problem (HTTP 500)";
    r.unreadable.set("a0", { ok: false, gone: true, reason: "not found: the account no longer exists" });
    r.unreadable.set("a1", { ok: false, gone: true, reason: "not found: the account no longer exists" });
    const input = await collectScanInput(r, base);
    assert.deepEqual(input.gaps, [
      "couldn't read the authentication methods registration report: Microsoft Graph had a problem (HTTP 500); read 1 page(s) of it, so people on the pages after that may be missing",
      "couldn't read the authentication methods policy: (needs Policy.Read.AuthenticationMethod); policy changes can't be spotted",
      "not found: the account no longer exists (2 people)",
    ]);
  });

  it("a batch that throws leaves its people unreadable instead of failing the scan", async () => {
    const r = new ScriptedReader();
    r.reportPages = [people("a", 2)];
    r.failBatchesWith = new Error("socket hang up");
    const input = await collectScanInput(r, base);
    assert.deepEqual([input.holders.length, input.unreadable.map((u) => u.userId)], [0, ["a0", "a1"]]);
  });
});
