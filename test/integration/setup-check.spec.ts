// `check setup` end to end: the real service against the embedded demo tenant over HTTP — who may run it, the mixed card
// Northwind gets, red lines when a permission, a licence or the pass policy is taken away through the tenant's
// controls, and the write line following the helpdesk's own issuances.
import assert from "node:assert/strict";
import { presentSetupCheck } from "../../src/cards/setup-check";
import type { SetupLine } from "../../src/setup/facts";
import type { SetupCheckOutcome, SetupReport } from "../../src/setup/service";
import { HELPDESK_VERBS as V } from "../../src/helpdesk/domain/verbs";
import { startHarness, type Harness } from "../support/service-harness";
import { HelpdeskScenario, answerText, who } from "../support/helpdesk-scenario";
import { validateAdaptiveCard } from "../support/adaptive-card-schema";
import { loggedStatuses } from "../support/graph-harness";

function reportOf(outcome: SetupCheckOutcome): SetupReport {
  assert.equal(outcome.kind, "report", outcome.kind === "refused" ? outcome.message : "");
  return (outcome as { report: SetupReport }).report;
}
const lineTitled = (r: SetupReport, title: RegExp): SetupLine => {
  const found = r.lines.find((l) => title.test(l.title));
  assert.ok(found, `no line titled ${String(title)} in ${r.lines.map((l) => l.title).join(" | ")}`);
  return found;
};
const statusOf = (r: SetupReport, title: RegExp) => lineTitled(r, title).status;

describe("check setup over HTTP against the demo tenant", function () {
  this.timeout(90_000);
  let h: Harness;
  const check = (key: string | undefined) => h.service.setupCheck.run(key === undefined ? undefined : who(key).id);

  describe("Northwind as seeded", () => {
    before(async () => {
      h = await startHarness();
    });
    after(() => h.stop());

    for (const [key, why] of [["tess", "a helpdesk agent, not an admin"], ["ben", "an ordinary user"], [undefined, "nobody known"]] as const) {
      it(`refuses ${key ?? "an unknown caller"} (${why}) and reads nothing about the tenant's setup`, async () => {
        h.service.demoTenant!.controls.resetRequests();
        const outcome = await check(key);
        assert.deepEqual(outcome, { kind: "refused", message: "Checking the setup is for helpdesk admins only." });
        assert.equal(h.service.demoTenant!.controls.requests().some((r) => /auditLogs|reports|\$top=1/.test(r.path + JSON.stringify(r.subRequests ?? []))), false);
      });
    }

    it("gives Xavier (helpdesk admin) a mixed card: nothing red, the amber lines that matter, every read permission present", async () => {
      const r = reportOf(await check("xavier"));
      assert.equal(r.counts.red, 0, r.lines.filter((l) => l.status === "red").map((l) => `${l.title}: ${l.finding}`).join("\n"));
      assert.equal(r.overall, "amber");
      assert.equal(statusOf(r, /^Temporary Access Pass$/), "green");
      assert.match(lineTitled(r, /^Who can use a pass$/).finding, /^Only members of TAP Users \(except members of TAP Excluded\)/);
      assert.equal(statusOf(r, /^Pass lifetime$/), "green");
      assert.equal(statusOf(r, /^One-time use$/), "green");
      assert.match(lineTitled(r, /FIDO2/).finding, /except members of Kiosk Staff/);
      const amberCa = r.lines.filter((l) => l.area.startsWith("ca_") && l.status === "amber").map((l) => l.title);
      assert.deepEqual(amberCa.sort(), [
        "Admins need a compliant device",
        "Admins need phishing-resistant MFA",
        "Finance requires compliant device",
        "Report-only: compliant device for everyone",
        "Securing security info registration",
      ]);
      for (const t of [/^People/, /^Groups and roles/, /^Passes/, /^Registered methods/, /^Authentication methods policy/, /^Conditional Access \(/, /^Authentication strengths/, /^Domains/, /^Sign-in logs/, /^User risk/]) {
        assert.equal(statusOf(r, t), "green", String(t));
      }
      assert.equal(statusOf(r, /^Issue and delete passes/), "amber");
      assert.match(lineTitled(r, /^Registration report/).finding, /lags up to a few hours/);
      assert.deepEqual(validateAdaptiveCard(presentSetupCheck(r, { timeZone: "UTC" })), []);
    });

    it("reuses the tenant cache and stays inside Graph's budgets: no 429 from the demo tenant", async () => {
      await check("xavier");
      h.service.demoTenant!.controls.resetRequests();
      await check("xavier");
      const paths = h.service.demoTenant!.controls.requests().flatMap((r) => [r.path, ...(r.subRequests ?? []).map((s) => s.url)]);
      assert.equal(paths.some((p) => /conditionalAccess|riskyUsers|authenticationMethodsPolicy/.test(p)), false, paths.join("\n"));
      const statuses = loggedStatuses(h.logLines);
      assert.ok(statuses.includes(200), "Graph answers are logged");
      assert.equal(statuses.includes(429), false);
    });
  });

  describe("taking things away through the demo tenant's controls turns lines red", () => {
    afterEach(() => h.stop());
    const fresh = async (change: (c: NonNullable<Harness["service"]["demoTenant"]>["controls"]) => void): Promise<SetupReport> => {
      h = await startHarness();
      change(h.service.demoTenant!.controls);
      return reportOf(await check("xavier"));
    };

    it("AuditLog.Read.All revoked: sign-in logs red, saying the diagnosis rests on answers", async () => {
      const r = await fresh((c) => c.denyPermission("AuditLog.Read.All"));
      const l = lineTitled(r, /^Sign-in logs/);
      assert.equal(l.status, "red");
      assert.match(l.finding, /isn't allowed to read it: it needs AuditLog\.Read\.All\. Without it, .*rests on the person's answers/);
      assert.match(l.fix, /^Grant AuditLog\.Read\.All/);
      assert.equal(r.overall, "red");
    });

    it("Policy.Read.All revoked: Conditional Access red, and the CA lines say they couldn't check", async () => {
      const r = await fresh((c) => (c.denyPermission("Policy.Read.All"), c.denyPermission("Policy.Read.ConditionalAccess"), c.denyPermission("Policy.Read.AuthenticationMethod")));
      assert.equal(statusOf(r, /^Conditional Access \(/), "red");
      assert.match(lineTitled(r, /^Conditional Access$/).finding, /^Couldn't read Conditional Access policies/);
      assert.equal(r.lines.some((l) => l.area === "ca_sign_in" || l.area === "ca_registration"), false);
    });

    it("no Entra ID P1: sign-in logs and Conditional Access red for the licence; P2 features untouched", async () => {
      const r = await fresh((c) => c.setLicenses({ p1: false, p2: true }));
      for (const t of [/^Sign-in logs/, /^Conditional Access \(/]) {
        const l = lineTitled(r, t);
        assert.equal(l.status, "red", String(t));
        assert.match(l.finding, /isn't licensed for it: it needs Entra ID P1/);
      }
      assert.equal(statusOf(r, /^User risk/), "green");
    });

    it("no Entra ID P2: user risk amber, naming what switches off", async () => {
      const r = await fresh((c) => c.setLicenses({ p1: true, p2: false }));
      const l = lineTitled(r, /^User risk/);
      assert.equal(l.status, "amber");
      assert.match(l.finding, /Entra ID P2\. Without it, risk isn't seen in triage/);
    });

    it("the pass policy switched off: red, with where to switch it on", async () => {
      const r = await fresh((c) => c.setTapPolicyState("disabled"));
      const l = lineTitled(r, /^Temporary Access Pass$/);
      assert.equal(l.status, "red");
      assert.match(l.fix, /Enable/);
    });
  });

  describe("the write line follows the helpdesk's own issuances", () => {
    afterEach(() => h.stop());
    const ISSUE_FORM = { lifetimeInMinutes: "60", isUsableOnce: "true" };

    it("green after a pass was issued, red after Graph refused one for the missing write permission", async () => {
      h = await startHarness();
      const s = new HelpdeskScenario(h);
      await s.setupChannel();
      const first = await s.verifiedTicket("hana", "tess");
      const issued = await s.click("tess", V.ticketIssue, first, ISSUE_FORM);
      assert.equal(issued.status, 200);
      assert.match(lineTitled(reportOf(await check("xavier")), /^Issue and delete passes/).finding, /^Worked: Graph accepted the last pass the bot issued/);
      assert.equal(statusOf(reportOf(await check("xavier")), /^Issue and delete passes/), "green");

      h.service.demoTenant!.controls.denyPermission("UserAuthMethod-TAP.ReadWrite.All");
      h.service.demoTenant!.controls.denyPermission("UserAuthenticationMethod.ReadWrite.All");
      const second = await s.verifiedTicket("chloe", "tess");
      const refused = await s.click("tess", V.ticketIssue, second, ISSUE_FORM);
      assert.match(answerText(refused), /UserAuthMethod-TAP\.ReadWrite\.All/);
      const l = lineTitled(reportOf(await check("xavier")), /^Issue and delete passes/);
      assert.equal(l.status, "red");
      assert.match(l.finding, /^Refused: Graph turned down the last issuance/);
    });
  });
});
