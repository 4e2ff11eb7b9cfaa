// The scanner's detectors, pure: what a scan's data (./scan-input.ts) says needs an admin's attention. One finding per
// problem, with a stable key (so the digest can tell new from already reported) and a fingerprint (so a change shows).
import type { MethodPolicy, TapInfo, TapPolicy } from "../triage/snapshot";
import type { HolderMethods, ScanInput } from "./scan-input";
import { describePolicyChange, describePolicyDrift } from "./policy-drift";

/** Every kind of finding, in the order a digest shows them (most urgent first). */
export const FINDING_KINDS = [
  "expiring_unused",
  "stale_pass",
  "kept_after_permanent",
  "lifetime_over_max",
  "multi_use",
  "policy_drift",
  "method_off",
  "failure_burst",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The organisation's rules for passes, and the windows the detectors use. */
export interface AlertSettings {
  /** A usable pass ending within this many minutes counts as expiring. */
  expiryWindowMinutes: number;
  /** Passes living longer than this are reported (the organisation's maximum, below the policy's). */
  maxLifetimeMinutes: number;
  /** The organisation wants one-time passes only. */
  requireOneTime: boolean;
  /** This many pass-related sign-in failures within the window is a burst. */
  burstThreshold: number;
  burstWindowMinutes: number;
}

/** The pass a finding is about (never its value: Graph never lists it). */
export interface PassRef {
  userId: string;
  tapId: string;
  displayName?: string;
  userPrincipalName?: string;
  /** ISO times. */
  createdAt: string;
  endsAt: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

export interface Finding {
  /** Stable across scans for the same problem: the digest reports a key once. */
  key: string;
  kind: FindingKind;
  /** Changes when the problem changes in a way worth reporting again (e.g. a burst doubling). */
  fingerprint: string;
  /** Plain words: what was found. */
  text: string;
  /** The pass, for findings about one person's pass (these offer Delete). */
  pass?: PassRef;
  /** ISO time that matters most for the finding (when it ends, was created, was seen). */
  at: string;
  /** The holder gets a 1:1 nudge to add a permanent method (an ending pass, and none registered as far as we know). */
  nudge?: boolean;
}

const PERMANENT_SINCE_NAMES: Record<string, string> = {
  fido2: "a passkey",
  microsoftAuthenticator: "Microsoft Authenticator",
  windowsHelloForBusiness: "Windows Hello for Business",
  platformCredential: "a platform credential",
};

const endOf = (tap: TapInfo): Date => new Date(tap.startsAt.getTime() + tap.lifetimeInMinutes * 60_000);

function passRef(holder: HolderMethods, tap: TapInfo): PassRef {
  return {
    userId: holder.userId,
    tapId: tap.id,
    displayName: holder.displayName,
    userPrincipalName: holder.userPrincipalName,
    createdAt: tap.createdAt.toISOString(),
    endsAt: endOf(tap).toISOString(),
    lifetimeInMinutes: tap.lifetimeInMinutes,
    isUsableOnce: tap.isUsableOnce,
  };
}

const who = (holder: HolderMethods): string => holder.displayName ?? holder.userPrincipalName ?? holder.userId;

/** The permanent method registered after the pass was created, if any (the guide: then the pass should go). */
function permanentSince(holder: HolderMethods, tap: TapInfo): string | undefined {
  const later = holder.permanentMethods.find((m) => m.createdAt !== undefined && m.createdAt.getTime() > tap.createdAt.getTime());
  return later ? PERMANENT_SINCE_NAMES[later.kind] : undefined;
}

/** The one lifecycle finding for a pass: stale beats kept-after-permanent beats expiring (they call for the same fix). */
function lifecycleFinding(holder: HolderMethods, tap: TapInfo, now: Date, s: AlertSettings): Finding | undefined {
  // "DisabledByPolicy" (policy off, person out of its targets) hides whether a one-time pass was used; its end is still
  // known. A multi-use pass hides nothing by it (it can't be "used up"), so it is judged as usual.
  const masked = tap.usabilityReason === "DisabledByPolicy" && tap.isUsableOnce;
  const pass = passRef(holder, tap);
  const ends = endOf(tap);
  // The fingerprint is the kind's: a pass changing state (say, the policy switched off) is not news about the pass.
  const base = { pass, fingerprint: "pass" };
  if (tap.usabilityReason === "Expired" || ends.getTime() <= now.getTime()) {
    return { ...base, key: `stale_pass:${tap.id}`, kind: "stale_pass", text: `${who(holder)}: the pass expired and is still registered.`, at: pass.endsAt };
  }
  if (masked) return undefined;
  if (tap.usabilityReason === "OneTimeUsed") {
    return { ...base, key: `stale_pass:${tap.id}`, kind: "stale_pass", text: `${who(holder)}: the one-time pass was used and is still registered.`, at: pass.createdAt };
  }
  const method = permanentSince(holder, tap);
  if (method) {
    return { ...base, key: `kept_after_permanent:${tap.id}`, kind: "kept_after_permanent", text: `${who(holder)} registered ${method} after the pass was created; the pass is no longer needed.`, at: pass.createdAt };
  }
  const minutesLeft = (ends.getTime() - now.getTime()) / 60_000;
  const hasPermanent = holder.permanentMethods.length > 0;
  if (tap.isUsable && minutesLeft > 0 && minutesLeft <= s.expiryWindowMinutes && !hasPermanent) {
    const left = `${who(holder)}'s pass ends in ${Math.max(1, Math.round(minutesLeft))} min`;
    // Unknown permanent methods: still worth telling the admin, but no nudge to someone who may have one already.
    const text = holder.permanentMethodsUnknown ? `${left} (whether a permanent method is registered couldn't be checked).` : `${left} and no permanent method is registered yet.`;
    return { ...base, key: `expiring_unused:${tap.id}`, kind: "expiring_unused", text, at: pass.endsAt, nudge: !holder.permanentMethodsUnknown };
  }
  return undefined;
}

/** Passes against the organisation's rules (a long lifetime, multi-use where one-time is wanted). */
function ruleFindings(holder: HolderMethods, tap: TapInfo, now: Date, s: AlertSettings): Finding[] {
  if (endOf(tap).getTime() <= now.getTime()) return []; // an ended pass is reported as stale, not as breaking a rule
  const pass = passRef(holder, tap);
  const out: Finding[] = [];
  if (tap.lifetimeInMinutes > s.maxLifetimeMinutes) {
    out.push({ key: `lifetime_over_max:${tap.id}`, kind: "lifetime_over_max", fingerprint: String(tap.lifetimeInMinutes), pass, at: pass.createdAt, text: `${who(holder)}'s pass lives ${formatMinutes(tap.lifetimeInMinutes)}, above the maximum of ${formatMinutes(s.maxLifetimeMinutes)}.` });
  }
  if (s.requireOneTime && !tap.isUsableOnce) {
    out.push({ key: `multi_use:${tap.id}`, kind: "multi_use", fingerprint: "multi", pass, at: pass.createdAt, text: `${who(holder)}'s pass can be used more than once; only one-time passes are wanted now.` });
  }
  return out;
}

/** "90 min", "8 h", "2 d 4 h". */
export function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

const METHOD_NAMES: Record<string, string> = { TemporaryAccessPass: "Temporary Access Pass", Fido2: "Passkeys (FIDO2)", MicrosoftAuthenticator: "Microsoft Authenticator" };

/** Methods people need to get in and to move to permanent sign-in, switched off. */
function methodOffFindings(configs: MethodPolicy[], tapPolicy: TapPolicy | undefined, now: Date): Finding[] {
  const states = new Map(configs.map((c) => [c.id.toLowerCase(), c.state]));
  if (tapPolicy) states.set("temporaryaccesspass", tapPolicy.state);
  return Object.entries(METHOD_NAMES)
    .filter(([id]) => states.get(id.toLowerCase()) === "disabled")
    .map(([id, name]) => ({
      key: `method_off:${id}`,
      kind: "method_off" as const,
      fingerprint: "disabled",
      at: now.toISOString(),
      text: id === "TemporaryAccessPass" ? `${name} is switched off in the authentication methods policy: no pass can be issued or used.` : `${name} is switched off: people can't move from a pass to it.`,
    }));
}

/** A burst of pass-related sign-in failures within the window (one finding while it lasts; reported again when it doubles). */
function burstFinding(input: ScanInput, s: AlertSettings): Finding[] {
  if (!input.tapFailures.ok) return [];
  const windowStart = input.at.getTime() - s.burstWindowMinutes * 60_000;
  const recent = input.tapFailures.value.filter((f) => f.at.getTime() >= windowStart && f.at.getTime() <= input.at.getTime());
  if (recent.length < s.burstThreshold) return [];
  const people = new Set(recent.map((f) => f.userId)).size;
  const codes = [...new Set(recent.map((f) => f.errorCode))].sort().map((c) => `AADSTS${c}`).join(", ");
  const first = recent.reduce((a, f) => (f.at < a ? f.at : a), recent[0].at);
  return [{
    key: "failure_burst",
    kind: "failure_burst",
    fingerprint: String(Math.floor(Math.log2(recent.length))),
    at: first.toISOString(),
    text: `${recent.length} pass sign-in failures (${codes}) from ${people} ${people === 1 ? "person" : "people"} in the last ${formatMinutes(s.burstWindowMinutes)}.`,
  }];
}

/**
 * The rules passes are held to: the organisation's settings, tightened by the tenant's policy as it is now — a pass
 * issued before the policy went one-time, or before its maximum went down, breaks today's rule.
 */
export function effectiveRules(s: AlertSettings, policy: TapPolicy | undefined): AlertSettings {
  if (!policy || policy.state !== "enabled") return s;
  return { ...s, maxLifetimeMinutes: Math.min(s.maxLifetimeMinutes, policy.maximumLifetimeInMinutes), requireOneTime: s.requireOneTime || policy.isUsableOnce };
}

/** Everything the scan's data shows, given the TAP policy seen by the previous scan and its time (for drift). */
export function detectFindings(input: ScanInput, previousPolicy: TapPolicy | undefined, s: AlertSettings, previousScanAt?: Date): Finding[] {
  const findings: Finding[] = [];
  const policy = input.tapPolicy.ok ? input.tapPolicy.value : undefined;
  const rules = effectiveRules(s, policy);
  for (const holder of input.holders) {
    for (const tap of holder.taps) {
      const lifecycle = lifecycleFinding(holder, tap, input.at, s);
      if (lifecycle) findings.push(lifecycle);
      findings.push(...ruleFindings(holder, tap, input.at, rules));
    }
  }
  findings.push(...driftFindings(input, policy, previousPolicy, previousScanAt));
  if (input.methodConfigs.ok || policy) findings.push(...methodOffFindings(input.methodConfigs.ok ? input.methodConfigs.value : [], policy, input.at));
  findings.push(...burstFinding(input, s));
  const order = (f: Finding): number => FINDING_KINDS.indexOf(f.kind);
  return findings.sort((a, b) => order(a) - order(b) || a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

const TAP_CONFIGURATION = /^temporaryaccesspass$/i;

/**
 * TAP policy drift. Against the previous scan's policy when there is one (named by whoever the audit log says changed it
 * since); on the first scan, from the audit log's recent "Authentication Methods Policy Update" events, one per change.
 */
function driftFindings(input: ScanInput, policy: TapPolicy | undefined, previousPolicy: TapPolicy | undefined, previousScanAt: Date | undefined): Finding[] {
  const events = (input.policyChanges?.ok ? input.policyChanges.value : []).filter((e) => TAP_CONFIGURATION.test(e.configurationId));
  if (policy && previousPolicy) {
    const changes = describePolicyDrift(previousPolicy, policy);
    if (changes.length === 0) return [];
    // Only a change logged since the previous scan can be the one that scan didn't see.
    const since = events.filter((e) => previousScanAt === undefined || e.at.getTime() >= previousScanAt.getTime());
    const last = since.reduce<(typeof events)[number] | undefined>((a, e) => (!a || e.at > a.at ? e : a), undefined);
    const by = last?.initiatedBy ? ` (changed by ${last.initiatedBy})` : "";
    return [{ key: `policy_drift:${policyFingerprint(policy)}`, kind: "policy_drift", fingerprint: "changed", at: (last?.at ?? input.at).toISOString(), text: `The Temporary Access Pass policy changed since the last scan${by}: ${changes.join("; ")}.` }];
  }
  if (previousPolicy) return [];
  return events.map((e) => ({
    key: `policy_drift:audit:${e.at.toISOString()}`,
    kind: "policy_drift" as const,
    fingerprint: "changed",
    at: e.at.toISOString(),
    text: `The Temporary Access Pass policy was changed${e.initiatedBy ? ` by ${e.initiatedBy}` : ""}: ${describePolicyChange(e)}.`,
  }));
}

/** A short, stable text of the policy's settings that matter (drift findings are keyed by the policy they found). */
export function policyFingerprint(p: TapPolicy): string {
  const targets = (list: TapPolicy["includeTargets"]): string => list.map((t) => t.id).sort().join(",");
  return [p.state, p.minimumLifetimeInMinutes, p.defaultLifetimeInMinutes, p.maximumLifetimeInMinutes, p.isUsableOnce, targets(p.includeTargets), targets(p.excludeTargets)].join("|");
}
