// What a diagnosis produces: ranked findings with stable codes, evidence, fixes and suggested actions.

/** Stable cause codes: they appear on cards and tickets, never rename one. */
export const FINDING_CODES = [
  "ACCOUNT_DISABLED",
  "USER_AT_RISK",
  "EXTERNAL_GUEST",
  "TAP_POLICY_DISABLED",
  "TAP_USER_NOT_IN_POLICY",
  "TAP_MISSING",
  "TAP_EXPIRED",
  "TAP_NOT_YET_VALID",
  "TAP_ALREADY_USED",
  "TAP_MULTIUSE_NOT_ALLOWED",
  "CA_BLOCKED",
  "CA_COMPLIANT_DEVICE_REQUIRED",
  "CA_STRENGTH_EXCLUDES_TAP",
  "FEDERATED_IDP_REDIRECT",
  "WINDOWS_DEVICE_ALREADY_JOINED",
  "BROWSER_OR_PLATFORM",
  "REGISTRATION_METHODS_DISABLED",
  "REGISTRATION_INTERRUPT_MODE",
  "TAP_LOOKS_VALID",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/**
 * How much a cause stands in the way: `blocks_signin` stops the sign-in itself,
 * `blocks_tap` stops the pass from being accepted, `fails_later` lets the person in but breaks what comes after.
 */
export type Impact = "blocks_signin" | "blocks_tap" | "fails_later" | "none";

/** What the person (or an agent) can do next; rendered as buttons. */
export type SuggestedAction = "fixed" | "still_broken" | "new_pass" | "contact_security" | "open_security_info";

/** Questions only the person can answer; asked only when the answer changes the diagnosis. */
export type QuestionId = "device" | "browser" | "stage" | "error_text" | "location";

export interface Evidence {
  /** A fact in plain words, e.g. "Your pass expired". */
  label: string;
  /** Its value, with times already formatted in the person's zone. */
  value: string;
  source: "pass" | "policy" | "account" | "sign-in log" | "risk" | "conditional access" | "methods" | "your answer" | "domain";
}

export interface Finding {
  code: FindingCode;
  impact: Impact;
  /** Short title for the card header. */
  title: string;
  /** One or two sentences: why the pass doesn't work. */
  summary: string;
  evidence: Evidence[];
  /** Numbered steps for the person. */
  userSteps: string[];
  /** What a helpdesk agent should know or do. */
  agentNotes: string[];
  actions: SuggestedAction[];
  /** Where facts disagree (e.g. the sign-in log says expired, the pass reads usable): the likely reason. */
  conflict?: string;
  /** Set when the person can't fix this alone: who acts, and what they have to change. */
  escalation?: Escalation;
}

/** Who has to act for a cause the person can't fix themselves, and what they must change. */
export interface Escalation {
  to: "helpdesk" | "security";
  /** What the helpdesk or an administrator has to change, in plain words for the person. */
  change: string;
  /** The person may still get past it themselves (e.g. by signing in from the office): keep "That fixed it". */
  personMayFix?: boolean;
}

export interface Diagnosis {
  /** Ranked: the first is the primary cause. Never empty (TAP_LOOKS_VALID when nothing is wrong). */
  findings: Finding[];
  /** Questions whose answers could change the result, most useful first. */
  openQuestions: QuestionId[];
  /** Checks that could not be made, in plain words ("couldn't read sign-in logs: needs AuditLog.Read.All"). */
  skipped: string[];
  /**
   * Causes that depend on what the data can't tell (where or how the person signs in), said as possibilities
   * ("If you're signing in from outside …") below the primary cause, never as the cause itself.
   */
  possibilities?: string[];
  /**
   * Rules that threw (a bug): each one's check is reported in `skipped`, and the error is kept here for the caller to
   * log, since triage itself logs nothing. Absent when every rule ran.
   */
  ruleFailures?: RuleFailure[];
}

/** A rule that threw instead of answering. */
export interface RuleFailure {
  code: string;
  /** `Name: message` of what it threw (no stack: the diagnosis may be stored). */
  error: string;
}
