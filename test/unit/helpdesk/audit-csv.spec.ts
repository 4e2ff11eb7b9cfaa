import assert from "node:assert/strict";
import { AUDIT_CSV_COLUMNS, auditToCsv, csvCell } from "../../../src/helpdesk/repositories/audit";
import type { AuditEvent } from "../../../src/helpdesk/domain/model";

const event: AuditEvent = {
  id: "2026-11-28T12:00:00.000Z-abc",
  at: "2026-11-28T12:00:00.000Z",
  actor: { id: "a1", displayName: "Alice" },
  action: "tap_issued",
  ticketId: "T-ABCDEF",
  target: { id: "s1", displayName: "Sam" },
  verificationMethod: "manager_confirmation",
  result: "success",
  detail: "One-time, 60 minutes",
  graphRequestId: "req-1",
};

describe("csvCell", () => {
  const table: [string, string | undefined, string][] = [
    ["plain text stays as is", "Alice", "Alice"],
    ["undefined is empty", undefined, ""],
    ["a comma is quoted", "Smith, Jane", '"Smith, Jane"'],
    ["a quote is doubled and quoted", 'the "boss"', '"the ""boss"""'],
    ["a line break is quoted", "line1\nline2", '"line1\nline2"'],
    ["a CR LF is quoted", "a\r\nb", '"a\r\nb"'],
    ["= gets an apostrophe", "=HYPERLINK(\"x\")", '"\'=HYPERLINK(""x"")"'],
    ["+ gets an apostrophe", "+1 555", "'+1 555"],
    ["- gets an apostrophe", "-2+3", "'-2+3"],
    ["@ gets an apostrophe", "@SUM(A1)", "'@SUM(A1)"],
    ["a leading tab gets an apostrophe", "\t=1", "'\t=1"],
    ["= later in the text is harmless", "a=b", "a=b"],
  ];
  for (const [name, input, expected] of table) {
    it(name, () => {
      assert.equal(csvCell(input), expected);
    });
  }
});

describe("auditToCsv", () => {
  it("starts with the header row", () => {
    assert.equal(auditToCsv([]), AUDIT_CSV_COLUMNS.join(",") + "\r\n");
  });

  it("writes one CRLF-terminated row per event, in column order", () => {
    const lines = auditToCsv([event]).split("\r\n");
    assert.equal(lines[1], "2026-11-28T12:00:00.000Z-abc,2026-11-28T12:00:00.000Z,a1,Alice,tap_issued,T-ABCDEF,s1,Sam,manager_confirmation,success,\"One-time, 60 minutes\",req-1");
  });

  it("leaves optional fields empty", () => {
    const lines = auditToCsv([{ id: "x", at: "2026-11-28T12:00:00.000Z", actor: { id: "a", displayName: "A" }, action: "assign", result: "denied" }]).split("\r\n");
    assert.equal(lines[1], "x,2026-11-28T12:00:00.000Z,a,A,assign,,,,,denied,,");
  });

  it("guards a display name that is a formula", () => {
    const csv = auditToCsv([{ ...event, actor: { id: "a", displayName: "=cmd|' /C calc'!A0" } }]);
    assert.match(csv, /,'=cmd\|' \/C calc'!A0,/);
  });
});
