import assert from "node:assert/strict";
import type { PolicyTarget } from "../../../src/triage/snapshot";
import { isTargeted, targetingDetail } from "../../../src/triage/targeting";

const group = (id: string): PolicyTarget => ({ id, targetType: "group" });
const user = (id: string): PolicyTarget => ({ id, targetType: "user" });
const ALL = group("all_users");

describe("triage/targeting", () => {
  const table: [string, PolicyTarget[], PolicyTarget[], string[] | undefined, boolean | undefined][] = [
    ["targeted by group", [group("g1")], [], ["g1"], true],
    ["targeted by all_users", [ALL], [], [], true],
    ["targeted as a user", [user("u1")], [], [], true],
    ["excluded by group (exclusion wins)", [group("g1")], [group("gx")], ["g1", "gx"], false],
    ["all_users but excluded as a user", [ALL], [user("u1")], [], false],
    ["not targeted", [group("g1")], [], ["g2"], false],
    ["nobody included", [], [], ["g1"], false],
    ["membership unknown, group include", [group("g1")], [], undefined, undefined],
    ["membership unknown, all_users without exclusions", [ALL], [], undefined, true],
    ["membership unknown, all_users with a group exclusion", [ALL], [group("gx")], undefined, undefined],
    ["membership unknown, excluded as a user", [group("g1")], [user("u1")], undefined, false],
  ];
  for (const [name, include, exclude, groups, expected] of table) {
    it(name, () => {
      assert.equal(isTargeted(include, exclude, { userId: "u1", groupIds: groups }), expected);
    });
  }

  it("tells exclusion apart from non-inclusion", () => {
    assert.deepEqual(targetingDetail([group("g1")], [group("gx")], { userId: "u1", groupIds: ["g1", "gx"] }), {
      included: true,
      excluded: true,
      targeted: false,
    });
  });
});
