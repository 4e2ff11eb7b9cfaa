import assert from "node:assert/strict";
import { HelpdeskError } from "../../../src/errors";
import { CREATE_SKEW_MS, findCreatedPass, mayHaveCreated, riskGapRefusal, riskNotCheckedNote } from "../../../src/helpdesk/domain/issue-outcome";
import type { TapInfo } from "../../../src/triage/snapshot";
import { T0, after, member, minutes, person } from "./fixtures";

const tap = (id: string, createdAt: Date): TapInfo => ({
  id,
  createdAt,
  startsAt: createdAt,
  lifetimeInMinutes: 60,
  isUsableOnce: true,
  isUsable: true,
  usabilityReason: "EnabledByPolicy",
});
const graphError = (status: number | undefined): HelpdeskError => new HelpdeskError("GRAPH_ERROR", "Graph failed", { status });

describe("riskGapRefusal", () => {
  it("goes on when risk was read", () => {
    assert.equal(riskGapRefusal(member, "issue"), undefined);
  });

  it("waits on a passing gap (budget busy, throttled, outage)", () => {
    const sam = person("sam", { riskUnknownReason: "couldn't check the person's risk state right now", riskUnknownTransient: true });
    assert.match(riskGapRefusal(sam, "issue") ?? "", /couldn't check Sam's risk state right now, so I won't issue a pass yet\. Try again in a minute\./);
  });

  it("words the refusal for Approve too", () => {
    const sam = person("sam", { riskUnknownReason: "busy", riskUnknownTransient: true });
    assert.match(riskGapRefusal(sam, "approve") ?? "", /won't approve yet/);
  });

  it("goes on when the tenant can't read risk at all (no P2 license or permission)", () => {
    const sam = person("sam", { riskUnknownReason: "needs IdentityRiskyUser.Read.All and Entra ID P2", riskUnknownTransient: false });
    assert.equal(riskGapRefusal(sam, "issue"), undefined);
  });

  it("treats a gap of unknown kind as passing (fail closed)", () => {
    assert.ok(riskGapRefusal(person("sam", { riskUnknownReason: "something" }), "issue"));
  });
});

describe("riskNotCheckedNote", () => {
  it("is empty when risk was read", () => {
    assert.equal(riskNotCheckedNote(member), "");
  });

  it("names why risk wasn't checked", () => {
    assert.equal(riskNotCheckedNote(person("sam", { riskUnknownReason: "no P2" })), "; risk not checked: no P2");
  });
});

describe("mayHaveCreated", () => {
  const cases: [string, unknown, boolean][] = [
    ["504 gateway timeout", graphError(504), true],
    ["500 internal error", graphError(500), true],
    ["503 unavailable", graphError(503), true],
    ["no answer at all (timeout, connection reset)", new HelpdeskError("GRAPH_UNAVAILABLE", "no answer"), true],
    ["201 without a value", graphError(201), true],
    ["something that isn't a HelpdeskError", new Error("boom"), true],
    ["400 refused settings", graphError(400), false],
    ["403 not allowed", graphError(403), false],
    ["404 no such person", graphError(404), false],
    ["429 throttled before running", graphError(429), false],
  ];
  for (const [name, error, expected] of cases) {
    it(`${name}: ${expected ? "may have created" : "created nothing"}`, () => {
      assert.equal(mayHaveCreated(error), expected);
    });
  }
});

describe("findCreatedPass", () => {
  it("finds a pass whose id the person didn't have before the request", () => {
    const found = findCreatedPass([tap("new", after(-minutes(30)))], { startedAt: T0, idsBefore: ["old"] });
    assert.equal(found?.id, "new");
  });

  it("a pass the person had before isn't the new one, even if it was created a moment ago", () => {
    assert.equal(findCreatedPass([tap("old", after(-1000))], { startedAt: T0, idsBefore: ["OLD"] }), undefined);
  });

  it("nothing listed: nothing was created", () => {
    assert.equal(findCreatedPass([], { startedAt: T0, idsBefore: [] }), undefined);
  });

  it("without the ids from before, a pass created at the request start counts", () => {
    assert.equal(findCreatedPass([tap("x", T0)], { startedAt: T0 })?.id, "x");
  });

  it("without the ids from before, a pass created exactly the skew before the request counts", () => {
    assert.equal(findCreatedPass([tap("x", after(-CREATE_SKEW_MS))], { startedAt: T0 })?.id, "x");
  });

  it("without the ids from before, a pass created 1 ms more than the skew before the request doesn't", () => {
    assert.equal(findCreatedPass([tap("x", after(-CREATE_SKEW_MS - 1))], { startedAt: T0 }), undefined);
  });
});
