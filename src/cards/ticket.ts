// The helpdesk channel's ticket card: state, diagnosis, verification and the pass summary, with the buttons
// the caller says apply. It is replaced for everyone on each change and offers Teams a refresh.
import ticketJson from "./templates/ticket.json";
import { codeText, compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, MAX_SHORT, buttonId, dropEmptyActions, durationText, safeText } from "./helpdesk-text";
import { isFinalStatus, originText, otherFindingCodes, otherFindingsText, ticketStatusColor, verificationText, type VerificationView } from "./ticket-text";
import type { IssueFormView, TicketActionButton, TicketCardView } from "./ticket-view";
import type { Approval } from "../helpdesk/domain/model";
import { GRAPH_MAX_LIFETIME, GRAPH_MIN_LIFETIME } from "../helpdesk/domain/issue-form";

// The view types and mapper live in ticket-view.ts; re-exported so callers import the card from one place.
export type { IssueFormView, PassSummaryView, TicketActionButton, TicketCardView, TicketEvidenceView, UncertainPassView } from "./ticket-view";
export { TICKET_ACTION_BUTTONS, toTicketCardView } from "./ticket-view";
import { TICKET_ACTION_BUTTONS } from "./ticket-view";

const ticketTemplate = compileTemplate(ticketJson);

// Caps keep the card well under Teams' size limit.
const MAX_EVIDENCE = 6;
const MAX_HISTORY = 5;
const MAX_OTHER_CODES = 8;
const MAX_APPROVALS = 4;
const MAX_NOTE = 500;

const APPROVAL_WORDS: Readonly<Record<Approval["kind"], { done: string; needed: string }>> = {
  second_agent: {
    done: "Second agent",
    needed: "A second agent must approve before a pass is issued: the subject holds a directory role.",
  },
  helpdesk_admin_limit: {
    done: "Helpdesk admin (over the pass limit)",
    needed: "A helpdesk admin must approve before a pass is issued: the pass limit for this agent or person is reached.",
  },
};

function verificationColor(v: VerificationView): "Good" | "Attention" | "Warning" | "Default" {
  if (v.state === "confirmed") return "Good";
  if (v.state === "denied") return "Attention";
  return v.state === "none" ? "Default" : "Warning";
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;
const clampLifetime = (n: number): number => Math.min(GRAPH_MAX_LIFETIME, Math.max(GRAPH_MIN_LIFETIME, Math.round(n)));

/** The issue form's bindings; bounds are clamped to what Graph accepts and the default to the bounds. */
function issueFormData(form: IssueFormView | undefined): Record<string, unknown> {
  // The template binds these even when the Issue button is hidden, so a hidden form still needs values.
  const f: IssueFormView = form ?? {
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLifetimeInMinutes: 60,
    policyForcesOneTime: true,
    timeZoneText: "",
  };
  const min = clampLifetime(f.minimumLifetimeInMinutes);
  const max = clampLifetime(f.maximumLifetimeInMinutes);
  if (min > max) throw new RangeError(`issue form: minimum lifetime ${min} is above the maximum ${max}`);
  const value = Math.min(max, Math.max(min, Math.round(f.defaultLifetimeInMinutes)));
  const zone = safeText(f.timeZoneText, MAX_NAME);
  const inZone = zone === "" ? "" : ` (${zone})`;
  const hasStartDate = f.startDateValue !== undefined && DATE.test(f.startDateValue);
  const hasStartTime = f.startTimeValue !== undefined && TIME.test(f.startTimeValue);
  return {
    intro: "Issue only after the caller is verified. Leave the start empty to start the pass as soon as it is issued.",
    startDateLabel: `Start date${inZone}`,
    startTimeLabel: `Start time${inZone}`,
    hasStartDate,
    startDateValue: hasStartDate ? f.startDateValue : "",
    hasStartTime,
    startTimeValue: hasStartTime ? f.startTimeValue : "",
    lifetimeLabel: `Lifetime in minutes (${min} to ${max}: ${durationText(min)} to ${durationText(max)})`,
    lifetimeMin: min,
    lifetimeMax: max,
    lifetimeDefault: value,
    lifetimeError: `Enter a lifetime from ${min} to ${max} minutes.`,
    oneTimeTitle: f.policyForcesOneTime ? "One-time use (required by your organisation's pass policy)" : "One-time use (recommended)",
    policyForcesOneTime: f.policyForcesOneTime,
    oneTimeNote: "Your organisation only allows one-time passes: leave this switch on, or the pass is refused before it is created.",
    hasManagerDelivery: f.managerDeliveryName !== undefined,
    deliverToLabel: "Who receives the pass value (in their 1:1 chat with me)",
    deliverToAgent: "Me, the issuing agent",
    deliverToManager: f.managerDeliveryName === undefined ? "" : `${safeText(f.managerDeliveryName, MAX_NAME)}, the manager who confirmed the request`,
  };
}

function passTexts(view: TicketCardView): { passText: string; hasPassDeleted: boolean; passDeletedText: string } {
  const p = view.pass;
  if (!p) return { passText: "", hasPassDeleted: false, passDeletedText: "" };
  const use = p.isUsableOnce ? "one-time" : "multi-use";
  const deleted = p.deletedByName !== undefined || p.deletedAtText !== undefined;
  const when = p.deletedAtText ? ` at ${safeText(p.deletedAtText)}` : "";
  return {
    passText: `TAP issued by ${safeText(p.issuedByName, MAX_NAME)}, valid until ${safeText(p.validUntilText)}, ${use}`,
    hasPassDeleted: deleted,
    passDeletedText: deleted ? `Deleted by ${safeText(p.deletedByName ?? "an agent", MAX_NAME)}${when}` : "",
  };
}

/** The truth about a pass whose create answer was lost, in words for the channel (never a value: nobody has one). */
export function uncertainPassText(view: TicketCardView): string {
  const u = view.uncertainPass;
  if (!u) return "";
  const who = safeText(u.attemptedByName, MAX_NAME);
  const when = safeText(u.attemptedAtText);
  if (u.state === "created") {
    const until = u.validUntilText ? `, valid until ${safeText(u.validUntilText)}` : "";
    return `A pass was created when ${who} clicked Issue at ${when}${until}, but Microsoft Graph's answer was lost, so nobody holds its value. "Replace the pass" deletes it and issues a new one whose value is handed over as usual.`;
  }
  return `${who} clicked Issue at ${when} and Microsoft Graph's answer was lost; I couldn't tell whether a pass was created. "Replace the pass" deletes any pass the person has and issues a new one whose value is handed over as usual.`;
}

/** Which buttons show: none once the ticket is final, and the issue form only with its policy bounds. */
function buttons(view: TicketCardView): Record<TicketActionButton | "closeNegative", boolean> {
  const offered = new Set<TicketActionButton>(isFinalStatus(view.status) ? [] : view.available);
  if (offered.has("ticket_issue") && view.issueForm === undefined) throw new RangeError("the Issue TAP button needs the policy's issue form");
  const show = Object.fromEntries(TICKET_ACTION_BUTTONS.map((b) => [b, offered.has(b)])) as Record<TicketActionButton, boolean>;
  return {
    ...show,
    closeNegative: show.ticket_reject || show.ticket_route_security,
  };
}

/** Renders the channel ticket card. The pass appears only as "TAP issued by <agent>, valid until <time>, …". */
export function renderTicketCard(view: TicketCardView): AdaptiveCard {
  const show = buttons(view);
  const subjectName = safeText(view.subject.name, MAX_NAME);
  const upn = safeText(view.subject.userPrincipalName, MAX_SHORT);
  const primary = view.diagnosis.primary;
  const otherFindings = otherFindingsText(otherFindingCodes(primary, view.diagnosis.codes, MAX_OTHER_CODES).map(codeText));
  const evidence = view.diagnosis.evidence.slice(0, MAX_EVIDENCE);
  const history = view.history.slice(-MAX_HISTORY);
  const security = safeText(view.securityReason, MAX_NOTE);
  const resolution = view.resolution;
  return dropEmptyActions(
    expandCard(ticketTemplate, {
      ticketId: buttonId(view.ticketId),
      title: `${view.kind === "security" ? "Security report" : "Pass request"} ${safeText(view.ticketId, 40)}`,
      statusText: safeText(view.statusText, MAX_NAME),
      statusColor: ticketStatusColor(view),
      openedText: `Opened ${safeText(view.createdAtText)}`,
      subjectText: upn === "" ? subjectName : `${subjectName} (${upn})`,
      requesterText: `${safeText(view.requesterName, MAX_NAME)}, ${originText(view.origin)}`,
      reference: primary === undefined ? "Reference: none recorded" : `Reference: ${codeText(primary)}`,
      hasOtherFindings: otherFindings !== "",
      otherFindings,
      hasEvidence: evidence.length > 0,
      evidence: evidence.map((e) => ({ title: safeText(e.label), value: `${safeText(e.text)} · ${safeText(e.source, 40)}` })),
      verificationText: safeText(verificationText(view.verification), MAX_NOTE),
      verificationColor: verificationColor(view.verification),
      hasApprovals: view.approvals.length > 0,
      approvals: view.approvals.slice(0, MAX_APPROVALS).map((a) => ({
        text: `${APPROVAL_WORDS[a.kind].done}: ${safeText(a.byName, MAX_NAME)}, ${safeText(a.atText)}`,
      })),
      hasApprovalNeeded: view.approvalNeeded !== undefined && !isFinalStatus(view.status),
      approvalNeededText: view.approvalNeeded === undefined ? "" : APPROVAL_WORDS[view.approvalNeeded].needed,
      hasPass: view.pass !== undefined,
      ...passTexts(view),
      hasUncertainPass: view.uncertainPass !== undefined,
      uncertainPassText: uncertainPassText(view),
      hasSecurityReason: security !== "",
      securityReason: security,
      hasResolution: resolution !== undefined,
      resolutionNote: safeText(resolution?.note, MAX_NOTE),
      resolutionBy: resolution ? `${safeText(resolution.byName, MAX_NAME)}, ${safeText(resolution.atText)}` : "",
      hasHistory: history.length > 0,
      history: history.map((h) => ({ text: `${safeText(h.atText)} · ${safeText(h.actorName, MAX_NAME)} ${safeText(h.text, MAX_NOTE)}` })),
      show,
      closeNegativeTitle: show.ticket_reject && show.ticket_route_security ? "Reject / route to security" : show.ticket_reject ? "Reject" : "Route to security",
      issue: issueFormData(view.issueForm),
    }),
  );
}
