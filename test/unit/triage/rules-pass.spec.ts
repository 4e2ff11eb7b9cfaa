import assert from "node:assert/strict";
import { diagnose } from "../../../src/triage/diagnose";
import type { Rule } from "../../../src/triage/rule";
import { tapAlreadyUsed, tapExpired, tapMissing, tapMultiuseNotAllowed, tapNotYetValid } from "../../../src/triage/rules";
import type { Snapshot } from "../../../src/triage/snapshot";
import { healthy, signIn, type SnapshotBuilder } from "../../support/snapshot-builder";

const fires = (rule: Rule, s: Snapshot): boolean => rule.evaluate(s).finding?.code === rule.code;

describe("rule TAP_EXPIRED", () => {
  const table: [string, (b: SnapshotBuilder) => SnapshotBuilder, boolean][] = [
    ["expires in 1 minute: still valid", (b) => b.passTimes(59, 60), false],
    ["expires exactly now: expired", (b) => b.passTimes(60, 60), true],
    ["expired 1 minute ago", (b) => b.passTimes(61, 60), true],
    ["expired 2 hours ago", (b) => b.passTimes(180, 60), true],
    ["not started yet", (b) => b.passTimes(-60, 60, 5), false],
  ];
  for (const [name, setup, expected] of table) {
    it(name, () => {
      assert.equal(fires(tapExpired, setup(healthy()).build()), expected);
    });
  }

  it("does not trust isUsable: an expired pass still reading usable fires", () => {
    assert.equal(fires(tapExpired, healthy().passTimes(61, 60).pass({ isUsable: true, usabilityReason: "EnabledByPolicy" }).build()), true);
  });

  it("fires with a conflict when the directory says Expired while the times say active", () => {
    const outcome = tapExpired.evaluate(healthy().passTimes(59, 60).pass({ isUsable: false, usabilityReason: "Expired" }).build());
    assert.match(outcome.finding?.conflict ?? "", /directory reports the pass as expired/);
  });

  it("offers a new pass first", () => {
    assert.deepEqual(tapExpired.evaluate(healthy().passTimes(61, 60).build()).finding?.actions, ["new_pass", "still_broken", "fixed"]);
  });

  it("cites the 130504 sign-in as evidence", () => {
    const s = healthy().passTimes(180, 60).signIns(signIn(60, { errorCode: 130504 })).build();
    const labels = tapExpired.evaluate(s).finding?.evidence.map((e) => e.label) ?? [];
    assert.ok(labels.some((l) => l.includes("AADSTS130504")));
  });

  it("ends the steps with registering a permanent method", () => {
    const steps = tapExpired.evaluate(healthy().passTimes(61, 60).build()).finding?.userSteps ?? [];
    assert.match(steps[steps.length - 1] ?? "", /permanent way to sign in/);
  });
});

describe("rule TAP_NOT_YET_VALID", () => {
  const table: [string, (b: SnapshotBuilder) => SnapshotBuilder, boolean][] = [
    ["starts in 1 minute", (b) => b.passTimes(-1, 60, 5), true],
    ["started 1 minute ago", (b) => b.passTimes(1, 60), false],
    ["starts tomorrow", (b) => b.passTimes(-21 * 60, 60, 5), true],
  ];
  for (const [name, setup, expected] of table) {
    it(name, () => {
      assert.equal(fires(tapNotYetValid, setup(healthy()).build()), expected);
    });
  }

  it("tells the start time in the person's zone", () => {
    const s = healthy().timeZone("Europe/Berlin").passTimes(-21 * 60, 60, 5).build();
    assert.match(tapNotYetValid.evaluate(s).finding?.userSteps[0] ?? "", /Sun 29 Nov 2026, 10:00 Europe\/Berlin/);
  });

  it("fires with a conflict when the directory still says NotYetValid after the start", () => {
    const outcome = tapNotYetValid.evaluate(healthy().passTimes(1, 60).pass({ isUsable: false, usabilityReason: "NotYetValid" }).build());
    assert.match(outcome.finding?.conflict ?? "", /not yet valid/);
  });
});

describe("rule TAP_ALREADY_USED", () => {
  it("fires on OneTimeUsed", () => {
    assert.equal(fires(tapAlreadyUsed, healthy().pass({ isUsable: false, usabilityReason: "OneTimeUsed" }).build()), true);
  });

  it("stays silent on an unused one-time pass", () => {
    assert.equal(fires(tapAlreadyUsed, healthy().build()), false);
  });

  it("shows the success that probably used it", () => {
    const s = healthy()
      .passTimes(30, 60)
      .pass({ isUsable: false, usabilityReason: "OneTimeUsed" })
      .signIns(signIn(20, { errorCode: 0 }), signIn(5, { errorCode: 130501 }))
      .build();
    const labels = tapAlreadyUsed.evaluate(s).finding?.evidence.map((e) => e.label) ?? [];
    assert.ok(labels.includes("Pass probably used for this sign-in"));
  });
});

describe("rule TAP_MULTIUSE_NOT_ALLOWED", () => {
  it("fires for a multi-use pass under a one-time policy", () => {
    assert.equal(fires(tapMultiuseNotAllowed, healthy().pass({ isUsableOnce: false, isUsable: false, usabilityReason: "DisabledByPolicy" }).build()), true);
  });

  it("stays silent when the policy allows multi-use passes", () => {
    assert.equal(fires(tapMultiuseNotAllowed, healthy().tapPolicy({ isUsableOnce: false }).pass({ isUsableOnce: false }).build()), false);
  });

  it("stays silent for a one-time pass", () => {
    assert.equal(fires(tapMultiuseNotAllowed, healthy().build()), false);
  });

  it("is chosen over 'not in policy' to explain DisabledByPolicy", () => {
    const s = healthy().pass({ isUsableOnce: false, isUsable: false, usabilityReason: "DisabledByPolicy" }).build();
    assert.deepEqual(diagnose(s).findings.map((f) => f.code), ["TAP_MULTIUSE_NOT_ALLOWED"]);
  });
});

describe("rule TAP_MISSING", () => {
  it("fires when there's no pass", () => {
    assert.equal(fires(tapMissing, healthy().noPass().build()), true);
  });

  it("stays silent when the passes can't be read", () => {
    assert.equal(fires(tapMissing, healthy().unreadable("taps", "no UserAuthenticationMethod.Read.All").build()), false);
  });

  it("stays silent for an external guest (no pass can be added)", () => {
    const s = healthy().noPass().user({ userType: "Guest", creationType: "Invitation" }).build();
    assert.equal(fires(tapMissing, s), false);
  });

  it("says who may issue, naming the privileged role for an admin", () => {
    const s = healthy().noPass().roles("62e90394-69f5-4237-9190-012177145e10").build();
    const notes = tapMissing.evaluate(s).finding?.agentNotes.join(" ") ?? "";
    assert.match(notes, /Privileged Authentication Administrator/);
  });
});
