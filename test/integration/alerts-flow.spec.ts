// Proactive pass alerts end to end: the real service over HTTP, the demo tenant, the outbox and a capture connector,
// on the injected clock. Setup, scans (dedup across scans and restarts, fixed findings, snooze), card actions, nudges.
import { strict as assert } from "node:assert";
import { startHarness, type Harness } from "../support/service-harness";
import { HELPDESK_CHANNEL, cardOf, cardTexts, cardActions, channelMessage, executeAction, type InvokeResult } from "../support/teams-user";
import { HelpdeskScenario } from "../support/helpdesk-scenario";
import { castMember } from "../../src/demo/seed-cast";
import { ALERT_VERBS } from "../../src/alerts/verbs";

const who = (key: string): { id: string; displayName: string } => {
  const m = castMember(key);
  return { id: m.id, displayName: m.displayName };
};
const CHANNEL = { id: HELPDESK_CHANNEL.id, conversationType: "channel" };
const MINUTE = 60_000;

async function command(h: Harness, key: string, text: string): Promise<string> {
  const before = h.capture.calls.length;
  const res = await fetch(`${h.service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(channelMessage(h.capture, who(key), text)) });
  assert.equal(res.status, 200);
  return h.capture.calls.slice(before).filter((c) => c.body.type === "message").map((c) => (typeof c.body.text === "string" ? c.body.text : "")).join("\n");
}

interface Digest {
  card: Record<string, unknown>;
  activityId?: string;
  text: string;
}

/** Digest cards posted to the alerts channel since call index `from`. */
function digestsSince(h: Harness, from: number): Digest[] {
  return h.capture.calls
    .slice(from)
    .filter((c) => c.conversationId.startsWith(HELPDESK_CHANNEL.id) && c.method === "POST" && c.body.type === "message")
    .map((c) => ({ card: cardOf(c.body) ?? {}, activityId: c.responseId, text: cardTexts(cardOf(c.body)).join("\n") }))
    .filter((d) => d.text.startsWith("Pass alerts"));
}

/** One scan and one outbox run; the digests it posted. */
async function scan(h: Harness): Promise<Digest[]> {
  const from = h.capture.calls.length;
  await h.service.scanAlerts();
  await h.service.dispatchOutbox();
  return digestsSince(h, from);
}

function click(h: Harness, key: string, digest: Digest, verb: string, data: Record<string, unknown>): Promise<InvokeResult> {
  return executeAction(h.service.url, h.capture, who(key), CHANNEL, verb, data, { replyToId: digest.activityId });
}

const buttonData = (card: unknown, title: RegExp, near?: string): Record<string, unknown> => {
  const actions = cardActions(card).filter((a) => title.test(a.title) && (near === undefined || (typeof a.data?.key === "string" ? a.data.key : "").includes(near)));
  assert.ok(actions[0]?.data, `no button ${String(title)} ${near ?? ""}`);
  return actions[0].data;
};
const passOf = (h: Harness, key: string): unknown => h.service.demoTenant?.directory.taps.get(who(key).id);
const answerText = (r: InvokeResult): string => (typeof r.body.value === "string" ? r.body.value : cardTexts(r.body.value).join("\n"));

describe("pass alerts end to end (demo tenant, outbox, capture connector)", function () {
  this.timeout(120_000);
  let h: Harness;
  afterEach(async () => h?.stop());

  describe("with alerts set up in the Escalations channel", () => {
    beforeEach(async () => {
      h = await startHarness({ ALERT_SNOOZE_HOURS: "1" });
      assert.match(await command(h, "xavier", "setup alerts"), /Pass alerts will be posted to this channel/);
    });

    it("only helpdesk admins set up alerts or scan", async () => {
      assert.match(await command(h, "ben", "setup alerts"), /Only helpdesk admins/);
      assert.match(await command(h, "tess", "scan now"), /Only helpdesk admins/);
    });

    it("scan now answers with the scan's figures; one digest holds every kind of finding, each once", async () => {
      const from = h.capture.calls.length;
      assert.match(await command(h, "xavier", "scan now"), /^Scanning the tenant's passes now/);
      await h.service.alerts.idle();
      await h.service.dispatchOutbox();
      const texts = h.capture.calls.slice(from).map((c) => (typeof c.body.text === "string" ? c.body.text : "")).join("\n");
      assert.match(texts, /Scan done in [\d.]+ s: \d+ people holding a pass read with \d+ Graph requests\.[\s\S]*digest sent to 1 conversation/);
      const [digest, ...more] = digestsSince(h, from);
      assert.ok(digest, "no digest posted");
      assert.equal(more.length, 0);
      for (const expected of [
        /Ending soon, no permanent method yet \(2\)\nYara Soon's pass ends in 40 min/,
        /Expired or used, still registered \(7\)\nZane Lapsed: the pass expired/,
        /Kept after a permanent method was registered \(1\)\nKit Keeper registered Microsoft Authenticator/,
        /Longer than the organisation allows \(1\)\nLou Longpass's pass lives 24 h/,
        /Multi-use where one-time is wanted \(2\)/,
        /Pass policy changed \(1\)\nThe Temporary Access Pass policy was changed by victor@northwind-demo\.example: one-time only false → true; maximum lifetime \(min\) 1440 → 480/,
        /Burst of pass sign-in failures \(1\)\n8 pass sign-in failures/,
      ]) {
        assert.match(digest.text, expected);
      }
      assert.doesNotMatch(digest.text, /Della|Ravi Recent/, "della's pass is gone; ravi's is new and fine");
      assert.ok(cardActions(digest.card).some((a) => a.type === "Action.OpenUrl" && /entra\.microsoft\.com.*UserAuthMethods\/userId\//.test(a.url ?? "")));
      assert.deepEqual(await scan(h), [], "the next scan repeats nothing");
    });

    it("drift and methods switched off are found against the previous scan; a fixed finding disappears", async () => {
      await scan(h);
      const controls = h.service.demoTenant?.controls;
      controls?.updateMethodConfiguration("Fido2", { state: "disabled" });
      controls?.setTapPolicyState("disabled");
      const [second] = await scan(h);
      assert.match(second.text, /Pass policy changed \(1\)\nThe Temporary Access Pass policy changed since the last scan \(changed by victor@northwind-demo\.example\): switched off/);
      assert.match(second.text, /Sign-in methods switched off \(2\)/);
      assert.match(second.text, /Passkeys \(FIDO2\) is switched off/);
      assert.doesNotMatch(second.text, /Zane|Yara/, "only what is new");
      controls?.updateMethodConfiguration("Fido2", { state: "enabled" });
      controls?.setTapPolicyState("enabled");
      const [third] = await scan(h);
      assert.match(third.text, /switched on/, "the policy came back: that is drift too");
      assert.match(third.text, /2 fixed since the last digest/, "FIDO2 and the pass method are on again");
    });

    it("time passing: the pass that ended moves from 'ending soon' to 'expired', and its holder was nudged once", async () => {
      const first = await scan(h);
      assert.equal(first.length, 1);
      const nudges = h.capture.calls.filter((c) => /Your Temporary Access Pass ends soon/.test(JSON.stringify(c.body)));
      assert.equal(nudges.length, 2, "Yara and Avery: ending within the hour, no permanent method");
      await h.clock.advance(45 * MINUTE);
      const [later] = await scan(h);
      assert.match(later.text, /Yara Soon: the pass expired and is still registered/);
      assert.match(later.text, /\d fixed since the last digest/);
      assert.equal(h.capture.calls.filter((c) => /Your Temporary Access Pass ends soon/.test(JSON.stringify(c.body))).length, 2, "one nudge per pass");
    });

    it("Delete this pass: the pass is gone, the card is updated in place, the deletion is audited; next scan: fixed", async () => {
      const [digest] = await scan(h);
      const r = await click(h, "tess", digest, ALERT_VERBS.deletePass, buttonData(digest.card, /^Delete this pass$/, "stale_pass"));
      assert.equal(r.status, 200);
      assert.match(answerText(r), /Tess Agent deleted Zane Lapsed's pass/);
      assert.equal(passOf(h, "zane"), undefined);
      assert.ok(r.sent.some((c) => c.method === "PUT" && c.activityId === digest.activityId), "the clicked digest is updated in place");
      const audit = await new HelpdeskScenario(h).audit();
      assert.ok(audit.some((e) => e.action === "tap_deleted" && e.result === "success" && e.target?.displayName === "Zane Lapsed" && e.actor.displayName === "Tess Agent"));
      h.service.demoTenant?.controls.updateMethodConfiguration("Fido2", { state: "disabled" });
      const [next] = await scan(h);
      assert.match(next.text, /1 fixed since the last digest/);
    });

    it("Delete all expired / used passes: the confirm step lists exactly them; confirm deletes exactly those, each audited", async () => {
      const [digest] = await scan(h);
      const stale = ["zane", "otto", "fay", "ivan", "abe"];
      const ask = await click(h, "uma", digest, ALERT_VERBS.deleteStale, buttonData(digest.card, /^Delete all expired \/ used passes \(7\)$/));
      const confirmText = answerText(ask);
      assert.match(confirmText, /^Delete 7 expired or used passes\?/);
      for (const key of stale) assert.match(confirmText, new RegExp(`${key}@northwind-demo\\.example`));
      const untouched = ["yara", "lou", "elena", "kit", "avery"];
      const listed = [...confirmText.matchAll(/\((\w+)@northwind-demo\.example\)/g)].map((m) => m[1]);
      assert.equal(listed.length, 7);
      const done = await click(h, "uma", digest, ALERT_VERBS.bulkConfirm, buttonData(ask.body.value, /^Delete 7 passes$/));
      assert.match(answerText(done), /Uma Senior deleted 7 of 7 expired or used passes/);
      for (const key of listed) assert.equal(passOf(h, key), undefined, `${key}'s pass is still there`);
      for (const key of untouched) assert.ok(passOf(h, key), `${key}'s pass was deleted though it wasn't listed`);
      const audit = (await new HelpdeskScenario(h).audit()).filter((e) => e.action === "tap_deleted" && e.result === "success");
      assert.deepEqual(audit.map((e) => e.target?.id).sort(), listed.map((k) => who(k).id).sort());
      const again = await click(h, "uma", digest, ALERT_VERBS.bulkConfirm, buttonData(ask.body.value, /^Delete 7 passes$/));
      assert.match(answerText(again), /already deleted/);
    });

    it("a non-agent's forged bulk delete (a real bulk id) changes nothing", async () => {
      const [digest] = await scan(h);
      const ask = await click(h, "tess", digest, ALERT_VERBS.deleteStale, buttonData(digest.card, /^Delete all expired/));
      const data = buttonData(ask.body.value, /^Delete 7 passes$/);
      const before = [...(h.service.demoTenant?.directory.taps.keys() ?? [])].sort();
      const forged = await click(h, "ben", digest, ALERT_VERBS.bulkConfirm, data);
      assert.match(answerText(forged), /Only helpdesk agents can act on pass alerts, and Ben Expired isn't one/);
      const forgedOne = await click(h, "ben", digest, ALERT_VERBS.deletePass, buttonData(digest.card, /^Delete this pass$/, "stale_pass"));
      assert.match(answerText(forgedOne), /Only helpdesk agents/);
      assert.ok(!forged.sent.some((c) => c.method === "PUT") && !forgedOne.sent.some((c) => c.method === "PUT"), "no card changed");
      assert.deepEqual([...(h.service.demoTenant?.directory.taps.keys() ?? [])].sort(), before);
      const deletes = h.service.demoTenant?.controls.requests().filter((r) => r.method === "DELETE") ?? [];
      assert.equal(deletes.length, 0);
      // The real agent's confirm still works afterwards: the forged click didn't use the request up.
      assert.match(answerText(await click(h, "tess", digest, ALERT_VERBS.bulkConfirm, data)), /deleted \d of 7/);
    });

    it("a snoozed finding stays quiet until its snooze ends, then comes back", async () => {
      const [digest] = await scan(h);
      const snoozed = await click(h, "tess", digest, ALERT_VERBS.snooze, buttonData(digest.card, /^Snooze$/, "lifetime_over_max"));
      assert.match(answerText(snoozed), /snoozed an item for 1 h/);
      assert.match(answerText(snoozed), /Snoozed by Tess Agent until/);
      await h.clock.advance(30 * MINUTE);
      h.service.demoTenant?.controls.updateMethodConfiguration("Fido2", { state: "disabled" });
      const [quiet] = await scan(h);
      assert.doesNotMatch(quiet.text, /Lou Longpass/);
      await h.clock.advance(31 * MINUTE);
      h.service.demoTenant?.controls.updateMethodConfiguration("MicrosoftAuthenticator", { state: "disabled" });
      const [back] = await scan(h);
      assert.match(back.text, /Lou Longpass's pass lives 24 h/);
    });

    it("nothing is repeated after a restart over the same state", async () => {
      await scan(h);
      const { dir, clock, capture } = h;
      await h.service.close();
      h = await startHarness({ ALERT_SNOOZE_HOURS: "1" }, { dir, clock, capture });
      const from = capture.calls.length;
      await h.service.scanAlerts();
      await h.service.dispatchOutbox();
      assert.deepEqual(digestsSince(h, from), []);
      await capture.stop();
    });

    it("'remove alerts' stops the digests", async () => {
      assert.match(await command(h, "xavier", "remove alerts"), /won't be posted here any more/);
      assert.deepEqual(await scan(h), []);
    });
  });

  it("an admin can get the digest in their 1:1 chat", async () => {
    h = await startHarness();
    const before = h.capture.calls.length;
    const { TeamsUser } = await import("../support/teams-user");
    const xavier = new TeamsUser(h.service.url, h.capture, who("xavier"));
    const reply = await xavier.say("setup alerts");
    assert.match(JSON.stringify(reply.replies), /Pass alerts will be posted to this chat/);
    await h.service.scanAlerts();
    await h.service.dispatchOutbox();
    const personal = h.capture.calls.slice(before).filter((c) => !c.conversationId.startsWith("19:") && cardTexts(cardOf(c.body))[0] === "Pass alerts");
    assert.equal(personal.length, 1);
  });
});
