// End to end: the real server over HTTP, the embedded demo tenant, a local Bot Connector capture server.
import assert from "node:assert/strict";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import type { Answers } from "../../src/triage/snapshot";
import { startHarness, type Harness } from "../support/service-harness";
import { TeamsUser, cardActions, cardOf, referenceCode } from "../support/teams-user";

const NEW_PASS_HELPS = new Set(["TAP_MISSING", "TAP_EXPIRED", "TAP_NOT_YET_VALID", "TAP_ALREADY_USED", "TAP_MULTIUSE_NOT_ALLOWED", "TAP_LOOKS_VALID"]);
/** Causes only someone else can fix: the card's first button says who acts. */
const ESCALATES_TO: Record<string, string> = {
  ACCOUNT_DISABLED: "Ask the helpdesk",
  TAP_POLICY_DISABLED: "Ask the helpdesk",
  TAP_USER_NOT_IN_POLICY: "Ask the helpdesk",
  CA_BLOCKED: "Ask the helpdesk",
  CA_COMPLIANT_DEVICE_REQUIRED: "Ask the helpdesk",
  CA_STRENGTH_EXCLUDES_TAP: "Ask the helpdesk",
  EXTERNAL_GUEST: "Ask the helpdesk",
  REGISTRATION_METHODS_DISABLED: "Ask the helpdesk",
  USER_AT_RISK: "Contact security",
};
/** Of those, the ones the person can't get past alone: no "That fixed it". */
const NOBODY_SELF_FIXES = new Set(["ACCOUNT_DISABLED", "TAP_POLICY_DISABLED", "TAP_USER_NOT_IN_POLICY", "REGISTRATION_METHODS_DISABLED", "USER_AT_RISK", "CA_STRENGTH_EXCLUDES_TAP"]);

const person = (key: string) => {
  const p = DEMO_PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`no demo person ${key}`);
  return p;
};

/** The choice value a person would pick on a question card, from what they know about their situation. */
function choiceFor(question: string, answers: Answers | undefined): string | undefined {
  if (!answers) return undefined;
  if (question === "device" && answers.device) return answers.device === "windows" ? `windows:${answers.windowsJoin ?? "entra_joined"}` : answers.device;
  if (question === "browser") return answers.browser;
  if (question === "stage") return answers.stage;
  if (question === "location") return answers.place;
  if (question === "error_text") return answers.errorText;
  return undefined;
}

/** Says the problem, then answers (or skips) up to two follow-up questions through card submits; returns the final card. */
async function triage(user: TeamsUser, answers?: Answers, opening = "my temporary access pass doesn't work"): Promise<{ card: Record<string, unknown>; questions: string[] }> {
  let result = await user.say(opening);
  assert.equal(result.status, 200);
  const questions: string[] = [];
  for (;;) {
    const last = result.replies.at(-1);
    const card = cardOf(last);
    assert.ok(card, `expected a card, got ${JSON.stringify(last)}`);
    const next = cardActions(card).find((a) => a.data?.verb === "triage_answer" && a.data.skip !== true);
    if (!next?.data) return { card, questions };
    const question = String(next.data.question);
    questions.push(question);
    assert.ok(questions.length <= 2, "asked more than two questions");
    const value = choiceFor(question, answers);
    result = await user.submit(value === undefined ? { ...next.data, skip: true } : { ...next.data, answer: value });
    assert.equal(result.status, 200);
  }
}

describe("triage end to end (real server + demo tenant + connector capture)", function () {
  this.timeout(60_000);
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    // Keep each diagnosis inside the tenant's sign-in log budget (5 per 10 s), as a real tenant would.
    await h.clock.advance(11_000);
  });

  for (const p of DEMO_PEOPLE.filter((x) => x.expectedCode)) {
    it(`${p.displayName} → ${p.expectedCode}`, async () => {
      const user = new TeamsUser(h.service.url, h.capture, p);
      const { card } = await triage(user, p.answers);
      assert.equal(referenceCode(card), p.expectedCode);
      const titles = cardActions(card).filter((a) => a.type === "Action.Submit").map((a) => a.title);
      const code = p.expectedCode!;
      const escalation = ESCALATES_TO[code];
      if (escalation) {
        assert.equal(titles[0], escalation, `buttons: ${titles.join(", ")}`);
        assert.ok(!titles.includes("Still not working"), `buttons: ${titles.join(", ")}`);
        assert.match(JSON.stringify(card), /has to change|has to do/);
      } else {
        assert.ok(titles.includes("Still not working"), `buttons: ${titles.join(", ")}`);
      }
      assert.equal(titles.includes("That fixed it"), !NOBODY_SELF_FIXES.has(code), `buttons: ${titles.join(", ")}`);
      // A new pass is offered only where a new pass is the fix; risk goes to security instead.
      assert.equal(titles.includes("I need a new pass"), NEW_PASS_HELPS.has(p.expectedCode!), `buttons: ${titles.join(", ")}`);
      assert.equal(titles.includes("Contact security"), p.expectedCode === "USER_AT_RISK", `buttons: ${titles.join(", ")}`);
    });
  }

  it("shows progress (typing) before checking", async () => {
    const user = new TeamsUser(h.service.url, h.capture, person("ben"));
    await user.say("TAP expired");
    assert.ok(h.capture.typing(user.conversationId) >= 1);
  });

  it("reports TAP_POLICY_DISABLED when the tenant switches the TAP policy off", async () => {
    const controls = h.service.demoTenant!.controls;
    controls.setTapPolicyState("disabled");
    // Past the TTL a cached policy is still served while it is refreshed; past its maximum staleness (4 TTLs) it is read again.
    await h.clock.advance(4 * 300_000 + 1_000);
    try {
      const { card } = await triage(new TeamsUser(h.service.url, h.capture, person("avery")), person("avery").answers);
      assert.equal(referenceCode(card), "TAP_POLICY_DISABLED");
    } finally {
      controls.setTapPolicyState("enabled");
      await h.clock.advance(4 * 300_000 + 1_000);
    }
  });

  it("asks follow-up questions only while they can change the answer, and at most two", async () => {
    const { questions, card } = await triage(new TeamsUser(h.service.url, h.capture, person("avery")));
    assert.ok(questions.length >= 1 && questions.length <= 2);
    assert.equal(referenceCode(card), "TAP_LOOKS_VALID");
  });

  it("asks nothing when the directory already proves the cause", async () => {
    const { questions } = await triage(new TeamsUser(h.service.url, h.capture, person("ivan")));
    assert.deepEqual(questions, []);
  });

  it("one diagnosis is one $batch for the per-user reads once tenant-wide reads are cached", async () => {
    const controls = h.service.demoTenant!.controls;
    await triage(new TeamsUser(h.service.url, h.capture, person("ben"))); // warms the tenant-wide cache
    await h.clock.advance(11_000);
    controls.resetRequests();
    await triage(new TeamsUser(h.service.url, h.capture, person("chloe")));
    const requests = controls.requests();
    assert.equal(requests.length, 1, JSON.stringify(requests.map((r) => r.path)));
    assert.match(requests[0].path, /\$batch/);
    assert.ok((requests[0].subRequests ?? []).length >= 5);
  });

  describe("conditional Conditional Access in a tenant shaped like a real company", () => {
    it("names the country block from Theo's failed sign-in abroad, with where it happened", async () => {
      const { card, questions } = await triage(new TeamsUser(h.service.url, h.capture, person("theo")));
      const text = JSON.stringify(card);
      assert.deepEqual(questions, []);
      assert.match(text, /Block sign-ins outside allowed countries/);
      assert.match(text, /São Paulo, BR/);
      assert.doesNotMatch(text, /Block legacy authentication/);
    });

    it("names the legacy-client block from Lars's ActiveSync failure and points him to a modern app", async () => {
      const { card } = await triage(new TeamsUser(h.service.url, h.capture, person("lars")));
      const text = JSON.stringify(card);
      assert.equal(referenceCode(card), "CA_BLOCKED");
      assert.match(text, /Block legacy authentication/);
      assert.match(text, /Outlook app/);
      assert.doesNotMatch(text, /outside allowed countries/);
    });

    it("someone in scope of every conditional policy, with no evidence, gets no CA blame: a question and a 'Worth knowing' line", async () => {
      const user = new TeamsUser(h.service.url, h.capture, person("avery"));
      const { card, questions } = await triage(user, { stage: "after_tap" });
      assert.deepEqual(questions, ["stage", "location"]);
      assert.equal(referenceCode(card), "TAP_LOOKS_VALID");
      const text = JSON.stringify(card);
      assert.match(text, /Worth knowing/);
      assert.match(text, /If you sign in outside Allowed countries \(US, CA, GB, DE, FR\)/);
      // Risk-gated rules can't be answered or avoided by the person: never a "what if".
      assert.doesNotMatch(text, /Block high-risk sign-ins/);
    });

    it("someone abroad hears the country rule as a condition of where they are", async () => {
      const { card } = await triage(new TeamsUser(h.service.url, h.capture, person("avery")), { stage: "after_tap", place: "abroad" });
      assert.equal(referenceCode(card), "CA_BLOCKED");
      assert.match(JSON.stringify(card), /If the country you're in now isn't one of them/);
    });

    it("people in scope whose real cause is elsewhere keep it (expired, federated, methods off, guest)", async () => {
      for (const key of ["ben", "omar", "rosa", "nora"]) {
        await h.clock.advance(11_000);
        const p = person(key);
        const { card } = await triage(new TeamsUser(h.service.url, h.capture, p), p.answers);
        assert.equal(referenceCode(card), p.expectedCode, key);
        assert.doesNotMatch(JSON.stringify(card), /Blocking rule that applies to you/, key);
      }
    });
  });

  it("understands German and French", async () => {
    const de = await triage(new TeamsUser(h.service.url, h.capture, person("ben")), undefined, "Mein temporärer Zugriffspass funktioniert nicht");
    assert.equal(referenceCode(de.card), "TAP_EXPIRED");
    await h.clock.advance(11_000);
    const fr = await triage(new TeamsUser(h.service.url, h.capture, person("ben")), undefined, "mon passe d'accès temporaire ne fonctionne pas");
    assert.equal(referenceCode(fr.card), "TAP_EXPIRED");
  });

  it("records 'I need a new pass' once, however often it is clicked, and says honestly what happens next", async () => {
    const user = new TeamsUser(h.service.url, h.capture, person("ben"));
    const { card } = await triage(user);
    const button = cardActions(card).find((a) => a.title === "I need a new pass");
    assert.ok(button?.data);
    const first = await user.submit(button.data);
    const second = await user.submit(button.data);
    const text1 = JSON.stringify(first.replies);
    const ref = /REQ-[A-Z0-9-]+/.exec(text1)?.[0];
    assert.ok(ref, text1);
    assert.ok(JSON.stringify(second.replies).includes(ref));
    assert.match(text1, /helpdesk/i);
  });

  it("after 'That fixed it' guides the person to a permanent method", async () => {
    const user = new TeamsUser(h.service.url, h.capture, person("avery"));
    const { card } = await triage(user);
    const fixed = cardActions(card).find((a) => a.title === "That fixed it");
    const r = await user.submit(fixed!.data!);
    const text = JSON.stringify(r.replies);
    assert.match(text, /Authenticator/);
    assert.match(text, /passkey|FIDO2/i);
    assert.match(text, /Windows Hello/);
  });

  it("lets a helpdesk agent check someone else, with agent notes", async () => {
    const agent = new TeamsUser(h.service.url, h.capture, person("tess"));
    const { card } = await triage(agent, undefined, `check ${person("ben").userPrincipalName}`);
    assert.equal(referenceCode(card), "TAP_EXPIRED");
  });

  it("lets a manager check their report", async () => {
    const manager = new TeamsUser(h.service.url, h.capture, person("wendy"));
    const { card } = await triage(manager, undefined, `check ${person("chloe").userPrincipalName}`);
    assert.equal(referenceCode(card), "TAP_NOT_YET_VALID");
  });

  it("refuses to check someone else for a person who is neither agent nor manager", async () => {
    const user = new TeamsUser(h.service.url, h.capture, person("avery"));
    const r = await user.say(`check ${person("ben").userPrincipalName}`);
    assert.equal(r.status, 200);
    assert.equal(cardOf(r.replies.at(-1)), undefined);
    assert.match(String(r.replies.at(-1)?.text), /only check someone else's pass/);
  });

  it("answers help, 'what is a TAP?' and the install event", async () => {
    const user = new TeamsUser(h.service.url, h.capture, person("avery"));
    assert.ok(cardOf((await user.say("help")).replies[0]));
    assert.ok(cardOf((await user.say("what is a TAP?")).replies[0]));
    const install = await user.post(user.activity({ type: "conversationUpdate", membersAdded: [{ id: "28:tap-helpdesk" }] }));
    assert.ok(cardOf(install.replies[0]));
    const again = await user.post(user.activity({ type: "conversationUpdate", membersAdded: [{ id: "28:tap-helpdesk" }] }));
    assert.equal(again.replies.length, 0, "welcomes once per conversation");
  });

  it("never shows a stack trace in any reply of the whole run", () => {
    for (const c of h.capture.calls) assert.doesNotMatch(c.raw, /\n\s+at .+\.js:\d+/);
  });
});
