// Every helpdesk action through the verb table (HelpdeskWorkflow.onAction → HELPDESK_ACTIONS), over in-memory fakes.
import assert from "node:assert/strict";
import { HELPDESK_ACTIONS, actionFor } from "../../../src/helpdesk/actions";
import { HELPDESK_VERBS as V, HELPDESK_VERB_LIST } from "../../../src/helpdesk/domain/verbs";
import { HelpdeskError } from "../../../src/errors";
import { HelpdeskHarness, messageOf } from "../../support/helpdesk-fakes";

const ISSUE_FORM = { lifetimeInMinutes: "60", isUsableOnce: "true" };

/** A harness with Sam's ticket assigned to Ana and verified by callback. */
async function verified(): Promise<{ h: HelpdeskHarness; id: string }> {
  const h = new HelpdeskHarness();
  const id = await h.openTicket();
  await h.click("ana", V.ticketAssign, id);
  await h.click("ana", V.ticketVerifyCallback, id);
  return { h, id };
}

/** A harness where Ana issued Sam a pass on the ticket. */
async function issued(): Promise<{ h: HelpdeskHarness; id: string }> {
  const { h, id } = await verified();
  await h.click("ana", V.ticketIssue, id, ISSUE_FORM);
  return { h, id };
}

describe("helpdesk verb table", () => {
  it("has a handler for every helpdesk verb", () => {
    assert.deepEqual(Object.keys(HELPDESK_ACTIONS).sort(), [...HELPDESK_VERB_LIST].sort());
  });

  it("knows nothing but helpdesk verbs", () => {
    assert.deepEqual([actionFor("triage_fixed"), actionFor("toString"), actionFor("__proto__")], [undefined, undefined, undefined]);
  });

  it("refuses a verb it doesn't know, on a real ticket", async () => {
    const h = new HelpdeskHarness();
    const id = await h.openTicket();
    assert.equal(messageOf(await h.click("ana", "ticket_explode", id)), "That button isn't one I know.");
  });

  it("refuses an agent button from someone outside the agents group", async () => {
    const h = new HelpdeskHarness();
    const id = await h.openTicket();
    assert.match(messageOf(await h.click("olly", V.ticketAssign, id)) ?? "", /Only helpdesk agents can act on tickets/);
  });

  it("tells the clicker the directory is busy when their facts read is throttled (not 'account not found')", async () => {
    const h = new HelpdeskHarness();
    const id = await h.openTicket();
    h.directory.failReadsWith = new HelpdeskError("GRAPH_THROTTLED", "429 from Graph", { status: 429 });
    assert.equal(messageOf(await h.click("ana", V.ticketAssign, id)), "The directory is busy right now. Please try again in a minute.");
  });

  it("tells someone the directory doesn't know that it couldn't find their account", async () => {
    const h = new HelpdeskHarness();
    const id = await h.openTicket();
    assert.equal(messageOf(await h.click("nobody", V.ticketAssign, id)), "I couldn't find your account in the directory.");
  });

  it("refuses a click on a ticket that doesn't exist", async () => {
    const h = new HelpdeskHarness();
    assert.match(messageOf(await h.click("ana", V.ticketAssign, "T-ZZZZZZ")) ?? "", /doesn't exist/);
  });
});

describe("helpdesk actions", () => {
  describe(V.ticketRefresh, () => {
    it("shows the subject the current card", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      assert.equal(messageOf(await h.click("sam", V.ticketRefresh, id)), undefined);
    });

    it("shows an outsider nothing", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      assert.equal(messageOf(await h.click("olly", V.ticketRefresh, id)), "Only the helpdesk and the people on the ticket can see it.");
    });
  });

  describe(V.ticketAssign, () => {
    it("assigns the ticket to the clicking agent and sends them the numbers on record", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      await h.click("ana", V.ticketAssign, id);
      assert.deepEqual([(await h.ticket(id)).status, (await h.ticket(id)).assignee?.id], ["assigned", "ana"]);
      assert.ok(h.messenger.to("ana").some((m) => "text" in m && m.text.includes("+1 555 0100")));
    });

    it("tells the requester their ticket is being handled", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      await h.click("ana", V.ticketAssign, id);
      assert.equal(h.messenger.to("sam").length, 1);
    });
  });

  describe(V.ticketVerifyCallback, () => {
    it("records the callback as a confirmed verification", async () => {
      const { h, id } = await verified();
      assert.deepEqual([(await h.ticket(id)).verification?.method, (await h.ticket(id)).verification?.status], ["callback_phone_on_record", "confirmed"]);
    });
  });

  describe(V.ticketVerifyManager, () => {
    it("asks the subject's manager in their 1:1 chat", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      await h.click("ana", V.ticketAssign, id);
      await h.click("ana", V.ticketVerifyManager, id);
      assert.deepEqual([(await h.ticket(id)).verification?.status, h.messenger.to("mia").length], ["pending", 1]);
    });
  });

  describe(`${V.verifyConfirm} / ${V.verifyDeny}`, () => {
    async function asked(): Promise<{ h: HelpdeskHarness; id: string }> {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      await h.click("ana", V.ticketAssign, id);
      await h.click("ana", V.ticketVerifyManager, id);
      return { h, id };
    }

    it("confirms when the manager says yes", async () => {
      const { h, id } = await asked();
      await h.click("mia", V.verifyConfirm, id);
      assert.equal((await h.ticket(id)).verification?.status, "confirmed");
    });

    it("denies when the manager says no", async () => {
      const { h, id } = await asked();
      await h.click("mia", V.verifyDeny, id);
      assert.equal((await h.ticket(id)).verification?.status, "denied");
    });

    it("refuses an answer from anyone but the manager", async () => {
      const { h, id } = await asked();
      assert.equal(messageOf(await h.click("bo", V.verifyConfirm, id)), "Only Sam Subject's manager can answer this.");
    });
  });

  describe(V.ticketIssue, () => {
    it("creates the pass and hands its value to the agent's 1:1 chat only", async () => {
      const { h, id } = await issued();
      assert.equal((await h.ticket(id)).pass?.tapId, "tap-1");
      assert.ok(JSON.stringify(h.messenger.to("ana")).includes("Secret-Pass-42"));
      assert.ok(!JSON.stringify(h.messenger.to("sam")).includes("Secret-Pass-42"));
    });

    it("refuses before the caller is verified", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      await h.click("ana", V.ticketAssign, id);
      assert.notEqual(messageOf(await h.click("ana", V.ticketIssue, id, ISSUE_FORM)), undefined);
      assert.equal(h.directory.taps.size, 0);
    });
  });

  describe(V.tapHandedOver, () => {
    it("removes the value from the hand-over message", async () => {
      const { h, id } = await issued();
      const deliveryId = /"deliveryId":"([^"]+)"/.exec(JSON.stringify(h.messenger.to("ana")))?.[1];
      await h.click("ana", V.tapHandedOver, id, { deliveryId });
      assert.ok(!JSON.stringify(h.messenger.updated).includes("Secret-Pass-42"));
      assert.equal(h.messenger.updated.length, 1);
    });

    it("refuses anyone but the recipient", async () => {
      const { h, id } = await issued();
      const deliveryId = /"deliveryId":"([^"]+)"/.exec(JSON.stringify(h.messenger.to("ana")))?.[1];
      assert.equal(messageOf(await h.click("sam", V.tapHandedOver, id, { deliveryId })), "That hand-over message isn't yours.");
    });
  });

  describe(V.tapNotMe, () => {
    it("deletes the pass at once and opens a security ticket", async () => {
      const { h, id } = await issued();
      await h.click("sam", V.tapNotMe, id);
      assert.equal(h.directory.taps.size, 0);
      assert.equal((await h.tickets.listOpen()).filter((t) => t.kind === "security").length, 1);
    });
  });

  describe(V.ticketDeleteTap, () => {
    it("deletes the pass issued on the ticket", async () => {
      const { h, id } = await issued();
      await h.click("ana", V.ticketDeleteTap, id);
      assert.equal(h.directory.taps.size, 0);
      assert.equal((await h.ticket(id)).pass?.deletedBy?.id, "ana");
    });
  });

  describe(V.ticketReplaceTap, () => {
    it("refuses when no pass is in doubt", async () => {
      const { h, id } = await verified();
      assert.equal(messageOf(await h.click("ana", V.ticketReplaceTap, id)), "Ticket T-ABCDEF has no pass in doubt to replace.");
    });
  });

  describe(V.ticketApprove, () => {
    it("refuses when the ticket needs no approval", async () => {
      const { h, id } = await verified();
      assert.equal(messageOf(await h.click("bo", V.ticketApprove, id)), "Ticket T-ABCDEF needs no approval right now.");
    });
  });

  describe("closing", () => {
    for (const [verb, status] of [
      [V.ticketResolve, "resolved"],
      [V.ticketReject, "rejected"],
      [V.ticketRouteSecurity, "rejected"],
    ] as const) {
      it(`${verb} closes the ticket as ${status} and tells the requester`, async () => {
        const { h, id } = await verified();
        const before = h.messenger.to("sam").length;
        await h.click("ana", verb, id, { note: "done" });
        assert.deepEqual([(await h.ticket(id)).status, h.messenger.to("sam").length], [status, before + 1]);
      });
    }
  });

  describe(V.ticketWithdraw, () => {
    it("lets the requester withdraw their request", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      await h.click("sam", V.ticketWithdraw, id);
      assert.equal((await h.ticket(id)).status, "withdrawn");
    });

    it("refuses anyone else", async () => {
      const h = new HelpdeskHarness();
      const id = await h.openTicket();
      assert.notEqual(messageOf(await h.click("ana", V.ticketWithdraw, id)), undefined);
      assert.equal((await h.ticket(id)).status, "open");
    });
  });
});
