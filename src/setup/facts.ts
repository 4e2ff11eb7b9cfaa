// What `check setup` judges: the tenant's pass-related policies (read through the cached tenant reads) and the result of
// one harmless probe per Graph permission or licence the bot relies on. Plain data; graph/setup-probes.ts fills it.
import type { AuthStrength, CaPolicy, Check, MethodPolicy, NamedLocation, TapPolicy } from "../triage/snapshot";

/** One harmless read per permission (or licence) the bot relies on. */
export type ProbeId =
  | "user"
  | "membership"
  | "taps"
  | "methods"
  | "methodsPolicy"
  | "caPolicies"
  | "strengths"
  | "domains"
  | "signIns"
  | "riskyUsers"
  | "directoryAudits"
  | "registrationReport";

/** Every probe, in the order the card lists them. */
export const PROBE_IDS: readonly ProbeId[] = [
  "user",
  "membership",
  "taps",
  "methods",
  "methodsPolicy",
  "caPolicies",
  "strengths",
  "domains",
  "signIns",
  "riskyUsers",
  "directoryAudits",
  "registrationReport",
];

/**
 * What a probe found: the read worked; Graph refused it for want of a permission or of a licence; or it couldn't be
 * told (throttled, budget busy, no answer, an unexpected refusal), with the reason in words.
 */
export type ProbeStatus = "present" | "missing_permission" | "missing_license" | "unchecked";

/** One probe's answer. */
export interface ProbeResult {
  id: ProbeId;
  status: ProbeStatus;
  /** For `unchecked`: why, in plain words (never a URL, token or pass value). */
  reason?: string;
  /** For `unchecked`: whether asking again soon may help (throttled, busy, no answer). */
  transient?: boolean;
}

/**
 * The newest issuance or deletion the helpdesk audit trail holds that says whether the bot may write passes: writes
 * can't be probed without creating or deleting one, so the trail is the harmless evidence.
 */
export interface WriteEvidence {
  /** ISO time of the event. */
  at: string;
  action: "issue" | "delete";
  /** Graph accepted the write. */
  ok: boolean;
  /** Graph refused it because the bot lacks the write permission. */
  permissionRefused: boolean;
}

/** Everything the readiness assessment reads. */
export interface SetupFacts {
  tapPolicy: Check<TapPolicy>;
  methodPolicies: Check<MethodPolicy[]>;
  caPolicies: Check<CaPolicy[]>;
  namedLocations: Check<NamedLocation[]>;
  strengths: Check<AuthStrength[]>;
  /** Display names of the groups the policies target, by object id (absent when unreadable). */
  groupNames: Readonly<Record<string, string>>;
  probes: readonly ProbeResult[];
  /** Undefined when the bot has never issued or deleted a pass (or the trail can't tell). */
  lastWrite?: WriteEvidence;
}

/** How a line reads at a glance. */
export type SetupStatus = "green" | "amber" | "red";

/** The part of the setup a line is about, in card order. */
export type SetupArea =
  | "tap_policy"
  | "tap_targets"
  | "tap_lifetime"
  | "tap_one_time"
  | "fido2"
  | "authenticator"
  | "ca_registration"
  | "ca_sign_in"
  | "ca_overall"
  | "bot_access";

/** Areas in the order the card shows them. */
export const SETUP_AREAS: readonly SetupArea[] = [
  "tap_policy",
  "tap_targets",
  "tap_lifetime",
  "tap_one_time",
  "fido2",
  "authenticator",
  "ca_registration",
  "ca_sign_in",
  "ca_overall",
  "bot_access",
];

/** One line of the readiness card. */
export interface SetupLine {
  area: SetupArea;
  /** Short label: "Temporary Access Pass", a policy's name, a permission. */
  title: string;
  status: SetupStatus;
  /** What was found, in plain words. */
  finding: string;
  /** What to change; empty when nothing needs changing. */
  fix: string;
}
