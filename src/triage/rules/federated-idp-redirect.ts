// FEDERATED_IDP_REDIRECT: for Windows Hello setup, a federated domain set to enforceMfaByFederatedIdp sends the
// person to their organization's own sign-in service instead of showing the pass prompt.
import { known, upnDomain } from "../facts";
import type { Evidence } from "../findings";
import { makeFinding, NOTHING, type Rule } from "../rule";
import type { Snapshot } from "../snapshot";
import { SECURITY_INFO_URL } from "../wording";

const ENFORCE = "enforceMfaByFederatedIdp";

/** Setting up Windows Hello: at the Windows logon, or registering a method on a Windows PC. */
function settingUpWindowsHello(s: Snapshot): boolean | undefined {
  const { stage, device } = s.answers;
  if (stage === undefined) return undefined;
  if (stage === "windows_logon") return device === undefined || device === "windows";
  if (stage === "register_method") return device === undefined ? undefined : device === "windows";
  return false;
}

/** Needs the federation setting and the person's stage (and device when registering); asks for what's missing. */
export const federatedIdpRedirect: Rule = {
  code: "FEDERATED_IDP_REDIRECT",
  evaluate(s) {
    const federation = known(s.federation);
    if (!federation || federation.federatedIdpMfaBehavior !== ENFORCE) return NOTHING;
    const hello = settingUpWindowsHello(s);
    if (hello === undefined) return { questions: s.answers.stage === undefined ? ["stage"] : ["device"] };
    if (!hello) return NOTHING;

    const domain = federation.domain || upnDomain(s.user);
    const evidence: Evidence[] = [
      { label: "Your sign-in domain", value: `${domain} (federated)`, source: "domain" },
      { label: "MFA for this domain", value: "done by your organization's own sign-in service", source: "domain" },
      { label: "What you're doing", value: "setting up Windows Hello on a Windows PC", source: "your answer" },
    ];
    return {
      certainty: "reported",
      finding: makeFinding("FEDERATED_IDP_REDIRECT", {
        title: "Windows Hello setup goes to your organization's sign-in page",
        summary:
          "Your account's domain hands the extra security check to your organization's own sign-in service. When Windows Hello is set up, you're sent there instead of being asked for the pass.",
        evidence,
        userSteps: [
          "On the page you're sent to, complete the sign-in and security check your organization uses there (usually your company password and a second step).",
          `If you can't, skip Windows Hello for now: sign in with the pass in a browser at My Security Info (${SECURITY_INFO_URL}) and add the Microsoft Authenticator app or a passkey.`,
          "Set up Windows Hello later, once you can sign in to Windows another way.",
        ],
        agentNotes: [
          `Domain ${domain} has federatedIdpMfaBehavior = ${ENFORCE}: during Windows Hello provisioning the person is redirected to the federated identity provider and never sees a pass prompt.`,
          "With acceptIfMfaDoneByFederatedIdp the pass prompt appears; changing it is a federation decision for the identity team (a Hybrid Identity Administrator or higher).",
        ],
        actions: ["open_security_info", "still_broken", "fixed"],
      }),
    };
  },
};
