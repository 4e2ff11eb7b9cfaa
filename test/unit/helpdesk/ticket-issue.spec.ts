import assert from "node:assert/strict";
import type { Ticket } from "../../../src/helpdesk/domain/model";
import {
  ISSUE_CLAIM_TIMEOUT_MS,
  VERIFICATION_MAX_AGE_MS,
  applyAction,
  claimIssue,
  decideVerification,
  issueInProgress,
  recordUncertain,
  releaseIssue,
  startVerification,
  type TransitionResult,
} from "../../../src/helpdesk/domain/ticket-machine";
import { T0, after, authAdmin, member, minutes, passBy, person, secondAgent, stampOf, ticketFor, verifiedTicket } from "./fixtures";

const alice = stampOf(authAdmin);
const bob = stampOf(secondAgent);
const maria = stampOf(person("maria"));
const sam = stampOf(member);

const okTicket = (r: TransitionResult): Ticket => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.reason}`);
  return r.ticket;
};
const codeOf = (r: TransitionResult): string => (r.ok ? "OK" : r.code);
const claimed = (): Ticket => okTicket(claimIssue(verifiedTicket(alice), alice, T0));

describe("claimIssue: one Issue click at a time", () => {
  it("the assignee claims a verified ticket", () => {
    assert.deepEqual(claimed().pendingIssue, { by: alice, at: T0.toISOString() });
  });

  it("a second click by the same agent is refused while the first is running", () => {
    assert.equal(codeOf(claimIssue(claimed(), alice, after(1000))), "ISSUE_IN_PROGRESS");
  });

  it("a claim 4 minutes 59 seconds old still holds (Graph may take 2 minutes plus delivery)", () => {
    assert.equal(codeOf(claimIssue(claimed(), alice, after(minutes(5) - 1000))), "ISSUE_IN_PROGRESS");
  });

  it("a claim 5 minutes old can be taken again (the first click died)", () => {
    assert.equal(codeOf(claimIssue(claimed(), alice, after(minutes(5)))), "OK");
  });

  it("checks everything issuance needs first: unverified is refused", () => {
    const t = verifiedTicket(alice);
    delete t.verification;
    assert.equal(codeOf(claimIssue(t, alice, T0)), "NOT_VERIFIED");
  });

  it("checks the required approvals", () => {
    assert.equal(codeOf(claimIssue(verifiedTicket(alice), alice, T0, ["helpdesk_admin_limit"])), "NEEDS_APPROVAL");
  });

  it("adds no history entry (the outcome does)", () => {
    assert.equal(claimed().history.length, verifiedTicket(alice).history.length);
  });

  it("the claim lasts 5 minutes", () => {
    assert.equal(ISSUE_CLAIM_TIMEOUT_MS, minutes(5));
  });

  it("issueInProgress is true just before 5 minutes and false at 5 minutes", () => {
    assert.deepEqual([issueInProgress(claimed(), after(minutes(5) - 1)), issueInProgress(claimed(), after(minutes(5)))], [true, false]);
  });
});

describe("recording the pass after a claim", () => {
  it("the claimer's issue clears the claim", () => {
    const t = okTicket(applyAction(claimed(), "issue", alice, after(1000), { pass: passBy(alice) }));
    assert.deepEqual([t.pendingIssue, t.pass?.tapId], [undefined, "tap-1"]);
  });

  it("a pass recorded twice (retry after success) is refused", () => {
    const t = okTicket(applyAction(claimed(), "issue", alice, after(1000), { pass: passBy(alice) }));
    assert.equal(codeOf(applyAction(t, "issue", alice, after(2000), { pass: passBy(alice) })), "PASS_EXISTS");
  });

  it("while someone holds the claim, taking the ticket over is refused", () => {
    assert.equal(codeOf(applyAction(claimed(), "assign", bob, after(1000))), "ISSUE_IN_PROGRESS");
  });

  it("while someone holds the claim, resolving is refused", () => {
    assert.equal(codeOf(applyAction(claimed(), "resolve", alice, after(1000), { note: "done" })), "ISSUE_IN_PROGRESS");
  });

  it("while someone holds the claim, the requester can't withdraw", () => {
    assert.equal(codeOf(applyAction(claimed(), "withdraw", sam, after(1000))), "ISSUE_IN_PROGRESS");
  });

  it("while someone holds the claim, another agent can't approve", () => {
    assert.equal(codeOf(applyAction(claimed(), "approve", bob, after(1000))), "ISSUE_IN_PROGRESS");
  });

  it("while someone holds the claim, a helpdesk admin can't lift the limit", () => {
    assert.equal(codeOf(applyAction(claimed(), "approve", bob, after(1000), { approvalKind: "helpdesk_admin_limit" })), "ISSUE_IN_PROGRESS");
  });

  it("while someone holds the claim, asking the manager is refused", () => {
    assert.equal(codeOf(applyAction(claimed(), "verify_manager", alice, after(1000))), "ISSUE_IN_PROGRESS");
  });

  it("while someone holds the claim, restarting the callback is refused", () => {
    assert.equal(codeOf(applyAction(claimed(), "verify_callback", alice, after(1000), { phoneMasked: "+1 555 010 9999" })), "ISSUE_IN_PROGRESS");
  });

  it("while someone holds the claim, startVerification called directly is refused too", () => {
    assert.equal(codeOf(startVerification(claimed(), "callback_phone_on_record", alice, after(1000), "+1 555 010 9999")), "ISSUE_IN_PROGRESS");
  });

  it("just before the claim runs out, approving is still refused", () => {
    assert.equal(codeOf(applyAction(claimed(), "approve", bob, after(minutes(5) - 1))), "ISSUE_IN_PROGRESS");
  });

  it("once the claim ran out (5 minutes), approving and verifying work again", () => {
    assert.deepEqual(
      [codeOf(applyAction(claimed(), "approve", bob, after(minutes(5)))), codeOf(applyAction(claimed(), "verify_manager", alice, after(minutes(5))))],
      ["OK", "OK"],
    );
  });
});

describe("issuing uses up the verification and the approvals", () => {
  const approvedByBob = { kind: "second_agent" as const, approvedBy: bob, approvedAt: T0.toISOString() };
  const issued = (): Ticket =>
    okTicket(applyAction(verifiedTicket(alice, sam, { approvals: [approvedByBob] }), "issue", alice, after(1000), { pass: passBy(alice), requiredApprovals: ["second_agent"] }));

  it("recording the pass clears the verification and the approvals", () => {
    const t = issued();
    assert.deepEqual([t.verification, t.approvals], [undefined, []]);
  });

  it("leaves the fields out rather than undefined, so the ticket reads back from JSON unchanged", () => {
    const t = issued();
    assert.deepEqual(["verification" in t, JSON.parse(JSON.stringify(t))], [false, t]);
  });

  it("keeps the pass record exactly as given", () => {
    assert.deepEqual(issued().pass, passBy(alice));
  });

  it("history keeps the verification and the approval", () => {
    let t = okTicket(applyAction(ticketFor(), "assign", alice, T0));
    t = okTicket(applyAction(t, "verify_callback", alice, T0, { phoneMasked: "+1 555 010 4321" }));
    t = okTicket(decideVerification(t, true, alice, T0));
    t = okTicket(applyAction(t, "approve", bob, T0));
    t = okTicket(applyAction(t, "issue", alice, after(1000), { pass: passBy(alice), requiredApprovals: ["second_agent"] }));
    assert.deepEqual(
      t.history.map((h) => h.action),
      ["created", "assign", "verification_requested", "verification_confirmed", "approved", "tap_issued"],
    );
  });

  it("Issue → Delete → Issue is refused without a fresh verification", () => {
    const deleted = okTicket(applyAction(issued(), "delete_tap", alice, after(2000)));
    const r = applyAction(deleted, "issue", alice, after(3000), { pass: passBy(alice, after(3000)) });
    assert.equal(codeOf(r), "NOT_VERIFIED");
  });

  it("a fresh claim after Delete is refused as well", () => {
    const deleted = okTicket(applyAction(issued(), "delete_tap", alice, after(2000)));
    assert.equal(codeOf(claimIssue(deleted, alice, after(3000))), "NOT_VERIFIED");
  });

  it("after Delete a fresh verification is not enough when an approval was required: it needs a fresh approval", () => {
    let t = okTicket(applyAction(issued(), "delete_tap", alice, after(2000)));
    t = okTicket(applyAction(t, "verify_callback", alice, after(3000), { phoneMasked: "+1 555 010 4321" }));
    t = okTicket(decideVerification(t, true, alice, after(3000)));
    assert.equal(codeOf(claimIssue(t, alice, after(4000), ["second_agent"])), "NEEDS_APPROVAL");
  });

  it("after Delete, fresh verification and fresh approval allow issuing again", () => {
    let t = okTicket(applyAction(issued(), "delete_tap", alice, after(2000)));
    t = okTicket(applyAction(t, "verify_callback", alice, after(3000), { phoneMasked: "+1 555 010 4321" }));
    t = okTicket(decideVerification(t, true, alice, after(3000)));
    t = okTicket(applyAction(t, "approve", bob, after(3000)));
    t = okTicket(claimIssue(t, alice, after(4000), ["second_agent"]));
    const again = okTicket(applyAction(t, "issue", alice, after(5000), { pass: passBy(alice, after(5000)), requiredApprovals: ["second_agent"] }));
    assert.equal(again.pass?.issuedAt, after(5000).toISOString());
  });

  it("a repeat of a recorded issue still reads as 'a pass exists', not 'not verified'", () => {
    assert.equal(codeOf(applyAction(issued(), "issue", alice, after(2000), { pass: passBy(alice) })), "PASS_EXISTS");
  });
});

describe("a confirmation is good for less than 60 minutes", () => {
  // verifiedTicket's confirmation was decided at T0.
  it("the maximum age is 60 minutes", () => {
    assert.equal(VERIFICATION_MAX_AGE_MS, minutes(60));
  });

  it("a claim at 59:59 after the confirmation goes ahead", () => {
    assert.equal(codeOf(claimIssue(verifiedTicket(alice), alice, after(minutes(60) - 1000))), "OK");
  });

  it("a claim at 60:00 after the confirmation is refused as too old", () => {
    const r = claimIssue(verifiedTicket(alice), alice, after(minutes(60)));
    assert.deepEqual([codeOf(r), r.ok ? "" : /too old/.test(r.reason)], ["NOT_VERIFIED", true]);
  });

  it("issuing without a claim at 59:59 goes ahead", () => {
    assert.equal(codeOf(applyAction(verifiedTicket(alice), "issue", alice, after(minutes(60) - 1000), { pass: passBy(alice) })), "OK");
  });

  it("issuing without a claim at 60:00 is refused as too old", () => {
    const r = applyAction(verifiedTicket(alice), "issue", alice, after(minutes(60)), { pass: passBy(alice) });
    assert.deepEqual([codeOf(r), r.ok ? "" : /too old/.test(r.reason)], ["NOT_VERIFIED", true]);
  });

  it("a pass claimed at 59:59 is recorded even when Graph answers after 60:00 (the age is measured at the claim)", () => {
    const t = okTicket(claimIssue(verifiedTicket(alice), alice, after(minutes(60) - 1000)));
    assert.equal(codeOf(applyAction(t, "issue", alice, after(minutes(62)), { pass: passBy(alice) })), "OK");
  });

  it("someone else's claim doesn't make an old confirmation count", () => {
    const t = verifiedTicket(alice, sam, { pendingIssue: { by: bob, at: after(minutes(59)).toISOString() } });
    assert.equal(codeOf(applyAction(t, "issue", alice, after(minutes(60)), { pass: passBy(alice) })), "NOT_VERIFIED");
  });

  it("a confirmation without a decision time doesn't count", () => {
    const t = verifiedTicket(alice);
    delete t.verification?.decidedAt;
    assert.equal(codeOf(claimIssue(t, alice, after(1000))), "NOT_VERIFIED");
  });
});

describe("the issuing agent can't be the manager who confirmed", () => {
  const managerConfirmed = (decidedBy: typeof alice): Ticket =>
    verifiedTicket(alice, sam, {
      verification: { method: "manager_confirmation", status: "confirmed", requestedBy: bob, requestedAt: T0.toISOString(), decidedBy, decidedAt: T0.toISOString() },
    });

  it("claiming is refused when the actor confirmed as manager", () => {
    assert.equal(codeOf(claimIssue(managerConfirmed(alice), alice, after(1000))), "SELF");
  });

  it("recording is refused when the actor confirmed as manager", () => {
    assert.equal(codeOf(applyAction(managerConfirmed(alice), "issue", alice, after(1000), { pass: passBy(alice) })), "SELF");
  });

  it("the refusal says why in plain words", () => {
    const r = claimIssue(managerConfirmed(alice), alice, after(1000));
    assert.match(r.ok ? "" : r.reason, /confirmed this request as Sam's manager/);
  });

  it("a confirmation by someone else goes ahead", () => {
    assert.equal(codeOf(claimIssue(managerConfirmed(maria), alice, after(1000))), "OK");
  });

  it("the assignee's own callback is the normal case and goes ahead", () => {
    assert.equal(codeOf(claimIssue(verifiedTicket(alice), alice, after(1000))), "OK");
  });
});

describe("releaseIssue", () => {
  it("clears the claim and records why", () => {
    const t = okTicket(releaseIssue(claimed(), alice, after(1000), "The directory refused the lifetime."));
    assert.deepEqual([t.pendingIssue, t.history.at(-1)?.action, t.history.at(-1)?.note], [undefined, "issue_failed", "The directory refused the lifetime."]);
  });

  it("someone else's claim can't be released", () => {
    assert.equal(codeOf(releaseIssue(claimed(), bob, after(1000), "x")), "WRONG_STATE");
  });
});

describe("a pass whose create answer was lost", () => {
  const doubt = {
    state: "created" as const,
    tapId: "tap-1",
    attemptedBy: alice,
    attemptedAt: T0.toISOString(),
    requested: { lifetimeInMinutes: 60, isUsableOnce: true, deliverTo: "agent" as const },
  };
  const uncertain = (): Ticket => okTicket(recordUncertain(claimed(), alice, after(1000), doubt));

  it("is recorded on the ticket and the claim is dropped", () => {
    const t = uncertain();
    assert.deepEqual([t.uncertainPass?.tapId, t.pendingIssue, t.history.at(-1)?.action], ["tap-1", undefined, "tap_value_unknown"]);
  });

  it("keeps the verification and approvals: no value reached anyone", () => {
    const t = uncertain();
    assert.equal(t.verification?.status, "confirmed");
  });

  it("copies only the known fields (nothing else can ride along)", () => {
    const t = okTicket(recordUncertain(claimed(), alice, after(1000), { ...doubt, temporaryAccessPass: "should-not-be-here" } as typeof doubt));
    assert.ok(!JSON.stringify(t).includes("should-not-be-here"));
  });

  it("can only be recorded by the agent holding the claim", () => {
    assert.equal(codeOf(recordUncertain(claimed(), bob, after(1000), doubt)), "WRONG_STATE");
  });

  it("blocks a plain Issue: the agent replaces it instead", () => {
    assert.equal(codeOf(claimIssue(uncertain(), alice, after(2000))), "PASS_UNCERTAIN");
  });

  it("lets the assignee claim a Replace on the same verification", () => {
    assert.equal(codeOf(claimIssue(uncertain(), alice, after(2000), [], "replace")), "OK");
  });

  it("a Replace needs the verification to be younger than 60 minutes at the click, like Issue", () => {
    assert.equal(codeOf(claimIssue(uncertain(), alice, after(VERIFICATION_MAX_AGE_MS), [], "replace")), "NOT_VERIFIED");
  });

  it("a Replace is refused when nothing is in doubt", () => {
    assert.equal(codeOf(claimIssue(verifiedTicket(alice), alice, T0, [], "replace")), "NO_PASS");
  });

  it("another agent can't replace it", () => {
    assert.equal(codeOf(claimIssue(uncertain(), bob, after(2000), [], "replace")), "NOT_ASSIGNEE");
  });

  it("the recorded replacement clears the doubt and uses up the verification", () => {
    const claimedReplace = okTicket(claimIssue(uncertain(), alice, after(2000), [], "replace"));
    const t = okTicket(applyAction(claimedReplace, "replace_tap", alice, after(3000), { pass: passBy(alice, after(3000)) }));
    assert.deepEqual([t.uncertainPass, t.verification, t.pass?.tapId !== undefined], [undefined, undefined, true]);
  });

  it("a replacement whose create failed after the delete leaves nothing in doubt", () => {
    const claimedReplace = okTicket(claimIssue(uncertain(), alice, after(2000), [], "replace"));
    assert.equal(okTicket(releaseIssue(claimedReplace, alice, after(3000), "refused", { passGone: true })).uncertainPass, undefined);
  });

  it("a released claim without passGone keeps the doubt", () => {
    const claimedReplace = okTicket(claimIssue(uncertain(), alice, after(2000), [], "replace"));
    assert.equal(okTicket(releaseIssue(claimedReplace, alice, after(3000), "couldn't delete")).uncertainPass?.tapId, "tap-1");
  });

  it("Delete TAP deletes the pass in doubt", () => {
    const t = okTicket(applyAction(uncertain(), "delete_tap", alice, after(2000)));
    assert.deepEqual([t.uncertainPass, t.history.at(-1)?.action], [undefined, "tap_deleted"]);
  });
});
