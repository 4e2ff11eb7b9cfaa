// CA_BLOCKED: an enforced Conditional Access policy blocks this person's sign-in (or adding methods), whatever pass
// they use. Only a policy whose conditions all hold — or that a recent failed sign-in names — is a cause; one that
// depends on where or how the person signs in is asked about or said as a possibility, never blamed on its own.
import { codesPointingTo } from "../aadsts";
import { signInContext } from "../ca-context";
import { analyseGrant, assessPolicies, enforcedDepending, type PolicyAssessment } from "../conditional-access";
import { contextEvidence, possibilityText, questionsFor, signInPlaceText, workaroundSteps } from "../ca-wording";
import { reportedCodeEvidence, signInEvidence } from "../evidence";
import { currentPass, passMode } from "../facts";
import type { Evidence, QuestionId } from "../findings";
import { makeFinding, type Certainty, type Rule, type RuleOutcome } from "../rule";
import { failedPolicyNames, recentFailuresWith, reportedCodes } from "../sign-ins";
import type { SignInEvent, Snapshot } from "../snapshot";

const CERTAINTY_OF_BASIS: Record<PolicyAssessment["basis"], Certainty> = {
  "sign-in result": "proven",
  conditions: "proven",
  "failed sign-in": "proven",
  answers: "reported",
};

/** Block policies, judged; report-only ones are kept for the note only. */
function blockAssessments(s: Snapshot): PolicyAssessment[] {
  const pass = currentPass(s);
  const mode = pass ? passMode(pass) : undefined;
  // Policies gated on user risk are the risk rule's (USER_AT_RISK), so they aren't blamed twice.
  return assessPolicies(s).filter((a) => a.policy.userRiskLevels.length === 0 && analyseGrant(s, a.policy, mode).block);
}

/** A policy that blocks registration is proven only by a failed sign-in or the person's answer, not by an old sign-in's place. */
function certaintyOf(a: PolicyAssessment): Certainty {
  if (a.scope === "registration" && a.basis === "failed sign-in") return "reported";
  return CERTAINTY_OF_BASIS[a.basis];
}

/** "Abroad" doesn't settle a country list; the person said where they are, so a block that depends only on it is reported. */
function abroadBlocks(s: Snapshot, depending: readonly PolicyAssessment[]): PolicyAssessment[] {
  if (s.answers.place !== "abroad" || signInContext(s).source === "sign-in") return [];
  return depending.filter((a) => a.dependsOn.length === 1 && a.dependsOn[0] === "location");
}

/**
 * Conditional Access runs only after the pass was accepted, so "where are you" is worth asking only when the failure
 * comes after the pass (or its stage is unknown: then the stage is asked first); a registration rule only when adding
 * a method is what fails.
 */
function openQuestions(s: Snapshot, open: readonly PolicyAssessment[]): QuestionId[] {
  const stage = s.answers.stage;
  const signIn = open.filter((a) => a.scope === "sign-in");
  const registration = open.filter((a) => a.scope === "registration");
  const asked = [
    ...(stage === undefined || stage === "after_tap" ? signIn : []),
    ...(stage === "register_method" ? registration : []),
  ];
  const questions = questionsFor(asked);
  return questions.length > 0 && stage === undefined ? ["stage", ...questions] : questions;
}

function reportOnlyNotes(all: readonly PolicyAssessment[]): string[] {
  return all
    .filter((a) => !a.enforced && (a.applicability === "applies" || a.lastResult?.toLowerCase() === "reportonlyfailure"))
    .map((a) => `Report-only policy "${a.policy.displayName}" would block this sign-in if it were switched on (it isn't enforced, so it isn't the cause).`);
}

export const caBlocked: Rule = {
  code: "CA_BLOCKED",
  evaluate(s) {
    const all = blockAssessments(s);
    const applying = all.filter((a) => a.enforced && a.applicability === "applies");
    const depending = enforcedDepending(all);
    const abroad = abroadBlocks(s, depending);
    const codes = codesPointingTo("CA_BLOCKED");
    const attempt = recentFailuresWith(s, codes)[0];
    const pasted = reportedCodes(s, codes);
    const notes = reportOnlyNotes(all);
    const open = depending.filter((a) => !abroad.includes(a));
    const found = [...applying, ...abroad];
    if (found.length === 0 && !attempt && pasted.length === 0) {
      return { questions: openQuestions(s, open), possibilities: open.map((a) => possibilityText(s, a, "block")), notes };
    }
    // The sign-in block is the story; a registration block beside it is said as what comes next.
    const signInBlocked = found.some((a) => a.scope === "sign-in") || attempt !== undefined || pasted.length > 0;
    const causes = signInBlocked ? found.filter((a) => a.scope === "sign-in") : found;
    const later = signInBlocked ? found.filter((a) => a.scope === "registration") : [];
    return { ...blockedFinding(s, causes, abroad, attempt, pasted), notes, possibilities: later.map((a) => possibilityText(s, a, "block")) };
  },
};

function certaintyFor(causes: readonly PolicyAssessment[], abroad: readonly PolicyAssessment[], attempt: SignInEvent | undefined): Certainty {
  if (attempt) return "proven";
  const levels = causes.map((a) => (abroad.includes(a) ? "reported" : certaintyOf(a)));
  return levels.includes("proven") ? "proven" : "reported";
}

function blockedEvidence(s: Snapshot, causes: readonly PolicyAssessment[], attempt: SignInEvent | undefined, pasted: readonly number[]): Evidence[] {
  const evidence: Evidence[] = causes.map((a) => ({
    label: a.scope === "registration" ? "Rule that blocks adding sign-in methods" : "Blocking rule that applies to you",
    value: a.policy.displayName,
    source: "conditional access",
  }));
  const failed = causes.find((a) => a.failedIn)?.failedIn ?? attempt;
  if (failed) {
    evidence.push(signInEvidence(s, failed));
    const names = failedPolicyNames(failed);
    if (names.length > 0) evidence.push({ label: "Policies that failed", value: names.join(", "), source: "sign-in log" });
  }
  evidence.push(...contextEvidence(signInContext(s)).filter((e) => !evidence.some((x) => x.label === e.label)));
  evidence.push(...pasted.map(reportedCodeEvidence));
  return evidence;
}

function blockedFinding(
  s: Snapshot,
  causes: readonly PolicyAssessment[],
  abroad: readonly PolicyAssessment[],
  attempt: SignInEvent | undefined,
  pasted: readonly number[],
): RuleOutcome {
  const names = [...new Set([...causes.map((a) => a.policy.displayName), ...(attempt ? failedPolicyNames(attempt) : [])])];
  const named = names.length > 0 ? ` ("${names.join('", "')}")` : "";
  const registrationOnly = causes.length > 0 && causes.every((a) => a.scope === "registration");
  const failed = causes.find((a) => a.failedIn)?.failedIn ?? attempt;
  const place = failed ? signInPlaceText(failed) : undefined;
  const workarounds = causes.flatMap((a) => workaroundSteps(a.policy, s));
  const conditional = causes.length > 0 && causes.every((a) => abroad.includes(a));
  const summary = conditional
    ? `A Conditional Access rule${named} allows sign-ins only from certain countries. If the country you're in now isn't one of them, it blocks you, and a new pass won't help.`
    : registrationOnly
      ? `You can sign in with your pass, but a Conditional Access rule${named} blocks adding sign-in methods from where you are.`
      : `A Conditional Access rule in your organization${named} blocks this sign-in${place ? ` (from ${place})` : ""}. Your pass isn't the problem, and a new one won't help.`;
  return {
    certainty: certaintyFor(causes, abroad, attempt),
    finding: makeFinding("CA_BLOCKED", {
      title: registrationOnly ? "A security rule blocks adding sign-in methods here" : "A security rule blocks your sign-in",
      summary,
      evidence: blockedEvidence(s, causes, attempt, pasted),
      userSteps: [...new Set(workarounds), "If that isn't possible, ask the helpdesk and give them the name of the rule above: only an administrator can change who it applies to."],
      agentNotes: [
        `Conditional Access block${named}. Check its conditions (users, locations, client apps, platforms) with What If in the Entra admin center.`,
        "A Conditional Access Administrator can exclude the person or adjust the policy; a new pass doesn't help.",
      ],
      actions: ["still_broken", "fixed"],
      escalation: {
        to: "helpdesk",
        change: `A Conditional Access administrator has to exclude you from${named || " the blocking rule"} or change where it applies.`,
        personMayFix: workarounds.length > 0,
      },
    }),
  };
}
