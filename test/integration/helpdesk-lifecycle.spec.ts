// The rest of a ticket's life over HTTP: withdrawal by the requester, disconnecting the helpdesk channel (command and
// uninstall), deleting a pass, "Handed over", scrubs across a restart, the per-person audit view and manager answers
// that must block issuance (No, or Yes after the question expired).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { HELPDESK_VERBS as V } from "../../src/helpdesk/domain/verbs";
import type { AuditEvent } from "../../src/helpdesk/domain/model";
import type { ConnectorCapture } from "../support/connector-capture";
import { startHarness, type Harness } from "../support/service-harness";
import { HELPDESK_CHANNEL, HELPDESK_TEAM, TENANT_ID, cardActions, cardOf, cardTexts, type InvokeResult } from "../support/teams-user";
import { HelpdeskScenario, answerText, passValueOf, who, type DiagnosisButton } from "../support/helpdesk-scenario";

const ISSUE_FORM = { lifetimeInMinutes: "60", isUsableOnce: "true" };
const TICKET_ID = /T-[2-9A-HJ-NP-Z]{6}/;


/** The card an invoke answered with (undefined when it answered with a message). */
function answerCard(r: InvokeResult): Record<string, unknown> | undefined {
  return typeof r.body.value === "object" && r.body.value !== null ? (r.body.value as Record<string, unknown>) : undefined;
}

/** The activity id the connector answered a sent message with (what later updates target). */
function responseIdOf(capture: ConnectorCapture, sent: InvokeResult["sent"][number] | undefined): string | undefined {
  return capture.calls.find((c) => c === sent)?.responseId;
}

/** An installationUpdate activity, as Teams sends it when the app is added to or removed from a team. */
function installationUpdate(serviceUrl: string, action: string, team: { id: string; name: string }): Record<string, unknown> {
  const admin = who("xavier");
  return {
    type: "installationUpdate",
    action,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { id: `29:${admin.id}`, name: admin.displayName, aadObjectId: admin.id },
    recipient: { id: "28:tap-helpdesk", name: "TAP Helpdesk" },
    conversation: { id: HELPDESK_CHANNEL.id, conversationType: "channel", isGroup: true, tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team, channel: HELPDESK_CHANNEL, settings: { selectedChannel: HELPDESK_CHANNEL } },
  };
}

describe("helpdesk lifecycle over HTTP", function () {
  this.timeout(90_000);
  let h: Harness;
  let s: HelpdeskScenario;

  /** A ticket for `subject`, assigned to `agent` and verified by calling the number on record. */
  const verifiedTicket = (subject: string, agent: string, button?: DiagnosisButton): Promise<string> => s.verifiedTicket(subject, agent, button);

  /** A ticket for `subject`, assigned to `agent`, with the manager asked to confirm. */
  async function managerAsked(subject: string, agent: string): Promise<string> {
    const id = await s.escalate(subject);
    assert.match(answerText(await s.click(agent, V.ticketAssign, id)), /Assigned/);
    const asked = await s.click(agent, V.ticketVerifyManager, id);
    assert.ok(asked.sent.some((c) => c.conversationId === `a:personal-${who("wendy").id}` && c.raw.includes(id)), "the manager was asked");
    return id;
  }

  /** Whether the audit trail holds a refusal of `actor` on the ticket whose action matches. */
  async function deniedInAudit(actor: string, ticketId: string, action: RegExp): Promise<boolean> {
    return (await s.audit()).some((e) => e.actor.id === who(actor).id && e.ticketId === ticketId && e.result === "denied" && action.test(e.action));
  }

  /** Escalates and asserts the reply says the helpdesk isn't connected: a REQ- reference, no ticket id. */
  async function escalationWithoutChannel(subject: string): Promise<void> {
    const replies = JSON.stringify(await s.escalateReplies(subject));
    assert.match(replies, /helpdesk channel isn't connected/);
    assert.match(replies, /REQ-[\w-]+/);
    assert.doesNotMatch(replies, TICKET_ID);
  }

  before(async () => {
    h = await startHarness();
    s = new HelpdeskScenario(h);
    await s.setupChannel();
  });
  after(() => h.stop());

  it("the requester withdraws an open ticket from their status card; the channel card updates and agents can't act on it any more", async () => {
    const id = await s.escalate("ben");
    const statusCard = h.capture.calls
      .filter((c) => c.method === "POST" && !c.conversationId.startsWith(HELPDESK_CHANNEL.id))
      .map((c) => cardActions(cardOf(c.body)).find((a) => a.verb === V.ticketWithdraw && a.data?.ticketId === id))
      .find((a) => a !== undefined);
    assert.ok(statusCard?.data, "Ben's status card offers Withdraw");

    const impostor = await s.clickPersonal("avery", V.ticketWithdraw, statusCard.data);
    assert.equal(impostor.status, 200);
    assert.match(answerText(impostor), /Only Ben Expired/);
    assert.ok(await deniedInAudit("avery", id, /withdraw/), "the refused withdrawal is audited");

    const r = await s.clickPersonal("ben", V.ticketWithdraw, statusCard.data);
    assert.equal(r.status, 200);
    assert.ok(cardTexts(answerCard(r)).some((t) => /Withdrawn/.test(t)), `status card says withdrawn: ${answerText(r)}`);
    assert.ok(!cardActions(answerCard(r)).some((a) => a.verb === V.ticketWithdraw), "no Withdraw button any more");
    const channelUpdate = r.sent.find((c) => c.method === "PUT" && c.conversationId.startsWith(HELPDESK_CHANNEL.id));
    assert.ok(channelUpdate, "the channel card is updated in place");
    assert.equal(channelUpdate.activityId, s.ticketCardId(id));
    assert.ok(cardTexts(cardOf(channelUpdate.body)).some((t) => /Withdrawn/.test(t)));
    assert.deepEqual(cardActions(cardOf(channelUpdate.body)).filter((a) => a.type === "Action.Execute" && a.verb !== V.ticketRefresh), [], "no agent buttons left");

    const assign = await s.click("tess", V.ticketAssign, id);
    assert.match(answerText(assign), /withdrawn/i);
    assert.ok(await deniedInAudit("tess", id, /assign/));
    const reject = await s.click("tess", V.ticketReject, id, { note: "duplicate" });
    assert.match(answerText(reject), /withdrawn/i);
    assert.ok((await s.audit(id)).some((e) => e.action === "withdraw" && e.result === "success" && e.actor.id === who("ben").id));
  });

  it("'remove helpdesk' by a helpdesk admin disconnects the channel; a non-admin can't; 'setup helpdesk' reconnects", async () => {
    try {
      const refused = await s.channelCommand(who("avery"), "remove helpdesk");
      assert.match(JSON.stringify(refused), /Only helpdesk admins/);
      assert.match(JSON.stringify(await s.escalateReplies("hana")), TICKET_ID, "still connected after the refused removal");

      const removed = await s.channelCommand(who("xavier"), "remove helpdesk");
      assert.match(JSON.stringify(removed), /Helpdesk channel disconnected/);
      await escalationWithoutChannel("dev");

      const setup = await s.channelCommand(who("xavier"), "setup helpdesk");
      assert.match(JSON.stringify(setup), /Escalations/);
      assert.match(JSON.stringify(await s.escalateReplies("dev")), TICKET_ID, "tickets flow again");
    } finally {
      await s.setupChannel(); // the later tests need the channel whatever happened here
    }
  });

  it("uninstalling the app from the helpdesk team disconnects the channel (another team's uninstall doesn't)", async () => {
    try {
      const other = await s.postActivity(installationUpdate(h.capture.url, "remove", { id: "19:other-team@thread.tacv2", name: "Other" }));
      assert.ok(other < 300, `status ${other}`);
      assert.match(JSON.stringify(await s.escalateReplies("chloe")), TICKET_ID, "another team's uninstall leaves the channel connected");

      const status = await s.postActivity(installationUpdate(h.capture.url, "remove", HELPDESK_TEAM));
      assert.ok(status < 300, `status ${status}`);
      await escalationWithoutChannel("chloe");

      await s.setupChannel();
      assert.match(JSON.stringify(await s.escalateReplies("chloe")), TICKET_ID, "tickets flow again after setup");
    } finally {
      await s.setupChannel(); // the later tests need the channel whatever happened here
    }
  });

  it("Delete TAP removes the issued pass from the tenant; a non-agent's delete is refused and audited", async () => {
    const id = await verifiedTicket("chloe", "tess");
    assert.match(answerText(await s.click("tess", V.ticketIssue, id, ISSUE_FORM)), /TAP issued by Tess Agent/);
    const pass = s.passOf("chloe");
    assert.ok(pass, "the tenant holds the new pass");

    const refused = await s.click("avery", V.ticketDeleteTap, id);
    assert.match(answerText(refused), /Only helpdesk agents/);
    assert.deepEqual(s.passOf("chloe"), pass, "the refused delete leaves the pass");
    assert.ok(await deniedInAudit("avery", id, /delete/));

    const r = await s.click("tess", V.ticketDeleteTap, id);
    assert.equal(r.status, 200);
    assert.equal(s.passOf("chloe"), undefined, "the tenant no longer holds the pass");
    const texts = cardTexts(answerCard(r));
    assert.ok(texts.some((t) => /Deleted by Tess Agent/.test(t)), `card says the pass was deleted: ${texts.join(" | ")}`);
    assert.ok(!cardActions(answerCard(r)).some((a) => a.verb === V.ticketDeleteTap), "no Delete button for a deleted pass");
    assert.ok((await s.audit(id)).some((e) => e.action === "tap_deleted" && e.result === "success" && e.actor.id === who("tess").id));
  });

  it("'Handed over' removes the value from the agent's message now; the scrub later has nothing to do; others can't press it", async () => {
    // Earlier tests' hand-over messages are scrubbed first, so the count below is about this one only.
    await h.clock.advance(16 * 60_000);
    await h.service.helpdesk.runDueScrubs();

    const id = await verifiedTicket("hana", "uma");
    const issued = await s.click("uma", V.ticketIssue, id, ISSUE_FORM);
    assert.match(answerText(issued), /TAP issued by Uma Senior/);
    const handover = issued.sent.find((c) => c.conversationId === `a:personal-${who("uma").id}` && c.raw.includes("Handed over"));
    const handoverId = responseIdOf(h.capture, handover);
    assert.ok(handover && handoverId, "hand-over card sent to the agent");
    const value = passValueOf(handover.body);
    assert.ok(value && value.length >= 8, "the hand-over card carries the value");
    const button = cardActions(cardOf(handover.body)).find((a) => a.verb === V.tapHandedOver);
    assert.ok(button?.data?.deliveryId && button.data.ticketId === id, "the Handed over button names the ticket and the delivery");

    const other = await s.clickPersonal("tess", V.tapHandedOver, button.data);
    assert.match(answerText(other), /isn't yours/);
    assert.ok(!other.sent.some((c) => c.method === "PUT"), "nothing was edited for the other agent");
    assert.ok(await deniedInAudit("tess", id, /handed_over/));

    const r = await s.clickPersonal("uma", V.tapHandedOver, button.data);
    assert.equal(r.status, 200);
    assert.ok(!answerText(r).includes(value), "the response card has no value");
    assert.match(answerText(r), /removed/i);
    const update = r.sent.find((c) => c.method === "PUT" && c.activityId === handoverId);
    assert.ok(update, "the hand-over message itself is updated");
    assert.ok(!update.raw.includes(value), "the updated message has no value");
    assert.ok(!cardActions(cardOf(update.body)).some((a) => a.verb === V.tapHandedOver), "no Handed over button any more");

    await h.clock.advance(16 * 60_000);
    const callsBefore = h.capture.calls.length;
    assert.equal(await h.service.helpdesk.runDueScrubs(), 0);
    assert.ok(!h.capture.calls.slice(callsBefore).some((c) => c.activityId === handoverId), "no second edit of the message");
    assert.equal(h.capture.calls.filter((c) => c.raw.includes(value)).length, 1, "the value was only ever in the one POST");
  });

  it("'audit <upn>' lists only events where that person acted or was the target", async () => {
    const tess = who("tess");
    const all = await s.audit();
    assert.ok(all.some((e) => e.actor.id !== tess.id && e.target?.id !== tess.id), "the trail also holds events not about Tess");
    const expected = all.filter((e) => e.actor.id === tess.id || e.target?.id === tess.id);
    assert.ok(expected.length > 0);

    const { TeamsUser } = await import("../support/teams-user");
    const admin = new TeamsUser(h.service.url, h.capture, who("xavier"));
    const r = await admin.say(`audit ${tess.userPrincipalName}`);
    const card = cardOf(r.replies.at(-1));
    assert.ok(card, `an audit card: ${JSON.stringify(r.replies)}`);
    assert.ok(cardTexts(card).some((t) => t.includes("Helpdesk activity for Tess Agent")));

    const rows = auditRows(card);
    assert.equal(rows.length, Math.min(25, expected.length), "one row per event about Tess");
    for (const row of rows) {
      const acted = row.when.endsWith(`· ${tess.displayName}`);
      const target = row.what.includes(`→ ${tess.displayName}`);
      assert.ok(acted || target, `row not about Tess: ${row.when} / ${row.what}`);
    }
    const newest = expected.slice(0, rows.length);
    assert.deepEqual(
      rows.map((r) => r.what.split(" ")[0]),
      newest.map((e: AuditEvent) => e.action),
      "the rows are exactly Tess's events, newest first",
    );
  });

  it("a manager answering No blocks issuance, and the manager's card shows the recorded answer", async () => {
    const id = await managerAsked("dev", "tess");
    const before = { creations: s.passCreations(), pass: s.passOf("dev") };

    const no = await s.clickPersonal("wendy", V.verifyDeny, { ticketId: id });
    assert.equal(no.status, 200);
    const card = answerCard(no);
    assert.ok(cardTexts(card).some((t) => /You said Dev Used didn't ask/.test(t)), `manager card shows the answer: ${answerText(no)}`);
    assert.ok(!cardActions(card).some((a) => a.verb === V.verifyConfirm || a.verb === V.verifyDeny), "no answer buttons left");
    const channel = no.sent.find((c) => c.method === "PUT" && c.conversationId.startsWith(HELPDESK_CHANNEL.id));
    assert.ok(channel, "the channel card is updated");
    assert.match(channel.raw, /Denied by/);

    const issue = await s.click("tess", V.ticketIssue, id, ISSUE_FORM);
    assert.match(answerText(issue), /wasn't confirmed/);
    assert.equal(s.passCreations(), before.creations, "nothing created");
    assert.deepEqual(s.passOf("dev"), before.pass, "the tenant is unchanged");
    const events = await s.audit(id);
    assert.ok(events.some((e) => e.action === "verification_denied" && e.actor.id === who("wendy").id));
    assert.ok(events.some((e) => e.action === "issue" && e.result === "denied"));
  });

  it("a manager's Yes more than 30 minutes after the question is recorded as expired and Issue stays refused", async () => {
    const id = await managerAsked("ben", "uma");
    await h.clock.advance(31 * 60_000);
    const before = { creations: s.passCreations(), pass: s.passOf("ben") };

    const yes = await s.clickPersonal("wendy", V.verifyConfirm, { ticketId: id });
    assert.equal(yes.status, 200);
    assert.ok(cardTexts(answerCard(yes)).some((t) => /expired/i.test(t)), `manager card says expired: ${answerText(yes)}`);
    assert.doesNotMatch(answerText(yes), /You confirmed/);
    const events = await s.audit(id);
    assert.ok(events.some((e) => e.action === "verification_expired" && e.actor.id === who("wendy").id));
    assert.ok(!events.some((e) => e.action === "verification_confirmed"));

    const issue = await s.click("uma", V.ticketIssue, id, ISSUE_FORM);
    assert.match(answerText(issue), /in time|expired/i);
    assert.equal(s.passCreations(), before.creations, "nothing created");
    assert.deepEqual(s.passOf("ben"), before.pass, "the tenant is unchanged");
  });
});

/** The audit card's rows: "time · actor" and "action → target · ticket", markdown escapes removed. */
function auditRows(card: Record<string, unknown>): { when: string; what: string }[] {
  const body = card.body as Record<string, unknown>[];
  return body
    .filter((e) => e.type === "Container" && Array.isArray(e.items))
    .map((e) => cardTexts(e))
    .map((t) => t.map((x) => x.replace(/\\(.)/g, "$1")))
    .map((t) => ({ when: t[0] ?? "", what: t[2] ?? "" }));
}

describe("helpdesk scrubs survive a restart", function () {
  this.timeout(90_000);

  it("a hand-over message issued before a restart is scrubbed by the restarted service", async () => {
    const first = await startHarness({ TAP_SCRUB_MINUTES: "15" });
    const { dir, clock, capture } = first;
    let second: Harness | undefined;
    let firstRunning = true;
    try {
      const s1 = new HelpdeskScenario(first);
      await s1.setupChannel();
      const id = await s1.escalate("chloe");
      await s1.click("tess", V.ticketAssign, id);
      await s1.click("tess", V.ticketVerifyCallback, id);
      const issued = await s1.click("tess", V.ticketIssue, id, ISSUE_FORM);
      assert.match(answerText(issued), /TAP issued by Tess Agent/);
      const handover = issued.sent.find((c) => c.conversationId === `a:personal-${who("tess").id}` && c.raw.includes("Handed over"));
      const handoverId = responseIdOf(capture, handover);
      assert.ok(handover && handoverId, "hand-over card sent");
      const value = passValueOf(handover.body);
      assert.ok(value, "the hand-over card carries the value");

      await clock.advance(5 * 60_000);
      assert.equal(await first.service.helpdesk.runDueScrubs(), 0, "not due yet");
      await first.service.close();
      firstRunning = false;

      second = await startHarness({ TAP_SCRUB_MINUTES: "15" }, { dir, clock, capture });
      await clock.advance(11 * 60_000);
      const callsBefore = capture.calls.length;
      assert.equal(await second.service.helpdesk.runDueScrubs(), 1);
      const update = capture.calls.slice(callsBefore).find((c) => c.method === "PUT" && c.activityId === handoverId);
      assert.ok(update, "the hand-over message was updated after the restart");
      assert.equal(update.conversationId, handover.conversationId);
      assert.ok(!update.raw.includes(value), "without the value");
      assert.match(update.raw, /removed/i);
      assert.equal(await second.service.helpdesk.runDueScrubs(), 0, "and only once");
    } finally {
      if (firstRunning) await first.service.close();
      await second?.service.close();
      await capture.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
