import assert from "node:assert/strict";
import type { Ticket } from "../../../src/helpdesk/model";
import { applyAction, claimIssue, issueInProgress, releaseIssue, type TransitionResult } from "../../../src/helpdesk/ticket-machine";
import { T0, after, authAdmin, member, minutes, passBy, secondAgent, stampOf, verifiedTicket } from "./fixtures";

const alice = stampOf(authAdmin);
const bob = stampOf(secondAgent);
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

  it("a claim older than 2 minutes can be taken again (the first click died)", () => {
    assert.equal(codeOf(claimIssue(claimed(), alice, after(minutes(2)))), "OK");
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

  it("issueInProgress is true just before 2 minutes and false at 2 minutes", () => {
    assert.deepEqual([issueInProgress(claimed(), after(minutes(2) - 1)), issueInProgress(claimed(), after(minutes(2)))], [true, false]);
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
