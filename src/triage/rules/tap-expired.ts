// TAP_EXPIRED: the pass's lifetime is over (computed from its times, not only the directory's status).
import { codesPointingTo } from "../aadsts";
import { at, passEvidence, reportedCodeEvidence, signInEvidence } from "../evidence";
import { currentPass, passEndsAt, passTiming } from "../facts";
import { formatRelative } from "../format";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { recentFailuresWith, reportedCodes } from "../sign-ins";
import { newPassNotes, permanentMethodStep } from "../wording";

/** Expired 1 minute ago fires; expiring in 1 minute doesn't. A directory "Expired" status also fires, with a conflict. */
export const tapExpired: Rule = {
  code: "TAP_EXPIRED",
  evaluate(s) {
    const pass = currentPass(s);
    if (!pass) return NOTHING;
    const timing = passTiming(pass, s.now);
    const directorySaysExpired = pass.usabilityReason === "Expired";
    if (timing !== "expired" && !(timing === "active" && directorySaysExpired)) return NOTHING;

    const ends = passEndsAt(pass);
    const codes = codesPointingTo("TAP_EXPIRED");
    const attempt = recentFailuresWith(s, codes)[0];
    const conflict =
      timing === "active"
        ? `The directory reports the pass as expired, although by its times it's valid until ${at(s, ends)}: clocks can differ slightly, and the directory decides. Treat it as expired.`
        : undefined;
    return {
      finding: makeFinding("TAP_EXPIRED", {
        title: "Your pass has expired",
        summary:
          timing === "expired"
            ? `Your Temporary Access Pass expired ${formatRelative(ends, s.now)}. An expired pass can't be used again.`
            : "The directory reports your Temporary Access Pass as expired. An expired pass can't be used again.",
        evidence: [
          ...passEvidence(s, pass, ["created", "ends", "kind"]),
          ...(attempt ? [signInEvidence(s, attempt)] : []),
          ...reportedCodes(s, codes).map(reportedCodeEvidence),
          ...(directorySaysExpired && timing === "active" ? passEvidence(s, pass, ["status"]) : []),
        ],
        userSteps: [
          "Ask the helpdesk for a new Temporary Access Pass.",
          "Use the new pass soon: it only works until the time the helpdesk gives you.",
          permanentMethodStep(s),
        ],
        agentNotes: [
          "The pass is past its lifetime. Creating a new pass replaces the expired one.",
          ...newPassNotes(s),
        ],
        actions: ["new_pass", "still_broken", "fixed"],
        conflict,
      }),
    };
  },
};
