// The pass scanner's Graph reads: the URLs (checked against the demo tenant's OData evaluator), how audit entries,
// sign-ins and method lists become scan facts (table tests), and paging inside the reports budget.
import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { matchesFilter, parseFilter } from "../../../src/demo/odata";
import { GraphBudgets, REPORTS_BUCKET } from "../../../src/graph/budgets";
import type { DirectoryAuditDto } from "../../../src/graph/dto";
import type { GraphCall, GraphResult } from "../../../src/graph/http";
import {
  GraphTapScanReader,
  TAP_SIGN_IN_ERROR_CODES,
  holderMethodsPath,
  reportHoldersPath,
  tapAuditPath,
  tapFailuresPath,
  toHolderRead,
  toReportHolder,
  toTapAuditEvent,
  toTapSignInFailure,
} from "../../../src/graph/scan-reads";
import { createLogger } from "../../../src/log";

const SINCE = new Date("2026-11-28T04:00:00Z");
const query = (path: string) => new URL(path, "http://graph.invalid").searchParams;
const filterOf = (path: string) => parseFilter(query(path).get("$filter") ?? "");

describe("scan reads: request URLs", () => {
  it("asks the registration report for pass holders only, with $filter alone (the only documented option besides $orderby)", () => {
    const path = reportHoldersPath();
    assert.deepEqual(
      [new URL(path, "http://graph.invalid").pathname, [...query(path).keys()], query(path).get("$filter")],
      ["/reports/authenticationMethods/userRegistrationDetails", ["$filter"], "methodsRegistered/any(m:m eq 'temporaryAccessPass')"],
    );
  });

  it("its filter keeps a row listing a pass and drops one without", () => {
    const f = filterOf(reportHoldersPath());
    assert.deepEqual([matchesFilter(f, { methodsRegistered: ["email", "temporaryAccessPass"] }), matchesFilter(f, { methodsRegistered: ["email"] })], [true, false]);
  });

  const AUDIT_CASES: [string, { loggedByService: string; activityDateTime: string }, boolean][] = [
    ["an authentication-method event at the bound", { loggedByService: "Authentication Methods", activityDateTime: "2026-11-28T04:00:00Z" }, true],
    ["one a second before", { loggedByService: "Authentication Methods", activityDateTime: "2026-11-28T03:59:59Z" }, false],
    ["another service's event", { loggedByService: "Core Directory", activityDateTime: "2026-11-28T05:00:00Z" }, false],
  ];
  for (const [name, entry, kept] of AUDIT_CASES) {
    it(`the audit filter ${kept ? "keeps" : "drops"} ${name}`, () => {
      assert.equal(matchesFilter(filterOf(tapAuditPath(SINCE)), entry), kept);
    });
  }

  it("asks sign-in logs for each known 1305xx code with eq (ranges aren't documented), 1,000 per page", () => {
    const path = tapFailuresPath(SINCE);
    const f = filterOf(path);
    const at = "2026-11-28T05:00:00Z";
    assert.deepEqual(
      [TAP_SIGN_IN_ERROR_CODES, query(path).get("$top"), matchesFilter(f, { createdDateTime: at, status: { errorCode: 130504 } }), matchesFilter(f, { createdDateTime: at, status: { errorCode: 50126 } })],
      [[130501, 130504, 130506, 130507], "1000", true, false],
    );
  });

  it("reads a holder's methods at /users/{id}/authentication/methods", () => {
    assert.equal(holderMethodsPath("a b"), "/users/a%20b/authentication/methods");
  });
});

const entry = (over: Partial<DirectoryAuditDto>): DirectoryAuditDto => ({
  activityDateTime: "2026-11-28T11:00:00Z",
  activityDisplayName: "Admin registered security info",
  resultReason: "Admin registered temporary access pass method for user",
  result: "success",
  loggedByService: "Authentication Methods",
  initiatedBy: { user: { id: "t", userPrincipalName: "tess@x.example" }, app: null },
  targetResources: [{ id: "u1", type: "User", userPrincipalName: "ben@x.example", displayName: "Ben" }],
  ...over,
});

describe("scan reads: audit entries → pass events", () => {
  const CASES: [string, DirectoryAuditDto, string | undefined][] = [
    ["an admin registering a pass", entry({}), "registered u1 tess@x.example"],
    ["an admin deleting one", entry({ activityDisplayName: "Admin deleted security info", resultReason: "Admin deleted temporary access pass method for user" }), "deleted u1 tess@x.example"],
    ["the person deleting their own", entry({ activityDisplayName: "User deleted security info", resultReason: "User deleted temporary access pass method" }), "deleted u1 tess@x.example"],
    ["an app registering one", entry({ initiatedBy: { user: null, app: { displayName: "TAP Helpdesk" } } }), "registered u1 TAP Helpdesk"],
    ["a target spelled with `Type`, as one documented example does", entry({ targetResources: [{ id: "u1", Type: "User" }] }), "registered u1 tess@x.example"],
    ["a failed registration", entry({ result: "failure" }), undefined],
    ["an Authenticator registration", entry({ activityDisplayName: "User registered security info", resultReason: "User registered Microsoft Authenticator App with Notification and Code" }), undefined],
    ["a policy update", entry({ activityDisplayName: "Authentication Methods Policy Update", resultReason: "", targetResources: [{ id: "TemporaryAccessPass", type: "Policy" }] }), undefined],
    ["an entry without a user target", entry({ targetResources: [] }), undefined],
  ];
  for (const [name, dto, expected] of CASES) {
    it(`${name} → ${expected ?? "ignored"}`, () => {
      const e = toTapAuditEvent(dto);
      assert.equal(e === undefined ? undefined : `${e.kind} ${e.userId} ${e.initiatedBy ?? ""}`, expected);
    });
  }
});

describe("scan reads: sign-ins, report rows and method lists", () => {
  const SIGN_INS: [number, boolean][] = [
    [130500, true],
    [130504, true],
    [130599, true],
    [130600, false],
    [50126, false],
    [0, false],
  ];
  for (const [code, kept] of SIGN_INS) {
    it(`a sign-in failing with ${code} is ${kept ? "" : "not "}a pass failure`, () => {
      assert.equal(toTapSignInFailure({ userId: "u", createdDateTime: "2026-11-28T11:00:00Z", status: { errorCode: code } }) !== undefined, kept);
    });
  }

  it("drops a report row that doesn't list a pass, keeps its date", () => {
    const row = { id: "u", userDisplayName: "U", lastUpdatedDateTime: "2026-11-28T10:00:00Z" };
    assert.deepEqual(
      [toReportHolder({ ...row, methodsRegistered: ["email"] }), toReportHolder({ ...row, methodsRegistered: ["temporaryAccessPass"] })?.reportedAt?.toISOString()],
      [undefined, "2026-11-28T10:00:00.000Z"],
    );
  });

  it("splits a method list into the pass and the permanent methods (phones and passwords aren't permanent)", () => {
    const read = toHolderRead({
      status: 200,
      body: {
        value: [
          { "@odata.type": "#microsoft.graph.passwordAuthenticationMethod", id: "p" },
          { "@odata.type": "#microsoft.graph.phoneAuthenticationMethod", id: "ph" },
          { "@odata.type": "#microsoft.graph.fido2AuthenticationMethod", id: "f", createdDateTime: "2026-11-28T09:00:00Z" },
          { "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod", id: "t", isUsable: true, methodUsabilityReason: "EnabledByPolicy", lifetimeInMinutes: 60 },
        ],
      },
    });
    assert.ok(read.ok);
    assert.deepEqual([read.taps.map((t) => t.id), read.permanentMethods], [["t"], [{ kind: "fido2", createdAt: new Date("2026-11-28T09:00:00Z") }]]);
  });

  const FAILURES: [number, RegExp, boolean][] = [
    [404, /no longer exists/, true],
    [403, /UserAuthenticationMethod\.Read\.All/, false],
    [429, /throttling/, false],
  ];
  for (const [status, reason, gone] of FAILURES) {
    it(`a ${status} for a holder → ${gone ? "gone" : "unreadable"}`, () => {
      const read = toHolderRead({ status, body: { error: { code: "x", message: "y" } } });
      assert.ok(!read.ok);
      assert.deepEqual([reason.test(read.reason), read.gone], [true, gone]);
    });
  }
});

describe("scan reads: report pages inside the reports budget", () => {
  /** A report of `pages` pages of one row each, answered instantly; records when each page was asked for. */
  function pagedReport(clock: FakeClock, pages: number) {
    const asked: number[] = [];
    const send = (call: GraphCall): Promise<GraphResult> => {
      asked.push(clock.now().getTime());
      const n = asked.length;
      const body: Record<string, unknown> = { value: [{ id: `u${n}`, methodsRegistered: ["temporaryAccessPass"] }] };
      if (n < pages) body["@odata.nextLink"] = `https://graph.microsoft.com/v1.0${call.path.split("&$skiptoken")[0]}&$skiptoken=${n}`;
      return Promise.resolve({ status: 200, headers: {}, body });
    };
    return { asked, http: { send } };
  }

  it("follows every nextLink, the 6th page a full window after the 1st", async () => {
    const clock = new FakeClock("2026-11-28T12:00:00Z", { autoAdvance: true });
    const { asked, http } = pagedReport(clock, 7);
    const reader = new GraphTapScanReader({ http, clock, budgets: new GraphBudgets({ clock }), logger: createLogger({ level: "silent" }) });
    const seen: string[] = [];
    const read = await reader.readReportHolders((rows) => seen.push(...rows.map((r) => r.userId)));
    const start = Date.parse("2026-11-28T12:00:00Z");
    assert.deepEqual([read, seen.length, asked.map((t) => t - start)], [{ pages: 7, result: { ok: true, value: 7 } }, 7, [0, 0, 0, 0, 0, 10_000, 10_000]]);
  });

  it("says the budget is busy instead of waiting past its bound", async () => {
    const clock = new FakeClock("2026-11-28T12:00:00Z", { autoAdvance: true });
    const budgets = new GraphBudgets({ clock });
    for (let i = 0; i < 5; i++) budgets.tryAcquire(REPORTS_BUCKET, { keepFree: 0 });
    const reader = new GraphTapScanReader({ http: pagedReport(clock, 1).http, clock, budgets, logger: createLogger({ level: "silent" }), maxBudgetWaitInMs: 1_000 });
    const read = await reader.readReportHolders(() => undefined);
    assert.ok(!read.result.ok);
    assert.deepEqual([read.pages, /budget is busy/.test(read.result.reason)], [0, true]);
  });
});
