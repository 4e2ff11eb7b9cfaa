// TAP_LOOKS_VALID: nothing in the directory explains the failure; the usual human causes remain.
// diagnose() uses this finding only when no other cause was found.
import { REPLICATION_WINDOW_MS } from "../conflicts";
import { at, passEvidence, signInEvidence } from "../evidence";
import { currentPass, known, passEndsAt, passTiming, targetSubject } from "../facts";
import type { Evidence, QuestionId } from "../findings";
import { formatRelative } from "../format";
import { makeFinding, type Rule } from "../rule";
import { recentFailures } from "../sign-ins";
import type { Snapshot } from "../snapshot";
import { isTargeted } from "../targeting";
import { SECURITY_INFO_URL, permanentMethodStep } from "../wording";

const EXPLAINED_REASONS = ["EnabledByPolicy", "DisabledByPolicy", "Expired", "NotYetValid", "OneTimeUsed"];

function evidenceFor(s: Snapshot): Evidence[] {
  const pass = currentPass(s);
  const out: Evidence[] = pass ? passEvidence(s, pass, ["starts", "ends", "kind", "status"]) : [];
  const policy = known(s.tapPolicy);
  if (policy && isTargeted(policy.includeTargets, policy.excludeTargets, targetSubject(s)) === true) {
    out.push({ label: "Pass policy", value: "includes you", source: "policy" });
  }
  out.push({ label: "Account enabled", value: s.user.accountEnabled ? "yes" : "no", source: "account" });
  const failure = recentFailures(s)[0];
  if (failure) out.push(signInEvidence(s, failure));
  return out;
}

function userSteps(s: Snapshot): string[] {
  const pass = currentPass(s);
  const steps: string[] = [];
  if (s.answers.stage === "vpn") {
    steps.push(
      `A pass doesn't work for VPN or Wi-Fi sign-ins that go through your organization's RADIUS (NPS) server or AD FS. Use it in a browser instead, at My Security Info (${SECURITY_INFO_URL}).`,
    );
  }
  steps.push("Type the pass exactly as given: it's case-sensitive and has no spaces. Copying and pasting it avoids typos.");
  if (pass && s.now.getTime() - pass.createdAt.getTime() < REPLICATION_WINDOW_MS) {
    steps.push(`Your pass was created ${formatRelative(pass.createdAt, s.now)}: a new pass can take a few minutes to work everywhere. Wait a few minutes and try again.`);
  } else {
    steps.push("If your pass was created just now, wait a few minutes: a new pass takes a little while to reach every sign-in server.");
  }
  steps.push(`Make sure you're signing in as ${s.user.userPrincipalName}: the pass only works for that account.`);
  steps.push("Try a private (InPrivate or Incognito) window, so no other remembered account gets in the way.");
  steps.push(permanentMethodStep(s));
  return steps;
}

function agentNotes(s: Snapshot): string[] {
  const pass = currentPass(s);
  const notes = ["No blocking cause found in the directory data. If it still fails, open the newest sign-in log entry for this person."];
  if (pass === undefined) notes.push("The pass itself couldn't be read, so its state is unknown.");
  if (pass && !pass.isUsable && !EXPLAINED_REASONS.includes(pass.usabilityReason)) {
    notes.push(`The directory reports the pass as not usable with an unfamiliar reason: ${pass.usabilityReason}.`);
  }
  return notes;
}

/** Always produces its finding; the questions are the ones that best separate the remaining causes. */
export const tapLooksValid: Rule = {
  code: "TAP_LOOKS_VALID",
  evaluate(s) {
    const pass = currentPass(s);
    const failing = recentFailures(s).length > 0;
    const questions: QuestionId[] = failing ? ["stage", "device", "browser"] : ["stage", "device", "browser", "error_text"];
    const valid = pass && passTiming(pass, s.now) === "active";
    return {
      certainty: "possible",
      questions,
      finding: makeFinding("TAP_LOOKS_VALID", {
        title: valid ? "Your pass looks valid" : "I found nothing wrong",
        summary: valid
          ? `Your pass is valid until ${at(s, passEndsAt(pass))} and nothing I checked blocks it. The usual causes are a typo, a pass that's only minutes old, or the wrong account.`
          : "Nothing I could check blocks your sign-in. The usual causes are a typo, a pass that's only minutes old, or the wrong account.",
        evidence: evidenceFor(s),
        userSteps: userSteps(s),
        agentNotes: agentNotes(s),
        actions: ["fixed", "still_broken", "new_pass", "open_security_info"],
      }),
    };
  },
};
