import assert from "node:assert/strict";
import type { Ticket } from "../../../src/helpdesk/model";
import { decideVerification, startVerification, type TransitionResult } from "../../../src/helpdesk/ticket-machine";
import { applyAction } from "../../../src/helpdesk/ticket-machine";
import { effectiveVerificationStatus, maskPhone } from "../../../src/helpdesk/verification";
import { T0, after, authAdmin, member, minutes, person, secondAgent, stampOf, ticketFor } from "./fixtures";

const alice = stampOf(authAdmin);
const bob = stampOf(secondAgent);
const sam = stampOf(member);
const manager = stampOf(person("maria"));

const okTicket = (r: TransitionResult): Ticket => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.reason}`);
  return r.ticket;
};
const codeOf = (r: TransitionResult): string => (r.ok ? "OK" : r.code);
const assigned = (): Ticket => okTicket(applyAction(ticketFor(), "assign", alice, T0));
const askedManager = (): Ticket => okTicket(startVerification(assigned(), "manager_confirmation", alice, T0));

describe("maskPhone", () => {
  it("keeps only the last 4 digits", () => {
    assert.equal(maskPhone("+1 (555) 010-4321"), "•••• 4321");
  });

  it("is stable on an already masked number", () => {
    assert.equal(maskPhone("•••• 4321"), "•••• 4321");
  });

  it("gives nothing for text without digits", () => {
    assert.equal(maskPhone("n/a"), undefined);
  });
});

describe("startVerification", () => {
  it("the assignee asks the manager: pending", () => {
    const t = askedManager();
    assert.deepEqual([t.verification?.method, t.verification?.status, t.history.at(-1)?.action], ["manager_confirmation", "pending", "verification_requested"]);
  });

  it("a callback stores the number masked, never whole", () => {
    const t = okTicket(startVerification(assigned(), "callback_phone_on_record", alice, T0, "+1 555 010 4321"));
    assert.equal(t.verification?.phoneMasked, "•••• 4321");
  });

  it("a callback without a number on record is refused", () => {
    assert.equal(codeOf(startVerification(assigned(), "callback_phone_on_record", alice, T0)), "BAD_INPUT");
  });

  it("on an open ticket is refused", () => {
    assert.equal(codeOf(startVerification(ticketFor(), "manager_confirmation", alice, T0)), "WRONG_STATE");
  });

  it("by an agent other than the assignee is refused", () => {
    assert.equal(codeOf(startVerification(assigned(), "manager_confirmation", bob, T0)), "NOT_ASSIGNEE");
  });

  it("asking again while pending changes nothing", () => {
    assert.equal((startVerification(askedManager(), "manager_confirmation", alice, after(minutes(1))) as { changed: boolean }).changed, false);
  });

  it("asking again after it expired starts a fresh one", () => {
    const t = okTicket(startVerification(askedManager(), "manager_confirmation", alice, after(minutes(31))));
    assert.equal(t.verification?.requestedAt, after(minutes(31)).toISOString());
  });
});

describe("decideVerification: the manager's answer", () => {
  it("a yes at 29 minutes confirms", () => {
    const t = okTicket(decideVerification(askedManager(), true, manager, after(minutes(29))));
    assert.deepEqual([t.verification?.status, t.verification?.decidedBy], ["confirmed", manager]);
  });

  it("a yes at 29 minutes 59 seconds still confirms", () => {
    assert.equal(okTicket(decideVerification(askedManager(), true, manager, after(minutes(30) - 1000))).verification?.status, "confirmed");
  });

  it("a yes at exactly 30 minutes expires instead", () => {
    const t = okTicket(decideVerification(askedManager(), true, manager, after(minutes(30))));
    assert.deepEqual([t.verification?.status, t.history.at(-1)?.action], ["expired", "verification_expired"]);
  });

  it("a no denies", () => {
    assert.equal(okTicket(decideVerification(askedManager(), false, manager, after(minutes(1)))).verification?.status, "denied");
  });

  it("the subject can't answer for themselves", () => {
    assert.equal(codeOf(decideVerification(askedManager(), true, sam, after(minutes(1)))), "SELF");
  });

  it("the agent who asked can't answer as manager", () => {
    assert.equal(codeOf(decideVerification(askedManager(), true, alice, after(minutes(1)))), "SELF");
  });

  it("the same yes twice (double click) changes nothing", () => {
    const once = okTicket(decideVerification(askedManager(), true, manager, after(minutes(1))));
    assert.equal((decideVerification(once, true, manager, after(minutes(2))) as { changed: boolean }).changed, false);
  });

  it("a no after a yes is refused", () => {
    const once = okTicket(decideVerification(askedManager(), true, manager, after(minutes(1))));
    assert.equal(codeOf(decideVerification(once, false, manager, after(minutes(2)))), "WRONG_STATE");
  });

  it("without a request is refused", () => {
    assert.equal(codeOf(decideVerification(assigned(), true, manager, T0)), "NO_VERIFICATION");
  });

  it("on a resolved ticket is refused", () => {
    const resolved = okTicket(applyAction(askedManager(), "resolve", alice, T0, { note: "fixed itself" }));
    assert.equal(codeOf(decideVerification(resolved, true, manager, T0)), "CLOSED");
  });
});

describe("decideVerification: the agent's callback", () => {
  const called = (): Ticket => okTicket(startVerification(assigned(), "callback_phone_on_record", alice, T0, "+15550104321"));

  it("the assignee confirms after calling", () => {
    assert.equal(okTicket(decideVerification(called(), true, alice, after(minutes(45)))).verification?.status, "confirmed");
  });

  it("another agent can't confirm the assignee's callback", () => {
    assert.equal(codeOf(decideVerification(called(), true, bob, after(minutes(1)))), "NOT_ASSIGNEE");
  });
});

describe("effectiveVerificationStatus", () => {
  it("reads a pending manager question as expired at 30 minutes", () => {
    assert.equal(effectiveVerificationStatus(askedManager().verification, after(minutes(30))), "expired");
  });

  it("reads none without a verification", () => {
    assert.equal(effectiveVerificationStatus(undefined, T0), "none");
  });
});
