// USER_AT_RISK: Identity Protection holds the account back; this goes to security, never to a new pass.
import { codesPointingTo } from "../aadsts";
import { caSubject, targetsSignInFlow, usersMatch } from "../conditional-access";
import { at, reportedCodeEvidence, signInEvidence } from "../evidence";
import { known } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import { recentFailuresWith, reportedCodes } from "../sign-ins";
import type { CaPolicy, RiskInfo, Snapshot } from "../snapshot";

const CLEARED_STATES = ["remediated", "dismissed", "confirmedSafe"];

/** High risk not yet cleared, medium risk still at risk, or a confirmed compromise. */
export function isAtRisk(risk: RiskInfo): boolean {
  if (risk.state === "confirmedCompromised") return true;
  if (CLEARED_STATES.includes(risk.state)) return false;
  if (risk.level === "high") return true;
  return risk.level === "medium" && risk.state === "atRisk";
}

function riskPolicies(s: Snapshot, risk: RiskInfo | null | undefined): CaPolicy[] {
  if (!risk || risk.level === "none" || risk.level === "hidden" || CLEARED_STATES.includes(risk.state)) return [];
  const who = caSubject(s);
  return (known(s.caPolicies) ?? []).filter(
    (p) => p.state === "enabled" && p.userRiskLevels.includes(risk.level) && targetsSignInFlow(p) && usersMatch(p, who) === true,
  );
}

/** Flags users Identity Protection rates at risk, users a user-risk policy catches, and risk error codes. */
export const userAtRisk: Rule = {
  code: "USER_AT_RISK",
  evaluate(s) {
    const risk = known(s.risk);
    const codes = codesPointingTo("USER_AT_RISK");
    const attempt = recentFailuresWith(s, codes)[0];
    const pasted = reportedCodes(s, codes);
    const policies = riskPolicies(s, risk);
    const flagged = risk ? isAtRisk(risk) : false;
    if (!flagged && policies.length === 0 && !attempt && pasted.length === 0) return NOTHING;

    const evidence: Evidence[] = [];
    if (risk) {
      const updated = risk.lastUpdatedAt ? `, updated ${at(s, risk.lastUpdatedAt)}` : "";
      evidence.push({ label: "Risk level", value: `${risk.level} (${risk.state}${updated})`, source: "risk" });
    }
    for (const p of policies) {
      const demands = p.grant ? [...p.grant.builtInControls].join(", ") : "no grant controls";
      evidence.push({ label: "User-risk policy", value: `${p.displayName} (requires: ${demands})`, source: "conditional access" });
    }
    if (attempt) evidence.push(signInEvidence(s, attempt));
    evidence.push(...pasted.map(reportedCodeEvidence));

    const passwordChange = policies.some((p) => p.grant?.builtInControls.includes("passwordChange"));
    return {
      finding: makeFinding("USER_AT_RISK", {
        title: "Your account is on hold for a security check",
        summary: "Your account has been flagged for unusual activity, so sign-in is held back to protect you. Another pass won't get you in.",
        evidence,
        userSteps: [
          "Don't try further passes or passwords for now.",
          "Contact your security team (the helpdesk can put you through) and mention this message. They'll check the recent activity with you.",
          "When they've cleared your account, sign in again.",
        ],
        agentNotes: [
          "Don't issue a pass: the account is rated at risk, and a pass handed to a compromised account helps the attacker.",
          "Route to security: they investigate the risk detections and remediate (confirm compromised or safe, dismiss, secure password reset).",
          ...(passwordChange
            ? ["A user-risk policy demands a password change; a person who only has a pass (passwordless) can't meet it, so security must remediate or dismiss the risk."]
            : []),
        ],
        actions: ["contact_security"],
        escalation: { to: "security", change: "Security has to review the unusual activity on your account and clear it before any sign-in works." },
      }),
    };
  },
};
