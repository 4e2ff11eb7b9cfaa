import assert from "node:assert/strict";
import type { Ticket } from "../../../src/helpdesk/domain/model";
import { decideVerification, startVerification, type TransitionResult } from "../../../src/helpdesk/domain/ticket-machine";
import { applyAction } from "../../../src/helpdesk/domain/ticket-machine";
import { effectiveVerificationStatus, isConfirmationStale, maskPhone } from "../../../src/helpdesk/domain/verification";
import { T0, after, authAdmin, member, minutes, passBy, person, secondAgent, stampOf, ticketFor, verifiedTicket } from "./fixtures";

const alice = stampOf(authAdmin);
const bob = stampOf(secondAgent);
const sam = stampOf(member);
const manager = stampOf(person("maria"));
// Wendy is Sam's manager and also a helpdesk agent.
const wendy = stampOf(person("wendy"));

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

  it("asking again while confirmed less than 60 minutes ago changes nothing", () => {
    const t = verifiedTicket(alice);
    assert.equal((startVerification(t, "callback_phone_on_record", alice, after(minutes(60) - 1000), "+1 555 010 1234") as { changed: boolean }).changed, false);
  });

  it("asking again once the confirmation is 60 minutes old starts a fresh one", () => {
    const t = okTicket(startVerification(verifiedTicket(alice), "callback_phone_on_record", alice, after(minutes(60)), "+1 555 010 1234"));
    assert.deepEqual([t.verification?.status, t.verification?.requestedAt], ["pending", after(minutes(60)).toISOString()]);
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

  it("the ticket's assignee can't answer as manager, even when someone else asked", () => {
    // Stored before take-overs reset the verification: Alice asked, then Wendy (manager and agent) took the ticket.
    const t: Ticket = { ...askedManager(), assignee: wendy };
    const r = decideVerification(t, true, wendy, after(minutes(1)));
    assert.deepEqual([codeOf(r), r.ok ? "" : /You're handling ticket T-ABCDEF as its agent/.test(r.reason)], ["SELF", true]);
  });

  it("the assignee can't answer No as manager either", () => {
    const t: Ticket = { ...askedManager(), assignee: wendy };
    assert.equal(codeOf(decideVerification(t, false, wendy, after(minutes(1)))), "SELF");
  });

  it("a manager who is an agent but not the assignee may answer", () => {
    assert.equal(okTicket(decideVerification(askedManager(), true, wendy, after(minutes(1)))).verification?.status, "confirmed");
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

describe("taking the ticket over resets the verification", () => {
  const confirmedByManager = (): Ticket => okTicket(decideVerification(askedManager(), true, wendy, after(minutes(1))));

  it("a manager who confirmed and then takes the ticket over has to verify again", () => {
    const t = okTicket(applyAction(confirmedByManager(), "assign", wendy, after(minutes(2))));
    assert.deepEqual([t.assignee, t.verification], [wendy, undefined]);
  });

  it("so they can't issue on their own confirmation", () => {
    const t = okTicket(applyAction(confirmedByManager(), "assign", wendy, after(minutes(2))));
    assert.equal(codeOf(applyAction(t, "issue", wendy, after(minutes(3)), { pass: passBy(wendy) })), "NOT_VERIFIED");
  });

  it("a manager who takes over while the question is pending can no longer answer it", () => {
    const t = okTicket(applyAction(askedManager(), "assign", wendy, after(minutes(1))));
    assert.equal(codeOf(decideVerification(t, true, wendy, after(minutes(2)))), "NO_VERIFICATION");
  });

  it("and asking themselves as the new assignee is refused", () => {
    let t = okTicket(applyAction(askedManager(), "assign", wendy, after(minutes(1))));
    t = okTicket(startVerification(t, "manager_confirmation", wendy, after(minutes(1))));
    assert.equal(codeOf(decideVerification(t, true, wendy, after(minutes(2)))), "SELF");
  });

  it("any take-over drops the verification; history keeps the record and says why", () => {
    const t = okTicket(applyAction(confirmedByManager(), "assign", bob, after(minutes(2))));
    assert.deepEqual(
      [t.verification, t.history.map((h) => h.action).slice(-3), t.history.at(-1)?.note],
      [undefined, ["verification_requested", "verification_confirmed", "assign"], "Took over from Alice; the caller has to be verified again"],
    );
  });

  it("the new assignee can verify again and issue", () => {
    let t = okTicket(applyAction(confirmedByManager(), "assign", bob, after(minutes(2))));
    t = okTicket(startVerification(t, "manager_confirmation", bob, after(minutes(3))));
    t = okTicket(decideVerification(t, true, wendy, after(minutes(4))));
    assert.equal(codeOf(applyAction(t, "issue", bob, after(minutes(5)), { pass: passBy(bob) })), "OK");
  });

  it("the same assignee clicking Assign again keeps the verification", () => {
    const t = confirmedByManager();
    assert.equal((applyAction(t, "assign", alice, after(minutes(2))) as { changed: boolean }).changed, false);
  });

  it("the first assignment of an open ticket has no take-over note", () => {
    assert.equal(assigned().history.at(-1)?.note, undefined);
  });
});

describe("effectiveVerificationStatus", () => {
  it("reads a confirmation 59:59 old as confirmed", () => {
    assert.equal(effectiveVerificationStatus(verifiedTicket(alice).verification, after(minutes(60) - 1000)), "confirmed");
  });

  it("reads a confirmation 60:00 old as expired (the card stops offering Issue)", () => {
    assert.equal(effectiveVerificationStatus(verifiedTicket(alice).verification, after(minutes(60))), "expired");
  });

  it("isConfirmationStale: false at 59:59, true at 60:00", () => {
    const v = verifiedTicket(alice).verification!;
    assert.deepEqual([isConfirmationStale(v, after(minutes(60) - 1000)), isConfirmationStale(v, after(minutes(60)))], [false, true]);
  });

  it("a confirmation without a decision time reads as expired", () => {
    const v = verifiedTicket(alice).verification!;
    delete v.decidedAt;
    assert.equal(effectiveVerificationStatus(v, T0), "expired");
  });

  it("a denied verification stays denied, however old", () => {
    const v = { ...verifiedTicket(alice).verification!, status: "denied" as const };
    assert.equal(effectiveVerificationStatus(v, after(minutes(600))), "denied");
  });

  it("reads a pending manager question as expired at 30 minutes", () => {
    assert.equal(effectiveVerificationStatus(askedManager().verification, after(minutes(30))), "expired");
  });

  it("reads none without a verification", () => {
    assert.equal(effectiveVerificationStatus(undefined, T0), "none");
  });
});
