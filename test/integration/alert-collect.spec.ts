// collectScanInput through GraphDirectory.scanReader() against the demo tenant over real HTTP: which holders a scan
// finds and from which source, what it can't see and says so, and that it stays inside Graph's budgets.
import assert from "node:assert/strict";
import { collectScanInput, HOLDERS_PER_BATCH, type CollectOptions } from "../../src/alerts/collect";
import type { HolderMethods, ScanInput } from "../../src/alerts/scan-input";
import { DEMO_PEOPLE, DEMO_SCAN_PEOPLE } from "../../src/demo/seed";
import type { RecordedRequest } from "../../src/demo/server";
import { loggedStatuses, startGraphHarness, type GraphHarness } from "../support/graph-harness";

const everyone = [...DEMO_PEOPLE, ...DEMO_SCAN_PEOPLE];
const idOf = (key: string): string => {
  const p = everyone.find((x) => x.key === key);
  if (!p) throw new Error(`no demo person ${key}`);
  return p.id;
};
const keyOf = (id: string): string => everyone.find((p) => p.id === id)?.key ?? id;
const holder = (input: ScanInput, key: string): HolderMethods | undefined => input.holders.find((x) => x.userId === idOf(key));
const keys = (input: ScanInput): string[] => input.holders.map((x) => keyOf(x.userId)).sort();
const isBudgeted = (r: RecordedRequest) => /^\/(auditLogs|reports)\//.test(r.path);

/** Every pass holder of the seed: the cast's 21 passes and the scanner's holders, without della (deleted) . */
const SEEDED_HOLDERS = [
  "abe", "avery", "ben", "chloe", "dev", "elena", "farah", "fay", "gus", "hedda", "ines", "ivan", "jade", "kai", "kit",
  "lars", "lena", "lou", "milo", "omar", "otto", "pia", "quinn", "ravi", "rosa", "sam", "theo", "yara", "zane",
].sort();

describe("collectScanInput against the demo tenant", function () {
  this.timeout(60_000);
  let h: GraphHarness;

  afterEach(async () => {
    await h.close();
  });

  const scan = (more: Partial<CollectOptions> = {}): Promise<ScanInput> =>
    h.run(collectScanInput(h.directory.scanReader(), { now: h.clock.now(), botIssued: [], burstWindowMinutes: 15, clock: h.clock, ...more }));

  describe("on the Northwind seed", () => {
    beforeEach(async () => {
      h = await startGraphHarness();
    });

    it("finds every pass holder, each read once", async () => {
      const input = await scan();
      assert.deepEqual([keys(input), input.figures.holdersRead, input.unreadable, input.gaps], [SEEDED_HOLDERS, SEEDED_HOLDERS.length, [], []]);
    });

    it("names the source of each: ravi only in the audit log, zane and lou only in the (stale) report, yara in both", async () => {
      const input = await scan();
      assert.deepEqual(
        ["ravi", "zane", "lou", "yara"].map((k) => holder(input, k)?.sources.sort()),
        [["audit"], ["report"], ["report"], ["audit", "report"]],
      );
    });

    it("leaves out della, whose pass was deleted after the report was taken", async () => {
      const input = await scan();
      assert.equal(holder(input, "della"), undefined);
    });

    it("reads the pass with its state beside the permanent methods", async () => {
      const input = await scan();
      const abe = holder(input, "abe")!;
      const fay = holder(input, "fay")!;
      const lou = holder(input, "lou")!;
      assert.deepEqual(
        [abe.taps[0]?.usabilityReason, abe.permanentMethods.map((m) => m.kind), fay.permanentMethods.map((m) => m.kind).sort(), lou.taps[0]?.lifetimeInMinutes, abe.displayName],
        ["OneTimeUsed", ["microsoftAuthenticator"], ["fido2", "windowsHelloForBusiness"], 1440, "Abe Authenticator"],
      );
    });

    it("finds a pass created after the report was taken through the audit log, and drops one deleted since", async () => {
      const hana = await fetch(`${h.tenant.url}/v1.0/users/${idOf("hana")}/authentication/temporaryAccessPassMethods`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const avery = h.tenant.directory.taps.get(idOf("avery"))!;
      await fetch(`${h.tenant.url}/v1.0/users/${idOf("avery")}/authentication/temporaryAccessPassMethods/${avery.id}`, { method: "DELETE" });
      const input = await scan();
      assert.deepEqual([hana.status, holder(input, "hana")?.sources, holder(input, "avery")], [201, ["audit"], undefined]);
    });

    it("reads the passes the bot issued itself, and says when someone no longer exists", async () => {
      const gone = "00000000-0000-4000-8000-00000000dead";
      const input = await scan({ botIssued: [{ userId: idOf("hana"), displayName: "Hana NoPass" }, { userId: gone }, { userId: idOf("ben") }] });
      assert.deepEqual(
        [holder(input, "hana")?.taps, holder(input, "hana")?.sources, holder(input, "ben")?.sources.sort(), input.unreadable.map((u) => [u.userId, u.reason])],
        [[], ["bot"], ["audit", "bot", "report"], [[gone, "not found: the account no longer exists"]]],
      );
    });

    it("collects the recent burst of pass-related sign-in failures, the policy and the method configurations", async () => {
      const input = await scan();
      assert.ok(input.tapFailures.ok && input.tapPolicy.ok && input.methodConfigs.ok);
      assert.deepEqual(
        [
          input.tapFailures.value.map((f) => `${keyOf(f.userId)}:${f.errorCode}`).sort(),
          input.tapPolicy.value.maximumLifetimeInMinutes,
          input.methodConfigs.value.map((c) => `${c.id}:${c.state}`),
        ],
        [
          ["della:130507", "della:130507", "dev:130501", "otto:130501", "pia:130506", "quinn:130507", "zane:130504", "zane:130504"],
          480,
          ["Fido2:enabled", "MicrosoftAuthenticator:enabled"],
        ],
      );
    });

    it("costs report pages + ⌈holders / 20⌉ + audit, sign-in and policy reads, counted as the tenant saw them", async () => {
      h.tenant.controls.resetRequests();
      const input = await scan();
      const f = input.figures;
      const seen = h.tenant.controls.requests().length;
      assert.deepEqual(
        [f.graphRequests, seen, f.methodBatches, f.graphRequests - f.reportPages - f.methodBatches],
        [seen, seen, Math.ceil(SEEDED_HOLDERS.length / HOLDERS_PER_BATCH), (f.auditPages ?? 0) + (f.signInPages ?? 0) + 1],
      );
    });

    it("without Entra ID P1: says the report needs it, and still finds older passes in the audit log and the bot's own", async () => {
      h.tenant.controls.setLicenses({ p1: false, p2: false });
      const input = await scan({ botIssued: [{ userId: idOf("hana") }] });
      assert.ok(!input.sources.report.ok && !input.tapFailures.ok);
      assert.match(input.sources.report.reason, /Entra ID P1/);
      assert.deepEqual(
        [holder(input, "zane")?.sources, holder(input, "lou")?.sources, holder(input, "hana")?.sources, input.sources.audit.ok, input.gaps.length],
        [["audit"], ["audit"], ["bot"], true, 2],
      );
      assert.match(input.gaps.join("\n"), /registration report.*Entra ID P1.*more than 7 days ago/);
    });

    it("without AuditLog.Read.All: every log-based source says so, and the bot's own passes are still read", async () => {
      h.tenant.controls.denyPermission("AuditLog.Read.All");
      const input = await scan({ botIssued: [{ userId: idOf("ben") }] });
      assert.deepEqual([keys(input), input.sources.report.ok, input.sources.audit.ok, input.tapFailures.ok], [["ben"], false, false, false]);
      assert.ok(input.gaps.every((g) => !/AuditLog/.test(g) || /needs AuditLog\.Read\.All/.test(g)));
      assert.match(input.gaps.join("\n"), /only passes the bot issued itself were checked/);
    });

    it("with only UserAuthMethod-TAP.Read.All: every pass still read, permanent methods unknown, one gap line", async () => {
      h.tenant.controls.denyPermission("UserAuthenticationMethod.Read.All");
      const input = await scan();
      const lines = input.gaps.filter((g) => /UserAuthenticationMethod\.Read\.All/.test(g));
      assert.deepEqual([input.holders.length, input.unreadable.length, lines.length], [29, 0, 1]);
      assert.match(lines[0], /couldn't read the permanent methods of 29 people/);
      assert.ok(input.holders.every((x) => x.permanentMethodsUnknown === true && x.permanentMethods.length === 0));
      assert.ok(input.holders.find((x) => x.userId === idOf("yara"))?.taps[0]?.isUsable, "the pass itself, with its state");
    });

    it("without either methods permission: nobody's methods, one gap line with the count", async () => {
      h.tenant.controls.denyPermission("UserAuthenticationMethod.Read.All");
      h.tenant.controls.denyPermission("UserAuthMethod-TAP.Read.All");
      const input = await scan();
      const lines = input.gaps.filter((g) => /UserAuthMethod-TAP\.Read\.All|UserAuthenticationMethod\.Read\.All/.test(g));
      assert.deepEqual([input.holders.length, input.unreadable.length, lines.length, /\(29 people\)$/.test(lines[0] ?? "")], [0, 29, 1, true]);
    });

    it("retries a holder whose read was throttled inside the $batch, after its Retry-After, and counts the retry", async () => {
      h.tenant.controls.injectFault({ match: new RegExp(`^GET /users/${idOf("yara")}/authentication/methods`), status: 429, retryAfterSeconds: 3 });
      h.tenant.controls.resetRequests();
      const started = h.clock.now().getTime();
      const input = await scan();
      const seen = h.tenant.controls.requests();
      assert.deepEqual(
        [holder(input, "yara")?.taps.length, input.figures.graphRequests, seen.length, h.clock.now().getTime() - started >= 3_000],
        [1, seen.length, input.figures.methodBatches + 4 + 1, true],
      );
    });

    it("honours a 429 on a report page (Retry-After) and counts the retried request", async () => {
      h.tenant.controls.injectFault({ match: /^GET \/reports\//, status: 429, retryAfterSeconds: 2 });
      h.tenant.controls.resetRequests();
      const input = await scan();
      assert.deepEqual([input.sources.report, keys(input), input.figures.graphRequests], [{ ok: true, value: 11 }, SEEDED_HOLDERS, h.tenant.controls.requests().length]);
    });
  });

  describe("on a generated tenant (5,000 people, 500 holders) with the budgets enforced", () => {
    beforeEach(async () => {
      h = await startGraphHarness({}, { generated: { people: 5_000, tapHolders: 500 } });
    });

    it("stays inside the reports budget: no 429, never more than 5 report/audit/sign-in requests in any 10 s", async () => {
      h.tenant.controls.resetRequests();
      const input = await scan();
      const times = h.tenant.controls.requests().filter(isBudgeted).map((r) => r.at.getTime());
      const crowded = times.some((t) => times.filter((u) => u >= t && u < t + 10_000).length > 5);
      assert.deepEqual([loggedStatuses(h.lines).filter((s) => s === 429), crowded, input.figures.reportPages > 1], [[], false, true]);
    });

    it("reads holders 20 to a $batch: report pages + ⌈holders / 20⌉ + a constant", async () => {
      h.tenant.controls.resetRequests();
      const input = await scan();
      const batches = h.tenant.controls.requests().filter((r) => r.path === "/$batch").map((r) => r.batchIds?.length ?? 0);
      const f = input.figures;
      assert.deepEqual(
        [batches.slice(0, -1).every((n) => n === 20), batches.length, f.graphRequests, input.gaps],
        [true, Math.ceil(f.holdersRead / 20), f.reportPages + Math.ceil(f.holdersRead / 20) + f.auditPages + (f.signInPages ?? 0) + 1, []],
      );
    });

    it("shares the budget with a diagnosis running at the same time: both complete, no 429", async () => {
      const [input, ben] = await Promise.all([scan(), h.run(h.directory.readDirectoryFacts(idOf("ben")))]);
      assert.deepEqual([input.sources.report.ok, ben.signIns.ok, loggedStatuses(h.lines).filter((s) => s === 429)], [true, true, []]);
    });
  });
});
