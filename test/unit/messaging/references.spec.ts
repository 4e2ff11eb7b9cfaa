// Conversation references: dead marks and their clearing, team-wide removal, records written before the repository.
import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { CONVERSATIONS, ConversationReferences, PEOPLE } from "../../../src/messaging/references";
import { MemoryDocumentStore } from "../../../src/store/memory";

type Ref = { serviceUrl: string; conversation: { id: string } };
const ref = (id: string): Ref => ({ serviceUrl: "https://smba.example", conversation: { id } });

describe("messaging: ConversationReferences", () => {
  let store: MemoryDocumentStore;
  let refs: ConversationReferences<Ref>;

  beforeEach(() => {
    store = new MemoryDocumentStore();
    refs = new ConversationReferences<Ref>(store, new FakeClock("2026-11-28T12:00:00Z"));
  });

  it("a dead mark stays until the conversation is remembered again", async () => {
    await refs.remember("a:1", ref("a:1"), { personId: "ben", conversationType: "personal" });
    await refs.markDead("a:1", "403 ConversationBlockedByUser: the person blocked the bot");
    assert.deepEqual((await refs.conversation("a:1"))?.dead, { reason: "403 ConversationBlockedByUser: the person blocked the bot", at: "2026-11-28T12:00:00.000Z" });
    assert.equal((await refs.person("ben"))?.dead?.reason, "403 ConversationBlockedByUser: the person blocked the bot", "a 1:1 chat's person dies with it");
    await refs.remember("a:1", ref("a:1"), { personId: "ben", conversationType: "personal" });
    assert.deepEqual([(await refs.conversation("a:1"))?.dead, (await refs.person("ben"))?.dead], [undefined, undefined]);
  });

  it("removing the app from a team kills every channel of it we know, and nothing else", async () => {
    await refs.remember("19:general", ref("19:general"), { teamId: "19:general" });
    await refs.remember("19:alerts", ref("19:alerts"), { teamId: "19:general" });
    await refs.remember("19:other", ref("19:other"), { teamId: "19:other-team" });
    assert.equal(await refs.markTeamDead("19:general", "the app was removed"), 2);
    assert.deepEqual(await Promise.all(["19:general", "19:alerts", "19:other"].map(async (id) => (await refs.conversation(id))?.dead?.reason)), ["the app was removed", "the app was removed", undefined]);
  });

  it("a person nobody can open a chat with is marked dead without a record before", async () => {
    await refs.markPersonDead("cleo", "403 BotNotInConversationRoster");
    assert.equal((await refs.person("cleo"))?.dead?.reason, "403 BotNotInConversationRoster");
  });

  it("reads records stored as bare references (before this repository)", async () => {
    await store.put(CONVERSATIONS, "a:old", ref("a:old"));
    await store.put(PEOPLE, "ada", ref("a:old"));
    assert.deepEqual((await refs.conversation("a:old"))?.reference, ref("a:old"));
    assert.equal((await refs.person("ada"))?.conversationId, "a:old");
    assert.equal((await refs.anyPersonal())?.conversationId, "a:old");
    await refs.markDead("a:old", "gone");
    assert.deepEqual((await refs.conversation("a:old"))?.reference, ref("a:old"), "marking dead keeps the reference");
  });

  it("paces a person by their chat once it is known", async () => {
    assert.equal(await refs.pacingKey({ kind: "person", personId: "ben" }), "person:ben");
    await refs.remember("a:1", ref("a:1"), { personId: "ben" });
    assert.equal(await refs.pacingKey({ kind: "person", personId: "ben" }), "a:1");
    assert.equal(await refs.pacingKey({ kind: "conversation", conversationId: "19:x" }), "19:x");
  });
});
