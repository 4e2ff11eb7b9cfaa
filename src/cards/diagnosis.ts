// The diagnosis card: reference code first, then cause, evidence, numbered steps, other findings and actions.
import diagnosisJson from "./templates/diagnosis.json";
import type { Diagnosis, Evidence, FindingCode, SuggestedAction } from "../triage/findings";
import { codeText, compileTemplate, escapeMarkdown, expandCard, plainText, type AdaptiveCard } from "./render";

const diagnosisTemplate = compileTemplate(diagnosisJson);

// Caps keep the card well under Teams' size limit whatever the rules produce.
const MAX_EVIDENCE = 10;
const MAX_STEPS = 8;
const MAX_ALSO_FOUND = 6;
const MAX_SKIPPED = 8;
const MAX_AGENT_NOTES = 8;
const MAX_POSSIBILITIES = 4;
const MAX_SHORT = 200;
const MAX_ID = 100;

/** Who is looking and when, supplied by the flow. */
export interface DiagnosisContext {
  triageId: string;
  /** Whose sign-in was checked. */
  subjectName: string;
  /** false: an agent or manager looking at someone else, who also sees agent notes. */
  isSelf: boolean;
  /** When the directory was read, already formatted in the viewer's zone. */
  checkedAtText: string;
}

/** Everything the diagnosis card shows, in raw text; the render function escapes it. */
export interface DiagnosisView {
  triageId: string;
  referenceCode: FindingCode;
  title: string;
  summary: string;
  conflict?: string;
  subjectName: string;
  isSelf: boolean;
  checkedAtText: string;
  evidence: Pick<Evidence, "label" | "value" | "source">[];
  steps: string[];
  alsoFound: { code: FindingCode; title: string }[];
  skipped: string[];
  /** Empty when the person is looking at their own result. */
  agentNotes: string[];
  showSecurityInfo: boolean;
  offerNewPass: boolean;
  offerContactSecurity: boolean;
  /** Who acts for a cause the person can't fix alone; the main button then says so ("Ask the helpdesk"). */
  escalateTo?: "helpdesk" | "security";
  /** What the helpdesk or an administrator has to change. */
  escalationChange?: string;
  /** "That fixed it" is offered only where the person can act. */
  offerFixed: boolean;
  /** Conditional causes said as possibilities below the primary cause. */
  possibilities: string[];
}

const unique = (items: readonly string[]): string[] => [...new Set(items.map((s) => s.trim()).filter((s) => s !== ""))];

/** Picks what the card shows from a diagnosis: the primary finding leads, the rest are "also found". */
export function toDiagnosisView(diagnosis: Diagnosis, ctx: DiagnosisContext): DiagnosisView {
  const [primary, ...others] = diagnosis.findings;
  if (primary === undefined) throw new RangeError("a diagnosis needs at least one finding");
  const actions = new Set<SuggestedAction>(primary.actions);
  const escalation = primary.escalation;
  const contactSecurity = actions.has("contact_security") || escalation?.to === "security";
  return {
    triageId: ctx.triageId,
    referenceCode: primary.code,
    title: primary.title,
    summary: primary.summary,
    conflict: primary.conflict,
    subjectName: ctx.subjectName,
    isSelf: ctx.isSelf,
    checkedAtText: ctx.checkedAtText,
    evidence: primary.evidence.slice(0, MAX_EVIDENCE).map(({ label, value, source }) => ({ label, value, source })),
    steps: primary.userSteps.slice(0, MAX_STEPS),
    alsoFound: others.slice(0, MAX_ALSO_FOUND).map((f) => ({ code: f.code, title: f.title })),
    skipped: unique(diagnosis.skipped).slice(0, MAX_SKIPPED),
    agentNotes: ctx.isSelf ? [] : unique(diagnosis.findings.flatMap((f) => f.agentNotes)).slice(0, MAX_AGENT_NOTES),
    showSecurityInfo: actions.has("open_security_info"),
    // Security-owned causes (risk, disabled account, external guest) get "Contact security", never a new pass.
    offerNewPass: actions.has("new_pass") && !contactSecurity,
    offerContactSecurity: contactSecurity,
    escalateTo: escalation?.to,
    escalationChange: escalation?.change,
    offerFixed: escalation === undefined || escalation.personMayFix === true,
    possibilities: unique(diagnosis.possibilities ?? []).slice(0, MAX_POSSIBILITIES),
  };
}

const WHO_ACTS: Record<"helpdesk" | "security", string> = {
  helpdesk: "What the helpdesk or an administrator has to change",
  security: "What your security team has to do",
};

/** Renders the diagnosis card; the first text containing a code is always "Reference: <primary code>". */
export function renderDiagnosisCard(view: DiagnosisView): AdaptiveCard {
  const name = escapeMarkdown(view.subjectName, MAX_SHORT);
  const checked = escapeMarkdown(view.checkedAtText, MAX_SHORT);
  const conflict = escapeMarkdown(view.conflict ?? "");
  const showAgentNotes = !view.isSelf && view.agentNotes.length > 0;
  const escalateHelpdesk = view.escalateTo === "helpdesk";
  return expandCard(diagnosisTemplate, {
    reference: `Reference: ${codeText(view.referenceCode)}`,
    title: escapeMarkdown(view.title, MAX_SHORT),
    aboutText: view.isSelf ? `Your sign-in · checked ${checked}` : `About ${name} · checked ${checked}`,
    summary: escapeMarkdown(view.summary),
    hasConflict: conflict !== "",
    conflict,
    hasEvidence: view.evidence.length > 0,
    evidence: view.evidence.map((e) => ({
      title: escapeMarkdown(e.label, MAX_SHORT),
      value: `${escapeMarkdown(e.value, MAX_SHORT)} · ${escapeMarkdown(e.source, 40)}`,
    })),
    hasSteps: view.steps.length > 0,
    steps: view.steps.map((step, i) => ({ text: `${i + 1}. ${escapeMarkdown(step)}` })),
    hasAlsoFound: view.alsoFound.length > 0,
    alsoFound: view.alsoFound.map((f) => ({ title: `• ${plainText(f.title, MAX_SHORT)} `, code: codeText(f.code) })),
    hasSkipped: view.skipped.length > 0,
    skipped: view.skipped.map((s) => ({ text: escapeMarkdown(s, MAX_SHORT) })),
    showAgentNotes,
    agentNotes: showAgentNotes ? view.agentNotes.map((n) => ({ text: `- ${escapeMarkdown(n)}` })) : [],
    showSecurityInfo: view.showSecurityInfo,
    hasEscalation: view.escalateTo !== undefined && (view.escalationChange ?? "") !== "",
    escalationTitle: view.escalateTo ? WHO_ACTS[view.escalateTo] : "",
    escalationChange: escapeMarkdown(view.escalationChange ?? ""),
    hasPossibilities: view.possibilities.length > 0,
    possibilities: view.possibilities.map((p) => ({ text: `• ${escapeMarkdown(p)}` })),
    escalateHelpdesk,
    offerFixed: view.offerFixed,
    offerStillBroken: !escalateHelpdesk && !view.offerContactSecurity,
    offerNewPass: view.offerNewPass && !view.offerContactSecurity,
    offerContactSecurity: view.offerContactSecurity,
    triageId: String(view.triageId).slice(0, MAX_ID),
  });
}
