// Bad input gets a 4xx or a polite reply and loses nothing: never a crash, never a stack trace.
import assert from "node:assert/strict";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import { startHarness, type Harness } from "../support/service-harness";
import { TeamsUser, cardOf } from "../support/teams-user";

const STACK = /\n\s+at .+:\d+:\d+/;

describe("bad input over HTTP", function () {
  this.timeout(60_000);
  let h: Harness;
  let user: TeamsUser;

  before(async () => {
    h = await startHarness();
    user = new TeamsUser(h.service.url, h.capture, DEMO_PEOPLE.find((p) => p.key === "ben")!);
  });
  after(() => h.stop());

  const post = (body: string, contentType = "application/json") =>
    fetch(`${h.service.url}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body });

  it("malformed JSON → 400 without internals", async () => {
    const res = await post("{not json");
    assert.equal(res.status, 400);
    assert.doesNotMatch(await res.text(), STACK);
  });

  it("a JSON array → 400", async () => {
    assert.equal((await post("[]")).status, 400);
  });

  it("missing conversation → 400", async () => {
    const a = user.activity({ type: "message", text: "hi" });
    delete a.conversation;
    const res = await post(JSON.stringify(a));
    assert.equal(res.status, 400);
    assert.match(await res.text(), /conversation/);
  });

  it("missing from → 400", async () => {
    const a = user.activity({ type: "message", text: "hi" });
    delete a.from;
    assert.equal((await post(JSON.stringify(a))).status, 400);
  });

  it("a non-http serviceUrl → 400", async () => {
    assert.equal((await post(JSON.stringify(user.activity({ type: "message", text: "hi", serviceUrl: "file:///etc/passwd" })))).status, 400);
  });

  it("a 1 MB message gets a polite reply", async () => {
    await h.clock.advance(11_000);
    const r = await user.say(`my pass doesn't work ${"blah ".repeat(210_000)}`);
    assert.equal(r.status, 200);
    assert.ok(r.replies.length >= 1);
    assert.match(JSON.stringify(r.replies[0]), /long message/);
  });

  it("a body over the size limit → 413", async () => {
    const r = await post(JSON.stringify(user.activity({ type: "message", text: "x".repeat(2_500_000) })));
    assert.equal(r.status, 413);
  });

  it("an unknown activity type → 2xx and no reply", async () => {
    const r = await user.post(user.activity({ type: "somethingNew" }));
    assert.ok(r.status >= 200 && r.status < 300);
    assert.equal(r.replies.length, 0);
  });

  it("a card submit with garbage data gets a polite reply", async () => {
    for (const value of [{ verb: "triage_answer", triageId: { $ne: 1 } }, { verb: "triage_new_pass", triageId: "NOPE" }, { nonsense: true }, { verb: "triage_answer", __proto__: { x: 1 } }]) {
      const r = await user.submit(value);
      assert.equal(r.status, 200);
      assert.equal(r.replies.length, 1);
      assert.equal(cardOf(r.replies[0]), undefined);
      assert.doesNotMatch(JSON.stringify(r.replies), STACK);
    }
  });

  it("an answer for someone else's triage is refused", async () => {
    await h.clock.advance(11_000);
    const avery = new TeamsUser(h.service.url, h.capture, DEMO_PEOPLE.find((p) => p.key === "avery")!);
    const r = await avery.say("my pass doesn't work");
    const card = cardOf(r.replies.at(-1));
    const data = JSON.stringify(card).match(/"triageId":"([^"]+)"/)?.[1];
    assert.ok(data);
    const intruder = await user.submit({ verb: "triage_answer", triageId: data, question: "device", answer: "mac" });
    assert.match(String(intruder.replies[0]?.text), /earlier check/);
  });

  it("an invoke the bot doesn't handle → a 4xx/5xx-free answer without internals", async () => {
    const r = await user.post(user.activity({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "unknown", data: {} } } }));
    assert.ok(r.status < 500, `status ${r.status}`);
    assert.doesNotMatch(r.body, STACK);
  });

  it("stays healthy after all of that", async () => {
    const res = await fetch(`${h.service.url}/healthz`);
    assert.equal(res.status, 200);
  });
});
