import assert from "node:assert/strict";
import { accessLines, probeLine, REQUIREMENTS, writeLine, WRITE_PERMISSION } from "../../../src/setup/access-lines";
import { PROBE_IDS, type ProbeId, type ProbeResult, type SetupStatus } from "../../../src/setup/facts";
import { writeEvidenceFrom } from "../../../src/setup/write-evidence";
import { TAP_WRITE_PERMISSION } from "../../../src/graph/tap-writes";
import type { AuditEvent } from "../../../src/helpdesk/domain/model";

const probe = (id: ProbeId, status: ProbeResult["status"], extra: Partial<ProbeResult> = {}): ProbeResult => ({ id, status, ...extra });

describe("setup/access-lines", () => {
  it("every probe has a requirement naming a permission and the feature it switches off", () => {
    for (const id of PROBE_IDS) {
      assert.ok(REQUIREMENTS[id].permission.length > 0, id);
      assert.ok(REQUIREMENTS[id].feature.length > 0, id);
    }
  });

  describe("a missing permission switches a feature off", () => {
    const table: [ProbeId, SetupStatus, RegExp, RegExp][] = [
      ["user", "red", /needs User\.Read\.All\. Without it, nothing can be diagnosed/, /^Grant User\.Read\.All \(application permission\)/],
      ["membership", "red", /helpdesk agents and admins aren't recognised/, /GroupMember\.Read\.All/],
      ["taps", "red", /needs UserAuthMethod-TAP\.Read\.All \(or UserAuthenticationMethod\.Read\.All\)\. Without it, the pass itself goes unchecked/, /^Grant UserAuthMethod-TAP\.Read\.All /],
      ["methods", "amber", /what-to-register-next advice/, /UserAuthenticationMethod\.Read\.All/],
      ["methodsPolicy", "red", /Policy\.Read\.AuthenticationMethod \(or Policy\.Read\.All\)\. Without it, the pass policy/, /Policy\.Read\.AuthenticationMethod/],
      ["caPolicies", "red", /Conditional Access causes .* go unchecked/, /Policy\.Read\.All/],
      ["strengths", "amber", /custom authentication strengths can't be judged/, /Policy\.Read\.All/],
      ["domains", "amber", /federated domain/, /Domain\.Read\.All/],
      ["signIns", "red", /the diagnosis rests on the person's answers/, /AuditLog\.Read\.All/],
      ["riskyUsers", "amber", /"risk not checked"/, /IdentityRiskyUser\.Read\.All/],
      ["directoryAudits", "amber", /the scanner of passes can't see passes created or deleted outside the bot/, /AuditLog\.Read\.All/],
      ["registrationReport", "amber", /the scanner of passes can't list who holds a pass/, /AuditLog\.Read\.All/],
    ];
    for (const [id, status, finding, fix] of table) {
      it(`${id} → ${status}`, () => {
        const l = probeLine(probe(id, "missing_permission"));
        assert.equal(l.area, "bot_access");
        assert.equal(l.status, status);
        assert.match(l.finding, /^The bot isn't allowed to read it/);
        assert.match(l.finding, finding);
        assert.match(l.fix, fix);
      });
    }
  });

  describe("a missing licence", () => {
    const table: [ProbeId, SetupStatus, string][] = [
      ["signIns", "red", "Entra ID P1"],
      ["caPolicies", "red", "Entra ID P1"],
      ["registrationReport", "amber", "Entra ID P1"],
      ["riskyUsers", "amber", "Entra ID P2"],
    ];
    for (const [id, status, licence] of table) {
      it(`${id} → ${status}, naming ${licence}`, () => {
        const l = probeLine(probe(id, "missing_license"));
        assert.equal(l.status, status);
        assert.match(l.title, new RegExp(licence));
        assert.match(l.finding, new RegExp(`it needs ${licence}\\. Without it`));
        assert.match(l.fix, new RegExp(`^${licence} \\(part of Microsoft 365`));
      });
    }
  });

  it("present → green, one word", () => {
    const l = probeLine(probe("user", "present"));
    assert.deepEqual([l.status, l.title, l.finding, l.fix], ["green", "People (User.Read.All)", "Readable.", ""]);
  });

  it("the registration report always says it needs P1 and lags hours behind", () => {
    for (const status of ["present", "missing_permission", "unchecked"] as const) {
      const l = probeLine(probe("registrationReport", status));
      assert.match(l.title, /AuditLog\.Read\.All and Entra ID P1/);
      assert.match(l.finding, /lags up to a few hours behind Entra/);
    }
  });

  it("couldn't check → amber: try again when it may pass, read the logs when it won't", () => {
    const busy = probeLine(probe("signIns", "unchecked", { reason: "the tenant's reports budget is busy", transient: true }));
    assert.equal(busy.status, "amber");
    assert.match(busy.finding, /^Couldn't check it: the tenant's reports budget is busy\. Without it/);
    assert.match(busy.fix, /again in a minute/);
    const refused = probeLine(probe("directoryAudits", "unchecked", { reason: "Microsoft Graph refused the read (HTTP 400, BadRequest)", transient: false }));
    assert.match(refused.fix, /request id/);
  });

  it("lists every probe in order, a missing one as unchecked, then the write line", () => {
    const lines = accessLines([probe("signIns", "present")], undefined, "UTC");
    assert.equal(lines.length, PROBE_IDS.length + 1);
    assert.equal(lines.filter((l) => l.status === "green").length, 1);
    assert.match(lines[0].finding, /it wasn't probed/);
    assert.match(lines[lines.length - 1].title, /Issue and delete passes/);
  });

  describe("writing passes (can't be probed harmlessly)", () => {
    it("names the same permission Graph's refusal names", () => assert.equal(WRITE_PERMISSION, TAP_WRITE_PERMISSION));
    it("never written → amber, checked at first issuance", () => {
      const l = writeLine(undefined, "UTC");
      assert.equal(l.status, "amber");
      assert.match(l.finding, /can't be checked without issuing a pass.*The first Issue TAP shows it/);
    });
    it("the last write worked → green, with when", () => {
      const l = writeLine({ at: "2026-11-27T09:00:00Z", action: "issue", ok: true, permissionRefused: false }, "UTC");
      assert.equal(l.status, "green");
      assert.match(l.finding, /issued \(Fri 27 Nov 2026, 09:00 UTC\)/);
    });
    it("the last write was refused for the permission → red", () => {
      const l = writeLine({ at: "2026-11-27T09:00:00Z", action: "delete", ok: false, permissionRefused: true }, "UTC");
      assert.equal(l.status, "red");
      assert.match(l.finding, /last deletion .* lacks UserAuthMethod-TAP\.ReadWrite\.All/);
    });
  });

  describe("writeEvidenceFrom (newest first)", () => {
    const ev = (at: string, action: string, result: AuditEvent["result"], detail?: string): AuditEvent => ({ id: at, at, actor: { id: "a", displayName: "Tess Agent" }, action, result, detail });
    const table: [string, AuditEvent[], string][] = [
      ["nothing", [], "none"],
      ["only other actions", [ev("2026-11-28T10:00:00Z", "assign", "success")], "none"],
      ["an issuance", [ev("2026-11-28T10:00:00Z", "tap_issued", "success")], "issue ok"],
      ["a deletion", [ev("2026-11-28T10:00:00Z", "tap_deleted", "success")], "delete ok"],
      ["a refusal for the permission", [ev("2026-11-28T10:00:00Z", "tap_issued", "failed", `I can't create passes: the bot's app registration lacks ${TAP_WRITE_PERMISSION}.`)], "issue refused"],
      [
        "a failure for another reason, then an older success",
        [ev("2026-11-28T11:00:00Z", "tap_issued", "failed", "That lifetime is outside what the tenant's pass policy allows."), ev("2026-11-28T10:00:00Z", "tap_issued", "success")],
        "issue ok",
      ],
      ["a newer refusal wins over an older success", [ev("2026-11-28T11:00:00Z", "tap_deleted", "failed", `lacks ${TAP_WRITE_PERMISSION}`), ev("2026-11-28T10:00:00Z", "tap_issued", "success")], "delete refused"],
    ];
    for (const [name, events, expected] of table) {
      it(`${name} → ${expected}`, () => {
        const e = writeEvidenceFrom(events);
        assert.equal(e ? `${e.action} ${e.ok ? "ok" : "refused"}` : "none", expected);
      });
    }
  });
});
