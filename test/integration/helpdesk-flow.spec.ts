// Helpdesk end to end: escalation → ticket in the channel → assign → manager verification → issuance → scrub,
// with a scan of every log line, stored byte and outbound activity for the pass value.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HELPDESK_VERBS as V } from "../../src/helpdesk/domain/verbs";
import { startHarness, type Harness } from "../support/service-harness";
import { HELPDESK_CHANNEL, cardActions, cardTexts } from "../support/teams-user";
import { HelpdeskScenario, answerText, passValueOf, who } from "../support/helpdesk-scenario";


describe("helpdesk end to end: escalate, verify through the manager, issue, scrub", function () {
  this.timeout(60_000);
  let h: Harness;
  let s: HelpdeskScenario;
  let ticketId: string;
  let passValue = "";

  before(async () => {
    h = await startHarness({ TAP_SCRUB_MINUTES: "15" });
    s = new HelpdeskScenario(h);
  });
  after(() => h.stop());

  it("refuses channel setup by someone who isn't a helpdesk admin", async () => {
    const replies = await s.setupChannel(who("avery"));
    assert.match(JSON.stringify(replies.at(-1)), /Only helpdesk admins/);
  });

  it("a helpdesk admin connects the channel with 'setup helpdesk'", async () => {
    const replies = await s.setupChannel(who("xavier"));
    assert.match(JSON.stringify(replies.at(-1)), /Escalations/);
  });

  it("'I need a new pass' opens a ticket whose card appears in the channel", async () => {
    ticketId = await s.escalate("ben");
    const post = h.capture.calls.find((c) => c.conversationId === HELPDESK_CHANNEL.id && c.raw.includes(ticketId));
    assert.ok(post, "ticket card posted to the channel");
    assert.ok(cardTexts(post.body).some((t) => t.includes("Reference: TAP_EXPIRED")));
    assert.ok(cardActions(post.body).some((a) => a.verb === V.ticketAssign));
  });

  it("the requester sees the ticket's status in their 1:1 chat", () => {
    const toBen = h.capture.calls.filter((c) => c.raw.includes(ticketId) && !c.conversationId.startsWith(HELPDESK_CHANNEL.id) && c.raw.includes("Withdraw"));
    assert.ok(toBen.length >= 1);
  });

  it("an agent assigns the ticket; the card updates for everyone and the agent gets the numbers on record privately", async () => {
    const r = await s.click("tess", V.ticketAssign, ticketId);
    assert.equal(r.status, 200);
    assert.match(answerText(r), /Assigned to Tess Agent/);
    assert.ok(r.sent.some((c) => c.method === "PUT" && c.conversationId.startsWith(HELPDESK_CHANNEL.id)), "channel card updated in place");
    const toTess = r.sent.find((c) => c.conversationId === `a:personal-${who("tess").id}`);
    assert.match(toTess?.raw ?? "", /number on record/);
  });

  it("Issue is refused before the caller is verified", async () => {
    const r = await s.click("tess", V.ticketIssue, ticketId, { lifetimeInMinutes: "60", isUsableOnce: "true" });
    assert.match(answerText(r), /verif/i);
    assert.equal(s.passCreations(), 0);
  });

  it("the agent asks the manager; only the subject's manager can answer, and the answer updates the channel card", async () => {
    const asked = await s.click("tess", V.ticketVerifyManager, ticketId);
    assert.match(answerText(asked), /Wendy Manager|manager/i);
    const toWendy = asked.sent.find((c) => c.conversationId === `a:personal-${who("wendy").id}`);
    assert.match(toWendy?.raw ?? "", /ask for a new Temporary Access Pass/);

    const impostor = await s.clickPersonal("avery", V.verifyConfirm, { ticketId });
    assert.match(answerText(impostor), /manager can answer/);

    const yes = await s.clickPersonal("wendy", V.verifyConfirm, { ticketId });
    assert.match(answerText(yes), /You confirmed/);
    assert.ok(yes.sent.some((c) => c.method === "PUT" && c.conversationId.startsWith(HELPDESK_CHANNEL.id)));
  });

  it("issues exactly one pass with the chosen settings; the value reaches only the agent's 1:1 chat", async () => {
    const r = await s.click("tess", V.ticketIssue, ticketId, { lifetimeInMinutes: "120", isUsableOnce: "true" });
    assert.match(answerText(r), /TAP issued by Tess Agent/);
    assert.equal(s.passCreations(), 1);
    const pass = s.passOf("ben");
    assert.equal(pass?.lifetimeInMinutes, 120);
    assert.equal(pass?.isUsableOnce, true);

    const handover = r.sent.find((c) => c.conversationId === `a:personal-${who("tess").id}` && c.raw.includes("Handed over"));
    assert.ok(handover, "hand-over card sent to the agent");
    passValue = passValueOf(handover.body) ?? "";
    assert.ok(passValue.length >= 8, "the hand-over card carries the value");
  });

  it("tells the subject who created a pass, until when, with 'This wasn't me'", () => {
    const toBen = h.capture.calls.filter((c) => c.conversationId === `a:personal-${who("ben").id}` || c.raw.includes("This wasn't me"));
    assert.ok(toBen.some((c) => c.raw.includes("This wasn") && c.raw.includes("Tess Agent")));
  });

  it("after the scrub time the value is gone from the agent's message too", async () => {
    await h.clock.advance(15 * 60_000 + 1000);
    const scrubbed = await h.service.helpdesk.runDueScrubs();
    assert.equal(scrubbed, 1);
    const handoverPost = h.capture.calls.find((c) => c.method === "POST" && c.raw.includes(passValue));
    const update = h.capture.calls.filter((c) => c.method === "PUT" && c.activityId === handoverPost?.responseId).at(-1);
    assert.ok(update, "hand-over message updated");
    assert.ok(!update.raw.includes(passValue));
    assert.match(update.raw, /removed/i);
  });

  it("the pass value appears nowhere else: not in any other activity, log line, stored byte or audit record", async () => {
    assert.ok(passValue);
    const carrying = h.capture.calls.filter((c) => c.raw.includes(passValue));
    assert.equal(carrying.length, 1, "only the one hand-over message");
    assert.equal(carrying[0].method, "POST");
    assert.ok(carrying[0].conversationId === `a:personal-${who("tess").id}`);
    assert.ok(!h.logLines.some((l) => l.includes(passValue)), "no log line");
    for (const f of readdirSync(h.dir)) assert.ok(!readFileSync(join(h.dir, f)).includes(passValue), `not in ${f}`);
    assert.ok(!JSON.stringify(await s.audit()).includes(passValue));
  });

  it("writes an audit trail of the whole flow with verification method and Graph request id", async () => {
    const events = await s.audit(ticketId);
    const issued = events.find((e) => e.action === "tap_issued" && e.result === "success");
    assert.equal(issued?.verificationMethod, "manager_confirmation");
    assert.ok(issued?.graphRequestId);
    for (const action of ["ticket_opened", "assign", "verification_requested", "verification_confirmed"]) {
      assert.ok(events.some((e) => e.action === action), `audit has ${action}`);
    }
  });

  it("'This wasn't me' deletes the pass at once and opens one security ticket in the channel, however often it is clicked", async () => {
    assert.ok(s.passOf("ben"), "the pass exists before the report");
    const r = await s.clickPersonal("ben", V.tapNotMe, { ticketId });
    assert.match(answerText(r), /security/i);
    assert.equal(s.passOf("ben"), undefined, "the reported pass was deleted");
    await s.clickPersonal("ben", V.tapNotMe, { ticketId });
    const reports = h.capture.calls.filter((c) => c.method === "POST" && c.conversationId === HELPDESK_CHANNEL.id && c.raw.includes("Security report"));
    assert.equal(reports.length, 1);
  });

  it("someone neither on the ticket nor an agent can't read it through a forged refresh", async () => {
    const r = await s.clickPersonal("avery", V.ticketRefresh, { ticketId });
    assert.match(answerText(r), /Only the helpdesk/);
    assert.doesNotMatch(answerText(r), /TAP_EXPIRED/);
  });

  it("the agent resolves with a note; replaying the old Issue button is refused and changes nothing", async () => {
    const done = await s.click("tess", V.ticketResolve, ticketId, { note: "Handed over by phone" });
    assert.match(answerText(done), /Resolved/);
    const before = s.passCreations();
    const replay = await s.click("tess", V.ticketIssue, ticketId, { lifetimeInMinutes: "60", isUsableOnce: "true" });
    assert.match(answerText(replay), /closed|resolved/i);
    assert.equal(s.passCreations(), before);
    assert.ok((await s.audit(ticketId)).some((e) => e.action === "issue" && e.result === "denied"));
  });

  it("a helpdesk admin reads the audit trail and exports it as CSV; others can't", async () => {
    const { TeamsUser } = await import("../support/teams-user");
    const admin = new TeamsUser(h.service.url, h.capture, who("xavier"));
    const recent = await admin.say("audit");
    assert.match(JSON.stringify(recent.replies), /tap_issued|issued/i);
    const csv = await admin.say("audit export");
    assert.match(JSON.stringify(csv.replies), /tap_issued/);
    const other = new TeamsUser(h.service.url, h.capture, who("avery"));
    assert.match(JSON.stringify((await other.say("audit")).replies), /helpdesk admins only/);
  });
});

describe("helpdesk: the pass value can go to the manager who confirmed", function () {
  this.timeout(60_000);
  let h: Harness;
  let s: HelpdeskScenario;

  before(async () => {
    h = await startHarness();
    s = new HelpdeskScenario(h);
    await s.setupChannel();
  });
  after(() => h.stop());

  it("offers the manager as recipient after their confirmation and delivers only to them", async () => {
    const id = await s.escalate("chloe");
    await s.click("tess", V.ticketAssign, id);
    await s.click("tess", V.ticketVerifyManager, id);
    const confirmed = await s.clickPersonal("wendy", V.verifyConfirm, { ticketId: id });
    assert.match(answerText(confirmed), /You confirmed/);
    const card = h.capture.calls.filter((c) => c.method === "PUT" && c.raw.includes(id)).at(-1);
    assert.match(card?.raw ?? "", /the manager who confirmed the request/);

    const r = await s.click("tess", V.ticketIssue, id, { lifetimeInMinutes: "60", isUsableOnce: "true", deliverTo: "manager" });
    assert.match(answerText(r), /TAP issued by Tess Agent/);
    const toWendy = r.sent.find((c) => c.conversationId === `a:personal-${who("wendy").id}` && c.raw.includes("Handed over"));
    const toTess = r.sent.find((c) => c.conversationId === `a:personal-${who("tess").id}` && c.raw.includes("Handed over"));
    assert.ok(toWendy, "the manager received the hand-over card");
    assert.equal(toTess, undefined, "the agent did not");
  });

  it("refuses delivery to the manager when the caller was verified by callback", async () => {
    const id = await s.escalate("hana");
    await s.click("uma", V.ticketAssign, id);
    await s.click("uma", V.ticketVerifyCallback, id);
    const before = s.passCreations();
    const r = await s.click("uma", V.ticketIssue, id, { lifetimeInMinutes: "60", isUsableOnce: "true", deliverTo: "manager" });
    assert.match(answerText(r), /only when the manager confirmed/);
    assert.equal(s.passCreations(), before);
  });
});

describe("helpdesk: an agent works a ticket from their own 1:1 chat", function () {
  this.timeout(60_000);
  let h: Harness;
  let s: HelpdeskScenario;

  before(async () => {
    h = await startHarness();
    s = new HelpdeskScenario(h);
    await s.setupChannel();
  });
  after(() => h.stop());

  it("'tickets' lists open tickets for agents only; a click there also updates the channel card", async () => {
    const { TeamsUser, cardOf, executeAction } = await import("../support/teams-user");
    const id = await s.escalate("hana");
    const avery = new TeamsUser(h.service.url, h.capture, who("avery"));
    assert.match(JSON.stringify((await avery.say("tickets")).replies), /for helpdesk agents/);

    const tess = new TeamsUser(h.service.url, h.capture, who("tess"));
    const listed = await tess.say("tickets");
    const copy = listed.replies.find((r) => JSON.stringify(cardOf(r) ?? {}).includes(id));
    assert.ok(copy, "the agent got the ticket card in their chat");
    const copyId = h.capture.calls.find((c) => c.conversationId === tess.conversationId && c.raw.includes(id))?.responseId;
    const channelCardId = s.ticketCardId(id);
    const r = await executeAction(h.service.url, h.capture, who("tess"), { id: tess.conversationId, conversationType: "personal" }, V.ticketAssign, { ticketId: id }, { replyToId: copyId });
    assert.match(answerText(r), /Assigned to Tess Agent/);
    const channelUpdate = r.sent.find((c) => c.method === "PUT" && c.activityId === channelCardId);
    assert.ok(channelUpdate, "the channel card was updated too");
    assert.match(channelUpdate.raw, /Assigned to Tess Agent/);
  });
});
