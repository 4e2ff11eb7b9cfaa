// The shape every cause rule has, plus the fixed impact and rank of each cause code.
import { FINDING_CODES } from "./findings";
import type { Finding, FindingCode, Impact, QuestionId } from "./findings";
import type { Snapshot } from "./snapshot";

/**
 * How a finding is known: `proven` by directory or sign-in data, `reported` because the person's answers say so,
 * `possible` when it only fits the symptoms (dropped whenever a stronger blocking cause exists).
 */
export type Certainty = "proven" | "reported" | "possible";

/** What one rule concluded about one snapshot. Everything is optional: an empty outcome means "nothing to say". */
export interface RuleOutcome {
  finding?: Finding;
  /** Defaults to `proven` when a finding is present. */
  certainty?: Certainty;
  /** Questions whose answer would change this rule's verdict. */
  questions?: QuestionId[];
  /** Facts for the helpdesk agent that don't amount to a finding; added to the primary finding. */
  notes?: string[];
  /** Conditional causes for the person ("If you sign in from outside …"), shown below the primary cause. */
  possibilities?: string[];
}

/** One cause code, one rule: pure, reads only the snapshot. */
export interface Rule {
  code: FindingCode;
  evaluate(s: Snapshot): RuleOutcome;
}

/** The outcome that says nothing. */
export const NOTHING: RuleOutcome = Object.freeze({});

/** Impact per cause code (see findings.ts `Impact`). */
export const IMPACT: Readonly<Record<FindingCode, Impact>> = {
  ACCOUNT_DISABLED: "blocks_signin",
  USER_AT_RISK: "blocks_signin",
  EXTERNAL_GUEST: "blocks_signin",
  TAP_POLICY_DISABLED: "blocks_tap",
  TAP_USER_NOT_IN_POLICY: "blocks_tap",
  TAP_MISSING: "blocks_tap",
  TAP_EXPIRED: "blocks_tap",
  TAP_NOT_YET_VALID: "blocks_tap",
  TAP_ALREADY_USED: "blocks_tap",
  TAP_MULTIUSE_NOT_ALLOWED: "blocks_tap",
  CA_BLOCKED: "blocks_signin",
  CA_COMPLIANT_DEVICE_REQUIRED: "blocks_signin",
  CA_STRENGTH_EXCLUDES_TAP: "blocks_signin",
  FEDERATED_IDP_REDIRECT: "blocks_signin",
  WINDOWS_DEVICE_ALREADY_JOINED: "blocks_signin",
  BROWSER_OR_PLATFORM: "blocks_signin",
  REGISTRATION_METHODS_DISABLED: "fails_later",
  REGISTRATION_INTERRUPT_MODE: "fails_later",
  TAP_LOOKS_VALID: "none",
};

/** Lower is more important; FINDING_CODES is the rank table (a disabled account outranks an expired pass). */
export function rankOf(code: FindingCode): number {
  return FINDING_CODES.indexOf(code);
}

/** True for impacts that stop the sign-in or the pass right now. */
export function isBlocking(impact: Impact): boolean {
  return impact === "blocks_signin" || impact === "blocks_tap";
}

/** The parts of a Finding a rule writes; code-derived fields (impact) are filled in. */
export type FindingDraft = Omit<Finding, "code" | "impact">;

/** Builds a finding with the impact fixed for its code, so no rule can disagree with the rank table. */
export function makeFinding(code: FindingCode, draft: FindingDraft): Finding {
  const finding: Finding = { code, impact: IMPACT[code], ...draft };
  if (draft.conflict === undefined) delete finding.conflict;
  if (draft.escalation === undefined) delete finding.escalation;
  return finding;
}
