import { strict as assert } from "node:assert";
import { detectFindings, formatMinutes, type AlertSettings } from "../../../src/alerts/findings";
import { describePolicyDrift } from "../../../src/alerts/policy-drift";
import type { HolderMethods, PermanentMethod, ScanInput, TapSignInFailure } from "../../../src/alerts/scan-input";
import type { TapInfo, TapPolicy } from "../../../src/triage/snapshot";

const NOW = new Date("2026-12-03T12:00:00Z");
const min = (m: number): Date => new Date(NOW.getTime() + m * 60_000);
const SETTINGS: AlertSettings = { expiryWindowMinutes: 60, maxLifetimeMinutes: 480, requireOneTime: false, burstThreshold: 5, burstWindowMinutes: 60 };

function tap(over: Partial<TapInfo> = {}): TapInfo {
  return { id: "tap-1", createdAt: min(-30), startsAt: min(-30), lifetimeInMinutes: 60, isUsableOnce: true, isUsable: true, usabilityReason: "EnabledByPolicy", ...over };
}
function holder(taps: TapInfo[], permanentMethods: PermanentMethod[] = []): HolderMethods {
  return { userId: "u1", displayName: "Ada", taps, permanentMethods, sources: ["report"] };
}
const POLICY: TapPolicy = { state: "enabled", defaultLifetimeInMinutes: 60, minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, isUsableOnce: false, defaultLength: 8, includeTargets: [{ id: "all_users", targetType: "group" }], excludeTargets: [] };

function input(holders: HolderMethods[], over: Partial<ScanInput> = {}): ScanInput {
  return {
    at: NOW,
    holders,
    unreadable: [],
    tapPolicy: { ok: true, value: POLICY },
    methodConfigs: { ok: true, value: [{ id: "Fido2", state: "enabled", includeTargets: [], excludeTargets: [] }, { id: "MicrosoftAuthenticator", state: "enabled", includeTargets: [], excludeTargets: [] }] },
    tapFailures: { ok: true, value: [] },
    sources: { report: { ok: true, value: holders.length }, audit: { ok: true, value: 0 }, bot: 0 },
    gaps: [],
    figures: { graphRequests: 0, reportPages: 0, auditPages: 0, methodBatches: 0, holdersRead: holders.length, startedAt: NOW, finishedAt: NOW },
    ...over,
  };
}
const kinds = (i: ScanInput, s: AlertSettings = SETTINGS, previous?: TapPolicy): string[] => detectFindings(i, previous, s).map((f) => f.kind);

describe("alert findings: one rule per problem, at its boundaries", () => {
  const lifecycle: Array<[string, HolderMethods, string[]]> = [
    ["usable, ends in exactly 60 min (inside the window)", holder([tap({ startsAt: min(-30), lifetimeInMinutes: 90 })]), ["expiring_unused"]],
    ["usable, ends in 61 min (outside the window)", holder([tap({ startsAt: min(-29), lifetimeInMinutes: 90 })]), []],
    ["usable, ends soon, but a permanent method is registered", holder([tap()], [{ kind: "microsoftAuthenticator", createdAt: min(-600) }]), []],
    ["expired, still registered", holder([tap({ isUsable: false, usabilityReason: "Expired", startsAt: min(-120) })]), ["stale_pass"]],
    ["ended by the clock though Graph still says usable", holder([tap({ startsAt: min(-61), lifetimeInMinutes: 60 })]), ["stale_pass"]],
    ["one-time pass used, still registered", holder([tap({ isUsable: false, usabilityReason: "OneTimeUsed" })]), ["stale_pass"]],
    ["passkey registered after the pass", holder([tap({ lifetimeInMinutes: 240 })], [{ kind: "fido2", createdAt: min(-10) }]), ["kept_after_permanent"]],
    ["Windows Hello registered before the pass (not 'since')", holder([tap({ lifetimeInMinutes: 240 })], [{ kind: "windowsHelloForBusiness", createdAt: min(-600) }]), []],
    ["disabled by policy: not 'ending soon' (it can't be used anyway)", holder([tap({ isUsable: false, usabilityReason: "DisabledByPolicy" })]), []],
    ["one-time, disabled by policy, a passkey since: can't tell (used or not)", holder([tap({ isUsable: false, usabilityReason: "DisabledByPolicy", lifetimeInMinutes: 240 })], [{ kind: "fido2", createdAt: min(-5) }]), []],
    ["multi-use, disabled by a one-time policy, a passkey since: kept", holder([tap({ isUsable: false, isUsableOnce: false, usabilityReason: "DisabledByPolicy", lifetimeInMinutes: 240 })], [{ kind: "fido2", createdAt: min(-5) }]), ["kept_after_permanent"]],
    ["disabled by policy and ended by the clock: stale", holder([tap({ isUsable: false, usabilityReason: "DisabledByPolicy", startsAt: min(-120) })]), ["stale_pass"]],
    ["not yet valid (starts later): nothing yet", holder([tap({ startsAt: min(30), isUsable: false, usabilityReason: "NotYetValid" })]), []],
    ["used and a permanent method since: one finding (stale), not two", holder([tap({ isUsable: false, usabilityReason: "OneTimeUsed" })], [{ kind: "fido2", createdAt: min(-5) }]), ["stale_pass"]],
  ];
  for (const [name, h, expected] of lifecycle) it(name, () => assert.deepEqual(kinds(input([h])), expected));

  it("permanent methods unknown (pass-only permission): ending soon is told with the doubt, and nobody is nudged", () => {
    const [f] = detectFindings(input([{ ...holder([tap()]), permanentMethodsUnknown: true }]), undefined, SETTINGS);
    assert.equal(f.kind, "expiring_unused");
    assert.match(f.text, /whether a permanent method is registered couldn't be checked/);
    assert.equal(f.nudge, false);
    assert.equal(detectFindings(input([holder([tap()])]), undefined, SETTINGS)[0].nudge, true);
  });

  it("lifetime above the organisation's maximum: 481 min is, 480 isn't", () => {
    assert.deepEqual(kinds(input([holder([tap({ lifetimeInMinutes: 481, startsAt: min(-10) })])])), ["lifetime_over_max"]);
    assert.deepEqual(kinds(input([holder([tap({ lifetimeInMinutes: 480, startsAt: min(-10) })])])), []);
  });

  it("the policy tightens the rules: a lower policy maximum, or one-time only", () => {
    const strict = { ...POLICY, maximumLifetimeInMinutes: 240, isUsableOnce: true };
    const h = holder([tap({ isUsableOnce: false, lifetimeInMinutes: 300, startsAt: min(-10) })]);
    assert.deepEqual(kinds(input([h], { tapPolicy: { ok: true, value: strict } })), ["lifetime_over_max", "multi_use"]);
    assert.deepEqual(kinds(input([h], { tapPolicy: { ok: true, value: { ...strict, state: "disabled" } } })).filter((k) => k !== "method_off"), []);
  });

  it("multi-use only when the organisation wants one-time passes", () => {
    const h = holder([tap({ isUsableOnce: false, lifetimeInMinutes: 240 })]);
    assert.deepEqual(kinds(input([h])), []);
    assert.deepEqual(kinds(input([h]), { ...SETTINGS, requireOneTime: true }), ["multi_use"]);
  });

  it("an ended pass is stale, not also over the lifetime rule", () => {
    assert.deepEqual(kinds(input([holder([tap({ lifetimeInMinutes: 600, startsAt: min(-700), isUsable: false, usabilityReason: "Expired" })])])), ["stale_pass"]);
  });

  it("keys are stable per pass and kind; text names the person, never a value", () => {
    const [f] = detectFindings(input([holder([tap({ isUsable: false, usabilityReason: "Expired", startsAt: min(-120) })])]), undefined, SETTINGS);
    assert.equal(f.key, "stale_pass:tap-1");
    assert.match(f.text, /^Ada: the pass expired/);
    assert.equal(f.pass?.endsAt, min(-60).toISOString());
  });

  it("policy drift against the previous scan's policy; none on the first scan", () => {
    const changed = { ...POLICY, maximumLifetimeInMinutes: 1440, isUsableOnce: true, excludeTargets: [{ id: "g-1", targetType: "group" }] };
    assert.deepEqual(kinds(input([], { tapPolicy: { ok: true, value: changed } }), SETTINGS, POLICY), ["policy_drift"]);
    assert.deepEqual(kinds(input([], { tapPolicy: { ok: true, value: changed } })), []);
    assert.deepEqual(kinds(input([]), SETTINGS, POLICY), []);
  });

  it("first scan: drift from the audit log's policy changes, with who changed what; later: named on the snapshot drift", () => {
    const change = { configurationId: "TemporaryAccessPass", at: min(-60), initiatedBy: "victor@northwind-demo.example", changes: [{ name: "isUsableOnce", oldValue: "false", newValue: "true" }, { name: "maximumLifetimeInMinutes", oldValue: "1440", newValue: "480" }] };
    const fido = { configurationId: "Fido2", at: min(-30), changes: [{ name: "state", oldValue: '"enabled"', newValue: '"disabled"' }] };
    const first = detectFindings(input([], { policyChanges: { ok: true, value: [change, fido] } }), undefined, SETTINGS);
    assert.deepEqual(first.map((f) => f.text), ["The Temporary Access Pass policy was changed by victor@northwind-demo.example: one-time only false → true; maximum lifetime (min) 1440 → 480."]);
    const later = detectFindings(input([], { policyChanges: { ok: true, value: [change] }, tapPolicy: { ok: true, value: { ...POLICY, isUsableOnce: true } } }), POLICY, SETTINGS);
    assert.match(later[0].text, /changed since the last scan \(changed by victor@northwind-demo\.example\): passes are now one-time only/);
    assert.deepEqual(detectFindings(input([], { policyChanges: { ok: true, value: [change] } }), POLICY, SETTINGS), [], "no snapshot change: the old event isn't news");
    const unattributed = detectFindings(input([], { policyChanges: { ok: true, value: [change] }, tapPolicy: { ok: true, value: { ...POLICY, isUsableOnce: true } } }), POLICY, SETTINGS, min(-15));
    assert.match(unattributed[0].text, /changed since the last scan: passes/, "a change logged before the previous scan doesn't name who made this one");
  });

  it("methods switched off: TAP itself, passkeys, Authenticator", () => {
    const off = input([], {
      tapPolicy: { ok: true, value: { ...POLICY, state: "disabled" } },
      methodConfigs: { ok: true, value: [{ id: "Fido2", state: "disabled", includeTargets: [], excludeTargets: [] }, { id: "MicrosoftAuthenticator", state: "enabled", includeTargets: [], excludeTargets: [] }] },
    });
    assert.deepEqual(detectFindings(off, undefined, SETTINGS).map((f) => f.key), ["method_off:Fido2", "method_off:TemporaryAccessPass"]);
  });

  describe("burst of pass sign-in failures", () => {
    const failures = (n: number, minutesAgo = 10): TapSignInFailure[] => Array.from({ length: n }, (_, i) => ({ userId: `u${i % 3}`, errorCode: 130504, at: min(-minutesAgo) }));
    it("4 in the window: no burst; 5: a burst", () => {
      assert.deepEqual(kinds(input([], { tapFailures: { ok: true, value: failures(4) } })), []);
      assert.deepEqual(kinds(input([], { tapFailures: { ok: true, value: failures(5) } })), ["failure_burst"]);
    });
    it("failures older than the window don't count", () => {
      assert.deepEqual(kinds(input([], { tapFailures: { ok: true, value: failures(9, 61) } })), []);
    });
    it("the fingerprint changes when the burst doubles, not before", () => {
      const fp = (n: number): string => detectFindings(input([], { tapFailures: { ok: true, value: failures(n) } }), undefined, SETTINGS)[0].fingerprint;
      assert.equal(fp(5), fp(7));
      assert.notEqual(fp(7), fp(8));
    });
    it("unreadable sign-in logs: no finding (a gap, not a claim)", () => {
      assert.deepEqual(kinds(input([], { tapFailures: { ok: false, reason: "needs AuditLog.Read.All" } })), []);
    });
  });

  it("describes drift in plain words", () => {
    assert.deepEqual(describePolicyDrift(POLICY, { ...POLICY, state: "disabled", defaultLifetimeInMinutes: 120, includeTargets: [{ id: "g-2", targetType: "group" }] }), [
      "switched off",
      "default lifetime 60 → 120 min",
      "included added: group g-2",
      "included removed: all users",
    ]);
  });

  it("formats durations", () => {
    assert.deepEqual([formatMinutes(90), formatMinutes(480), formatMinutes(2880), formatMinutes(3000)], ["90 min", "8 h", "2 d", "2 d 2 h"]);
  });
});
