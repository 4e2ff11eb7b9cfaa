// The demo tenant's default content: the Northwind Labs cast (see the cast table in the project brief),
// built relative to the `now` passed in so every scenario holds when the tenant starts or is reset.
import { DemoDirectory } from "./directory";
import { seedRiskyUsers, seedSignIns } from "./seed-logs";
import { seedDirectoryRoles, seedGroups, seedManagers, seedMethods, seedRoleAssignments, seedTaps, seedUsers } from "./seed-people";
import {
  seedAuthenticationMethodsPolicy,
  seedCaPolicies,
  seedDomains,
  seedFederation,
  seedMethodConfigurations,
  seedNamedLocations,
  seedStrengths,
  seedTapPolicy,
} from "./seed-policies";
import { DEMO_TENANT_ID } from "./seed-cast";
import { finishScanSeed, seedAudits, seedScanMethods, seedScanTaps } from "./seed-scan";

// The cast constants live in seed-cast.ts so the seed parts can share them; re-exported here as the public face.
export { DEMO_PEOPLE, DEMO_SCAN_PEOPLE, DEMO_GROUPS, DEMO_ROLES, DEMO_CA_POLICIES, DEMO_NAMED_LOCATIONS, DEMO_DOMAINS, DEMO_TENANT_ID, stableGuid, type DemoPerson } from "./seed-cast";
export { BUILT_IN_STRENGTHS } from "./seed-policies";

/**
 * A fresh Northwind Labs directory whose passes, logs and risk are placed relative to `now`; its registration report
 * is the snapshot of an hour ago (see seed-scan.ts).
 */
export function seedDemoDirectory(now: Date): DemoDirectory {
  return finishScanSeed(buildDemoDirectory(now), now);
}

/** The directory as it was when the registration report was taken (before finishScanSeed); generated tenants add to it. */
export function buildDemoDirectory(now: Date): DemoDirectory {
  const users = seedUsers(now);
  const methods = seedMethods(now);
  for (const [id, extra] of seedScanMethods(now)) methods.set(id, [...(methods.get(id) ?? []), ...extra]);
  const taps = new Map([...seedTaps(now), ...seedScanTaps(now)]);
  return new DemoDirectory({
    tenantId: DEMO_TENANT_ID,
    users,
    groups: seedGroups(),
    directoryRoles: seedDirectoryRoles(),
    roleAssignments: seedRoleAssignments(),
    managers: seedManagers(),
    methods,
    taps,
    signIns: seedSignIns(now),
    riskyUsers: seedRiskyUsers(now),
    authenticationMethodsPolicy: seedAuthenticationMethodsPolicy(now),
    tapPolicy: seedTapPolicy(),
    methodConfigurations: seedMethodConfigurations(),
    caPolicies: seedCaPolicies(now),
    namedLocations: seedNamedLocations(now),
    strengths: seedStrengths(),
    domains: seedDomains(),
    federation: seedFederation(),
    directoryAudits: seedAudits(now, taps, users),
  });
}
