// The follow-up question card: one question the directory can't answer, with "Next" and "Skip".
import questionJson from "./templates/question.json";
import type { QuestionId } from "../triage/findings";
import { compileTemplate, escapeMarkdown, expandCard, type AdaptiveCard } from "./render";

const questionTemplate = compileTemplate(questionJson);

const MAX_NAME = 80;
const MAX_ID = 100;

/** What the question card needs; choice values are the Answers enum values parseAnswer understands. */
export interface QuestionView {
  triageId: string;
  question: QuestionId;
  /** Whose sign-in this is about (the person themselves or the one an agent checks). */
  subjectName: string;
  stepNumber: 1 | 2;
  maxSteps: 2;
}

interface Choice {
  title: string;
  value: string;
}

interface QuestionText {
  prompt: string;
  detail: string;
  /** Absent: a free-text question. */
  choices?: Choice[];
}

const QUESTIONS: Readonly<Record<QuestionId, QuestionText>> = {
  device: {
    prompt: "Which device is the sign-in on?",
    detail: "A pass works differently on a PC that's being set up and on one that's already in use.",
    choices: [
      { title: "Windows PC being set up for the first time", value: "windows:new_setup" },
      { title: "Windows PC already in use (company-joined)", value: "windows:entra_joined" },
      { title: "Mac", value: "mac" },
      { title: "iPhone or iPad", value: "ios" },
      { title: "Android", value: "android" },
      { title: "Linux", value: "linux" },
      { title: "Something else", value: "other" },
    ],
  },
  browser: {
    prompt: "Where does the sign-in page open?",
    detail: "Some browsers handle passkeys and pass sign-in differently.",
    choices: [
      { title: "Microsoft Edge", value: "edge" },
      { title: "Google Chrome", value: "chrome" },
      { title: "Safari", value: "safari" },
      { title: "Firefox", value: "firefox" },
      { title: "The Authenticator or another app", value: "app" },
      { title: "Something else", value: "other" },
    ],
  },
  stage: {
    prompt: "Where does it go wrong?",
    detail: "Pick the step that's closest to what you see.",
    choices: [
      { title: "The pass box never appeared", value: "tap_prompt:missing" },
      { title: "The pass was rejected", value: "tap_prompt:rejected" },
      { title: "The pass was accepted, but something blocked me afterwards", value: "after_tap" },
      { title: "Windows sign-in, the lock screen or Windows Hello setup", value: "windows_logon" },
      { title: "Adding a passkey, security key or Authenticator", value: "register_method" },
      { title: "VPN or remote access", value: "vpn" },
    ],
  },
  location: {
    prompt: "Where are you signing in from?",
    detail: "Some of your organization's sign-in rules depend on the network or the country you're in.",
    choices: [
      { title: "The office, on the company network", value: "office" },
      { title: "Home or elsewhere in the country I work in", value: "home" },
      { title: "Abroad, travelling", value: "abroad" },
    ],
  },
  error_text: {
    prompt: "What does the error message say?",
    detail: "Copy the message or the AADSTS code from the sign-in page. Never paste your pass or your password.",
  },
};

/** Renders one follow-up question; the submit carries `answer` plus verb, triageId and question. */
export function renderQuestionCard(view: QuestionView): AdaptiveCard {
  if (!Object.hasOwn(QUESTIONS, view.question)) throw new RangeError(`unknown question: ${String(view.question)}`);
  const text = QUESTIONS[view.question];
  const name = escapeMarkdown(view.subjectName, MAX_NAME);
  return expandCard(questionTemplate, {
    stepText: `Question ${view.stepNumber} of ${view.maxSteps}${name === "" ? "" : ` · about ${name}`}`,
    prompt: text.prompt,
    detail: text.detail,
    isChoice: text.choices !== undefined,
    isText: text.choices === undefined,
    choices: text.choices ?? [],
    triageId: String(view.triageId).slice(0, MAX_ID),
    question: view.question,
  });
}
