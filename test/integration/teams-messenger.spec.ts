// The Teams MessageSender over real HTTP (botbuilder's connector → the capture connector): one call per answer (the
// SDK's own retries are off), Teams' status codes read into results, dead conversations and people skipped at once.
import assert from "node:assert/strict";
import type { Activity } from "botbuilder";
import { FakeClock } from "../../src/clock";
import { createLogger } from "../../src/log";
import { MemoryDocumentStore } from "../../src/store/memory";
import { HelpdeskAdapter } from "../../src/teams/endpoint";
import { HelpdeskMessenger } from "../../src/teams/helpdesk-messenger";
import { TeamsMessenger, type TeamsReference } from "../../src/teams/messenger";
import { viewPresenter } from "../../src/cards/present";
import { ConnectorCapture } from "../support/connector-capture";
import { TENANT_ID } from "../support/teams-user";

const BOT = { id: "28:tap-helpdesk", name: "TAP Helpdesk" };

describe("teams messenger over HTTP", () => {
  let capture: ConnectorCapture;
  let clock: FakeClock;
  let messenger: TeamsMessenger;

  const reference = (conversationId: string, conversationType = "channel"): TeamsReference => ({
    channelId: "msteams",
    serviceUrl: capture.url,
    bot: BOT,
    conversation: { id: conversationId, conversationType, tenantId: TENANT_ID, isGroup: conversationType !== "personal", name: "" },
  });
  const to = (conversationId: string) => ({ kind: "conversation" as const, conversationId });
  const callsInto = (conversationId: string) => capture.calls.filter((c) => c.conversationId === conversationId);
  const activity = (extra: Partial<Activity> & Record<string, unknown>): Activity =>
    ({ channelId: "msteams", serviceUrl: capture.url, recipient: BOT, from: { id: "29:ben", name: "Ben", aadObjectId: "ben" }, ...extra }) as unknown as Activity;

  before(async () => {
    capture = await new ConnectorCapture().start();
  });
  after(() => capture.stop());

  beforeEach(async () => {
    capture.clear();
    capture.resetAnswers();
    clock = new FakeClock("2026-11-28T12:00:00Z", { autoAdvance: true });
    messenger = new TeamsMessenger({ adapter: new HelpdeskAdapter({}), store: new MemoryDocumentStore(), clock, logger: createLogger({ level: "silent" }), present: viewPresenter({ timeZone: "UTC" }) });
    for (const id of ["19:ok", "19:throttled", "19:broken", "19:busy", "19:gone", "19:blocked", "19:deleted"]) await messenger.references.remember(id, reference(id));
  });

  it("posts a new message (not a reply) and answers where it lives", async () => {
    const result = await messenger.deliver(to("19:ok"), { text: "Three passes expire today." });
    const [call] = callsInto("19:ok");
    assert.deepEqual(result, { status: "delivered", ref: { conversationId: "19:ok", activityId: call.responseId } });
    assert.equal(call.path, "/v3/conversations/19%3Aok/activities");
    assert.equal(call.body.text, "Three passes expire today.");
  });

  it("presents a view through the injected presenter; an unknown view kind is a bug and throws", async () => {
    await assert.rejects(messenger.deliver(to("19:ok"), { view: { kind: "no_such_view" }, summary: "x" }), /no presenter for view kind/);
    assert.equal(callsInto("19:ok").length, 0);
  });

  const answers: { name: string; conversationId: string; status: number; code: string; expected: Record<string, unknown> }[] = [
    { name: "429 → retry after Retry-After, one call", conversationId: "19:throttled", status: 429, code: "Throttled", expected: { status: "retry", afterMs: 2_000, httpStatus: 429 } },
    { name: "503 → retry, one call", conversationId: "19:busy", status: 503, code: "", expected: { status: "retry", httpStatus: 503 } },
    { name: "500 → refused, one call (Teams says don't retry)", conversationId: "19:broken", status: 500, code: "ServiceError", expected: { status: "rejected", httpStatus: 500, code: "ServiceError" } },
    { name: "403 BotNotInConversationRoster → dead", conversationId: "19:gone", status: 403, code: "BotNotInConversationRoster", expected: { status: "dead", httpStatus: 403 } },
    { name: "403 ConversationBlockedByUser → dead", conversationId: "19:blocked", status: 403, code: "ConversationBlockedByUser", expected: { status: "dead", httpStatus: 403 } },
    { name: "404 ConversationNotFound → dead", conversationId: "19:deleted", status: 404, code: "ConversationNotFound", expected: { status: "dead", httpStatus: 404 } },
  ];
  for (const a of answers) {
    it(a.name, async () => {
      if (a.status === 429) capture.answerWithFaults({ random: () => 0, p429: 1, p503: 0, retryAfterSeconds: 2 });
      else if (a.status === 503) capture.answerWithFaults({ random: () => 0, p429: 0, p503: 1, retryAfterSeconds: 0 });
      else capture.refuseConversation(a.conversationId, a.status, a.code);
      try {
        const result = await messenger.deliver(to(a.conversationId), { text: "hello" });
        for (const [k, v] of Object.entries(a.expected)) assert.deepEqual((result as Record<string, unknown>)[k], v, k);
        assert.equal(callsInto(a.conversationId).length, 1, "exactly one call: the SDK's own retries are off");
      } finally {
        capture.answerWithFaults(undefined);
      }
    });
  }

  it("marks a conversation dead on Teams' word, skips it without a call, and revives it on the next inbound activity", async () => {
    capture.refuseConversation("19:gone", 403, "BotNotInConversationRoster");
    assert.equal((await messenger.deliver(to("19:gone"), { text: "1" })).status, "dead");
    assert.match(String((await messenger.references.conversation("19:gone"))?.dead?.reason), /BotNotInConversationRoster/);
    const second = await messenger.deliver(to("19:gone"), { text: "2" });
    assert.deepEqual([second.status, callsInto("19:gone").length], ["dead", 1]);

    capture.allowConversation("19:gone");
    await messenger.observe(activity({ type: "message", text: "hi", conversation: { id: "19:gone", conversationType: "channel", isGroup: true, name: "" } }));
    assert.equal((await messenger.deliver(to("19:gone"), { text: "3" })).status, "delivered");
  });

  it("opens a person's 1:1 chat once, then posts through it", async () => {
    await messenger.observe(activity({ type: "message", text: "hi", conversation: { id: "a:ben", conversationType: "personal", isGroup: false, name: "" } }));
    const ada = { kind: "person" as const, personId: "ada" };
    assert.equal((await messenger.deliver(ada, { text: "first" })).status, "delivered");
    assert.equal((await messenger.deliver(ada, { text: "second" })).status, "delivered");
    assert.equal(capture.createdConversations().length, 1);
    assert.deepEqual(capture.messages("a:personal-ada").map((m) => m.text), ["first", "second"]);
  });

  it("a person whose chat can't be opened is dead: no second attempt until they write", async () => {
    await messenger.observe(activity({ type: "message", text: "hi", conversation: { id: "a:ben", conversationType: "personal", isGroup: false, name: "" } }));
    capture.refuseConversationsWith("cleo");
    const cleo = { kind: "person" as const, personId: "cleo" };
    const first = await messenger.deliver(cleo, { text: "1" });
    const second = await messenger.deliver(cleo, { text: "2" });
    assert.deepEqual([first.status, second.status, capture.createdConversations().length], ["dead", "dead", 1]);
  });

  it("updates a message in place; a gone message is refused with its code", async () => {
    const sent = await messenger.deliver(to("19:ok"), { text: "v1" });
    assert.equal(sent.status, "delivered");
    const ref = sent.status === "delivered" ? sent.ref : { conversationId: "", activityId: "" };
    assert.deepEqual(await messenger.update(ref, { text: "v2" }), { status: "delivered", ref });
    const put = capture.calls.find((c) => c.method === "PUT");
    assert.deepEqual([put?.activityId, put?.body.text, put?.body.id], [ref.activityId, "v2", ref.activityId]);
    capture.refuseConversation("19:ok", 404, "ActivityNotFoundInConversation");
    const gone = await messenger.update(ref, { text: "v3" });
    assert.deepEqual([gone.status, gone.status === "rejected" && gone.code], ["rejected", "ActivityNotFoundInConversation"]);
    assert.equal((await messenger.references.conversation("19:ok"))?.dead, undefined, "a gone message doesn't kill the conversation");
    capture.allowConversation("19:ok");
  });

  describe("install and uninstall", () => {
    const team = { id: "19:team-general@thread.tacv2", name: "Ops" };
    const channelActivity = (type: string, channelId: string, extra: Record<string, unknown> = {}) =>
      activity({ type, conversation: { id: channelId, conversationType: "channel", isGroup: true, tenantId: TENANT_ID, name: "" }, channelData: { tenant: { id: TENANT_ID }, team }, ...extra });

    it("an install (bot added) stores the reference; removing the app from the team kills all its channels", async () => {
      await messenger.observe(channelActivity("conversationUpdate", team.id, { membersAdded: [BOT] }));
      await messenger.observe(channelActivity("message", "19:alerts@thread.tacv2", { text: "setup alerts" }));
      assert.equal((await messenger.deliver(to("19:alerts@thread.tacv2"), { text: "ok" })).status, "delivered");

      await messenger.observe(channelActivity("installationUpdate", team.id, { action: "remove" }));
      for (const id of [team.id, "19:alerts@thread.tacv2"]) {
        const result = await messenger.deliver(to(id), { text: "after uninstall" });
        assert.deepEqual([result.status, result.status === "dead" && result.reason], ["dead", "the app was removed (installationUpdate remove)"]);
      }
      assert.equal((await messenger.deliver(to("19:ok"), { text: "other team" })).status, "delivered");
    });

    it("the bot removed from a group chat, and a personal uninstall, kill that conversation (and the person's chat)", async () => {
      const chat = { id: "19:chat@thread.v2", conversationType: "groupChat", isGroup: true, name: "" };
      await messenger.observe(activity({ type: "conversationUpdate", conversation: chat, membersAdded: [BOT] }));
      await messenger.observe(activity({ type: "conversationUpdate", conversation: chat, membersRemoved: [BOT] }));
      assert.equal((await messenger.deliver(to(chat.id), { text: "x" })).status, "dead");

      const personal = { id: "a:ben", conversationType: "personal", isGroup: false, name: "" };
      await messenger.observe(activity({ type: "installationUpdate", action: "add", conversation: personal }));
      assert.equal((await messenger.deliver({ kind: "person", personId: "ben" }, { text: "hello" })).status, "delivered");
      await messenger.observe(activity({ type: "installationUpdate", action: "remove", conversation: personal }));
      const before = capture.calls.length;
      assert.equal((await messenger.deliver({ kind: "person", personId: "ben" }, { text: "gone" })).status, "dead");
      assert.equal(capture.calls.length, before, "no call for a dead person");
    });
  });

  describe("the helpdesk's messenger over it", () => {
    it("tries a throttled send again after Retry-After and delivers", async () => {
      let n = 0;
      capture.answerWithFaults({ random: () => (n++ === 0 ? 0 : 1), p429: 0.5, p503: 0, retryAfterSeconds: 1 });
      try {
        await messenger.observe(activity({ type: "message", text: "hi", conversation: { id: "a:ben", conversationType: "personal", isGroup: false, name: "" } }));
        const helpdesk = new HelpdeskMessenger(messenger, clock);
        const ref = await helpdesk.sendToPerson("ben", { text: "Your request was taken." });
        assert.equal(ref?.conversationId, "a:ben");
        assert.deepEqual(callsInto("a:ben").map((c) => c.status), [429, 200]);
      } finally {
        capture.answerWithFaults(undefined);
      }
    });

    it("a person who can't be reached is undefined; another failure throws NOT_DELIVERED", async () => {
      const helpdesk = new HelpdeskMessenger(messenger, clock);
      await messenger.observe(activity({ type: "message", text: "hi", conversation: { id: "a:ben", conversationType: "personal", isGroup: false, name: "" } }));
      capture.refuseConversationsWith("cleo");
      assert.equal(await helpdesk.sendToPerson("cleo", { text: "x" }), undefined);
      capture.refuseConversation("19:broken", 500, "ServiceError");
      await assert.rejects(helpdesk.update({ conversationId: "19:broken", activityId: "1" }, { text: "x" }), (e: { code?: string }) => e.code === "NOT_DELIVERED");
    });
  });
});
