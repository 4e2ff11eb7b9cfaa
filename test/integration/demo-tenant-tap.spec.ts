// Temporary Access Pass behaviour of the demo tenant: usability computed from the clock and policy, create/replace/delete, refusals.
import assert from "node:assert/strict";
import type { GraphError } from "@microsoft/microsoft-graph-client";
import { person, startHarness, tapPath, valueOf, type Harness } from "./demo-tenant-support";

const MINUTE = 60_000;

describe("demo tenant: pass usability over time", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  const avery = async () => valueOf(await h.client.api(tapPath("avery")).get())[0];

  it("is usable one millisecond before expiry", async () => {
    await h.clock.advance(50 * MINUTE - 1);
    const tap = await avery();
    assert.deepEqual([tap.isUsable, tap.methodUsabilityReason], [true, "EnabledByPolicy"]);
  });

  it("is expired exactly at startDateTime + lifetimeInMinutes", async () => {
    await h.clock.advance(50 * MINUTE);
    const tap = await avery();
    assert.deepEqual([tap.isUsable, tap.methodUsabilityReason], [false, "Expired"]);
  });

  it("is not yet valid before its startDateTime", async () => {
    const tap = (await h.client.api(tapPath("chloe")).get()).value[0];
    assert.deepEqual([tap.isUsable, tap.methodUsabilityReason], [false, "NotYetValid"]);
  });

  it("becomes usable when the clock reaches its startDateTime", async () => {
    const start = (await h.client.api(tapPath("chloe")).get()).value[0].startDateTime as string;
    h.clock.set(start);
    const tap = (await h.client.api(tapPath("chloe")).get()).value[0];
    assert.deepEqual([tap.isUsable, tap.methodUsabilityReason], [true, "EnabledByPolicy"]);
  });

  it("is disabled by policy while the TAP policy is switched off", async () => {
    h.tenant.controls.setTapPolicyState("disabled");
    const tap = await avery();
    assert.deepEqual([tap.isUsable, tap.methodUsabilityReason], [false, "DisabledByPolicy"]);
  });

  it("reads one pass by id with Graph's property names and a null value", async () => {
    const id = h.tenant.directory.taps.get(person("avery").id)!.id;
    const tap = await h.client.api(`${tapPath("avery")}/${id}`).get();
    assert.deepEqual(Object.keys(tap).sort(), ["@odata.context", "@odata.type", "createdDateTime", "id", "isUsable", "isUsableOnce", "lifetimeInMinutes", "methodUsabilityReason", "startDateTime", "temporaryAccessPass"].sort());
  });
});

describe("demo tenant: issuing passes", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  const refusal = (key: string, body: unknown) =>
    h.client.api(tapPath(key)).post(body).then(() => assert.fail("expected a 400"), (e: GraphError) => [e.statusCode, e.code, e.message]);

  it("answers 201 with the value and the policy defaults", async () => {
    const created = await h.client.api(tapPath("hana")).post({});
    assert.deepEqual(
      [created.lifetimeInMinutes, created.isUsableOnce, created.isUsable, created.methodUsabilityReason, created.startDateTime],
      [60, true, true, "EnabledByPolicy", "2026-11-28T12:00:00.000Z"],
    );
  });

  it("returns a value of the policy's length mixing letters with digits or symbols", async () => {
    const { temporaryAccessPass } = await h.client.api(tapPath("hana")).post({ lifetimeInMinutes: 120 });
    assert.match(temporaryAccessPass, /^(?=.*[a-z])(?=.*[A-Z])(?=.*[^A-Za-z]).{8}$/);
  });

  it("never returns the value on a later GET", async () => {
    await h.client.api(tapPath("hana")).post({});
    const listed = await h.client.api(tapPath("hana")).get();
    assert.equal(listed.value[0].temporaryAccessPass, null);
  });

  it("keeps the value out of the directory model and the request log", async () => {
    const { temporaryAccessPass } = await h.client.api(tapPath("hana")).post({});
    const kept = JSON.stringify([...h.tenant.directory.taps.values()]) + JSON.stringify(h.tenant.controls.requests());
    assert.equal(kept.includes(temporaryAccessPass as string), false);
  });

  it("replaces the previous pass instead of adding a second one", async () => {
    const before = h.tenant.directory.taps.get(person("avery").id)!.id;
    const created = await h.client.api(tapPath("avery")).post({ lifetimeInMinutes: 90 });
    const listed = await h.client.api(tapPath("avery")).get();
    assert.deepEqual([listed.value.length, listed.value[0].id === created.id, created.id === before], [1, true, false]);
  });

  it("honours a future startDateTime", async () => {
    const created = await h.client.api(tapPath("hana")).post({ startDateTime: "2026-11-29T09:00:00Z" });
    assert.deepEqual([created.isUsable, created.methodUsabilityReason], [false, "NotYetValid"]);
  });

  it("deletes a pass with 204", async () => {
    const id = h.tenant.directory.taps.get(person("avery").id)!.id;
    const r = await h.call(`${tapPath("avery")}/${id}`, { method: "DELETE" });
    assert.deepEqual([r.status, h.tenant.directory.taps.has(person("avery").id)], [204, false]);
  });

  it("answers 404 when deleting a pass that does not exist", async () => {
    const r = await h.call(`${tapPath("avery")}/6f1967b7-15e8-4935-ac26-d50770ed07a7`, { method: "DELETE" });
    assert.equal(r.status, 404);
  });

  it("refuses a lifetime below the policy minimum with Graph's message", async () => {
    assert.deepEqual(await refusal("hana", { lifetimeInMinutes: 30 }), [400, "badRequest", "Invalid LifetimeInMinutes specified. The valid range between 60 and 480."]);
  });

  it("refuses a lifetime above the policy maximum", async () => {
    assert.deepEqual((await refusal("hana", { lifetimeInMinutes: 481 }))[0], 400);
  });

  it("refuses an external guest", async () => {
    assert.deepEqual(await refusal("nora", {}), [400, "badRequest", "Temporary Access Pass cannot be added to an external guest user."]);
  });

  it("refuses someone outside the policy's include targets", async () => {
    assert.equal((await refusal("farah", {}))[2], "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].");
  });

  it("refuses someone in the policy's exclude targets", async () => {
    assert.equal((await refusal("gus", {}))[0], 400);
  });

  it("refuses everyone while the policy is disabled", async () => {
    h.tenant.controls.setTapPolicyState("disabled");
    assert.equal((await refusal("avery", {}))[2], "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].");
  });

  it("refuses a multi-use pass under a one-time policy", async () => {
    assert.deepEqual((await refusal("hana", { isUsableOnce: false })).slice(0, 2), [400, "badRequest"]);
  });

  it("issues a pass to a disabled account, as Graph allows", async () => {
    const r = await h.call(tapPath("ivan"), { method: "POST", body: {} });
    assert.equal(r.status, 201);
  });

  it("answers 413 for a body over 4 MB", async () => {
    const r = await h.call(tapPath("hana"), { method: "POST", headers: { "content-type": "application/json" }, rawBody: `"${"x".repeat(4 * 1024 * 1024)}"` });
    assert.equal(r.status, 413);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const r = await h.call(tapPath("hana"), { method: "POST", headers: { "content-type": "application/json" }, rawBody: "{not json" });
    assert.equal(r.status, 400);
  });
});
