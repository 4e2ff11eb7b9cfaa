// WINDOWS_DEVICE_ALREADY_JOINED: at the Windows logon of an already Entra-joined or hybrid-joined PC a pass isn't
// offered until another method signs in first (unless Web sign-in is enabled).
import { codesPointingTo } from "../aadsts";
import { reportedCodeEvidence, signInEvidence } from "../evidence";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { isJoinedDevice, isWindowsLogon, recentFailures, recentFailuresWith, reportedCodes } from "../sign-ins";
import type { SignInEvent, Snapshot } from "../snapshot";
import { SECURITY_INFO_URL } from "../wording";

function failingJoinedLogon(s: Snapshot): SignInEvent | undefined {
  return recentFailures(s).find(
    (e) =>
      /windows/i.test(e.device.operatingSystem ?? "") &&
      isJoinedDevice(e) &&
      (isWindowsLogon(e) || s.answers.stage === "windows_logon"),
  );
}

function answersSayJoinedLogon(s: Snapshot): boolean {
  const a = s.answers;
  return a.device === "windows" && (a.windowsJoin === "entra_joined" || a.windowsJoin === "hybrid_joined") && a.stage === "windows_logon";
}

/** Proven by 130506 or a failing joined-device Windows logon in the log; reported from the person's answers. */
export const windowsDeviceAlreadyJoined: Rule = {
  code: "WINDOWS_DEVICE_ALREADY_JOINED",
  evaluate(s) {
    const codes = codesPointingTo("WINDOWS_DEVICE_ALREADY_JOINED");
    const attempt = recentFailuresWith(s, codes)[0] ?? failingJoinedLogon(s);
    const pasted = reportedCodes(s, codes);
    const answered = answersSayJoinedLogon(s);
    if (!attempt && pasted.length === 0 && !answered) return NOTHING;

    const evidence: Evidence[] = [];
    if (attempt) {
      evidence.push(signInEvidence(s, attempt));
      if (attempt.device.trustType) evidence.push({ label: "Device join type", value: attempt.device.trustType, source: "sign-in log" });
    }
    evidence.push(...pasted.map(reportedCodeEvidence));
    if (answered) evidence.push({ label: "Your device", value: `Windows, ${s.answers.windowsJoin ?? ""}, at the Windows sign-in screen`, source: "your answer" });

    const hybrid = /hybrid/i.test(attempt?.device.trustType ?? "") || s.answers.windowsJoin === "hybrid_joined";
    return {
      certainty: attempt || pasted.length > 0 ? "proven" : "reported",
      finding: makeFinding("WINDOWS_DEVICE_ALREADY_JOINED", {
        title: "This PC needs another sign-in method first",
        summary:
          "Your PC is already joined to the organization, and on such a PC the Windows sign-in screen doesn't take a pass until you've signed in another way.",
        evidence,
        userSteps: [
          "Sign in to Windows with your password, smart card or security key first.",
          "Then set up Windows Hello in Settings > Accounts > Sign-in options; use the pass when it's asked for.",
          `No other way to sign in? Use the pass in a browser on any device at My Security Info (${SECURITY_INFO_URL}) to add the Microsoft Authenticator app or a passkey, then sign in to Windows with that.`,
        ],
        agentNotes: [
          "Already Entra-joined and hybrid-joined devices need another method before a pass can be used for Windows Hello setup.",
          hybrid
            ? "Hybrid-joined device: Web sign-in isn't available, so the person needs another method or the browser route."
            : "Entra-joined device on Windows 11 22H2 or later: enabling Web sign-in (Intune policy) lets the pass sign in at the lock screen, intended for setup and recovery.",
          "A new pass doesn't help here.",
        ],
        actions: ["open_security_info", "still_broken", "fixed"],
      }),
    };
  },
};
