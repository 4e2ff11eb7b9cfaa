// What must never happen: each refused click leaves the tenant unchanged and leaves an audit record.
import assert from "node:assert/strict";
import { HELPDESK_VERBS as V } from "../../src/helpdesk/domain/verbs";
import { startHarness, type Harness } from "../support/service-harness";
import { HelpdeskScenario, answerText, who, type DiagnosisButton } from "../support/helpdesk-scenario";

const ISSUE_FORM = { lifetimeInMinutes: "60", isUsableOnce: "true" };

describe("helpdesk guards over HTTP", function () {
  this.timeout(90_000);
  let h: Harness;
  let s: HelpdeskScenario;

  /** A ticket for `subject`, assigned to `agent` and verified by calling the number on record. */
  const verifiedTicket = (subject: string, agent: string, button?: DiagnosisButton): Promise<string> => s.verifiedTicket(subject, agent, button);

  /** Asserts the click was refused, nothing was created in the tenant, and the refusal is in the audit trail. */
  async function refused(actor: string, ticketId: string | undefined, action: string, run: () => ReturnType<HelpdeskScenario["click"]>, why: RegExp): Promise<void> {
    const before = s.passCreations();
    const r = await run();
    assert.equal(r.status, 200);
    assert.match(answerText(r), why);
    assert.equal(s.passCreations(), before, "the tenant is unchanged");
    const audit = await s.audit();
    assert.ok(
      audit.some((e) => e.actor.id === who(actor).id && e.action === action && e.result === "denied" && (ticketId === undefined || e.ticketId === ticketId)),
      `audit records the refused ${action}`,
    );
  }

  before(async () => {
    h = await startHarness();
    s = new HelpdeskScenario(h);
    await s.setupChannel();
  });
  after(() => h.stop());

  it("a non-agent clicking Issue is refused", async () => {
    const id = await verifiedTicket("chloe", "tess");
    await refused("avery", id, V.ticketIssue, () => s.click("avery", V.ticketIssue, id, ISSUE_FORM), /Only helpdesk agents/);
  });

  it("a lifetime outside the policy is refused before Graph is called", async () => {
    const id = await verifiedTicket("hana", "tess");
    await refused("tess", id, "issue", () => s.click("tess", V.ticketIssue, id, { lifetimeInMinutes: "9999", isUsableOnce: "true" }), /60.*480|480/);
  });

  it("an Authentication Administrator can't issue for an admin", async () => {
    const id = await verifiedTicket("victor", "tess");
    await refused("tess", id, "issue", () => s.click("tess", V.ticketIssue, id, ISSUE_FORM), /Privileged Authentication Administrator/);
  });

  it("an agent can't take their own ticket, so can't issue for themselves", async () => {
    const id = await s.escalate("tess");
    await refused("tess", id, "assign", () => s.click("tess", V.ticketAssign, id), /themselves|own/i);
  });

  it("a tampered ticket id is refused and audited", async () => {
    for (const ticketId of ["T-ZZZZZZ", "../../etc/passwd", "", "T-2345678"]) {
      const before = s.passCreations();
      const r = await s.clickRaw("uma", V.ticketIssue, { ...ISSUE_FORM, ticketId });
      assert.match(answerText(r), /doesn't exist/);
      assert.equal(s.passCreations(), before);
    }
    assert.ok((await s.audit()).some((e) => e.actor.id === who("uma").id && e.result === "denied" && /doesn't exist/.test(e.detail ?? "")));
  });

  it("a disabled account is refused and pointed to security", async () => {
    const id = await verifiedTicket("ivan", "uma", "Ask the helpdesk");
    await refused("uma", id, "issue", () => s.click("uma", V.ticketIssue, id, ISSUE_FORM), /disabled[\s\S]*security/i);
  });

  it("a high-risk account is refused and pointed to security", async () => {
    const id = await verifiedTicket("jade", "uma", "Contact security");
    await refused("uma", id, "issue", () => s.click("uma", V.ticketIssue, id, ISSUE_FORM), /risk[\s\S]*security/i);
  });

  it("a role holder needs a second agent's approval (four eyes); the handling agent can't approve", async () => {
    const id = await s.escalate("tess");
    await s.click("uma", V.ticketAssign, id);
    await s.click("uma", V.ticketVerifyManager, id);
    assert.match(answerText(await s.clickPersonal("wendy", V.verifyConfirm, { ticketId: id })), /You confirmed/);
    await refused("uma", id, "issue", () => s.click("uma", V.ticketIssue, id, ISSUE_FORM), /second|approv/i);
    await refused("uma", id, "approve", () => s.click("uma", V.ticketApprove, id), /different agent/i);
    assert.match(answerText(await s.click("xavier", V.ticketApprove, id)), /Approved|approval/i);
    const issued = await s.click("uma", V.ticketIssue, id, ISSUE_FORM);
    assert.match(answerText(issued), /TAP issued by Uma Senior/);
    assert.ok(s.passOf("tess"));
  });

  it("a double click on 'I need a new pass' opens one ticket", async () => {
    await h.clock.advance(11_000);
    const { TeamsUser, cardActions, cardOf } = await import("../support/teams-user");
    const user = new TeamsUser(h.service.url, h.capture, who("elena"));
    const r = await user.say("my pass doesn't work");
    const button = cardActions(cardOf(r.replies.at(-1))).find((a) => a.title === "I need a new pass");
    assert.ok(button?.data);
    const [a, b] = await Promise.all([user.submit(button.data), user.submit(button.data)]);
    const ids = [a, b].map((x) => /T-[2-9A-HJ-NP-Z]{6}/.exec(JSON.stringify(x.replies))?.[0]);
    assert.ok(ids[0]);
    assert.equal(ids[0], ids[1]);
    const posted = h.capture.calls.filter((c) => c.method === "POST" && c.raw.includes(ids[0]!) && c.raw.includes("Pass request"));
    assert.equal(posted.length, 1, "one channel card");
  });

  it("20 concurrent Issue clicks on one ticket create exactly one pass", async () => {
    const id = await verifiedTicket("dev", "uma");
    const before = s.passCreations();
    const results = await Promise.all(Array.from({ length: 20 }, () => s.click("uma", V.ticketIssue, id, ISSUE_FORM)));
    assert.equal(s.passCreations() - before, 1);
    assert.equal(results.filter((r) => /TAP issued by/.test(answerText(r))).length, 1);
    for (const r of results) assert.equal(r.status, 200);
    const handovers = h.capture.calls.filter((c) => c.conversationId === `a:personal-${who("uma").id}` && c.raw.includes("Handed over") && c.raw.includes(id));
    assert.equal(handovers.length, 1, "one hand-over message");
  });
});

describe("helpdesk issuance limits", function () {
  this.timeout(60_000);
  let h: Harness;
  let s: HelpdeskScenario;

  before(async () => {
    h = await startHarness({ LIMIT_TAPS_PER_AGENT_PER_HOUR: "1" });
    s = new HelpdeskScenario(h);
    await s.setupChannel();
  });
  after(() => h.stop());

  it("beyond the per-agent limit a helpdesk admin must approve", async () => {
    for (const subject of ["chloe", "hana"]) {
      const id = await s.escalate(subject);
      await s.click("uma", V.ticketAssign, id);
      await s.click("uma", V.ticketVerifyCallback, id);
      const r = await s.click("uma", V.ticketIssue, id, ISSUE_FORM);
      if (subject === "chloe") {
        assert.match(answerText(r), /TAP issued/);
        continue;
      }
      assert.match(answerText(r), /limit[\s\S]*admin/i);
      assert.match(answerText(await s.click("tess", V.ticketApprove, id)), /helpdesk admin/i);
      assert.match(answerText(await s.click("xavier", V.ticketApprove, id)), /Approved|approval/i);
      assert.match(answerText(await s.click("uma", V.ticketIssue, id, ISSUE_FORM)), /TAP issued/);
    }
  });
});
