// Start-up rules (auth, loopback), health, and resuming a triage across a restart.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import { startService } from "../../src/service";
import { isHelpdeskError } from "../../src/errors";
import { startHarness } from "../support/service-harness";
import { TeamsUser, cardActions, cardOf, referenceCode } from "../support/teams-user";

describe("service lifecycle", function () {
  this.timeout(60_000);

  it("refuses to listen beyond loopback without an app id", async () => {
    await assert.rejects(
      startService({ env: { PORT: "0", BIND_HOST: "0.0.0.0", STATE_DB_PATH: ":memory:" }, logDestination: { write: () => undefined } }),
      (e: unknown) => isHelpdeskError(e) && e.code === "CONFIG_INVALID" && /loopback/.test(e.message),
    );
  });

  it("says at start that it is unauthenticated and local-only", async () => {
    const h = await startHarness();
    try {
      assert.ok(h.logLines.some((l) => /NOT authenticated/.test(l) && /127\.0\.0\.1/.test(l)));
      assert.match(h.service.url, /^http:\/\/127\.0\.0\.1:/);
    } finally {
      await h.stop();
    }
  });

  it("with an app id, rejects an activity without a token (401) and one with a garbage token (401)", async () => {
    const h = await startHarness({ MicrosoftAppId: "00000000-0000-0000-0000-0000000000aa", MicrosoftAppPassword: "not-a-real-secret", BIND_HOST: "127.0.0.1" });
    try {
      const user = new TeamsUser(h.service.url, h.capture, DEMO_PEOPLE[0]);
      const body = JSON.stringify(user.activity({ type: "message", text: "hi" }));
      const none = await fetch(`${h.service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
      assert.equal(none.status, 401);
      const garbage = await fetch(`${h.service.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer abc.def.ghi" },
        body,
      });
      assert.equal(garbage.status, 401);
      assert.equal(h.capture.calls.length, 0);
    } finally {
      await h.stop();
    }
  });

  it("serves only the configured tenant", async () => {
    const h = await startHarness({ MicrosoftAppTenantId: "11111111-2222-3333-4444-555555555555" });
    try {
      const user = new TeamsUser(h.service.url, h.capture, DEMO_PEOPLE[0]);
      const r = await user.say("my pass doesn't work");
      assert.equal(r.replies.length, 0, "an activity from another tenant gets no answer");
      assert.ok(h.logLines.some((l) => l.includes("tenant_refused")));
    } finally {
      await h.stop();
    }
  });

  it("resumes a triage after a restart in the middle of it", async () => {
    const first = await startHarness();
    const { dir, clock, capture } = first;
    const avery = DEMO_PEOPLE.find((p) => p.key === "avery")!;
    try {
      const user = new TeamsUser(first.service.url, capture, avery);
      const r = await user.say("my pass doesn't work");
      const question = cardActions(cardOf(r.replies.at(-1))).find((a) => a.data?.verb === "triage_answer" && a.data.skip !== true);
      assert.ok(question?.data, "expected a follow-up question");
      await first.service.close();

      const second = await startHarness({}, { dir, clock, capture });
      try {
        const resumed = new TeamsUser(second.service.url, capture, avery);
        Object.assign(resumed, { conversationId: user.conversationId });
        let result = await resumed.submit({ ...question.data, skip: true });
        for (let i = 0; i < 2; i++) {
          const next = cardActions(cardOf(result.replies.at(-1))).find((a) => a.data?.verb === "triage_answer" && a.data.skip !== true);
          if (!next?.data) break;
          result = await resumed.submit({ ...next.data, skip: true });
        }
        assert.equal(referenceCode(cardOf(result.replies.at(-1))), "TAP_LOOKS_VALID");
      } finally {
        await second.service.close();
      }
    } finally {
      await capture.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
