// The real Microsoft 365 Agents Playground (the local Teams emulator the README tells newcomers to use) in front of the
// real bot: a personal-chat message and a channel @mention go through it, and the bot's cards come back through it.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { startHarness, type Harness } from "../support/service-harness";
import { PLAYGROUND_BIN, eventually, startPlayground, type RunningPlayground } from "../support/playground";

describe("Microsoft 365 Agents Playground in front of the real bot", function () {
  this.timeout(60_000);
  let h: Harness;
  let playground: RunningPlayground;

  before(async function () {
    if (!existsSync(PLAYGROUND_BIN)) this.skip();
    h = await startHarness();
    playground = await startPlayground(h.service.url);
  });

  after(async () => {
    await playground?.stop();
    await h?.stop();
  });

  const post = (conversationId: string, body: Record<string, unknown>) =>
    fetch(`${playground.url}/_conversation/v1/conversations/${conversationId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("a personal-chat message comes back as the diagnosis card for the Playground's user (Ben: expired pass)", async () => {
    const res = await post("personal-chat-id", { from: { id: "user-ben" }, text: "my pass doesn't work", textFormat: "plain" });
    assert.equal(res.status, 200);
    await eventually(() => playground.log().includes("Reference: TAP_EXPIRED") || undefined, "the diagnosis card in the Playground");
  });

  it("a channel @mention reaches the bot, which answers in the channel", async () => {
    const res = await post("channel-helpdesk-escalations", {
      from: { id: "user-ben" },
      text: "<at>TAP Helpdesk</at> setup helpdesk",
      textFormat: "plain",
      mentions: [{ mentioned: { id: "28:tap-helpdesk", name: "TAP Helpdesk" }, text: "<at>TAP Helpdesk</at>" }],
    });
    assert.equal(res.status, 200);
    // Ben isn't a helpdesk admin: the refusal proves the round trip and the server-side check.
    await eventually(() => playground.log().includes("Only helpdesk admins can connect") || undefined, "the refusal in the channel");
  });
});

describe("Pass alerts through the Agents Playground (Xavier, helpdesk admin)", function () {
  this.timeout(60_000);
  let h: Harness;
  let playground: RunningPlayground;

  before(async function () {
    if (!existsSync(PLAYGROUND_BIN)) this.skip();
    h = await startHarness();
    playground = await startPlayground(h.service.url, { as: "xavier" });
  });

  after(async () => {
    await playground?.stop();
    await h?.stop();
  });

  const mention = (text: string) => ({
    from: { id: "user-xavier" },
    text: `<at>TAP Helpdesk</at> ${text}`,
    textFormat: "plain",
    mentions: [{ mentioned: { id: "28:tap-helpdesk", name: "TAP Helpdesk" }, text: "<at>TAP Helpdesk</at>" }],
  });
  const post = (body: Record<string, unknown>) =>
    fetch(`${playground.url}/_conversation/v1/conversations/channel-helpdesk-escalations/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("setup alerts, scan now: the figures come back, and the digest card reaches the channel through the outbox", async () => {
    assert.equal((await post(mention("setup alerts"))).status, 200);
    await eventually(() => playground.log().includes("Pass alerts will be posted to this channel") || undefined, "the setup answer");
    assert.equal((await post(mention("scan now"))).status, 200);
    await eventually(() => playground.log().includes("Scanning the tenant's passes now") || undefined, "the scan's start");
    await h.service.alerts.idle();
    await h.service.dispatchOutbox();
    await eventually(() => /Scan done in/.test(playground.log()) || undefined, "the scan's figures");
    await eventually(() => playground.log().includes("Ending soon, no permanent method yet") || undefined, "the digest card in the channel");
  });
});
