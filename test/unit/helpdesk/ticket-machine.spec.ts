import assert from "node:assert/strict";
import type { Ticket, TicketAction } from "../../../src/helpdesk/domain/model";
import { applyAction, decideVerification, type TransitionResult } from "../../../src/helpdesk/domain/ticket-machine";
import { registerSecret, forgetSecret } from "../../../src/secrets";
import { T0, after, minutes, passBy, privAuthAdmin, secondAgent, stampOf, ticketFor, verifiedTicket, authAdmin, member } from "./fixtures";

const alice = stampOf(authAdmin);
const bob = stampOf(secondAgent);
const sam = stampOf(member);
const later = after(minutes(1));

const okTicket = (r: TransitionResult): Ticket => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.reason}`);
  return r.ticket;
};
const codeOf = (r: TransitionResult): string => (r.ok ? "OK" : r.code);

describe("ticket machine: assign", () => {
  it("an open ticket becomes assigned to the clicker", () => {
    const t = okTicket(applyAction(ticketFor(), "assign", alice, later));
    assert.deepEqual([t.status, t.assignee], ["assigned", alice]);
  });

  it("appends history and bumps updatedAt", () => {
    const t = okTicket(applyAction(ticketFor(), "assign", alice, later));
    assert.deepEqual([t.history.at(-1)?.action, t.updatedAt], ["assign", later.toISOString()]);
  });

  it("assigning again by the same agent changes nothing (double click)", () => {
    const assigned = okTicket(applyAction(ticketFor(), "assign", alice, later));
    const again = applyAction(assigned, "assign", alice, after(minutes(2)));
    assert.deepEqual(again, { ok: true, ticket: assigned, changed: false });
  });

  it("another agent may take over, and history says from whom", () => {
    const assigned = okTicket(applyAction(ticketFor(), "assign", alice, later));
    const t = okTicket(applyAction(assigned, "assign", bob, after(minutes(2))));
    assert.deepEqual([t.assignee, t.history.at(-1)?.note], [bob, "Took over from Alice"]);
  });

  it("doesn't change the ticket it was given", () => {
    const original = ticketFor();
    const copy = structuredClone(original);
    applyAction(original, "assign", alice, later);
    assert.deepEqual(original, copy);
  });
});

describe("ticket machine: only the assignee acts on an assigned ticket", () => {
  const actions: TicketAction[] = ["verify_manager", "delete_tap", "resolve"];
  for (const action of actions) {
    it(`${action} by another agent is refused`, () => {
      const t = verifiedTicket(alice, sam, { pass: passBy(alice) });
      assert.equal(codeOf(applyAction(t, action, bob, later, { note: "done" })), "NOT_ASSIGNEE");
    });
  }

  it("issue by another agent is refused", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "issue", bob, later, { pass: passBy(bob) })), "NOT_ASSIGNEE");
  });

  it("issue on an open ticket is refused: assign first", () => {
    assert.equal(codeOf(applyAction(ticketFor(), "issue", alice, later, { pass: passBy(alice) })), "WRONG_STATE");
  });
});

describe("ticket machine: issue", () => {
  it("records the pass on a verified, assigned ticket", () => {
    const t = okTicket(applyAction(verifiedTicket(alice), "issue", alice, later, { pass: passBy(alice) }));
    assert.deepEqual([t.pass?.tapId, t.history.at(-1)?.action], ["tap-1", "tap_issued"]);
  });

  it("is refused without a verification", () => {
    const t = verifiedTicket(alice);
    delete t.verification;
    assert.equal(codeOf(applyAction(t, "issue", alice, later, { pass: passBy(alice) })), "NOT_VERIFIED");
  });

  it("is refused while the verification is still pending", () => {
    const t = verifiedTicket(alice);
    t.verification = { method: "manager_confirmation", status: "pending", requestedBy: alice, requestedAt: T0.toISOString() };
    assert.equal(codeOf(applyAction(t, "issue", alice, later, { pass: passBy(alice) })), "NOT_VERIFIED");
  });

  it("is refused after a denied verification", () => {
    const t = verifiedTicket(alice);
    t.verification = { ...t.verification!, status: "denied" };
    assert.equal(codeOf(applyAction(t, "issue", alice, later, { pass: passBy(alice) })), "NOT_VERIFIED");
  });

  it("is refused without a required second approval", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "issue", alice, later, { pass: passBy(alice), requiredApprovals: ["second_agent"] })), "NEEDS_APPROVAL");
  });

  it("a required approval given by the issuer themselves doesn't count", () => {
    const t = verifiedTicket(alice, sam, { approvals: [{ kind: "second_agent", approvedBy: alice, approvedAt: T0.toISOString() }] });
    assert.equal(codeOf(applyAction(t, "issue", alice, later, { pass: passBy(alice), requiredApprovals: ["second_agent"] })), "NEEDS_APPROVAL");
  });

  it("goes ahead with a required approval from another agent", () => {
    const t = verifiedTicket(alice, sam, { approvals: [{ kind: "second_agent", approvedBy: bob, approvedAt: T0.toISOString() }] });
    assert.equal(codeOf(applyAction(t, "issue", alice, later, { pass: passBy(alice), requiredApprovals: ["second_agent"] })), "OK");
  });

  it("is refused when a pass was already issued on the ticket", () => {
    const t = verifiedTicket(alice, sam, { pass: passBy(alice) });
    assert.equal(codeOf(applyAction(t, "issue", alice, later, { pass: passBy(alice) })), "PASS_EXISTS");
  });

  it("is allowed again once the previous pass was deleted", () => {
    const t = verifiedTicket(alice, sam, { pass: { ...passBy(alice), deletedAt: T0.toISOString(), deletedBy: alice } });
    assert.equal(codeOf(applyAction(t, "issue", alice, later, { pass: passBy(alice) })), "OK");
  });

  it("is refused without the pass record", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "issue", alice, later)), "BAD_INPUT");
  });

  it("never stores fields beyond the known ones (such as a pass value)", () => {
    const withValue = { ...passBy(alice), temporaryAccessPass: "Zx9#kLm2Qp" };
    const t = okTicket(applyAction(verifiedTicket(alice), "issue", alice, later, { pass: withValue }));
    assert.equal(JSON.stringify(t).includes("Zx9#kLm2Qp"), false);
  });
});

describe("ticket machine: approve", () => {
  it("a second agent's approval is added", () => {
    const t = okTicket(applyAction(verifiedTicket(alice), "approve", bob, later));
    assert.deepEqual(t.approvals.map((a) => [a.kind, a.approvedBy.id]), [["second_agent", bob.id]]);
  });

  it("the same approval twice changes nothing", () => {
    const once = okTicket(applyAction(verifiedTicket(alice), "approve", bob, later));
    assert.equal((applyAction(once, "approve", bob, after(minutes(2))) as { changed: boolean }).changed, false);
  });

  it("the assignee can't approve", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "approve", alice, later)), "SAME_AGENT");
  });

  it("the subject can't approve", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "approve", sam, later)), "SELF");
  });
});

describe("ticket machine: delete_tap", () => {
  it("marks the pass deleted, keeping the record", () => {
    const t = okTicket(applyAction(verifiedTicket(alice, sam, { pass: passBy(alice) }), "delete_tap", alice, later));
    assert.deepEqual([t.pass?.tapId, t.pass?.deletedAt, t.pass?.deletedBy], ["tap-1", later.toISOString(), alice]);
  });

  it("is refused when there is no pass", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "delete_tap", alice, later)), "NO_PASS");
  });

  it("is refused when the pass was already deleted", () => {
    const t = verifiedTicket(alice, sam, { pass: { ...passBy(alice), deletedAt: T0.toISOString() } });
    assert.equal(codeOf(applyAction(t, "delete_tap", alice, later)), "NO_PASS");
  });
});

describe("ticket machine: resolve, reject, route to security", () => {
  it("resolve closes an assigned ticket with the note", () => {
    const t = okTicket(applyAction(verifiedTicket(alice), "resolve", alice, later, { note: "Registered a passkey" }));
    assert.deepEqual([t.status, t.resolution], ["resolved", { by: alice, at: later.toISOString(), note: "Registered a passkey" }]);
  });

  it("resolve needs a note", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "resolve", alice, later, { note: "   " })), "BAD_INPUT");
  });

  it("a note over 1,000 characters is refused", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "resolve", alice, later, { note: "x".repeat(1001) })), "BAD_INPUT");
  });

  it("a pass value pasted into a note is redacted", () => {
    registerSecret("Qw7!pL0x");
    try {
      const t = okTicket(applyAction(verifiedTicket(alice), "resolve", alice, later, { note: "gave them Qw7!pL0x" }));
      assert.equal(t.resolution?.note, "gave them [redacted]");
    } finally {
      forgetSecret("Qw7!pL0x");
    }
  });

  it("reject on an open ticket by any agent", () => {
    const t = okTicket(applyAction(ticketFor(), "reject", bob, later, { note: "Duplicate of T-XYZ234" }));
    assert.equal(t.status, "rejected");
  });

  it("reject on an assigned ticket by someone other than the assignee is refused", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "reject", bob, later, { note: "no" })), "NOT_ASSIGNEE");
  });

  it("route_security rejects with the security reason", () => {
    const t = okTicket(applyAction(verifiedTicket(alice), "route_security", alice, later, { securityReason: "Caller couldn't be verified" }));
    assert.deepEqual([t.status, t.securityReason], ["rejected", "Caller couldn't be verified"]);
  });

  it("route_security falls back to the note as the reason", () => {
    const t = okTicket(applyAction(ticketFor(), "route_security", bob, later, { note: "Account disabled" }));
    assert.equal(t.securityReason, "Account disabled");
  });
});

describe("ticket machine: withdraw", () => {
  it("the requester withdraws an open ticket", () => {
    assert.equal(okTicket(applyAction(ticketFor(), "withdraw", sam, later)).status, "withdrawn");
  });

  it("the requester withdraws an assigned ticket", () => {
    assert.equal(okTicket(applyAction(verifiedTicket(alice), "withdraw", sam, later)).status, "withdrawn");
  });

  it("someone else can't withdraw it", () => {
    assert.equal(codeOf(applyAction(ticketFor(), "withdraw", alice, later)), "NOT_REQUESTER");
  });

  it("a ticket with a live pass can't be withdrawn", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice, sam, { pass: passBy(alice) }), "withdraw", sam, later)), "PASS_ACTIVE");
  });
});

describe("ticket machine: closed tickets accept nothing (replayed cards)", () => {
  const closed: [string, Ticket][] = [
    ["resolved", okTicket(applyAction(verifiedTicket(alice), "resolve", alice, later, { note: "done" }))],
    ["rejected", okTicket(applyAction(ticketFor(), "reject", bob, later, { note: "dup" }))],
    ["withdrawn", okTicket(applyAction(ticketFor(), "withdraw", sam, later))],
  ];
  const actions: TicketAction[] = ["assign", "verify_manager", "verify_callback", "approve", "issue", "delete_tap", "resolve", "reject", "route_security", "withdraw"];
  for (const [state, ticket] of closed) {
    for (const action of actions) {
      it(`${state}: ${action} is refused`, () => {
        assert.equal(codeOf(applyAction(ticket, action, alice, after(minutes(5)), { note: "again", pass: passBy(alice), phoneMasked: "+1 555 0100" })), "CLOSED");
      });
    }
  }

  it("the refusal names who closed it", () => {
    const [, resolved] = closed[0];
    const r = applyAction(resolved, "issue", privAuthAdmin, after(minutes(5)), { pass: passBy(stampOf(privAuthAdmin)) });
    assert.match(r.ok ? "" : r.reason, /already resolved by Alice/);
  });
});

describe("ticket machine: a whole lifecycle", () => {
  it("open → assigned → verified → issued → resolved reads back from JSON unchanged", () => {
    let t = okTicket(applyAction(ticketFor(), "assign", alice, later));
    t = okTicket(applyAction(t, "verify_callback", alice, later, { phoneMasked: "+1 555 010 4321" }));
    t = okTicket(decideVerification(t, true, alice, later));
    t = okTicket(applyAction(t, "issue", alice, later, { pass: passBy(alice) }));
    t = okTicket(applyAction(t, "resolve", alice, later, { note: "Signed in and registered a passkey" }));
    assert.deepEqual(JSON.parse(JSON.stringify(t)), t);
  });

  it("records every step in history, in order", () => {
    let t = okTicket(applyAction(ticketFor(), "assign", alice, later));
    t = okTicket(applyAction(t, "verify_callback", alice, later, { phoneMasked: "+1 555 010 4321" }));
    t = okTicket(decideVerification(t, true, alice, later));
    t = okTicket(applyAction(t, "issue", alice, later, { pass: passBy(alice) }));
    t = okTicket(applyAction(t, "delete_tap", alice, later));
    t = okTicket(applyAction(t, "resolve", alice, later, { note: "done" }));
    assert.deepEqual(
      t.history.map((h) => h.action),
      ["created", "assign", "verification_requested", "verification_confirmed", "tap_issued", "tap_deleted", "resolve"],
    );
  });
});
