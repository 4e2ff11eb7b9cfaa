import assert from "node:assert/strict";
import { renderDiagnosisCard, toDiagnosisView, type DiagnosisContext } from "../../../src/cards/diagnosis";
import { CARD_VERBS, SECURITY_INFO_URL, type AdaptiveCard } from "../../../src/cards/render";
import type { Diagnosis } from "../../../src/triage/findings";
import { validateAdaptiveCard, parseEventCount } from "../../support/adaptive-card-schema";
import { actionsOf, firstCodeIn, HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf, verbsOf } from "./card-helpers";
import { atRiskDiagnosis, expiredDiagnosis, finding } from "./fixtures";

const SELF: DiagnosisContext = { triageId: "tri-42", subjectName: "Ben Expired", isSelf: true, checkedAtText: "24 Apr 2026, 11:05" };
const AGENT: DiagnosisContext = { ...SELF, isSelf: false };

const render = (d: Diagnosis, ctx: DiagnosisContext = SELF): AdaptiveCard => renderDiagnosisCard(toDiagnosisView(d, ctx));

describe("renderDiagnosisCard", () => {
  describe("validity", () => {
    const cases: [string, () => AdaptiveCard][] = [
      ["expired, seen by the person", () => render(expiredDiagnosis())],
      ["expired, seen by an agent", () => render(expiredDiagnosis(), AGENT)],
      ["user at risk", () => render(atRiskDiagnosis())],
      ["a bare finding without evidence or steps", () => render({ findings: [finding("TAP_LOOKS_VALID")], openQuestions: [], skipped: [] })],
      ["a finding with a conflict", () => render({ findings: [finding("TAP_EXPIRED", { conflict: "Replication lag." })], openQuestions: [], skipped: [] })],
    ];
    for (const [name, make] of cases) {
      it(`is a valid Adaptive Card 1.4 (${name})`, () => {
        assert.deepEqual(validateAdaptiveCard(make()), []);
      });
      it(`has no parse events (${name})`, () => {
        assert.equal(parseEventCount(make()), 0);
      });
      it(`leaves no unexpanded binding (${name})`, () => {
        assert.equal(JSON.stringify(make()).includes("${"), false);
      });
    }
  });

  describe("reference line", () => {
    it("starts the card with Reference: <primary code>", () => {
      assert.equal(textsOf(render(expiredDiagnosis()))[0], "Reference: TAP_EXPIRED");
    });

    it("is the first place any finding code appears in the card JSON", () => {
      const json = JSON.stringify(render(expiredDiagnosis(), AGENT));
      assert.deepEqual(firstCodeIn(json), { code: "TAP_EXPIRED", at: json.indexOf("Reference: TAP_EXPIRED") + "Reference: ".length });
    });

    it("comes before the secondary codes", () => {
      const json = JSON.stringify(render(expiredDiagnosis()));
      assert.ok(json.indexOf("Reference: TAP_EXPIRED") < json.indexOf("CA_STRENGTH_EXCLUDES_TAP"));
    });

    it("stays first when the title itself names another code", () => {
      const d: Diagnosis = { findings: [finding("TAP_ALREADY_USED", { title: "Not TAP_EXPIRED but used" })], openQuestions: [], skipped: [] };
      assert.equal(firstCodeIn(JSON.stringify(render(d)))?.code, "TAP_ALREADY_USED");
    });
  });

  describe("content", () => {
    it("shows the title after the reference", () => {
      assert.equal(textsOf(render(expiredDiagnosis()))[1], "Your pass has expired");
    });

    it("shows the summary", () => {
      assert.ok(textsOf(render(expiredDiagnosis())).includes("The Temporary Access Pass stopped working at 10:30 today, one hour after it was created."));
    });

    it("says whose sign-in an agent is looking at", () => {
      assert.ok(textsOf(render(expiredDiagnosis(), AGENT)).includes("About Ben Expired · checked 24 Apr 2026, 11:05"));
    });

    it("shows evidence as facts: label → value · source", () => {
      const factSet = render(expiredDiagnosis()).body.find((e) => (e as { type?: string }).type === "FactSet") as { facts: unknown[] };
      assert.deepEqual(factSet.facts[2], { title: "Last sign-in error", value: "AADSTS130504 at 11:02 · sign-in log" });
    });

    it("numbers the fix steps", () => {
      const texts = textsOf(render(expiredDiagnosis()));
      assert.deepEqual(
        texts.filter((t) => /^\d\. /.test(t)),
        ["1. Ask the helpdesk for a new pass.", "2. Use it within its lifetime; the new pass replaces the old one."],
      );
    });

    it("lists secondary findings with their codes under Also found", () => {
      const texts = textsOf(render(expiredDiagnosis()));
      const at = texts.indexOf("Also found");
      assert.deepEqual(texts.slice(at + 1, at + 5), [
        "• A sign-in rule will ask for a stronger method after the pass ",
        "CA_STRENGTH_EXCLUDES_TAP",
        "• Passkey setup may be interrupted ",
        "REGISTRATION_INTERRUPT_MODE",
      ]);
    });

    it("lists what couldn't be checked", () => {
      const texts = textsOf(render(expiredDiagnosis()));
      assert.equal(texts[texts.indexOf("Couldn't check") + 1], "Couldn't read sign-in risk: the tenant has no Entra ID P2 license.");
    });

    it("explains a conflict between facts", () => {
      const d: Diagnosis = { findings: [finding("TAP_EXPIRED", { conflict: "The sign-in log is older than the new pass." })], openQuestions: [], skipped: [] };
      assert.ok(textsOf(render(d)).includes("The sign-in log is older than the new pass."));
    });

    it("leaves out the Also found heading when there is one finding", () => {
      assert.equal(textsOf(render(atRiskDiagnosis())).includes("Also found"), false);
    });
  });

  describe("agent notes", () => {
    it("are shown to an agent looking at someone else", () => {
      assert.ok(textsOf(render(expiredDiagnosis(), AGENT)).includes("- Issue a new pass; policy default lifetime is 60 minutes."));
    });

    it("include notes from secondary findings", () => {
      assert.ok(textsOf(render(expiredDiagnosis(), AGENT)).includes("- Policy 'Require phishing-resistant MFA' uses a strength without TAP."));
    });

    it("are hidden from the person themselves", () => {
      assert.equal(textsOf(render(expiredDiagnosis(), SELF)).includes("For the helpdesk"), false);
    });
  });

  describe("actions", () => {
    it("offers fixed, still broken and a new pass for an expired pass", () => {
      assert.deepEqual(verbsOf(render(expiredDiagnosis())), ["triage_fixed", "triage_still_broken", "triage_new_pass"]);
    });

    it("uses only the verbs the Teams layer routes (CARD_VERBS)", () => {
      const cards = [render(expiredDiagnosis()), render(atRiskDiagnosis())];
      const known: string[] = Object.values(CARD_VERBS);
      assert.deepEqual(cards.flatMap(verbsOf).filter((v) => !known.includes(v)), []);
    });

    it("carries the triage id on every button", () => {
      const ids = actionsOf(render(expiredDiagnosis())).filter((a) => a.type === "Action.Submit").map((a) => a.data?.triageId);
      assert.deepEqual(ids, ["tri-42", "tri-42", "tri-42"]);
    });

    it("labels the buttons as people expect", () => {
      assert.deepEqual(
        actionsOf(render(expiredDiagnosis())).map((a) => a.title),
        ["Open My Security Info", "That fixed it", "Still not working", "I need a new pass"],
      );
    });

    it("links My Security Info when the finding suggests it", () => {
      const open = actionsOf(render(expiredDiagnosis())).find((a) => a.type === "Action.OpenUrl");
      assert.equal(open?.url, SECURITY_INFO_URL);
    });

    it("has no My Security Info link when the finding doesn't suggest it", () => {
      assert.equal(actionsOf(render(atRiskDiagnosis())).some((a) => a.type === "Action.OpenUrl"), false);
    });

    for (const code of ["USER_AT_RISK", "ACCOUNT_DISABLED", "EXTERNAL_GUEST"] as const) {
      it(`offers Contact security instead of a new pass for ${code}`, () => {
        const d: Diagnosis = {
          findings: [finding(code, { actions: ["fixed", "still_broken", "new_pass", "contact_security"] })],
          openQuestions: [],
          skipped: [],
        };
        assert.deepEqual(verbsOf(render(d)), ["triage_contact_security", "triage_fixed"]);
      });
    }

    it("puts 'Ask the helpdesk' first and says what has to change when only someone else can fix it", () => {
      const d: Diagnosis = {
        findings: [finding("TAP_USER_NOT_IN_POLICY", { actions: ["still_broken", "fixed"], escalation: { to: "helpdesk", change: "Add you to the TAP group." } })],
        openQuestions: [],
        skipped: [],
      };
      const card = render(d);
      assert.deepEqual(actionsOf(card).map((a) => a.title), ["Ask the helpdesk"]);
      assert.deepEqual(verbsOf(card), ["triage_still_broken"]);
      assert.match(JSON.stringify(card), /What the helpdesk or an administrator has to change/);
      assert.match(JSON.stringify(card), /Add you to the TAP group\./);
    });

    it("keeps 'That fixed it' when the person may get past it themselves", () => {
      const d: Diagnosis = {
        findings: [finding("CA_BLOCKED", { actions: ["still_broken", "fixed"], escalation: { to: "helpdesk", change: "Exclude you.", personMayFix: true } })],
        openQuestions: [],
        skipped: [],
      };
      assert.deepEqual(actionsOf(render(d)).map((a) => a.title), ["Ask the helpdesk", "That fixed it"]);
    });

    it("sends security-owned causes to 'Contact security' first", () => {
      const d: Diagnosis = {
        findings: [finding("USER_AT_RISK", { actions: ["contact_security"], escalation: { to: "security", change: "Clear the risk." } })],
        openQuestions: [],
        skipped: [],
      };
      const card = render(d);
      assert.deepEqual(actionsOf(card).map((a) => a.title), ["Contact security"]);
      assert.match(JSON.stringify(card), /What your security team has to do/);
    });

    it("lists possibilities below the cause, and shows no such section without them", () => {
      const withOne: Diagnosis = { findings: [finding("TAP_EXPIRED")], openQuestions: [], skipped: [], possibilities: ['If you sign in outside Allowed countries (US), the rule "Geo" blocks it.'] };
      const text = JSON.stringify(render(withOne));
      assert.match(text, /Worth knowing/);
      assert.match(text, /the rule \\"Geo\\" blocks it/);
      assert.doesNotMatch(JSON.stringify(render({ findings: [finding("TAP_EXPIRED")], openQuestions: [], skipped: [] })), /Worth knowing/);
    });
  });

  describe("untrusted text", () => {
    const hostile = (): Diagnosis => ({
      findings: [
        finding("TAP_EXPIRED", {
          title: HOSTILE_TEXT,
          summary: HOSTILE_TEXT,
          evidence: [{ label: HOSTILE_TEXT, value: HOSTILE_TEXT, source: "pass" }],
          userSteps: [HOSTILE_TEXT],
          agentNotes: [HOSTILE_TEXT],
          conflict: HOSTILE_TEXT,
        }),
        finding("CA_BLOCKED", { title: HOSTILE_TEXT }),
      ],
      openQuestions: [],
      skipped: [HOSTILE_TEXT],
    });
    const benign = (): Diagnosis => {
      const d = hostile();
      return JSON.parse(JSON.stringify(d).split(JSON.stringify(HOSTILE_TEXT).slice(1, -1)).join("plain")) as Diagnosis;
    };
    const ctx: DiagnosisContext = { ...AGENT, subjectName: HOSTILE_TEXT, checkedAtText: HOSTILE_TEXT };

    it("can't add or change elements or actions", () => {
      assert.deepEqual(typesOf(render(hostile(), ctx)), typesOf(render(benign(), { ...ctx, subjectName: "plain", checkedAtText: "plain" })));
    });

    it("keeps the card valid", () => {
      assert.deepEqual(validateAdaptiveCard(render(hostile(), ctx)), []);
    });

    it("leaves no template binding", () => {
      assert.equal(JSON.stringify(render(hostile(), ctx)).includes("${"), false);
    });

    it("escapes markdown so no link or emphasis survives", () => {
      const unescaped = markdownTextsOf(render(hostile(), ctx)).filter((t) => /(?<!\\)[[\]*_]/.test(t));
      assert.deepEqual(unescaped, []);
    });

    it("keeps each text on one line so no list or heading starts", () => {
      assert.equal(textsOf(render(hostile(), ctx)).some((t) => t.includes("\n# heading")), false);
    });
  });

  describe("toDiagnosisView", () => {
    it("refuses a diagnosis without findings", () => {
      assert.throws(() => toDiagnosisView({ findings: [], openQuestions: [], skipped: [] }, SELF), RangeError);
    });

    it("caps long evidence lists", () => {
      const evidence = Array.from({ length: 50 }, (_, i) => ({ label: `fact ${i}`, value: "v", source: "pass" as const }));
      const view = toDiagnosisView({ findings: [finding("TAP_EXPIRED", { evidence })], openQuestions: [], skipped: [] }, SELF);
      assert.equal(view.evidence.length, 10);
    });

    it("gives the person no agent notes", () => {
      assert.deepEqual(toDiagnosisView(expiredDiagnosis(), SELF).agentNotes, []);
    });
  });
});
