// The 1:1 card asking a subject's manager to confirm a pass request; after the answer, a record without buttons.
import managerVerificationJson from "./templates/helpdesk-manager-verification.json";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, buttonId, dropEmptyActions, safeText } from "./helpdesk-text";

const managerVerificationTemplate = compileTemplate(managerVerificationJson);

/** What the manager sees; `state` is the verification's state when the card is (re)rendered. */
export interface ManagerVerificationView {
  ticketId: string;
  subjectName: string;
  /** The agent who asked for the confirmation. */
  agentName: string;
  requestedAtText: string;
  state: "pending" | "confirmed" | "denied" | "expired";
}

const OUTCOMES = {
  confirmed: { style: "good", text: (name: string) => `You confirmed that ${name} asked for a new pass. The helpdesk can go ahead.` },
  denied: {
    style: "attention",
    text: (name: string) => `You said ${name} didn't ask. The helpdesk won't issue a pass on this request, and it is flagged for review.`,
  },
  expired: {
    style: "warning",
    text: () => "This question expired before it was answered, so nothing was recorded. The helpdesk has to ask again.",
  },
} as const;

/** Renders the manager's question, or, once answered or expired, what was recorded (no buttons then). */
export function renderManagerVerificationCard(view: ManagerVerificationView): AdaptiveCard {
  const name = safeText(view.subjectName, MAX_NAME);
  const outcome = view.state === "pending" ? undefined : OUTCOMES[view.state];
  const pending = outcome === undefined;
  return dropEmptyActions(
    expandCard(managerVerificationTemplate, {
      reference: `Helpdesk request ${safeText(view.ticketId, 40)}`,
      question: `Did ${name} ask for a new Temporary Access Pass just now?`,
      askedText: `${safeText(view.agentName, MAX_NAME)} from the helpdesk asked at ${safeText(view.requestedAtText)}. A pass lets someone sign in as ${name}.`,
      pending,
      guidance: `Answer Yes only if ${name} told you themselves: in person, or on a call or chat you started.`,
      noGuidance: "If you're not sure, or someone else asked you to confirm, answer No. A real request can wait until you have checked with them.",
      outcome: outcome ? outcome.text(name) : "",
      outcomeStyle: outcome ? outcome.style : "default",
      ticketId: buttonId(view.ticketId),
    }),
  );
}
