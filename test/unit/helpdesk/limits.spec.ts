import assert from "node:assert/strict";
import { AuditLog } from "../../../src/helpdesk/repositories/audit";
import { checkLimits, type LimitResult } from "../../../src/helpdesk/domain/limits";
import type { AuditResult } from "../../../src/helpdesk/domain/model";
import { MemoryDocumentStore } from "../../../src/store/memory";
import type { Entry, RangeQuery, Versioned } from "../../../src/store/port";
import { T0, after, minutes } from "./fixtures";

const alice = { id: "alice", displayName: "Alice" };
const bob = { id: "bob", displayName: "Bob" };
const sam = { id: "sam", displayName: "Sam" };
const tess = { id: "tess", displayName: "Tess" };

async function logWith(events: { ago: number; actor?: typeof alice; target?: typeof sam; action?: string; result?: AuditResult }[]): Promise<AuditLog> {
  const log = new AuditLog(new MemoryDocumentStore());
  for (const e of events) {
    await log.append({ at: after(-e.ago).toISOString(), actor: e.actor ?? alice, action: e.action ?? "tap_issued", target: e.target ?? sam, result: e.result ?? "success" });
  }
  return log;
}

const limits = { agentId: "alice", subjectId: "sam", now: T0, perAgentPerHour: 3, perSubjectPerDay: 2 };
const which = (r: LimitResult): string => (r.ok ? "ok" : r.limit);

describe("checkLimits: per agent per hour", () => {
  // Different subjects each time, so only the agent limit is in play.
  const issuedBy = (n: number, ago = minutes(10)) => Array.from({ length: n }, (_, i) => ({ ago: ago + i * 1000, target: { id: `s${i}`, displayName: `S${i}` } }));

  it("with N-1 issued this hour, the N-th is ok", async () => {
    assert.equal(which(await checkLimits(await logWith(issuedBy(2)), limits)), "ok");
  });

  it("with N issued this hour, the N+1-th needs a helpdesk admin", async () => {
    assert.equal(which(await checkLimits(await logWith(issuedBy(3)), limits)), "per_agent_per_hour");
  });

  it("an issuance 59 minutes ago still counts", async () => {
    assert.equal(which(await checkLimits(await logWith([...issuedBy(2), ...issuedBy(1, minutes(59))]), limits)), "per_agent_per_hour");
  });

  it("an issuance 61 minutes ago doesn't count", async () => {
    assert.equal(which(await checkLimits(await logWith([...issuedBy(2), ...issuedBy(1, minutes(61))]), limits)), "ok");
  });

  it("another agent's issuances don't count", async () => {
    const others = issuedBy(3).map((e) => ({ ...e, actor: bob }));
    assert.equal(which(await checkLimits(await logWith(others), limits)), "ok");
  });

  it("denied and failed attempts don't count", async () => {
    const outcome = (i: number): AuditResult => (i === 0 ? "denied" : "failed");
    const failed = issuedBy(3).map((e, i) => ({ ...e, result: outcome(i) }));
    assert.equal(which(await checkLimits(await logWith(failed), limits)), "ok");
  });

  it("other actions don't count", async () => {
    const deletes = issuedBy(3).map((e) => ({ ...e, action: "tap_deleted" }));
    assert.equal(which(await checkLimits(await logWith(deletes), limits)), "ok");
  });

  it("says the count and limit in plain words", async () => {
    const r = await checkLimits(await logWith(issuedBy(3)), limits);
    assert.match(r.ok ? "" : r.reason, /3 passes in the last hour \(limit 3\)/);
  });
});

describe("checkLimits: per subject per day", () => {
  it("with N-1 passes for the person today, the N-th is ok", async () => {
    assert.equal(which(await checkLimits(await logWith([{ ago: minutes(120), actor: bob }]), limits)), "ok");
  });

  it("with N passes for the person today, the N+1-th needs a helpdesk admin", async () => {
    const log = await logWith([{ ago: minutes(120), actor: bob }, { ago: minutes(23 * 60), actor: tess }]);
    assert.equal(which(await checkLimits(log, limits)), "per_subject_per_day");
  });

  it("a pass 24 hours and a minute ago doesn't count", async () => {
    const log = await logWith([{ ago: minutes(120), actor: bob }, { ago: minutes(24 * 60 + 1), actor: tess }]);
    assert.equal(which(await checkLimits(log, limits)), "ok");
  });
});

describe("checkLimits: what it reads", () => {
  /** A store that records every range it is asked for and refuses whole-collection listing. */
  class RecordingStore extends MemoryDocumentStore {
    readonly ranges: string[] = [];
    override list<T>(): Promise<Versioned<T>[]> {
      return Promise.reject(new Error("limits must not list a whole collection"));
    }
    override queryRange<T>(collection: string, partition: string, range?: RangeQuery): Promise<Entry<T>[]> {
      this.ranges.push(`${collection}/${partition} from ${range?.from ?? "-"}`);
      return super.queryRange<T>(collection, partition, range);
    }
  }

  it("reads only the agent's last hour and the subject's last day", async () => {
    const store = new RecordingStore();
    const log = new AuditLog(store);
    await log.append({ at: after(-minutes(5)).toISOString(), actor: bob, action: "tap_issued", target: tess, result: "success" });
    store.ranges.length = 0;
    await checkLimits(log, limits);
    assert.deepEqual(store.ranges, ["audit-by-person/alice from 2026-11-28T11:00:00.000Z", "audit-by-person/sam from 2026-11-27T12:00:00.000Z"]);
  });
});
