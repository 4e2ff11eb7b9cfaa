// The 1:1 notice to the person a pass was created for, with "This wasn't me" to alert security.
import subjectNotificationJson from "./templates/helpdesk-subject-notification.json";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";
import { MAX_NAME, buttonId, dropEmptyActions, safeText } from "./helpdesk-text";

const subjectNotificationTemplate = compileTemplate(subjectNotificationJson);

/** What the subject is told; never the value, only who made the pass and when it works. */
export interface SubjectNotificationView {
  ticketId: string;
  issuedByName: string;
  createdAtText: string;
  validUntilText: string;
  isUsableOnce: boolean;
  /** After "This wasn't me": the confirmation, without the button. */
  alreadyReported?: boolean;
}

/** Renders the notice, or after a report, the confirmation that security was told. */
export function renderSubjectNotificationCard(view: SubjectNotificationView): AdaptiveCard {
  const reported = view.alreadyReported === true;
  return dropEmptyActions(
    expandCard(subjectNotificationTemplate, {
      reference: `Helpdesk request ${safeText(view.ticketId, 40)}`,
      issuedBy: `${safeText(view.issuedByName, MAX_NAME)} (helpdesk)`,
      createdAt: safeText(view.createdAtText),
      validUntil: safeText(view.validUntilText),
      useText: view.isUsableOnce ? "One sign-in" : "Any number of sign-ins until it expires",
      alreadyReported: reported,
      explain:
        "If you asked the helpdesk for it, there's nothing to do. If you didn't, press This wasn't me: someone may be trying to take over your account.",
      reportedText:
        "The security team has been notified and will look into it. Don't share any code or pass with anyone who contacts you about it.",
      ticketId: buttonId(view.ticketId),
    }),
  );
}
