// BROWSER_OR_PLATFORM: the browser or platform is the likely culprit (Firefox on Linux is a confirmed case;
// Safari/Firefox trouble is practitioner-reported). Only a candidate: dropped whenever a stronger cause exists.
import { signInEvidence } from "../evidence";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { recentFailures } from "../sign-ins";
import type { SignInEvent, Snapshot } from "../snapshot";
import { SECURITY_INFO_URL } from "../wording";

function troublesome(e: SignInEvent): boolean {
  const browser = e.device.browser ?? "";
  const os = e.device.operatingSystem ?? "";
  return (/firefox/i.test(browser) && /linux/i.test(os)) || /safari/i.test(browser);
}

function answerEvidence(s: Snapshot): Evidence[] {
  const a = s.answers;
  const out: Evidence[] = [];
  if (a.browser === "firefox" || a.browser === "safari") out.push({ label: "Your browser", value: a.browser, source: "your answer" });
  if (a.device === "linux") out.push({ label: "Your device", value: "Linux", source: "your answer" });
  return out;
}

/** A failing sign-in from Firefox on Linux or Safari, or answers naming Firefox, Safari or Linux. */
export const browserOrPlatform: Rule = {
  code: "BROWSER_OR_PLATFORM",
  evaluate(s) {
    const attempt = recentFailures(s).find(troublesome);
    const answers = answerEvidence(s);
    if (!attempt && answers.length === 0) return NOTHING;
    return {
      certainty: "possible",
      finding: makeFinding("BROWSER_OR_PLATFORM", {
        title: "Your browser or device may be the problem",
        summary: "Nothing else I checked explains the failure, and it came from a browser or device where Microsoft sign-in is known to have trouble.",
        evidence: [...(attempt ? [signInEvidence(s, attempt)] : []), ...answers],
        userSteps: [
          "Try again in Microsoft Edge or Google Chrome.",
          "Use a private (InPrivate or Incognito) window, so the browser doesn't sign you in with another account it remembers.",
          `Or use another device, such as a Windows PC or your phone, and go to My Security Info (${SECURITY_INFO_URL}).`,
        ],
        agentNotes: [
          "Confirmed case: login.microsoftonline.com blocks passkey sign-in in Firefox on Linux. Safari and Firefox failures are reported by practitioners, not documented by Microsoft.",
          "If Edge or Chrome in a private window also fails, look at the newest sign-in log entry for another cause.",
        ],
        actions: ["still_broken", "fixed"],
      }),
    };
  },
};
