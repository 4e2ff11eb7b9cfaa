// Evidence builders shared by rules: every time is shown in the person's zone with a relative phrase.
import { errorLabel, describeSignInError } from "./aadsts";
import { passEndsAt, passKindText } from "./facts";
import type { Evidence } from "./findings";
import { formatWhen } from "./format";
import type { SignInEvent, Snapshot, TapInfo } from "./snapshot";

/** A time as evidence shows it: "Sat 28 Nov 2026, 14:05 Europe/Berlin (2 hours ago)". */
export function at(s: Snapshot, date: Date): string {
  return formatWhen(date, s.now, s.timeZone);
}

/** One sign-in log entry in plain words. */
export function signInEvidence(s: Snapshot, e: SignInEvent): Evidence {
  const where = [e.appDisplayName, e.device.operatingSystem, e.device.browser].filter((x) => x !== undefined && x !== "").join(", ");
  if (e.errorCode === 0) {
    return { label: "Successful sign-in", value: `${at(s, e.createdAt)}${where ? ` – ${where}` : ""}`, source: "sign-in log" };
  }
  const reason = e.failureReason || describeSignInError(e.errorCode)?.meaning || "";
  return {
    label: `Failed sign-in: ${errorLabel(e.errorCode)}`,
    value: [at(s, e.createdAt), where, reason].filter((x) => x !== "").join(" – "),
    source: "sign-in log",
  };
}

/** An error code the person pasted. */
export function reportedCodeEvidence(code: number): Evidence {
  const info = describeSignInError(code);
  return { label: `Error you reported: ${errorLabel(code)}`, value: info?.meaning ?? "Unknown code", source: "your answer" };
}

/** Which pass facts to show. */
export type PassFact = "created" | "starts" | "ends" | "kind" | "status";

/** Facts about the pass, in the order asked for. */
export function passEvidence(s: Snapshot, tap: TapInfo, facts: readonly PassFact[]): Evidence[] {
  const ends = passEndsAt(tap);
  const endedOrEnds = ends.getTime() <= s.now.getTime() ? "Pass expired" : "Pass valid until";
  const startedOrStarts = tap.startsAt.getTime() > s.now.getTime() ? "Pass starts" : "Pass valid from";
  const rows: Record<PassFact, Evidence> = {
    created: { label: "Pass created", value: at(s, tap.createdAt), source: "pass" },
    starts: { label: startedOrStarts, value: at(s, tap.startsAt), source: "pass" },
    ends: { label: endedOrEnds, value: `${at(s, ends)}, lifetime ${tap.lifetimeInMinutes} minutes`, source: "pass" },
    kind: { label: "Kind of pass", value: passKindText(tap), source: "pass" },
    status: {
      label: "Directory status",
      value: `${tap.isUsable ? "usable" : "not usable"} (${tap.usabilityReason})`,
      source: "pass",
    },
  };
  return facts.map((f) => rows[f]);
}
