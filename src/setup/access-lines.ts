// The bot's own access as readiness lines: each Graph permission (and licence) it relies on, whether the harmless
// probe found it, and which feature switches off without it. Writing passes can't be probed without issuing one, so
// that line rests on the helpdesk's own audit trail.
import { formatDateTime } from "../triage/format";
import type { ProbeId, ProbeResult, SetupLine, SetupStatus, WriteEvidence } from "./facts";
import { PROBE_IDS } from "./facts";

/** A licence a read needs besides the permission. */
export type Licence = "Entra ID P1" | "Entra ID P2";

/** What one probe stands for. */
export interface Requirement {
  /** The thing read, for the card: "Sign-in logs". */
  title: string;
  /** The least-privileged application permission. */
  permission: string;
  /** A broader permission that also allows the read. */
  alternative?: string;
  licence?: Licence;
  /** What stops working without it, finishing "Without it, …". */
  feature: string;
  /** How much it matters when missing: red for what triage or setup can't do without. */
  severity: Exclude<SetupStatus, "green">;
  /** Something to know about it whatever the probe found, added to the finding. */
  note?: string;
}

/** Every permission and licence the bot reads with, and what each switches off (README "Graph permissions"). */
export const REQUIREMENTS: Readonly<Record<ProbeId, Requirement>> = {
  user: { title: "People", permission: "User.Read.All", severity: "red", feature: "nothing can be diagnosed: the bot can't read people, so triage, \"check\" for someone else and manager verification stop" },
  membership: { title: "Groups and roles", permission: "GroupMember.Read.All", severity: "red", feature: "helpdesk agents and admins aren't recognised, and whom a policy targets can't be worked out" },
  taps: {
    title: "Passes",
    permission: "UserAuthMethod-TAP.Read.All",
    alternative: "UserAuthenticationMethod.Read.All",
    severity: "red",
    feature: "the pass itself goes unchecked (expired, used, not yet valid), and a create whose answer was lost can't be confirmed",
  },
  methods: { title: "Registered methods", permission: "UserAuthenticationMethod.Read.All", severity: "amber", feature: "what people have already registered is unknown, so method causes and what-to-register-next advice go unchecked" },
  methodsPolicy: {
    title: "Authentication methods policy",
    permission: "Policy.Read.AuthenticationMethod",
    alternative: "Policy.Read.All",
    severity: "red",
    feature: "the pass policy (on or off, whom it targets, lifetimes, one-time use) and the FIDO2 and Authenticator settings can't be read, by triage or by this check",
  },
  caPolicies: { title: "Conditional Access", permission: "Policy.Read.All", licence: "Entra ID P1", severity: "red", feature: "Conditional Access causes (blocked, compliant device, authentication strength) go unchecked" },
  strengths: { title: "Authentication strengths", permission: "Policy.Read.All", severity: "amber", feature: "custom authentication strengths can't be judged (the built-in ones still are)" },
  domains: { title: "Domains", permission: "Domain.Read.All", severity: "amber", feature: "a federated domain that sends people to another sign-in page instead of the pass prompt isn't recognised" },
  signIns: { title: "Sign-in logs", permission: "AuditLog.Read.All", licence: "Entra ID P1", severity: "red", feature: "the newest failures, their error codes and where they happened are unknown, and the diagnosis rests on the person's answers" },
  riskyUsers: { title: "User risk", permission: "IdentityRiskyUser.Read.All", licence: "Entra ID P2", severity: "amber", feature: "risk isn't seen in triage, and passes are issued with \"risk not checked\" in the audit trail" },
  directoryAudits: { title: "Directory audit log", permission: "AuditLog.Read.All", severity: "amber", feature: "the scanner of passes can't see passes created or deleted outside the bot" },
  registrationReport: {
    title: "Registration report",
    permission: "AuditLog.Read.All",
    licence: "Entra ID P1",
    severity: "amber",
    feature: "the scanner of passes can't list who holds a pass",
    note: "It lags up to a few hours behind Entra, so a pass issued in the last hours may not be in it yet; the scanner reads the directory audit log for those.",
  },
};

/** The permission a write needs (graph/tap-writes.ts names the same one when Graph refuses). */
export const WRITE_PERMISSION = "UserAuthMethod-TAP.ReadWrite.All";
/** How to add a permission. */
function grantFix(permission: string): string {
  return `Grant ${permission} (application permission) to the bot's identity and give admin consent (README, "Graph permissions").`;
}

const LICENCE_FIX: Record<Licence, string> = {
  "Entra ID P1": "Entra ID P1 (part of Microsoft 365 E3 and Business Premium) has to be licensed in the tenant; the bot picks it up without changes.",
  "Entra ID P2": "Entra ID P2 (part of Microsoft 365 E5) has to be licensed in the tenant; the bot picks it up without changes. Without it the helpdesk still works.",
};

function allowedBy(r: Requirement): string {
  return r.alternative ? `${r.permission} (or ${r.alternative})` : r.permission;
}

function needsText(r: Requirement): string {
  return r.licence ? `${r.permission} and ${r.licence}` : r.permission;
}

/** The line for one probe, before the requirement's note is added. */
function bareProbeLine(probe: ProbeResult, r: Requirement, title: string): SetupLine {
  switch (probe.status) {
    case "present":
      return { area: "bot_access", title, status: "green", finding: "Readable.", fix: "" };
    case "missing_permission":
      return { area: "bot_access", title, status: r.severity, finding: `The bot isn't allowed to read it: it needs ${allowedBy(r)}. Without it, ${r.feature}.`, fix: grantFix(r.permission) };
    case "missing_license":
      return { area: "bot_access", title, status: r.severity, finding: `The tenant isn't licensed for it: it needs ${r.licence ?? "a premium licence"}. Without it, ${r.feature}.`, fix: LICENCE_FIX[r.licence ?? "Entra ID P1"] };
    case "unchecked":
      return {
        area: "bot_access",
        title,
        status: "amber",
        finding: `Couldn't check it: ${probe.reason ?? "no answer"}. Without it, ${r.feature}.`,
        fix: probe.transient === false
          ? "Graph refused this read for a reason other than a permission or licence; the bot's logs have the answer and its request id."
          : "Run the check again in a minute.",
      };
  }
}

/** The line for one probe. */
export function probeLine(probe: ProbeResult): SetupLine {
  const r = REQUIREMENTS[probe.id];
  const line = bareProbeLine(probe, r, `${r.title} (${needsText(r)})`);
  return r.note ? { ...line, finding: `${line.finding} ${r.note}` } : line;
}

/** The line for issuing and deleting passes, from the last write the helpdesk made (or didn't). */
export function writeLine(last: WriteEvidence | undefined, timeZone: string): SetupLine {
  const title = `Issue and delete passes (${WRITE_PERMISSION})`;
  if (!last) {
    return {
      area: "bot_access",
      title,
      status: "amber",
      finding: "Not checked: it can't be checked without issuing a pass, and the bot hasn't issued or deleted one yet. The first Issue TAP shows it: without the permission the agent is told so and nothing is created.",
      fix: `Before the helpdesk goes live, make sure ${WRITE_PERMISSION} is granted (README, "Graph permissions").`,
    };
  }
  const when = formatDateTime(new Date(last.at), timeZone);
  if (last.ok) return { area: "bot_access", title, status: "green", finding: `Worked: Graph accepted the last pass the bot ${last.action === "issue" ? "issued" : "deleted"} (${when}).`, fix: "" };
  return {
    area: "bot_access",
    title,
    status: "red",
    finding: `Refused: Graph turned down the last ${last.action === "issue" ? "issuance" : "deletion"} (${when}) because the bot lacks ${WRITE_PERMISSION}. Agents can diagnose and ticket, but not issue passes.`,
    fix: grantFix(WRITE_PERMISSION),
  };
}

/** A line per probe in card order (a probe that didn't run reads as unchecked), then the write line. */
export function accessLines(probes: readonly ProbeResult[], last: WriteEvidence | undefined, timeZone: string): SetupLine[] {
  const byId = new Map(probes.map((p) => [p.id, p]));
  const lines = PROBE_IDS.map((id) => probeLine(byId.get(id) ?? { id, status: "unchecked", reason: "it wasn't probed" }));
  return [...lines, writeLine(last, timeZone)];
}
