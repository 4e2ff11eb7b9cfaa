// The outbox as the service wires it: references come from real inbound activities, an uninstall marks them dead (the
// queued message is recorded undeliverable without a call), the next message from that person brings them back.
import assert from "node:assert/strict";
import { startHarness, type Harness } from "../support/service-harness";
import { TeamsUser } from "../support/teams-user";
import { who } from "../support/helpdesk-scenario";

describe("outbox in the running service", function () {
  this.timeout(60_000);
  let h: Harness;
  let ben: TeamsUser;

  before(async () => {
    h = await startHarness();
    ben = new TeamsUser(h.service.url, h.capture, who("ben"));
  });
  after(() => h.stop());

  const alert = (id: string) => ({ id, destination: { kind: "person" as const, personId: ben.person.id }, message: { text: `Alert ${id}` } });

  it("delivers a queued message to a person's chat the bot learnt from their message", async () => {
    await ben.say("hi");
    await h.service.outbox.enqueue([alert("a1")]);
    const stats = await h.service.dispatchOutbox();
    assert.equal(stats.delivered, 1);
    assert.deepEqual(h.capture.messages(ben.conversationId).at(-1)?.text, "Alert a1");
    assert.equal((await h.service.outbox.outcome("a1"))?.status, "delivered");
  });

  it("after the app is removed from their personal scope, records the message undeliverable without calling Teams", async () => {
    const status = (await ben.post(ben.activity({ type: "installationUpdate", action: "remove" }))).status;
    assert.ok(status < 300, String(status));
    const before = h.capture.calls.length;
    await h.service.outbox.enqueue([alert("a2")]);
    await h.service.dispatchOutbox();
    assert.equal(h.capture.calls.length, before, "no call to a dead conversation");
    const [listed] = await h.service.outbox.undeliverable();
    assert.deepEqual([listed.id, listed.reason], ["a2", "the app was removed (installationUpdate remove)"]);
  });

  it("reaches them again once they install the app again or write", async () => {
    await ben.post(ben.activity({ type: "installationUpdate", action: "add" }));
    await h.service.outbox.enqueue([alert("a3")]);
    await h.service.dispatchOutbox();
    assert.equal((await h.service.outbox.outcome("a3"))?.status, "delivered");
    assert.equal(h.capture.messages(ben.conversationId).at(-1)?.text, "Alert a3");
  });
});
