import { strict as assert } from "node:assert";
import { planDigest, snooze, type TrackedFinding } from "../../../src/alerts/digest";
import type { Finding } from "../../../src/alerts/findings";

const T0 = new Date("2026-12-03T12:00:00Z");
const later = (m: number): Date => new Date(T0.getTime() + m * 60_000);
const finding = (key: string, fingerprint = "a"): Finding => ({ key, kind: "stale_pass", fingerprint, text: key, at: T0.toISOString(), pass: { userId: `user-${key}`, tapId: key, createdAt: "", endsAt: "", lifetimeInMinutes: 60, isUsableOnce: true } });
const never = (): boolean => false;

/** Applies a plan to the tracked state, as the scanner stores it. */
function apply(tracked: TrackedFinding[], plan: ReturnType<typeof planDigest>): TrackedFinding[] {
  const byKey = new Map(tracked.map((t) => [t.key, t]));
  for (const u of plan.upserts) byKey.set(u.key, u);
  for (const r of plan.removals) byKey.delete(r);
  return [...byKey.values()];
}

describe("digest planning: new or changed only, fixed drops out, snooze holds", () => {
  it("a finding is reported once, not again by the next scan", () => {
    const first = planDigest([finding("a")], [], T0, never);
    assert.deepEqual(first.report.map((f) => f.key), ["a"]);
    const second = planDigest([finding("a")], apply([], first), later(15), never);
    assert.deepEqual(second.report, []);
  });

  it("a change of fingerprint reports it again", () => {
    const state = apply([], planDigest([finding("a", "1")], [], T0, never));
    assert.deepEqual(planDigest([finding("a", "2")], state, later(15), never).report.map((f) => f.key), ["a"]);
  });

  it("a fixed finding disappears, and is new again if it comes back", () => {
    const state = apply([], planDigest([finding("a")], [], T0, never));
    const fixed = planDigest([], state, later(15), never);
    assert.deepEqual(fixed.fixed, ["a"]);
    assert.deepEqual(fixed.removals, ["a"]);
    assert.deepEqual(planDigest([finding("a")], apply(state, fixed), later(30), never).report.map((f) => f.key), ["a"]);
  });

  it("a finding whose source couldn't be read this scan is kept, not called fixed", () => {
    const state = apply([], planDigest([finding("a")], [], T0, never));
    const plan = planDigest([], state, later(15), (t) => t.userId === "user-a");
    assert.deepEqual([plan.fixed, plan.removals], [[], []]);
  });

  it("a snoozed finding stays quiet until the snooze ends, then is reported again", () => {
    const state = apply([], planDigest([finding("a")], [], T0, never)).map((t) => snooze(t, later(60), "Ana"));
    assert.deepEqual(planDigest([finding("a")], state, later(59), never).report, []);
    assert.deepEqual(planDigest([finding("a")], state, later(60), never).report.map((f) => f.key), ["a"]);
  });

  it("a policy drift replaced by the next one is not counted as fixed", () => {
    const drift: Finding = { key: "policy_drift:1", kind: "policy_drift", fingerprint: "changed", text: "", at: T0.toISOString() };
    const state = apply([], planDigest([drift], [], T0, never));
    const next = planDigest([{ ...drift, key: "policy_drift:2" }], state, later(15), never);
    assert.deepEqual([next.fixed, next.removals, next.report.map((f) => f.key)], [[], ["policy_drift:1"], ["policy_drift:2"]]);
  });

  it("duplicate keys in one scan count once", () => {
    assert.equal(planDigest([finding("a"), finding("a")], [], T0, never).report.length, 1);
  });
});
