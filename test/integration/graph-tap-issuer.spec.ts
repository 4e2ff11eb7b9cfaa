import assert from "node:assert/strict";
import { isHelpdeskError, type HelpdeskError } from "../../src/errors";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import type { CreatedTap } from "../../src/graph/port";
import { startGraphHarness, type GraphHarness } from "../support/graph-harness";

const idOf = (key: string): string => {
  const p = DEMO_PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`no cast member ${key}`);
  return p.id;
};

/** The HelpdeskError a rejected promise carried. */
async function failure(promise: Promise<unknown>): Promise<HelpdeskError> {
  try {
    await promise;
  } catch (e) {
    if (isHelpdeskError(e)) return e;
    throw e;
  }
  throw new Error("expected a HelpdeskError");
}

describe("GraphDirectory as TapIssuer against the demo tenant", function () {
  this.timeout(30_000);
  let h: GraphHarness;
  const secrets: string[] = [];

  beforeEach(async () => {
    h = await startGraphHarness();
  });

  afterEach(async () => {
    // Whatever a test did, no pass value may have reached the log.
    const leaked = secrets.filter((s) => h.lines.some((line) => line.includes(s)));
    await h.close();
    assert.deepEqual(leaked, []);
  });

  const create = async (key: string, options: Parameters<GraphHarness["directory"]["createTemporaryAccessPass"]>[1] = {}): Promise<CreatedTap> => {
    const tap = await h.run(h.directory.createTemporaryAccessPass(idOf(key), options));
    secrets.push(tap.value);
    return tap;
  };

  describe("create, replace, delete", () => {
    it("creates a pass and returns its value once", async () => {
      const tap = await create("hana", { lifetimeInMinutes: 60 });
      assert.deepEqual([tap.value.length, tap.lifetimeInMinutes, tap.isUsableOnce, h.tenant.directory.taps.get(idOf("hana"))?.id], [8, 60, true, tap.id]);
    });

    it("returns Graph's request-id for the audit trail", async () => {
      assert.equal(typeof (await create("hana")).requestId, "string");
    });

    it("a second pass replaces the first", async () => {
      await create("hana");
      const second = await create("hana");
      assert.equal(h.tenant.directory.taps.get(idOf("hana"))?.id, second.id);
    });

    it("deletes a pass", async () => {
      const tap = await create("hana");
      await h.run(h.directory.deleteTemporaryAccessPass(idOf("hana"), tap.id));
      assert.equal(h.tenant.directory.taps.has(idOf("hana")), false);
    });

    it("deleting a pass that is gone says so plainly", async () => {
      const e = await failure(h.run(h.directory.deleteTemporaryAccessPass(idOf("hana"), "00000000-0000-0000-0000-000000000001")));
      assert.deepEqual([e.code, e.safeMessage], ["GRAPH_BAD_REQUEST", "That pass no longer exists: it may have expired or been replaced already."]);
    });

    it("never logs the pass value", async () => {
      const tap = await create("hana");
      assert.equal(h.lines.some((line) => line.includes(tap.value)), false);
    });

    it("never even tries to log it (nothing needed redacting)", async () => {
      await create("hana");
      assert.equal(h.lines.some((line) => line.includes("[redacted]")), false);
    });
  });

  describe("refusals in plain words", () => {
    it("a lifetime outside the policy names the allowed range", async () => {
      const e = await failure(h.run(h.directory.createTemporaryAccessPass(idOf("hana"), { lifetimeInMinutes: 30 })));
      assert.deepEqual([e.code, e.safeMessage], ["GRAPH_BAD_REQUEST", "That lifetime is outside what the tenant's pass policy allows: choose between 60 and 480 minutes."]);
    });

    it("an external guest", async () => {
      const e = await failure(h.run(h.directory.createTemporaryAccessPass(idOf("nora"))));
      assert.match(e.safeMessage, /external guest/);
    });

    it("someone outside the policy scope", async () => {
      const e = await failure(h.run(h.directory.createTemporaryAccessPass(idOf("farah"))));
      assert.match(e.safeMessage, /isn't covered by the tenant's Temporary Access Pass policy/);
    });

    it("a multi-use pass while the policy allows only one-time passes", async () => {
      const e = await failure(h.run(h.directory.createTemporaryAccessPass(idOf("hana"), { isUsableOnce: false })));
      assert.match(e.safeMessage, /only one-time passes/);
    });

    it("the policy switched off", async () => {
      h.tenant.controls.setTapPolicyState("disabled");
      const e = await failure(h.run(h.directory.createTemporaryAccessPass(idOf("hana"))));
      assert.match(e.safeMessage, /or the policy is turned off/);
    });

    it("a missing write permission names UserAuthMethod-TAP.ReadWrite.All", async () => {
      h.tenant.controls.denyPermission("UserAuthMethod-TAP.ReadWrite.All");
      h.tenant.controls.denyPermission("UserAuthenticationMethod.ReadWrite.All");
      const e = await failure(h.run(h.directory.createTemporaryAccessPass(idOf("hana"))));
      assert.deepEqual([e.code, e.safeMessage], ["GRAPH_FORBIDDEN", "I can't create passes: the bot's app registration lacks UserAuthMethod-TAP.ReadWrite.All."]);
    });

    it("an unknown person", async () => {
      const e = await failure(h.run(h.directory.createTemporaryAccessPass("00000000-0000-0000-0000-0000000000ff")));
      assert.equal(e.code, "USER_NOT_FOUND");
    });

    it("a refusal after an issued pass contains no pass value", async () => {
      const tap = await create("hana");
      const e = await failure(h.run(h.directory.createTemporaryAccessPass(idOf("hana"), { lifetimeInMinutes: 5 })));
      assert.equal(`${e.message} ${e.safeMessage}`.includes(tap.value), false);
    });
  });
});
