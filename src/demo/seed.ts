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

// The cast constants live in seed-cast.ts so the seed parts can share them; re-exported here as the public face.
export { DEMO_PEOPLE, DEMO_GROUPS, DEMO_ROLES, DEMO_CA_POLICIES, DEMO_NAMED_LOCATIONS, DEMO_DOMAINS, DEMO_TENANT_ID, stableGuid, type DemoPerson } from "./seed-cast";
export { BUILT_IN_STRENGTHS } from "./seed-policies";

/** A fresh Northwind Labs directory whose passes, logs and risk are placed relative to `now`. */
export function seedDemoDirectory(now: Date): DemoDirectory {
  return new DemoDirectory({
    tenantId: DEMO_TENANT_ID,
    users: seedUsers(now),
    groups: seedGroups(),
    directoryRoles: seedDirectoryRoles(),
    roleAssignments: seedRoleAssignments(),
    managers: seedManagers(),
    methods: seedMethods(now),
    taps: seedTaps(now),
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
  });
}
