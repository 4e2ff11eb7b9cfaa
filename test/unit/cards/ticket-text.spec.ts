import assert from "node:assert/strict";
import { isFinalStatus, maskPhone, originText, ticketStatusText, verificationText } from "../../../src/cards/ticket-text";
import { durationText } from "../../../src/cards/helpdesk-text";

describe("ticketStatusText", () => {
  const ana = { id: "agent-ana", displayName: "Ana Agent" };
  const cases: [string, Parameters<typeof ticketStatusText>[0], string][] = [
    ["open", { status: "open" }, "Open"],
    ["assigned", { status: "assigned", assignee: ana }, "Assigned to Ana Agent"],
    ["assigned without an assignee", { status: "assigned" }, "Assigned"],
    ["resolved", { status: "resolved" }, "Resolved"],
    ["rejected", { status: "rejected" }, "Rejected"],
    ["withdrawn", { status: "withdrawn" }, "Withdrawn"],
    ["rejected with a security reason", { status: "rejected", securityReason: "Not them." }, "Routed to security"],
    ["open security report", { status: "open", securityReason: "Subject said it wasn't them." }, "Routed to security"],
    ["resolved security report", { status: "resolved", securityReason: "Checked." }, "Resolved"],
  ];
  for (const [name, ticket, text] of cases) {
    it(`says "${text}" (${name})`, () => {
      assert.equal(ticketStatusText(ticket), text);
    });
  }
});

describe("isFinalStatus", () => {
  it("treats resolved, rejected and withdrawn as final", () => {
    assert.deepEqual((["open", "assigned", "resolved", "rejected", "withdrawn"] as const).map(isFinalStatus), [false, false, true, true, true]);
  });
});

describe("maskPhone", () => {
  const cases: [string, string][] = [
    ["+1 555 0100", "+• ••• ••00"],
    ["+49 170 1234 0123", "+•• ••• •••• 0123"],
    ["(555) 010-0199", "(•••) •••-0199"],
    ["12345", "•••••"],
    ["", ""],
  ];
  for (const [phone, masked] of cases) {
    it(`masks ${JSON.stringify(phone)} as ${JSON.stringify(masked)}`, () => {
      assert.equal(maskPhone(phone), masked);
    });
  }

  it("leaves an already masked number as it is", () => {
    assert.equal(maskPhone("+•• ••• •••• 0123"), "+•• ••• •••• 0123");
  });

  it("drops letters and markup around the number", () => {
    assert.equal(maskPhone("call **+1 555 0100** now"), "+• ••• ••00");
  });

  it("never keeps more than four digits", () => {
    assert.equal(maskPhone("+44 20 7946 0958 1234").replace(/\D/g, ""), "1234");
  });
});

describe("originText", () => {
  it("names each origin", () => {
    assert.deepEqual((["subject_teams_chat", "agent_for_caller", "manager_teams_chat"] as const).map(originText), [
      "asked in their own Teams chat",
      "agent acting for a caller",
      "the subject's manager, asking in Teams",
    ]);
  });
});

describe("verificationText", () => {
  it("says a pending callback isn't confirmed yet", () => {
    assert.equal(verificationText({ state: "pending", method: "callback_phone_on_record", phoneMasked: "+1 555 0100" }), "Callback to +• ••• ••00 not confirmed yet");
  });

  it("falls back to 'the manager' without a name", () => {
    assert.equal(verificationText({ state: "pending", method: "manager_confirmation" }), "Waiting for the manager to confirm");
  });
});

describe("durationText", () => {
  const cases: [number, string][] = [
    [10, "10 minutes"],
    [60, "1 hour"],
    [90, "1 hour 30 minutes"],
    [480, "8 hours"],
    [43200, "30 days"],
    [0, "0 minutes"],
  ];
  for (const [minutes, text] of cases) {
    it(`says ${minutes} minutes as "${text}"`, () => {
      assert.equal(durationText(minutes), text);
    });
  }
});
