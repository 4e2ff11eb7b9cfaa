// The heart of the product: a typed snapshot in, ranked findings out. Pure: no I/O, time only from `snapshot.now`.
import { findConflicts } from "./conflicts";
import type { Diagnosis, Evidence, Finding, QuestionId, RuleFailure } from "./findings";
import { isBlocking, makeFinding, NOTHING, rankOf, type Certainty, type Rule, type RuleOutcome } from "./rule";
import { RULES } from "./rules";
import type { DirectoryFacts, Snapshot } from "./snapshot";

/** Most useful first: the stage splits the most causes, the error text the fewest. */
export const QUESTION_ORDER: readonly QuestionId[] = ["stage", "device", "browser", "location", "error_text"];

/** Facts the rules read; an unreadable one is reported in `skipped` (the manager and methods lists aren't used here). */
const FACTS_READ: readonly (keyof DirectoryFacts)[] = [
  "taps",
  "membership",
  "signIns",
  "risk",
  "tapPolicy",
  "methodPolicies",
  "caPolicies",
  "strengths",
  "federation",
];

/** Used only if the TAP_LOOKS_VALID rule itself failed, so a diagnosis is never empty. */
const LAST_RESORT: Finding = makeFinding("TAP_LOOKS_VALID", {
  title: "I found nothing wrong",
  summary: "Nothing I could check blocks your sign-in.",
  evidence: [],
  userSteps: ["Type the pass exactly as given: it's case-sensitive and has no spaces.", "Try a private (InPrivate or Incognito) window."],
  agentNotes: ["The diagnosis couldn't complete all checks; open the newest sign-in log entry for this person."],
  actions: ["fixed", "still_broken"],
});

interface Found {
  finding: Finding;
  certainty: Certainty;
}

function skippedChecks(s: Snapshot): string[] {
  const reasons: string[] = [];
  for (const key of FACTS_READ) {
    const check = s[key];
    if (typeof check === "object" && check !== null && "ok" in check && check.ok === false) reasons.push(check.reason);
  }
  return reasons;
}

/**
 * A rule bug must not cost the person their whole diagnosis: the rule's check is reported as skipped instead, and what
 * it threw goes to `failures` for the caller to log.
 */
function evaluate(rule: Rule, s: Snapshot, skipped: string[], failures: RuleFailure[]): RuleOutcome {
  try {
    return rule.evaluate(s);
  } catch (e) {
    skipped.push(`couldn't complete the ${rule.code} check`);
    failures.push({ code: rule.code, error: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : `non-error thrown: ${typeof e}` });
    return NOTHING;
  }
}

function isAnswered(s: Snapshot, q: QuestionId): boolean {
  const a = s.answers;
  switch (q) {
    case "stage":
      return a.stage !== undefined;
    case "device":
      return a.device !== undefined;
    case "browser":
      return a.browser !== undefined;
    case "error_text":
      return a.errorText !== undefined || (a.errorCodes?.length ?? 0) > 0;
    case "location":
      return a.place !== undefined;
  }
}

function orderQuestions(s: Snapshot, questions: readonly QuestionId[]): QuestionId[] {
  return QUESTION_ORDER.filter((q) => questions.includes(q) && !isAnswered(s, q));
}

/** Keeps a "possible" blocking finding only when nothing firmer blocks. */
function dropWeakCandidates(found: Found[]): Found[] {
  const firm = found.some((f) => isBlocking(f.finding.impact) && f.certainty !== "possible");
  return firm ? found.filter((f) => f.certainty !== "possible") : found;
}

function uniqueEvidence(items: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = `${e.source}|${e.label}|${e.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Adds conflicts and rule notes to the primary finding, without mutating what the rule returned. */
function enrichPrimary(s: Snapshot, primary: Finding, notes: readonly string[]): Finding {
  const conflicts = findConflicts(s);
  const texts = [primary.conflict, ...conflicts.map((c) => c.text)].filter((t): t is string => t !== undefined);
  const enriched: Finding = {
    ...primary,
    evidence: uniqueEvidence([...primary.evidence, ...conflicts.flatMap((c) => c.evidence)]),
    agentNotes: [...new Set([...primary.agentNotes, ...notes])],
  };
  if (texts.length > 0) enriched.conflict = texts.join(" ");
  return enriched;
}

/** Diagnoses one person's TAP problem from a snapshot: ranked findings (never empty), useful questions, skipped checks. */
export function diagnose(s: Snapshot): Diagnosis {
  const skipped = skippedChecks(s);
  const ruleFailures: RuleFailure[] = [];
  const outcomes = RULES.map((rule) => ({ rule, outcome: evaluate(rule, s, skipped, ruleFailures) }));
  const fallback = outcomes.find((o) => o.rule.code === "TAP_LOOKS_VALID");
  const causes = outcomes.filter((o) => o.rule.code !== "TAP_LOOKS_VALID");

  const found: Found[] = causes.flatMap(({ outcome }) =>
    outcome.finding ? [{ finding: outcome.finding, certainty: outcome.certainty ?? "proven" }] : [],
  );
  let kept = dropWeakCandidates(found);
  if (kept.length === 0) kept = [{ finding: fallback?.outcome.finding ?? LAST_RESORT, certainty: "possible" }];
  kept.sort((a, b) => rankOf(a.finding.code) - rankOf(b.finding.code));

  const notes = causes.flatMap(({ outcome }) => outcome.notes ?? []);
  const findings = kept.map((k) => k.finding);
  if (findings.length > 0) findings[0] = enrichPrimary(s, findings[0], notes);
  const possibilities = [...new Set(causes.flatMap(({ outcome }) => outcome.possibilities ?? []))];

  const diagnosis: Diagnosis = { findings, openQuestions: openQuestions(s, kept, causes, fallback?.outcome), skipped: [...new Set(skipped)], possibilities };
  if (ruleFailures.length > 0) diagnosis.ruleFailures = ruleFailures;
  return diagnosis;
}

/** Nothing when a blocking cause is proven; else the rules' targeted questions; else the general ones when no cause blocks. */
function openQuestions(
  s: Snapshot,
  kept: readonly Found[],
  causes: readonly { outcome: RuleOutcome }[],
  fallback: RuleOutcome | undefined,
): QuestionId[] {
  if (kept.some((k) => isBlocking(k.finding.impact) && k.certainty === "proven")) return [];
  const targeted = orderQuestions(s, causes.flatMap(({ outcome }) => outcome.questions ?? []));
  if (targeted.length > 0) return targeted;
  if (kept.some((k) => isBlocking(k.finding.impact))) return [];
  return orderQuestions(s, fallback?.questions ?? []);
}
