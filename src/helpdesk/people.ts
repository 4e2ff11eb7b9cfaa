// Reads, live from Graph, the facts that decide who may do what to whom. Never from card data, never from a cache
// (except risk, which Graph itself only offers as a list that is at most a minute old).
import type { DirectoryReader } from "../graph/port";
import type { PersonFacts } from "./model";
import { isExternalGuest } from "../triage/facts";

/** The person's account state, transitive groups and roles, and risk. Throws USER_NOT_FOUND for unknown ids. */
export async function readPersonFacts(directory: DirectoryReader, id: string): Promise<PersonFacts> {
  const [user, membership, risk] = await Promise.all([directory.getUser(id), directory.getMembership(id), directory.getRisk(id)]);
  return {
    id: user.id,
    displayName: user.displayName,
    accountEnabled: user.accountEnabled,
    isExternalGuest: isExternalGuest(user),
    roleTemplateIds: membership.roleTemplateIds,
    groupIds: membership.groupIds,
    riskLevel: risk.ok ? risk.value?.level : undefined,
    riskState: risk.ok ? risk.value?.state : undefined,
    riskUnknownReason: risk.ok ? undefined : risk.reason,
  };
}
