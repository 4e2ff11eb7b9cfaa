// Tenant facts for the setup-check specs: a healthy tenant (pass policy for everyone, FIDO2 and Authenticator on, no
// Conditional Access, every probe present) that each test bends at one place.
import type { ProbeResult, SetupFacts } from "../../../src/setup/facts";
import { PROBE_IDS } from "../../../src/setup/facts";
import type { Names } from "../../../src/setup/names";
import { checked, type MethodPolicy, type NamedLocation, type TapPolicy } from "../../../src/triage/snapshot";
import { STRENGTHS } from "../../support/snapshot-builder";

export const GROUPS = { tapUsers: "g-tap-users", tapExcluded: "g-tap-excluded", kiosk: "g-kiosk", finance: "g-finance", admins: "g-admins" };

export const GROUP_NAMES: Record<string, string> = {
  [GROUPS.tapUsers]: "TAP Users",
  [GROUPS.tapExcluded]: "TAP Excluded",
  [GROUPS.kiosk]: "Kiosk Staff",
  [GROUPS.finance]: "Finance",
  [GROUPS.admins]: "Engineering Admins",
};

export const OFFICE: NamedLocation = {
  id: "loc-office",
  displayName: "Head office",
  kind: "ip",
  isTrusted: true,
  ipRanges: ["203.0.113.0/24"],
  countries: [],
  includeUnknownCountries: false,
};

export const NAMES: Names = { groups: GROUP_NAMES, locations: [OFFICE] };

export function tapPolicy(patch: Partial<TapPolicy> = {}): TapPolicy {
  return {
    state: "enabled",
    defaultLifetimeInMinutes: 60,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    isUsableOnce: true,
    defaultLength: 8,
    includeTargets: [{ id: "all_users", targetType: "group" }],
    excludeTargets: [],
    ...patch,
  };
}

export function method(id: "Fido2" | "MicrosoftAuthenticator", patch: Partial<MethodPolicy> = {}): MethodPolicy {
  return { id, state: "enabled", includeTargets: [{ id: "all_users", targetType: "group" }], excludeTargets: [], ...patch };
}

export const allPresent = (): ProbeResult[] => PROBE_IDS.map((id) => ({ id, status: "present" }));

/** A tenant where everything is in order. */
export function healthyFacts(patch: Partial<SetupFacts> = {}): SetupFacts {
  return {
    tapPolicy: checked(tapPolicy()),
    methodPolicies: checked([method("Fido2"), method("MicrosoftAuthenticator")]),
    caPolicies: checked([]),
    namedLocations: checked([OFFICE]),
    strengths: checked(Object.values(STRENGTHS)),
    groupNames: GROUP_NAMES,
    probes: allPresent(),
    lastWrite: { at: "2026-11-27T09:00:00Z", action: "issue", ok: true, permissionRefused: false },
    ...patch,
  };
}
