import assert from "node:assert/strict";
import { assessSetup } from "../../../src/setup/assess";
import { SETUP_AREAS } from "../../../src/setup/facts";
import { checked } from "../../../src/triage/snapshot";
import { caPolicy, STRENGTHS } from "../../support/snapshot-builder";
import { allPresent, healthyFacts, tapPolicy } from "./fixtures";

describe("setup/assess", () => {
  it("a tenant with everything in order is all green", () => {
    const a = assessSetup(healthyFacts(), { timeZone: "UTC" });
    assert.equal(a.overall, "green");
    assert.deepEqual(a.counts, { green: a.lines.length, amber: 0, red: 0 });
  });

  it("lines come in area order whatever order they were produced in", () => {
    const facts = healthyFacts({
      tapPolicy: checked(tapPolicy({ state: "disabled" })),
      caPolicies: checked([caPolicy({ users: { includeUsers: ["All"] }, grant: { operator: "OR", builtInControls: [], authenticationStrengthId: STRENGTHS.phishingResistant.id } })]),
      probes: allPresent().map((p) => (p.id === "signIns" ? { ...p, status: "missing_license" as const } : p)),
    });
    const a = assessSetup(facts, { timeZone: "UTC" });
    const order = a.lines.map((l) => SETUP_AREAS.indexOf(l.area));
    assert.deepEqual(order, [...order].sort((x, y) => x - y));
    assert.deepEqual(a.lines.filter((l) => l.status === "red").map((l) => l.area), ["tap_policy", "ca_sign_in", "bot_access"]);
    assert.equal(a.overall, "red");
    assert.equal(a.counts.red, 3);
  });

  it("amber is the worst when nothing is red", () => {
    const a = assessSetup(healthyFacts({ lastWrite: undefined }), { timeZone: "UTC" });
    assert.equal(a.overall, "amber");
    assert.equal(a.counts.amber, 1);
  });

  it("a one-time-only policy judges strengths for one-time passes", () => {
    const multiOnly = { id: "m", displayName: "Reusable only", allowedCombinations: ["temporaryAccessPassMultiUse"] };
    const onRegistration = caPolicy({
      users: { includeUsers: ["All"] },
      applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
      grant: { operator: "OR", builtInControls: [], authenticationStrengthId: "m" },
    });
    const facts = (isUsableOnce: boolean) => healthyFacts({ tapPolicy: checked(tapPolicy({ isUsableOnce })), caPolicies: checked([onRegistration]), strengths: checked([multiOnly]) });
    assert.equal(assessSetup(facts(true), { timeZone: "UTC" }).overall, "red");
    assert.equal(assessSetup(facts(false), { timeZone: "UTC" }).overall, "green");
  });
});
