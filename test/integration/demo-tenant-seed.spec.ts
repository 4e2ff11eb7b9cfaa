// The Northwind Labs cast as served over HTTP: each person's situation from the cast table holds at start.
import assert from "node:assert/strict";
import { DEMO_GROUPS, DEMO_PEOPLE, DEMO_ROLES, seedDemoDirectory } from "../../src/demo/seed";
import { person, startHarness, tapPath, valueOf, type Harness } from "./demo-tenant-support";

const PASS_STATE: [string, boolean, string][] = [
  ["avery", true, "EnabledByPolicy"],
  ["ben", false, "Expired"],
  ["chloe", false, "NotYetValid"],
  ["dev", false, "OneTimeUsed"],
  ["elena", false, "DisabledByPolicy"],
  ["farah", false, "DisabledByPolicy"],
  ["gus", false, "DisabledByPolicy"],
  ["ivan", false, "Expired"],
  ["jade", true, "EnabledByPolicy"],
  ["kai", true, "EnabledByPolicy"],
  ["lena", true, "EnabledByPolicy"],
  ["milo", true, "EnabledByPolicy"],
  ["omar", true, "EnabledByPolicy"],
  ["pia", true, "EnabledByPolicy"],
  ["quinn", true, "EnabledByPolicy"],
  ["rosa", true, "EnabledByPolicy"],
  ["sam", true, "EnabledByPolicy"],
];

describe("demo tenant: the cast", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    h.tenant.controls.enforceBudgets(false);
  });
  after(async () => {
    await h.tenant.close();
  });

  for (const [key, isUsable, reason] of PASS_STATE) {
    it(`${key}: pass isUsable=${isUsable}, ${reason}`, async () => {
      const tap = (await h.client.api(tapPath(key)).get()).value[0];
      assert.deepEqual([tap.isUsable, tap.methodUsabilityReason], [isUsable, reason]);
    });
  }

  for (const key of ["hana", "nora"]) {
    it(`${key}: has no pass`, async () => {
      const r = await h.client.api(tapPath(key)).get();
      assert.deepEqual(r.value, []);
    });
  }

  it("elena's pass is multi-use", async () => {
    const tap = (await h.client.api(tapPath("elena")).get()).value[0];
    assert.equal(tap.isUsableOnce, false);
  });

  it("ivan's account is disabled", async () => {
    const user = await h.client.api(`/users/${person("ivan").id}`).select("accountEnabled").get();
    assert.equal(user.accountEnabled, false);
  });

  it("omar signs in with a UPN of the federated domain", () => {
    assert.match(person("omar").userPrincipalName, /@corp\.northwind-demo\.example$/);
  });

  it("ben's log shows 130504 an hour ago", async () => {
    const r = await h.client.api("/auditLogs/signIns").filter(`userId eq '${person("ben").id}'`).get();
    assert.deepEqual([r.value[0].status.errorCode, r.value[0].createdDateTime], [130504, "2026-11-28T11:00:00.000Z"]);
  });

  it("lena's log shows 53000 on a non-compliant device with policy (b) failing", async () => {
    const s = (await h.client.api("/auditLogs/signIns").filter(`userId eq '${person("lena").id}'`).get()).value[0];
    const applied: { result: string; displayName: string }[] = s.appliedConditionalAccessPolicies;
    const failed = applied.filter((p) => p.result === "failure").map((p) => p.displayName);
    assert.deepEqual([s.status.errorCode, s.deviceDetail.isCompliant, failed], [53000, false, ["Finance requires compliant device"]]);
  });

  it("pia's log shows 130506 on a hybrid-joined Windows 11 device", async () => {
    const s = (await h.client.api("/auditLogs/signIns").filter(`userId eq '${person("pia").id}'`).get()).value[0];
    assert.deepEqual([s.status.errorCode, s.deviceDetail.operatingSystem, s.deviceDetail.trustType], [130506, "Windows 11", "Hybrid Azure AD joined"]);
  });

  it("quinn's log shows 130507 from Firefox on Linux", async () => {
    const s = (await h.client.api("/auditLogs/signIns").filter(`userId eq '${person("quinn").id}'`).get()).value[0];
    assert.deepEqual([s.status.errorCode, s.deviceDetail.browser, s.deviceDetail.operatingSystem], [130507, "Firefox 128.0", "Linux"]);
  });

  it("farah is outside TAP Users and gus is in both TAP groups", async () => {
    const groupsOf = async (key: string) => valueOf<{ id: string }>(await h.client.api(`/users/${person(key).id}/transitiveMemberOf`).select("id").get()).map((g) => g.id);
    const [farah, gus] = [await groupsOf("farah"), await groupsOf("gus")];
    assert.deepEqual([farah.includes(DEMO_GROUPS.tapUsers), gus.includes(DEMO_GROUPS.tapUsers), gus.includes(DEMO_GROUPS.tapExcluded)], [false, true, true]);
  });

  it("wendy manages exactly avery, ben, chloe, dev, hana, tess and sam", () => {
    const wendy = person("wendy").id;
    const reports = DEMO_PEOPLE.filter((p) => h.tenant.directory.managers.get(p.id) === wendy).map((p) => p.key);
    assert.deepEqual(reports.sort(), ["avery", "ben", "chloe", "dev", "hana", "sam", "tess"]);
  });

  it("victor holds Global Administrator", () => {
    const roles = h.tenant.directory.roleTemplateIdsOf(person("victor").id);
    assert.deepEqual([...roles], [DEMO_ROLES.globalAdministrator]);
  });

  it("everyone except nora has a mobile phone on record", () => {
    const without = h.tenant.directory.users.filter((u) => !u.mobilePhone).map((u) => u.id);
    assert.deepEqual(without, [person("nora").id]);
  });

  it("has at least ten ordinary employees besides the cast", () => {
    assert.ok(h.tenant.directory.users.length >= DEMO_PEOPLE.length + 10);
  });
});

describe("demo tenant: seed data", () => {
  it("names 28 people with unique ids", () => {
    assert.deepEqual([DEMO_PEOPLE.length, new Set(DEMO_PEOPLE.map((p) => p.id)).size], [28, 28]);
  });

  it("gives omar the answers his finding needs", () => {
    assert.deepEqual(person("omar").answers, { device: "windows", stage: "windows_logon" });
  });

  it("expects a finding for everyone but the five staff", () => {
    assert.deepEqual(DEMO_PEOPLE.filter((p) => p.expectedCode === undefined).map((p) => p.key), ["tess", "uma", "victor", "wendy", "xavier"]);
  });

  it("places passes relative to the now it is given", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const tap = seedDemoDirectory(now).taps.get(person("avery").id)!;
    assert.equal(tap.startDateTime.toISOString(), "2029-12-31T23:50:00.000Z");
  });
});
