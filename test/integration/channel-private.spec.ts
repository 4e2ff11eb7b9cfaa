// A pass problem @mentioned in a team channel continues in the person's 1:1 chat, opened proactively; the channel only
// hears that it did, or honestly that it couldn't (issue 6, item 7). Real server over HTTP, capture connector.
import assert from "node:assert/strict";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import { PRIVATE_TRIAGE_TEXT } from "../../src/conversation/channel-flow";
import { startHarness, type Harness } from "../support/service-harness";
import { HELPDESK_CHANNEL, TENANT_ID, TeamsUser, cardActions, cardOf, channelMessage, referenceCode, type Person } from "../support/teams-user";

const who = (key: string): Person => {
  const p = DEMO_PEOPLE.find((d) => d.key === key);
  if (!p) throw new Error(`no demo person ${key}`);
  return p;
};
const personalChatOf = (p: Person): string => `a:personal-29:${p.id}`;

describe("channel mention of a pass problem → private 1:1 chat", function () {
  this.timeout(30_000);
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => h.stop());
  beforeEach(() => h.capture.clear());

  async function mention(person: Person, text: string): Promise<number> {
    const res = await fetch(`${h.service.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(channelMessage(h.capture, person, text)),
    });
    await res.text();
    return res.status;
  }
  const inChannel = (): Record<string, unknown>[] =>
    h.capture.calls.filter((c) => c.method === "POST" && c.conversationId.startsWith(HELPDESK_CHANNEL.id) && c.body.type === "message").map((c) => c.body);

  it("says only that it continues privately in the channel, and opens the person's 1:1 chat", async () => {
    const ben = who("ben");
    assert.equal(await mention(ben, "my pass doesn't work"), 200);
    assert.deepEqual(inChannel().map((m) => m.text), [PRIVATE_TRIAGE_TEXT.continuing]);
    // What people in the channel see: the text and any attachment (the envelope's recipient is Teams routing, not shown).
    const channelJson = JSON.stringify(inChannel().map((m) => [m.text, m.attachments]));
    for (const personal of [ben.displayName, "TAP_EXPIRED", "expired", ben.id]) assert.equal(channelJson.includes(personal), false, `the channel doesn't see ${personal}`);
    const created = h.capture.createdConversations();
    assert.equal(created.length, 1);
    assert.equal(created[0].isGroup, false);
    assert.equal(created[0].tenantId, TENANT_ID);
    assert.deepEqual((created[0].members as { id: string }[]).map((m) => m.id), [`29:${ben.id}`]);
  });

  it("runs the same triage in the 1:1 chat as when the person writes there", async () => {
    const ben = who("ben");
    await mention(ben, "my pass doesn't work");
    const privately = h.capture.messages(personalChatOf(ben));
    assert.equal(privately[0].text, PRIVATE_TRIAGE_TEXT.intro);
    const direct = await new TeamsUser(h.service.url, h.capture, ben).say("my pass doesn't work");
    const expected = referenceCode(cardOf(direct.replies.at(-1)));
    assert.ok(expected, "the 1:1 flow answers with a diagnosis card");
    assert.equal(referenceCode(cardOf(privately.at(-1))), expected);
  });

  it("the first question appears in the 1:1 chat and is answered there", async () => {
    const avery = who("avery");
    await mention(avery, "my temporary access pass isn't working");
    const question = cardActions(cardOf(h.capture.messages(personalChatOf(avery)).at(-1))).find((a) => a.data?.verb === "triage_answer" && a.data.skip !== true);
    assert.ok(question?.data, "a question card in the 1:1 chat");
    const inPrivate = new TeamsUser(h.service.url, h.capture, avery);
    Object.assign(inPrivate, { conversationId: personalChatOf(avery) });
    const next = await inPrivate.submit({ ...question.data, skip: true });
    assert.ok(cardOf(next.replies.at(-1)), "the triage goes on in the 1:1 chat");
    assert.doesNotMatch(JSON.stringify(next.replies), /belongs to an earlier check/);
    assert.equal(inChannel().length, 1, "only the one line in the channel");
  });

  it("when the 1:1 chat can't be opened (403), says so in the channel without personal details", async () => {
    const chloe = who("chloe");
    h.capture.refuseConversationsWith(`29:${chloe.id}`);
    const logBefore = h.logLines.length;
    assert.equal(await mention(chloe, "my pass doesn't work"), 200);
    assert.deepEqual(inChannel().map((m) => m.text), [PRIVATE_TRIAGE_TEXT.couldNotOpen]);
    assert.equal(JSON.stringify(inChannel().map((m) => [m.text, m.attachments])).includes(chloe.displayName), false);
    assert.equal(h.capture.messages(personalChatOf(chloe)).length, 0);
    const warn = h.logLines.slice(logBefore).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === "private_chat_failed");
    assert.deepEqual([warn?.status, warn?.failure], [403, "forbidden"]);
    assert.match(String(warn?.ref), /^[0-9a-f]{8}$/, "logged with the turn's reference");
  });

  it("anything else in the channel stays there and opens no chat", async () => {
    await mention(who("avery"), "what's the weather");
    assert.equal(h.capture.createdConversations().length, 0);
    assert.match(String(inChannel()[0]?.text), /In a channel I take/);
  });
});
