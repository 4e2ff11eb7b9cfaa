import assert from "node:assert/strict";
import type { SetupLine } from "../../../src/setup/facts";
import { policyLines } from "../../../src/setup/policy-lines";
import { checked, unchecked, type MethodPolicy, type TapPolicy } from "../../../src/triage/snapshot";
import { GROUPS, method, NAMES, tapPolicy } from "./fixtures";

const BOTH_ON = [method("Fido2"), method("MicrosoftAuthenticator")];

function lines(policy: Partial<TapPolicy> = {}, methods: MethodPolicy[] = BOTH_ON): SetupLine[] {
  return policyLines(checked(tapPolicy(policy)), checked(methods), NAMES);
}
const line = (all: SetupLine[], area: SetupLine["area"]): SetupLine => {
  const found = all.find((l) => l.area === area);
  assert.ok(found, `no ${area} line`);
  return found;
};

describe("setup/policy-lines", () => {
  describe("the pass policy switch", () => {
    it("on → green", () => assert.equal(line(lines(), "tap_policy").status, "green"));
    it("off → red, with where to switch it on", () => {
      const l = line(lines({ state: "disabled" }), "tap_policy");
      assert.equal(l.status, "red");
      assert.match(l.finding, /no pass works/);
      assert.match(l.fix, /Temporary Access Pass: Enable/);
    });
    it("unreadable → one amber line in place of every policy line, with the reason", () => {
      const all = policyLines(unchecked("couldn't read the authentication methods policy: the bot's app registration isn't allowed to (needs Policy.Read.AuthenticationMethod)"), checked(BOTH_ON), NAMES);
      assert.deepEqual(all.map((l) => [l.area, l.status]), [["tap_policy", "amber"]]);
      assert.match(all[0].finding, /^Couldn't read the authentication methods policy/);
    });
  });

  describe("whom it targets", () => {
    const table: [string, Partial<TapPolicy>, SetupLine["status"], RegExp][] = [
      ["all users", {}, "green", /^Everyone in the organization\.$/],
      ["all users minus a group", { excludeTargets: [{ id: GROUPS.tapExcluded, targetType: "group" }] }, "green", /Everyone except members of TAP Excluded/],
      ["one group", { includeTargets: [{ id: GROUPS.tapUsers, targetType: "group" }] }, "amber", /^Only members of TAP Users\. Anyone else/],
      [
        "a group minus a group",
        { includeTargets: [{ id: GROUPS.tapUsers, targetType: "group" }], excludeTargets: [{ id: GROUPS.tapExcluded, targetType: "group" }] },
        "amber",
        /^Only members of TAP Users \(except members of TAP Excluded\)/,
      ],
      ["a group whose name couldn't be read", { includeTargets: [{ id: "0f0e0d0c-aaaa", targetType: "group" }] }, "amber", /members of the group 0f0e0d0c…/],
      ["people named directly", { includeTargets: [{ id: "u1", targetType: "user" }, { id: "u2", targetType: "user" }] }, "amber", /Only 2 people named in it/],
      ["nobody", { includeTargets: [] }, "red", /targets nobody/],
    ];
    for (const [name, patch, status, finding] of table) {
      it(`${name} → ${status}`, () => {
        const l = line(lines(patch), "tap_targets");
        assert.equal(l.status, status);
        assert.match(l.finding, finding);
        assert.equal(l.fix === "", status === "green");
      });
    }
  });

  describe("lifetimes", () => {
    const table: [string, Partial<TapPolicy>, SetupLine["status"], RegExp][] = [
      ["Entra's defaults", {}, "green", /^1 hour by default; the helpdesk can choose between 1 hour and 8 hours\.$/],
      ["maximum of exactly 1 hour", { minimumLifetimeInMinutes: 10, defaultLifetimeInMinutes: 60, maximumLifetimeInMinutes: 60 }, "green", /between 10 minutes and 1 hour/],
      ["maximum one minute under an hour", { minimumLifetimeInMinutes: 10, defaultLifetimeInMinutes: 30, maximumLifetimeInMinutes: 59 }, "amber", /at most 59 minutes: too short to set up a new Windows device/],
      ["maximum of exactly a day", { maximumLifetimeInMinutes: 1440 }, "green", /between 1 hour and 1 day/],
      ["maximum one minute over a day", { maximumLifetimeInMinutes: 1441 }, "amber", /up to 1 day 1 minute: a pass that leaks works that long/],
      ["default of exactly 8 hours", { defaultLifetimeInMinutes: 480, maximumLifetimeInMinutes: 1440 }, "green", /^8 hours by default/],
      ["default one minute over 8 hours", { defaultLifetimeInMinutes: 481, maximumLifetimeInMinutes: 1440 }, "amber", /New passes last 8 hours 1 minute/],
      ["minimum above maximum", { minimumLifetimeInMinutes: 600, maximumLifetimeInMinutes: 480 }, "red", /no pass can be created/],
    ];
    for (const [name, patch, status, finding] of table) {
      it(`${name} → ${status}`, () => {
        const l = line(lines(patch), "tap_lifetime");
        assert.equal(l.status, status);
        assert.match(l.finding, finding);
      });
    }
    it("a too-short maximum is fixed by raising it, a too-long one by lowering it", () => {
      assert.match(line(lines({ minimumLifetimeInMinutes: 10, defaultLifetimeInMinutes: 30, maximumLifetimeInMinutes: 30 }), "tap_lifetime").fix, /raise the maximum/);
      assert.match(line(lines({ maximumLifetimeInMinutes: 43200 }), "tap_lifetime").fix, /maximum at a working day/);
    });
  });

  describe("one-time use", () => {
    const table: [string, Partial<TapPolicy>, SetupLine["status"], RegExp][] = [
      ["one-time only", { isUsableOnce: true }, "green", /Every pass is one-time\. .*10 minutes to register a passkey/],
      ["one-time only, long lifetimes", { isUsableOnce: true, maximumLifetimeInMinutes: 43200 }, "green", /Every pass is one-time/],
      ["reusable allowed, maximum 8 hours", { isUsableOnce: false, maximumLifetimeInMinutes: 480 }, "green", /one-time or reusable/],
      ["reusable allowed, maximum 8 hours 1 minute", { isUsableOnce: false, maximumLifetimeInMinutes: 481 }, "amber", /works like a second password/],
    ];
    for (const [name, patch, status, finding] of table) {
      it(`${name} → ${status}`, () => {
        const l = line(lines(patch), "tap_one_time");
        assert.equal(l.status, status);
        assert.match(l.finding, finding);
      });
    }
  });

  describe("permanent methods after a pass", () => {
    const off = (id: "Fido2" | "MicrosoftAuthenticator") => method(id, { state: "disabled" });
    const kioskLeftOut = { excludeTargets: [{ id: GROUPS.kiosk, targetType: "group" }] };
    const table: [string, MethodPolicy[], SetupLine["status"], SetupLine["status"]][] = [
      ["both on for everyone", BOTH_ON, "green", "green"],
      ["FIDO2 off", [off("Fido2"), method("MicrosoftAuthenticator")], "amber", "green"],
      ["Authenticator off", [method("Fido2"), off("MicrosoftAuthenticator")], "green", "amber"],
      ["both off", [off("Fido2"), off("MicrosoftAuthenticator")], "red", "red"],
      ["both on, Kiosk Staff left out", [method("Fido2", kioskLeftOut), method("MicrosoftAuthenticator", kioskLeftOut)], "amber", "amber"],
      ["FIDO2 missing from the policy", [method("MicrosoftAuthenticator")], "amber", "green"],
    ];
    for (const [name, methods, fido2, authenticator] of table) {
      it(`${name} → FIDO2 ${fido2}, Authenticator ${authenticator}`, () => {
        const all = lines({}, methods);
        assert.equal(line(all, "fido2").status, fido2);
        assert.equal(line(all, "authenticator").status, authenticator);
      });
    }
    it("says what switching FIDO2 off costs", () => {
      assert.match(line(lines({}, [off("Fido2"), method("MicrosoftAuthenticator")]), "fido2").finding, /can't register a passkey or security key, and policies requiring phishing-resistant MFA can't be met/);
    });
    it("with both off, says people have nothing to move to", () => {
      assert.match(line(lines({}, [off("Fido2"), off("MicrosoftAuthenticator")]), "fido2").finding, /no passwordless method to move to/);
    });
    it("names who is left out", () => {
      assert.match(line(lines({}, [method("Fido2", kioskLeftOut), method("MicrosoftAuthenticator")]), "fido2").finding, /^On for everyone except members of Kiosk Staff\. The others can't register/);
    });
    it("leaves the method lines out when the method policies are unreadable", () => {
      const all = policyLines(checked(tapPolicy()), unchecked("no"), NAMES);
      assert.deepEqual(all.map((l) => l.area), ["tap_policy", "tap_targets", "tap_lifetime", "tap_one_time"]);
    });
  });
});
