// Failures are seen (issue 7): a throttled, forbidden, missing or failing Graph read reaches the person as what it is
// ("Graph is busy"), never as "I couldn't find your account" or "you're not allowed", and is logged classified with the
// turn's correlation ids. Real HTTP: the bot, the demo tenant with injected faults, the Bot Connector capture.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { HELPDESK_VERBS as V } from "../../src/helpdesk/domain/verbs";
import { startHarness, type Harness } from "../support/service-harness";
import { HelpdeskScenario, answerText, who } from "../support/helpdesk-scenario";
import { TeamsUser, cardOf, cardTexts, executeAction } from "../support/teams-user";

type Line = Record<string, unknown>;
const parsed = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const ISSUE_FORM = { lifetimeInMinutes: "60", isUsableOnce: "true" };

/** Reads made with the person's id: their user object (`/users/{id}?$select=…`) and their groups. */
const userRead = (key: string): RegExp => new RegExp(`^GET /users/${who(key).id}\\?`);
const membershipRead = (key: string): RegExp => new RegExp(`^GET /users/${who(key).id}/transitiveMemberOf`);

describe("failures are seen: told truthfully, logged classified with the turn's ids", function () {
  this.timeout(90_000);
  let h: Harness;
  let s: HelpdeskScenario;

  /** The log lines written while `act` ran. */
  async function logged<T>(act: () => Promise<T>): Promise<{ result: T; lines: Line[] }> {
    const before = h.logLines.length;
    const result = await act();
    return { result, lines: parsed(h.logLines.slice(before)) };
  }

  /** The one line with this event; fails the test when there is none or several. */
  function lineOf(lines: Line[], event: string): Line {
    const found = lines.filter((l) => l.event === event);
    assert.equal(found.length, 1, `one ${event} line in ${JSON.stringify(lines.map((l) => l.event))}`);
    return found[0];
  }

  /** Ben says his pass doesn't work, in a turn with a known activity id; returns the texts of the bot's last reply. */
  async function benTriage(activityId: string): Promise<string> {
    await h.clock.advance(11_000);
    const user = new TeamsUser(h.service.url, h.capture, who("ben"));
    const r = await user.post(user.activity({ id: activityId, type: "message", text: "my pass doesn't work", textFormat: "plain" }));
    assert.equal(r.status, 200);
    const last = r.replies.at(-1);
    return [...cardTexts(cardOf(last)), typeof last?.text === "string" ? last.text : ""].join("\n");
  }

  before(async () => {
    h = await startHarness();
    s = new HelpdeskScenario(h);
    await s.setupChannel();
  });
  afterEach(() => s.tenant().controls.reset());
  after(() => h.stop());

  it("a throttled read of the person in triage: 'Graph is throttling, ask again in a minute', logged as throttled with the turn id", async () => {
    s.tenant().controls.injectFault({ match: userRead("ben"), status: 429, retryAfterSeconds: 1, times: Infinity });
    const { result: text, lines } = await logged(() => benTriage("turn-throttled-1"));
    assert.match(text, /Microsoft Graph is throttling requests — ask again in a minute/);
    assert.doesNotMatch(text, /couldn't find|Error reference/);
    const line = lineOf(lines, "triage_read_failed");
    assert.deepEqual([line.failure, line.code, line.status, line.turnId, line.level], ["throttled", "GRAPH_THROTTLED", 429, "turn-throttled-1", 40]);
    assert.equal(typeof line.requestId, "string", "Graph's request-id is logged for support");
  });

  it("an unexplained failure gives the person a reference that finds the turn's log lines", async () => {
    s.tenant().controls.injectFault({ match: userRead("ben"), status: 400, times: Infinity });
    const { result: text, lines } = await logged(() => benTriage("turn-odd-1"));
    const ref = /Error reference: ([0-9a-f]{8})\./.exec(text)?.[1];
    assert.ok(ref, `a reference in ${text}`);
    const line = lineOf(lines, "triage_read_failed");
    assert.deepEqual([line.failure, line.ref, line.turnId, line.level], ["unknown", ref, "turn-odd-1", 50]);
    assert.ok(lines.every((l) => l.ref === ref), "every line of the turn carries the reference");
  });

  it("an agent whose own read is throttled is told Graph is busy, not that their account is unknown", async () => {
    const id = await s.escalate("chloe");
    s.tenant().controls.injectFault({ match: userRead("tess"), status: 429, retryAfterSeconds: 1, times: Infinity });
    const { result, lines } = await logged(() => s.click("tess", V.ticketAssign, id));
    assert.match(answerText(result), /throttling requests — ask again in a minute/);
    assert.doesNotMatch(answerText(result), /couldn't find your account/);
    const line = lineOf(lines, "actor_read_failed");
    assert.deepEqual([line.failure, line.ticketId, line.personId], ["throttled", id, who("tess").id]);
    assert.match(String(line.turnId), /./);
    assert.match(String(line.ref), /^[0-9a-f]{8}$/);
  });

  it("a group read the app isn't allowed names the missing permission, for a click and for a card refresh", async () => {
    const id = await s.escalate("hana");
    s.tenant().controls.denyPermission("GroupMember.Read.All");
    const { result: click, lines } = await logged(() => s.click("uma", V.ticketAssign, id));
    assert.match(answerText(click), /isn't allowed to \(needs GroupMember\.Read\.All\)/);
    assert.deepEqual([lineOf(lines, "actor_read_failed").failure, lineOf(lines, "actor_read_failed").status], ["forbidden", 403]);
    // An agent's refresh of a card they aren't on needs their groups: "not allowed to read" is not "you may not see it".
    const { result: refresh, lines: refreshLines } = await logged(() => s.click("uma", V.ticketRefresh, id));
    assert.match(answerText(refresh), /GroupMember\.Read\.All/);
    assert.doesNotMatch(answerText(refresh), /Only the helpdesk/);
    assert.equal(lineOf(refreshLines, "membership_read_failed").failure, "forbidden");
  });

  it("a group read Graph keeps failing (503) is told as 'ask again in a minute' and logged as transient", async () => {
    const id = await s.escalate("elena");
    s.tenant().controls.injectFault({ match: membershipRead("tess"), status: 503, times: Infinity });
    const { result, lines } = await logged(() => s.click("tess", V.ticketAssign, id));
    assert.match(answerText(result), /Microsoft Graph had a problem \(HTTP 503\) — ask again in a minute/);
    assert.equal(lineOf(lines, "actor_read_failed").failure, "transient");
  });

  it("someone the directory doesn't know is told so, and that is not logged as a failure", async () => {
    const id = await s.escalate("dev");
    const stranger = { id: randomUUID(), displayName: "Sam Stranger" };
    const { result, lines } = await logged(() => executeAction(h.service.url, h.capture, stranger, { id: `a:personal-${stranger.id}`, conversationType: "personal" }, V.ticketAssign, { ticketId: id }));
    assert.equal(answerText(result), "I couldn't find your account in the directory.");
    assert.deepEqual(lines.filter((l) => l.event === "actor_read_failed"), []);
  });

  it("a throttled read of the admin at 'setup helpdesk' says Graph is busy instead of 'only admins'", async () => {
    s.tenant().controls.injectFault({ match: userRead("xavier"), status: 429, retryAfterSeconds: 1, times: Infinity });
    const { result: replies, lines } = await logged(() => s.channelCommand(who("xavier"), "setup helpdesk"));
    const said = replies.map((r) => (typeof r.text === "string" ? r.text : "")).join("\n");
    assert.match(said, /throttling requests — ask again in a minute/);
    assert.doesNotMatch(said, /Only helpdesk admins/);
    const line = lineOf(lines, "actor_read_failed");
    assert.equal(line.failure, "throttled");
    assert.ok(lines.filter((l) => l.event === "actor_read_failed" || l.event === "turn_failed").every((l) => l.turnId === line.turnId && l.ref === line.ref));
  });

  it("a pass delete Graph keeps failing is reported to the agent and logged as transient with the ticket id", async () => {
    const id = await s.verifiedTicket("dev", "uma");
    assert.match(answerText(await s.click("uma", V.ticketIssue, id, ISSUE_FORM)), /TAP issued by/);
    s.tenant().controls.injectFault({ match: new RegExp(`^DELETE /users/${who("dev").id}/authentication/temporaryAccessPassMethods/`), status: 503, times: Infinity });
    const { result, lines } = await logged(() => s.click("uma", V.ticketDeleteTap, id));
    assert.match(answerText(result), /^The pass wasn't deleted: I couldn't reach the directory right now\. Please try again in a minute\.$/);
    const line = lineOf(lines, "tap_delete_failed");
    assert.deepEqual([line.failure, line.status, line.ticketId], ["transient", 503, id]);
    assert.ok(s.passOf("dev"), "the pass is still there, and nobody was told otherwise");
  });
});

describe("failures are seen: Graph not answering at all", function () {
  this.timeout(30_000);

  /** A port nothing listens on: Graph "down". */
  const closedPort = (): Promise<number> =>
    new Promise((done) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => done(port));
      });
    });

  it("logs the refused connection, classified transient, from the Graph transport and the readiness check", async () => {
    const port = await closedPort();
    const h = await startHarness({ GRAPH_BASE_URL: `http://127.0.0.1:${port}`, GRAPH_AUTH: "none" });
    try {
      const before = h.logLines.length;
      assert.equal((await fetch(`${h.service.url}/readyz`)).status, 503);
      const lines = parsed(h.logLines.slice(before));
      const transport = lines.find((l) => l.event === "graph_no_answer");
      const readiness = lines.find((l) => l.event === "readiness_graph_failed");
      assert.deepEqual([transport?.failure, readiness?.failure], ["transient", "transient"]);
      assert.match(String(transport?.reason), /GET \/users\S* got no answer: fetch failed/);
    } finally {
      await h.stop();
    }
  });
});
