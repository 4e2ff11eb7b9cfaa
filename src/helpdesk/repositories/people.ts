// Reads, live from Graph, the facts that decide who may do what to whom. Never from card data, never from a cache —
// except risk on ordinary clicks, which comes from the tenant-wide risky-user list (at most a minute old). Issue,
// Approve and Replace ask for `liveRisk`: the person's own riskyUsers entry, read at that moment.
import type { DirectoryReader, LiveRisk } from "../../graph/port";
import type { PersonFacts } from "../domain/model";
import { isExternalGuest } from "../../triage/facts";

/** How to read a person's facts. */
export interface PersonFactsOptions {
  /** Read risk from GET /identityProtection/riskyUsers/{id} now instead of the cached list. */
  liveRisk?: boolean;
}

/** A cached-list gap says "needs …" when a license or permission is missing; anything else may clear soon. */
const isTransientGap = (reason: string): boolean => !/\bneeds\b/i.test(reason);

async function readRisk(directory: DirectoryReader, id: string, live: boolean): Promise<LiveRisk> {
  if (live) return directory.getRiskNow(id);
  const cached = await directory.getRisk(id);
  return cached.ok ? cached : { ok: false, reason: cached.reason, transient: isTransientGap(cached.reason) };
}

/** The person's account state, transitive groups and roles, and risk. Throws USER_NOT_FOUND for unknown ids. */
export async function readPersonFacts(directory: DirectoryReader, id: string, options: PersonFactsOptions = {}): Promise<PersonFacts> {
  const live = options.liveRisk === true;
  const [user, membership, risk] = await Promise.all([directory.getUser(id), directory.getMembership(id), readRisk(directory, id, live)]);
  const facts: PersonFacts = {
    id: user.id,
    displayName: user.displayName,
    accountEnabled: user.accountEnabled,
    isExternalGuest: isExternalGuest(user),
    roleTemplateIds: membership.roleTemplateIds,
    groupIds: membership.groupIds,
    riskSource: live ? "live" : "cached",
  };
  if (risk.ok) {
    if (risk.value?.level !== undefined) facts.riskLevel = risk.value.level;
    if (risk.value?.state !== undefined) facts.riskState = risk.value.state;
  } else {
    facts.riskUnknownReason = risk.reason;
    facts.riskUnknownTransient = risk.transient;
  }
  return facts;
}
