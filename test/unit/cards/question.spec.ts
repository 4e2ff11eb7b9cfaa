import assert from "node:assert/strict";
import { renderQuestionCard } from "../../../src/cards/question";
import type { AdaptiveCard } from "../../../src/cards/render";
import { parseAnswer } from "../../../src/conversation/intent";
import type { QuestionId } from "../../../src/triage/findings";
import { validateAdaptiveCard } from "../../support/adaptive-card-schema";
import { actionsOf, HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";

const QUESTIONS: QuestionId[] = ["device", "browser", "stage", "error_text"];

const render = (question: QuestionId, subjectName = "Ben Expired"): AdaptiveCard =>
  renderQuestionCard({ triageId: "tri-7", question, subjectName, stepNumber: 1, maxSteps: 2 });

interface Input {
  type: string;
  id: string;
  isMultiline?: boolean;
  choices?: { title: string; value: string }[];
}
const inputOf = (card: AdaptiveCard): Input => card.body.find((e) => String((e as Input).type).startsWith("Input.")) as Input;

describe("renderQuestionCard", () => {
  for (const question of QUESTIONS) {
    it(`is a valid Adaptive Card 1.4 (${question})`, () => {
      assert.deepEqual(validateAdaptiveCard(render(question)), []);
    });

    it(`leaves no unexpanded binding (${question})`, () => {
      assert.equal(JSON.stringify(render(question)).includes("${"), false);
    });

    it(`has exactly one input, with id "answer" (${question})`, () => {
      const inputs = typesOf(render(question)).filter((t) => t.startsWith("Input."));
      assert.deepEqual([inputs.length, inputOf(render(question)).id], [1, "answer"]);
    });

    it(`submits Next with verb, triage id and question (${question})`, () => {
      const next = actionsOf(render(question)).find((a) => a.title === "Next");
      assert.deepEqual(next?.data, { verb: "triage_answer", triageId: "tri-7", question });
    });

    it(`submits Skip without reading the input (${question})`, () => {
      const skip = actionsOf(render(question)).find((a) => a.title === "Skip");
      assert.deepEqual([skip?.associatedInputs, skip?.data], ["none", { verb: "triage_answer", triageId: "tri-7", question, skip: true }]);
    });
  }

  for (const question of ["device", "browser", "stage"] as const) {
    it(`offers choices that parseAnswer understands (${question})`, () => {
      const values = inputOf(render(question)).choices?.map((c) => c.value) ?? [];
      assert.deepEqual(
        values.filter((answer) => parseAnswer(question, { answer }) === undefined),
        [],
      );
    });
  }

  it("offers the device kinds, splitting Windows by set-up state", () => {
    assert.deepEqual(
      inputOf(render("device")).choices?.map((c) => c.value),
      ["windows:new_setup", "windows:entra_joined", "mac", "ios", "android", "linux", "other"],
    );
  });

  it("offers the browsers and apps", () => {
    assert.deepEqual(inputOf(render("browser")).choices?.map((c) => c.value), ["edge", "chrome", "safari", "firefox", "app", "other"]);
  });

  it("offers the six failure stages", () => {
    assert.deepEqual(inputOf(render("stage")).choices?.map((c) => c.title), [
      "The pass box never appeared",
      "The pass was rejected",
      "The pass was accepted, but something blocked me afterwards",
      "Windows sign-in, the lock screen or Windows Hello setup",
      "Adding a passkey, security key or Authenticator",
      "VPN or remote access",
    ]);
  });

  it("asks for the error text in a multi-line text box", () => {
    assert.deepEqual([inputOf(render("error_text")).type, inputOf(render("error_text")).isMultiline], ["Input.Text", true]);
  });

  it("shows the step and whose sign-in it is about", () => {
    assert.equal(textsOf(render("device"))[0], "Question 1 of 2 · about Ben Expired");
  });

  it("shows step 2 of 2", () => {
    const card = renderQuestionCard({ triageId: "t", question: "stage", subjectName: "Ben", stepNumber: 2, maxSteps: 2 });
    assert.equal(textsOf(card)[0], "Question 2 of 2 · about Ben");
  });

  it("can't be reshaped by a hostile display name", () => {
    assert.deepEqual(typesOf(render("device", HOSTILE_TEXT)), typesOf(render("device")));
  });

  it("escapes a hostile display name", () => {
    assert.deepEqual(
      markdownTextsOf(render("device", HOSTILE_TEXT)).filter((t) => /(?<!\\)[[\]*_]/.test(t) || t.includes("${")),
      [],
    );
  });

  it("refuses an unknown question", () => {
    assert.throws(() => render("constructor" as QuestionId), RangeError);
  });
});
