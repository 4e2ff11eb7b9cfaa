import assert from "node:assert/strict";
import { validateIssueForm, type IssueFormResult } from "../../../src/helpdesk/domain/issue-form";
import type { TapPolicy } from "../../../src/triage/snapshot";
import { T0 } from "./fixtures";

const policy: TapPolicy = {
  state: "enabled",
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  isUsableOnce: false,
  defaultLength: 8,
  includeTargets: [],
  excludeTargets: [],
};
const oneTimeOnly: TapPolicy = { ...policy, isUsableOnce: true };

const errorsOf = (r: IssueFormResult): string[] => (r.ok ? [] : r.errors);
const valid = (r: IssueFormResult): boolean => r.ok;

describe("validateIssueForm: defaults", () => {
  it("an empty form is one-time, the policy default lifetime, starting now", () => {
    assert.deepEqual(validateIssueForm({}, policy, T0), { ok: true, value: { lifetimeInMinutes: 60, isUsableOnce: true } });
  });

  it("empty strings count as not given", () => {
    assert.deepEqual(validateIssueForm({ startDate: "", startTime: "", lifetimeInMinutes: " ", isUsableOnce: "" }, policy, T0), {
      ok: true,
      value: { lifetimeInMinutes: 60, isUsableOnce: true },
    });
  });

  it("a policy default outside the policy bounds is clamped into them", () => {
    assert.deepEqual(validateIssueForm({}, { ...policy, defaultLifetimeInMinutes: 30 }, T0), { ok: true, value: { lifetimeInMinutes: 60, isUsableOnce: true } });
  });
});

describe("validateIssueForm: lifetime bounds", () => {
  const table: [string, unknown, boolean][] = [
    ["policy minimum - 1 (59)", "59", false],
    ["policy minimum (60)", "60", true],
    ["policy maximum (480)", "480", true],
    ["policy maximum + 1 (481)", "481", false],
    ["a number, not a string", 120, true],
    ["a fraction", "60.5", false],
    ["negative", "-60", false],
    ["words", "an hour", false],
    ["an object", { value: 60 }, false],
  ];
  for (const [name, lifetimeInMinutes, ok] of table) {
    it(name, () => {
      assert.equal(valid(validateIssueForm({ lifetimeInMinutes }, policy, T0)), ok);
    });
  }

  it("Graph's own floor of 10 applies under a looser policy", () => {
    assert.equal(valid(validateIssueForm({ lifetimeInMinutes: "9" }, { ...policy, minimumLifetimeInMinutes: 5 }, T0)), false);
  });

  it("Graph's own ceiling of 43200 applies under a looser policy", () => {
    assert.equal(valid(validateIssueForm({ lifetimeInMinutes: "43201" }, { ...policy, maximumLifetimeInMinutes: 50000 }, T0)), false);
  });

  it("the error names the policy's range", () => {
    assert.deepEqual(errorsOf(validateIssueForm({ lifetimeInMinutes: "481" }, policy, T0)), ["The lifetime must be between 60 and 480 minutes (your organization's pass policy)."]);
  });
});

describe("validateIssueForm: one-time", () => {
  it("multi-use is allowed when the policy allows it", () => {
    assert.deepEqual(validateIssueForm({ isUsableOnce: "false" }, policy, T0), { ok: true, value: { lifetimeInMinutes: 60, isUsableOnce: false } });
  });

  it("multi-use under a one-time-only policy is refused", () => {
    assert.equal(valid(validateIssueForm({ isUsableOnce: "false" }, oneTimeOnly, T0)), false);
  });

  it("one-time under a one-time-only policy is fine", () => {
    assert.equal(valid(validateIssueForm({ isUsableOnce: "true" }, oneTimeOnly, T0)), true);
  });

  it("a real boolean is read too", () => {
    assert.equal(valid(validateIssueForm({ isUsableOnce: false }, policy, T0)), true);
  });

  it("anything else is an error", () => {
    assert.equal(valid(validateIssueForm({ isUsableOnce: "maybe" }, policy, T0)), false);
  });
});

describe("validateIssueForm: start", () => {
  const startOf = (r: IssueFormResult): string | undefined => (r.ok ? r.value.startDateTime?.toISOString() : "error");

  it("a date and time later today (UTC)", () => {
    assert.equal(startOf(validateIssueForm({ startDate: "2026-11-28", startTime: "14:30" }, policy, T0)), "2026-11-28T14:30:00.000Z");
  });

  it("reads the date and time in the agent's zone", () => {
    assert.equal(startOf(validateIssueForm({ startDate: "2026-11-28", startTime: "14:30" }, policy, T0, { utcOffsetInMinutes: 60 })), "2026-11-28T13:30:00.000Z");
  });

  it("only a time means today", () => {
    assert.equal(startOf(validateIssueForm({ startTime: "18:00" }, policy, T0)), "2026-11-28T18:00:00.000Z");
  });

  it("only a date means the start of that day", () => {
    assert.equal(startOf(validateIssueForm({ startDate: "2026-11-30" }, policy, T0)), "2026-11-30T00:00:00.000Z");
  });

  it("a full ISO time with a zone is read as is", () => {
    assert.equal(startOf(validateIssueForm({ startDate: "2026-11-29T08:00:00+01:00" }, policy, T0)), "2026-11-29T07:00:00.000Z");
  });

  it("a start 4 minutes ago (clock skew) means now", () => {
    assert.deepEqual(validateIssueForm({ startDate: "2026-11-28", startTime: "11:56" }, policy, T0), { ok: true, value: { lifetimeInMinutes: 60, isUsableOnce: true } });
  });

  it("a start 6 minutes ago is in the past", () => {
    assert.deepEqual(errorsOf(validateIssueForm({ startDate: "2026-11-28", startTime: "11:54" }, policy, T0)), [
      "The start time is in the past. Leave it empty to start the pass now.",
    ]);
  });

  it("exactly 30 days ahead is allowed", () => {
    assert.equal(startOf(validateIssueForm({ startDate: "2026-12-28", startTime: "12:00" }, policy, T0)), "2026-12-28T12:00:00.000Z");
  });

  it("30 days and a minute ahead is refused", () => {
    assert.equal(valid(validateIssueForm({ startDate: "2026-12-28", startTime: "12:01" }, policy, T0)), false);
  });

  it("an impossible date is refused", () => {
    assert.equal(valid(validateIssueForm({ startDate: "2026-02-30", startTime: "10:00" }, policy, T0)), false);
  });

  it("an impossible time is refused", () => {
    assert.equal(valid(validateIssueForm({ startDate: "2026-11-29", startTime: "25:00" }, policy, T0)), false);
  });

  it("a date in another format is refused", () => {
    assert.equal(valid(validateIssueForm({ startDate: "28/11/2026", startTime: "14:30" }, policy, T0)), false);
  });
});

describe("validateIssueForm: garbage never throws", () => {
  const inputs: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["a string", "lifetime=60"],
    ["an array", [60]],
    ["a number", 42],
  ];
  for (const [name, raw] of inputs) {
    it(`${name} is an error`, () => {
      assert.equal(valid(validateIssueForm(raw, policy, T0)), false);
    });
  }

  it("reports every problem at once", () => {
    assert.equal(errorsOf(validateIssueForm({ lifetimeInMinutes: "5", isUsableOnce: "false", startDate: "2020-01-01" }, oneTimeOnly, T0)).length, 3);
  });

  it("a disabled pass policy is an error", () => {
    assert.equal(valid(validateIssueForm({}, { ...policy, state: "disabled" }, T0)), false);
  });

  it("ignores the card's other data (verb, ticket id)", () => {
    assert.equal(valid(validateIssueForm({ ticketId: "T-ABCDEF", verb: "ticket_issue" }, policy, T0)), true);
  });
});
