// TAP_NOT_YET_VALID: the pass has a start time in the future (often a UTC/local mix-up).
import { at, passEvidence } from "../evidence";
import { currentPass, passTiming } from "../facts";
import { formatDateTime, formatRelative } from "../format";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { newPassNotes, permanentMethodStep } from "../wording";

/** Starts in 1 minute fires; started 1 minute ago doesn't. A directory "NotYetValid" status on a started pass fires with a conflict. */
export const tapNotYetValid: Rule = {
  code: "TAP_NOT_YET_VALID",
  evaluate(s) {
    const pass = currentPass(s);
    if (!pass) return NOTHING;
    const timing = passTiming(pass, s.now);
    const directorySaysNotYet = pass.usabilityReason === "NotYetValid";
    if (timing !== "not_yet_valid" && !(timing === "active" && directorySaysNotYet)) return NOTHING;

    const conflict =
      timing === "active"
        ? `The pass should have started at ${at(s, pass.startsAt)}, but the directory still reports it as not yet valid: it may be a few minutes behind. Wait a few minutes and try again.`
        : undefined;
    return {
      finding: makeFinding("TAP_NOT_YET_VALID", {
        title: "Your pass hasn't started yet",
        summary:
          timing === "not_yet_valid"
            ? `Your Temporary Access Pass only starts working ${formatRelative(pass.startsAt, s.now)}, at ${formatDateTime(pass.startsAt, s.timeZone)}.`
            : "The directory still reports your Temporary Access Pass as not yet valid.",
        evidence: passEvidence(s, pass, timing === "active" ? ["starts", "ends", "status"] : ["starts", "ends", "kind"]),
        userSteps: [
          `Wait until ${formatDateTime(pass.startsAt, s.timeZone)} and try again.`,
          "If you need to sign in sooner, ask the helpdesk for a pass that starts now.",
          permanentMethodStep(s),
        ],
        agentNotes: [
          "The pass start time is in the future. Start times are stored in UTC: check that the intended local time was converted correctly.",
          "If the person needs access now, issue a new pass without a start time (it replaces this one).",
          ...newPassNotes(s),
        ],
        actions: ["new_pass", "still_broken", "fixed"],
        conflict,
      }),
    };
  },
};
