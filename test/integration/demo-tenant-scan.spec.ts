// What the demo tenant serves the pass scanner: the registration report (a stale snapshot, filtered to pass holders,
// paged), the directory audit log (written by pass and policy changes), one budget for both with the sign-in logs,
// pass holders in every state, and a generated tenant for benchmarks.
import assert from "node:assert/strict";
import { FakeClock } from "../../src/clock";
import { DEMO_SCAN_PEOPLE } from "../../src/demo/seed";
import { generatedUserId, seedGeneratedDirectory } from "../../src/demo/seed-generated";
import { startDemoTenant } from "../../src/demo/server";
import { person, responsesOf, startHarness, START, tapPath, valueOf, type Harness } from "./demo-tenant-support";

const REPORT = "/reports/authenticationMethods/userRegistrationDetails";
const HOLDERS = `${REPORT}?$filter=methodsRegistered/any(m:m eq 'temporaryAccessPass')`;
const AUDITS = "/auditLogs/directoryAudits";
const MINUTE = 60_000;

const scanPerson = (key: string) => {
  const p = DEMO_SCAN_PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`no scan person ${key}`);
  return p;
};
const idOf = (key: string) => (DEMO_SCAN_PEOPLE.some((p) => p.key === key) ? scanPerson(key) : person(key)).id;
const ago = (ms: number) => new Date(Date.parse(START) - ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Every item of a paged collection, following @odata.nextLink; also how many pages it took. */
async function allPages(h: Harness, path: string): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next !== undefined) {
    const r = await h.call(next);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    items.push(...valueOf(r.body));
    pages++;
    const link: string | undefined = r.body["@odata.nextLink"];
    next = link === undefined ? undefined : link.slice(link.indexOf("/v1.0") + "/v1.0".length);
  }
  return { items, pages };
}

describe("demo tenant: the registration report", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.tenant.controls.enforceBudgets(false);
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  it("lists rows with exactly Graph's userRegistrationDetails properties", async () => {
    const r = await h.call(`${REPORT}?$filter=id eq '${idOf("abe")}'`);
    assert.deepEqual(Object.keys(valueOf(r.body)[0]).sort(), [
      "id",
      "isAdmin",
      "isMfaCapable",
      "isMfaRegistered",
      "isPasswordlessCapable",
      "isSsprCapable",
      "isSsprEnabled",
      "isSsprRegistered",
      "isSystemPreferredAuthenticationMethodEnabled",
      "lastUpdatedDateTime",
      "methodsRegistered",
      "systemPreferredAuthenticationMethods",
      "userDisplayName",
      "userPreferredMethodForSecondaryAuthentication",
      "userPrincipalName",
      "userType",
    ]);
  });

  it("describes abe as of the snapshot: Authenticator and his pass, push preferred, a member", async () => {
    const row = valueOf((await h.call(`${REPORT}?$filter=id eq '${idOf("abe")}'`)).body)[0];
    assert.deepEqual(
      [row.methodsRegistered, row.userPreferredMethodForSecondaryAuthentication, row.isMfaRegistered, row.userType, row["@odata.context"]],
      [["microsoftAuthenticatorPush", "temporaryAccessPass"], "push", true, "member", undefined],
    );
  });

  it("filters to pass holders as of an hour ago: ravi's newer pass is missing, della's deleted one still listed, disabled ivan left out", async () => {
    const names = valueOf<{ userDisplayName: string }>((await h.call(HOLDERS)).body).map((r) => r.userDisplayName);
    assert.deepEqual(names.sort(), ["Abe Authenticator", "Ben Expired", "Chloe Future", "Della Deleted", "Elena Multi", "Fay Passkey", "Kit Keeper", "Lou Longpass", "Otto Once", "Yara Soon", "Zane Lapsed"]);
  });

  it("pages with @odata.nextLink (keeping the filter) and $top", async () => {
    const { items, pages } = await allPages(h, `${HOLDERS}&$top=3`);
    assert.deepEqual([items.length, pages, new Set(items.map((i) => i.id)).size], [11, 4, 11]);
  });

  it("projects $select and sorts by $orderby", async () => {
    const r = await h.call(`${HOLDERS}&$select=id,userPrincipalName&$orderby=userPrincipalName desc`);
    const rows = valueOf<{ userPrincipalName: string }>(r.body);
    assert.deepEqual([Object.keys(rows[0]).sort(), rows[0].userPrincipalName], [["id", "userPrincipalName"], "zane@northwind-demo.example"]);
  });

  it("catches up when refreshed: ravi listed, della gone", async () => {
    h.tenant.controls.refreshRegistrationReport();
    const names = valueOf<{ userDisplayName: string }>((await h.call(HOLDERS)).body).map((r) => r.userDisplayName);
    assert.deepEqual([names.includes("Ravi Recent"), names.includes("Della Deleted")], [true, false]);
  });

  it("needs Entra ID P1", async () => {
    h.tenant.controls.setLicenses({ p1: false, p2: true });
    const r = await h.call(HOLDERS);
    assert.deepEqual([r.status, r.body.error.code], [403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant"]);
  });

  it("needs AuditLog.Read.All", async () => {
    h.tenant.controls.denyPermission("AuditLog.Read.All");
    assert.equal((await h.call(HOLDERS)).status, 403);
  });
});

describe("demo tenant: the directory audit log", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.tenant.controls.enforceBudgets(false);
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  const since = (from: string) => `${AUDITS}?$filter=loggedByService eq 'Authentication Methods' and activityDateTime ge ${from}`;

  it("serves entries in Graph's directoryAudit shape, newest first", async () => {
    const r = await h.call(AUDITS);
    const entries = valueOf<{ activityDateTime: string }>(r.body);
    assert.deepEqual(
      [Object.keys(entries[0]).sort(), entries.map((e) => e.activityDateTime).join() === entries.map((e) => e.activityDateTime).sort().reverse().join()],
      [["activityDateTime", "activityDisplayName", "additionalDetails", "category", "correlationId", "id", "initiatedBy", "loggedByService", "operationType", "result", "resultReason", "targetResources"], true],
    );
  });

  it("records every seeded pass as 'Admin registered security info' with the TAP result reason", async () => {
    const entries = valueOf<{ resultReason: string; activityDisplayName: string }>((await h.call(AUDITS)).body);
    const registered = entries.filter((e) => e.resultReason === "Admin registered temporary access pass method for user");
    assert.deepEqual([registered.length, new Set(registered.map((e) => e.activityDisplayName))], [30, new Set(["Admin registered security info"])]);
  });

  it("filters on loggedByService and activityDateTime ge: della's deletion and ravi's pass, nothing older", async () => {
    const entries = valueOf<{ activityDateTime: string; activityDisplayName: string; targetResources: { id: string }[] }>((await h.call(since(ago(45 * MINUTE)))).body);
    const seen = entries.map((e) => `${e.activityDisplayName}:${e.targetResources[0].id}`);
    assert.deepEqual(
      [seen.includes(`Admin deleted security info:${idOf("della")}`), seen.includes(`Admin registered security info:${idOf("ravi")}`), entries.every((e) => e.activityDateTime >= ago(45 * MINUTE))],
      [true, true, true],
    );
  });

  it("filters on activityDateTime le and on a target with an any() lambda", async () => {
    const r = await h.call(`${AUDITS}?$filter=targetResources/any(t:t/id eq '${idOf("lou")}') and activityDateTime le ${ago(9 * 60 * MINUTE)}`);
    assert.deepEqual(valueOf<{ activityDisplayName: string }>(r.body).map((e) => e.activityDisplayName), ["Admin registered security info"]);
  });

  it("pages with $top and @odata.nextLink", async () => {
    const total = valueOf((await h.call(AUDITS)).body).length;
    const { items, pages } = await allPages(h, `${AUDITS}?$top=10`);
    assert.deepEqual([items.length, pages], [total, Math.ceil(total / 10)]);
  });

  it("appends 'Admin registered security info' when a pass is created through Graph, without the value", async () => {
    const created = await h.call(tapPath("hana"), { method: "POST", body: {} });
    const newest = valueOf<Record<string, unknown>>((await h.call(`${AUDITS}?$top=1`)).body)[0];
    const target = (newest.targetResources as { id: string; type: string }[])[0];
    assert.deepEqual(
      [newest.activityDisplayName, newest.resultReason, newest.activityDateTime, target.id, target.type, JSON.stringify(newest).includes(created.body.temporaryAccessPass)],
      ["Admin registered security info", "Admin registered temporary access pass method for user", START, person("hana").id, "User", false],
    );
  });

  it("appends 'Admin deleted security info' when a pass is deleted", async () => {
    const tap = valueOf<{ id: string }>((await h.call(tapPath("avery"))).body)[0];
    await h.call(`${tapPath("avery")}/${tap.id}`, { method: "DELETE" });
    const newest = valueOf<{ activityDisplayName: string; resultReason: string; operationType: string }>((await h.call(`${AUDITS}?$top=1`)).body)[0];
    assert.deepEqual([newest.activityDisplayName, newest.resultReason, newest.operationType], ["Admin deleted security info", "Admin deleted temporary access pass method for user", "Delete"]);
  });

  it("appends 'Authentication Methods Policy Update' listing only the changed settings on PATCH", async () => {
    const r = await h.call("/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass", {
      method: "PATCH",
      body: { "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration", maximumLifetimeInMinutes: 240, isUsableOnce: true },
    });
    const newest = valueOf<{ activityDisplayName: string; targetResources: { modifiedProperties: unknown[] }[] }>((await h.call(`${AUDITS}?$top=1`)).body)[0];
    assert.deepEqual(
      [r.status, h.tenant.directory.tapPolicy.maximumLifetimeInMinutes, newest.activityDisplayName, newest.targetResources[0].modifiedProperties],
      [204, 240, "Authentication Methods Policy Update", [{ displayName: "maximumLifetimeInMinutes", oldValue: "480", newValue: "240" }]],
    );
  });

  it("refuses a PATCH of a read-only property", async () => {
    const r = await h.call("/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Fido2", { method: "PATCH", body: { displayName: "x" } });
    assert.equal(r.status, 400);
  });

  it("records a policy switched off through the controls as Victor's change", async () => {
    h.tenant.controls.updateMethodConfiguration("Fido2", { state: "disabled" });
    const newest = valueOf<{ initiatedBy: { user: { userPrincipalName: string } }; targetResources: { id: string }[] }>((await h.call(`${AUDITS}?$top=1`)).body)[0];
    assert.deepEqual([newest.initiatedBy.user.userPrincipalName, newest.targetResources[0].id], ["victor@northwind-demo.example", "Fido2"]);
  });

  it("is readable without P1 (audit logs are in Free)", async () => {
    h.tenant.controls.setLicenses({ p1: false, p2: false });
    assert.equal((await h.call(AUDITS)).status, 200);
  });
});

describe("demo tenant: one reports budget for sign-in logs, audit log and registration report", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  it("answers the 6th request in 10 s across the three with 429 and Retry-After", async () => {
    const paths = [HOLDERS, AUDITS, `/auditLogs/signIns?$top=1`, HOLDERS, AUDITS, `/auditLogs/signIns?$top=1`];
    const results = [];
    for (const p of paths) results.push(await h.call(p));
    assert.deepEqual([results.map((r) => r.status), results[5].headers.get("retry-after")], [[200, 200, 200, 200, 200, 429], "10"]);
  });

  it("counts report pages inside a $batch too", async () => {
    const requests = Array.from({ length: 6 }, (_, i) => ({ id: String(i), method: "GET", url: HOLDERS }));
    const r = await h.call("/$batch", { method: "POST", body: { requests } });
    assert.deepEqual(responsesOf(r.body).map((x) => x.status), [200, 200, 200, 200, 200, 429]);
  });
});

describe("demo tenant: pass holders in every state", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    h.tenant.controls.enforceBudgets(false);
  });
  after(async () => {
    await h.tenant.close();
  });

  const STATES: [string, boolean, string, number][] = [
    ["yara", true, "EnabledByPolicy", 480],
    ["zane", false, "Expired", 60],
    ["otto", false, "OneTimeUsed", 480],
    ["abe", false, "OneTimeUsed", 480],
    ["fay", false, "OneTimeUsed", 480],
    ["lou", true, "EnabledByPolicy", 1440],
    ["ravi", true, "EnabledByPolicy", 480],
  ];
  for (const [key, isUsable, reason, lifetime] of STATES) {
    it(`${key}: isUsable=${isUsable}, ${reason}, ${lifetime} minutes`, async () => {
      const tap = valueOf<{ isUsable: boolean; methodUsabilityReason: string; lifetimeInMinutes: number }>((await h.call(`/users/${idOf(key)}/authentication/temporaryAccessPassMethods`)).body)[0];
      assert.deepEqual([tap.isUsable, tap.methodUsabilityReason, tap.lifetimeInMinutes], [isUsable, reason, lifetime]);
    });
  }

  it("yara's pass runs out within the hour", async () => {
    const tap = valueOf<{ startDateTime: string; lifetimeInMinutes: number }>((await h.call(`/users/${idOf("yara")}/authentication/temporaryAccessPassMethods`)).body)[0];
    const left = Date.parse(tap.startDateTime) + tap.lifetimeInMinutes * MINUTE - Date.parse(START);
    assert.ok(left > 0 && left <= 60 * MINUTE, `${left} ms left`);
  });

  it("della has no pass any more", async () => {
    assert.deepEqual(valueOf((await h.call(`/users/${idOf("della")}/authentication/temporaryAccessPassMethods`)).body), []);
  });

  it("lists fay's pass beside her security key and Windows Hello, each with @odata.type and createdDateTime, never the value", async () => {
    const methods = valueOf<Record<string, unknown>>((await h.call(`/users/${idOf("fay")}/authentication/methods`)).body);
    const tap = methods.find((m) => m["@odata.type"] === "#microsoft.graph.temporaryAccessPassAuthenticationMethod")!;
    assert.deepEqual(
      [
        methods.map((m) => m["@odata.type"]).sort(),
        ["isUsable", "methodUsabilityReason", "lifetimeInMinutes", "isUsableOnce", "startDateTime", "createdDateTime"].every((k) => k in tap),
        tap.temporaryAccessPass,
        methods.filter((m) => m["@odata.type"] !== "#microsoft.graph.passwordAuthenticationMethod").every((m) => typeof m.createdDateTime === "string"),
      ],
      [
        [
          "#microsoft.graph.fido2AuthenticationMethod",
          "#microsoft.graph.passwordAuthenticationMethod",
          "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
          "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
        ],
        true,
        null,
        true,
      ],
    );
  });

  it("logs a burst of pass-related sign-in failures (1305xx) in the last quarter hour", async () => {
    const r = await h.call(`/auditLogs/signIns?$filter=createdDateTime ge ${ago(15 * MINUTE)}`);
    const codes = valueOf<{ status: { errorCode: number } }>(r.body).map((s) => s.status.errorCode).filter((c) => c >= 130500 && c <= 130599);
    assert.ok(codes.length >= 8, `only ${codes.length}`);
  });
});

describe("demo tenant: a generated tenant", () => {
  it("holds the cast plus the generated people, with the pass holders asked for (and a twentieth who lost theirs since the report)", async () => {
    const clock = new FakeClock(START);
    const tenant = await startDemoTenant({ clock, port: 0, generated: { people: 2_000, tapHolders: 200 } });
    try {
      const d = tenant.directory;
      const generatedHolders = [...d.taps.keys()].filter((id) => id.startsWith("5eed")).length;
      const reportHolders = d.registrationReport.rows.filter((r) => r.methodsRegistered.includes("temporaryAccessPass") && r.id.startsWith("5eed")).length;
      // 200 holders, 10 % issued after the report; 10 more lost their pass after it.
      assert.deepEqual([d.findUser(generatedUserId(1_999))?.displayName, generatedHolders, reportHolders], ["Person 002000", 200, 200 - 20 + 10]);
    } finally {
      await tenant.close();
    }
  });

  it("serves a generated holder's pass on /authentication/methods", async () => {
    const clock = new FakeClock(START);
    const tenant = await startDemoTenant({ clock, port: 0, generated: { people: 1_000, tapHolders: 10 } });
    try {
      const r = await fetch(`${tenant.url}/v1.0/users/${generatedUserId(0)}/authentication/methods`);
      const types = ((await r.json()) as { value: { "@odata.type": string }[] }).value.map((m) => m["@odata.type"]);
      assert.ok(types.includes("#microsoft.graph.temporaryAccessPassAuthenticationMethod"), types.join());
    } finally {
      await tenant.close();
    }
  });

  it("builds 100,000 people and 2,000 holders in a few seconds", function () {
    this.timeout(60_000);
    const t0 = process.hrtime.bigint();
    const d = seedGeneratedDirectory(new Date(START), { people: 100_000, tapHolders: 2_000 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    assert.ok(seconds < 10 && d.users.length > 100_000, `${seconds.toFixed(1)} s`);
  });
});
