// Confirms a request was recorded, honestly: what happens next depends on whether the helpdesk is connected.
import requestRecordedJson from "./templates/request-recorded.json";
import type { FindingCode } from "../triage/findings";
import { codeText, compileTemplate, escapeMarkdown, expandCard, plainText, type AdaptiveCard } from "./render";

const requestRecordedTemplate = compileTemplate(requestRecordedJson);

const MAX_NAME = 80;
const MAX_REQUEST_ID = 60;

/** The recorded request and whether anyone will see it. */
export interface RequestRecordedView {
  requestId: string;
  kind: "new_pass" | "still_broken" | "contact_security";
  subjectName: string;
  primaryCode: FindingCode;
  /** false: no helpdesk channel is configured, so nobody is notified. */
  helpdeskConnected: boolean;
}

const TITLES: Record<RequestRecordedView["kind"], string> = {
  new_pass: "Your request for a new pass is recorded",
  still_broken: "Recorded: the helpdesk will take a look",
  contact_security: "Recorded for the security team",
};

/** Renders the confirmation; it never promises a pass, only that a person will look (or who to contact). */
export function renderRequestRecordedCard(view: RequestRecordedView): AdaptiveCard {
  const ref = escapeMarkdown(view.requestId, MAX_REQUEST_ID);
  const name = escapeMarkdown(view.subjectName, MAX_NAME);
  const who = name === "" ? "" : ` for ${name}`;
  const nextText = view.helpdeskConnected
    ? view.kind === "contact_security"
      ? "The helpdesk can see it and will bring in the security team. They decide what happens next and will contact you; that may take a while."
      : "The helpdesk can see it together with the diagnosis. An agent decides what the right fix is and will contact you; a new pass is not issued automatically."
    : `The helpdesk channel isn't connected to me yet, so nobody has been notified. Please contact your helpdesk directly and quote reference ${ref}.`;
  return expandCard(requestRecordedTemplate, {
    reference: `Reference: ${plainText(view.requestId, MAX_REQUEST_ID)}`,
    title: TITLES[view.kind],
    diagnosis: `Diagnosis: ${codeText(view.primaryCode)}`,
    recordedText: `I recorded this${who} with reference ${ref}, together with the diagnosis.`,
    nextText,
    nextStyle: view.helpdeskConnected ? "emphasis" : "warning",
  });
}
