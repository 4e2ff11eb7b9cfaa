import { strict as assert } from "node:assert";
import { FakeClock } from "../../../src/clock";
import { MemoryDocumentStore } from "../../../src/store/memory";
import { AlertRepository } from "../../../src/alerts/repositories";
import { ALERT_ACTIONS, type AlertActionContext, type AlertAuthority } from "../../../src/alerts/actions";
import { ALERT_VERBS } from "../../../src/alerts/verbs";
import type { CleanupResult, PassCleaner } from "../../../src/helpdesk/workflow";
import type { AlertBulkConfirmView, AlertDigestView } from "../../../src/alerts/views";
import { sampleDigest } from "./samples";

/** An authority where "agent" may delete for anyone but "vip", and everyone else is refused. */
function authority(deleted: string[], notes: string[]): AlertAuthority {
  return {
    cleaner(actorId): Promise<PassCleaner | { refusal: string }> {
      if (actorId !== "agent") return Promise.resolve({ refusal: "Only helpdesk agents can act on pass alerts." });
      return Promise.resolve({
        actor: { id: "agent", displayName: "Tess Agent" },
        delete(subjectId, tapId): Promise<CleanupResult> {
          if (subjectId === "uma") return Promise.resolve({ state: "denied", reason: "Uma is a Global Administrator" });
          if (deleted.includes(tapId)) return Promise.resolve({ state: "already_gone" });
          deleted.push(tapId);
          return Promise.resolve({ state: "deleted" });
        },
        note(action, detail) {
          notes.push(`${action}: ${detail}`);
          return Promise.resolve();
        },
      });
    },
  };
}

async function setup(): Promise<{ ctx: AlertActionContext; deleted: string[]; notes: string[]; repo: AlertRepository }> {
  const repo = new AlertRepository(new MemoryDocumentStore());
  const digest = sampleDigest();
  await repo.saveDigest(digest);
  await repo.saveTracked(digest.findings.map((f) => ({ key: f.key, kind: f.kind, fingerprint: f.fingerprint, firstSeenAt: digest.createdAt, reportedAt: digest.createdAt, reportedFingerprint: f.fingerprint })), []);
  const deleted: string[] = [];
  const notes: string[] = [];
  return { ctx: { repo, authority: authority(deleted, notes), clock: new FakeClock("2026-11-28T12:05:00Z"), snoozeHours: 24 }, deleted, notes, repo };
}
const digestId = sampleDigest().id;

describe("alert card actions (through the verb table)", () => {
  it("Delete this pass: deletes that pass and updates the card in place", async () => {
    const { ctx, deleted } = await setup();
    const out = await ALERT_ACTIONS[ALERT_VERBS.deletePass](ctx, "agent", { digestId, key: "stale_pass:tap-ben" });
    assert.deepEqual(deleted, ["tap-ben"]);
    const view = (out as { view: AlertDigestView }).view;
    const item = view.groups.find((g) => g.kind === "stale_pass")?.items.find((i) => i.key === "stale_pass:tap-ben");
    assert.equal(item?.status?.state, "deleted");
    assert.equal(item?.canDelete, false);
    assert.equal(view.staleCount, 2);
  });

  it("a non-agent's click changes nothing", async () => {
    const { ctx, deleted, repo } = await setup();
    for (const verb of Object.values(ALERT_VERBS)) {
      const out = await ALERT_ACTIONS[verb](ctx, "mallory", { digestId, key: "stale_pass:tap-ben", bulkId: "x" });
      if (verb !== ALERT_VERBS.bulkCancel) assert.ok("message" in out, verb);
    }
    assert.deepEqual(deleted, []);
    assert.deepEqual((await repo.digest(digestId))?.value.statuses, {});
    assert.equal((await repo.trackedOne("stale_pass:tap-ben"))?.value.snoozedUntil, undefined);
  });

  it("a key that isn't in the stored digest acts on nothing (card data is a lookup key only)", async () => {
    const { ctx, deleted } = await setup();
    const out = await ALERT_ACTIONS[ALERT_VERBS.deletePass](ctx, "agent", { digestId, key: "stale_pass:tap-someone-else", userId: "x", tapId: "y" });
    assert.ok("message" in out);
    assert.deepEqual(deleted, []);
  });

  it("Delete all: a confirm step lists exactly the stale passes; confirm deletes exactly those, once", async () => {
    const { ctx, deleted } = await setup();
    const ask = await ALERT_ACTIONS[ALERT_VERBS.deleteStale](ctx, "agent", { digestId });
    const confirm = (ask as { view: AlertBulkConfirmView }).view;
    assert.equal(confirm.kind, "alert_bulk_confirm");
    assert.deepEqual(confirm.passes.map((p) => p.personName), ["Ben Expired", "Uma Used", "Eli Leftover"]);
    assert.deepEqual(deleted, []);
    const done = await ALERT_ACTIONS[ALERT_VERBS.bulkConfirm](ctx, "agent", { bulkId: confirm.bulkId });
    assert.deepEqual(deleted, ["tap-ben", "tap-eli"]); // Uma: the rules refuse (a Global Administrator)
    const view = (done as { view: AlertDigestView }).view;
    assert.match(view.notice ?? "", /deleted 2 of 3 .*Uma Used: Uma is a Global Administrator/);
    assert.equal(view.staleCount, 1);
    const again = await ALERT_ACTIONS[ALERT_VERBS.bulkConfirm](ctx, "agent", { bulkId: confirm.bulkId });
    assert.ok("message" in again);
    assert.deepEqual(deleted, ["tap-ben", "tap-eli"]);
  });

  it("a digest with 45 stale passes is cleaned in rounds of 20, each round exactly the passes it listed", async () => {
    const { ctx, deleted, repo } = await setup();
    const many = sampleDigest();
    many.id = "2026-11-28T12:00:00.000Z-many";
    many.findings = Array.from({ length: 45 }, (_, i) => ({ ...many.findings[2], key: `stale_pass:t${i}`, pass: { ...many.findings[2].pass!, userId: `u${i}`, tapId: `t${i}`, displayName: `P${i}` } }));
    await repo.saveDigest(many);
    const rounds: number[][] = [];
    for (let round = 0; round < 3; round++) {
      const ask = (await ALERT_ACTIONS[ALERT_VERBS.deleteStale](ctx, "agent", { digestId: many.id })) as { view: AlertBulkConfirmView };
      const before = deleted.length;
      await ALERT_ACTIONS[ALERT_VERBS.bulkConfirm](ctx, "agent", { bulkId: ask.view.bulkId });
      assert.deepEqual(deleted.slice(before), ask.view.passes.map((p) => `t${p.personName.slice(1)}`));
      rounds.push([ask.view.passes.length, ask.view.remaining]);
    }
    assert.deepEqual(rounds, [[20, 25], [20, 5], [5, 0]]);
    assert.equal(new Set(deleted).size, 45);
  });

  it("Cancel deletes nothing and shows the digest again", async () => {
    const { ctx, deleted } = await setup();
    const ask = (await ALERT_ACTIONS[ALERT_VERBS.deleteStale](ctx, "agent", { digestId })) as { view: AlertBulkConfirmView };
    const out = await ALERT_ACTIONS[ALERT_VERBS.bulkCancel](ctx, "agent", { bulkId: ask.view.bulkId });
    assert.equal((out as { view: AlertDigestView }).view.kind, "alert_digest");
    assert.deepEqual(deleted, []);
  });

  it("Snooze quiets the finding for the configured hours, audited", async () => {
    const { ctx, repo, notes } = await setup();
    const out = await ALERT_ACTIONS[ALERT_VERBS.snooze](ctx, "agent", { digestId, key: "failure_burst" });
    assert.equal((await repo.trackedOne("failure_burst"))?.value.snoozedUntil, "2026-11-29T12:05:00.000Z");
    const item = (out as { view: AlertDigestView }).view.groups.find((g) => g.kind === "failure_burst")?.items[0];
    assert.equal(item?.status?.state, "snoozed");
    assert.equal(notes.length, 1);
  });
});
