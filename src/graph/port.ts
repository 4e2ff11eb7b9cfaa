// The one typed port the rest of the product uses to talk to Microsoft Graph.
// Implementations: GraphDirectory (graph-client over HTTP). Nothing outside graph/ sees raw Graph JSON.
import type { DirectoryFacts, Membership, PersonRef, RiskInfo, SubjectUser, TapInfo, TapPolicy, Check } from "../triage/snapshot";

export interface ReadOptions {
  abortSignal?: AbortSignal;
}

export interface UserSearchResult extends PersonRef {
  accountEnabled?: boolean;
}

/**
 * One person's risk read live: the risk (null when Identity Protection holds no record of them), or why it couldn't be
 * read. `transient` gaps (budget busy, throttled, timeout, outage) may clear in a minute; the others (no P2 license,
 * no permission) won't.
 */
export type LiveRisk = { ok: true; value: RiskInfo | null } | { ok: false; reason: string; transient: boolean };

/** Reads what a diagnosis and an authorization check need. */
export interface DirectoryReader {
  /**
   * Everything about one person for one diagnosis: the per-user reads go out as one JSON $batch,
   * tenant-wide reads come from a TTL cache. Missing permissions degrade single facts, never the whole read.
   * Throws HelpdeskError("USER_NOT_FOUND") when the person does not exist.
   */
  readDirectoryFacts(userId: string, options?: ReadOptions): Promise<DirectoryFacts>;
  /** Finds people by UPN, mail or display-name prefix (for "check for someone else"). */
  findUsers(query: string, options?: ReadOptions): Promise<UserSearchResult[]>;
  /** The person's group and role membership, read live (authorization must not trust a cache). */
  getMembership(userId: string, options?: ReadOptions): Promise<Membership>;
  /** The person's manager, or null. */
  getManager(userId: string, options?: ReadOptions): Promise<PersonRef | null>;
  /** A person's profile. Throws HelpdeskError("USER_NOT_FOUND"). */
  getUser(userId: string, options?: ReadOptions): Promise<SubjectUser>;
  /** The person's Identity Protection risk (from the cached list of at-risk users, at most a minute old). */
  getRisk(userId: string, options?: ReadOptions): Promise<Check<RiskInfo | null>>;
  /**
   * The person's Identity Protection risk read now (GET /identityProtection/riskyUsers/{id}), for the moment a pass is
   * issued or approved; waits a bounded time for the tenant's Identity Protection + Conditional Access budget.
   */
  getRiskNow(userId: string, options?: ReadOptions): Promise<LiveRisk>;
  /** The tenant TAP policy (cached). */
  getTapPolicy(options?: ReadOptions): Promise<Check<TapPolicy>>;
}

export interface CreateTapOptions extends ReadOptions {
  startDateTime?: Date;
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
}

/** The pass Graph created. `value` is the secret: never log, store or post it anywhere shared. */
export interface CreatedTap {
  id: string;
  value: string;
  startsAt: Date;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  requestId?: string;
}

/** Writes a helpdesk agent triggers: issuing and deleting passes. */
export interface TapIssuer {
  createTemporaryAccessPass(userId: string, options?: CreateTapOptions): Promise<CreatedTap>;
  deleteTemporaryAccessPass(userId: string, tapId: string, options?: ReadOptions): Promise<{ requestId?: string }>;
  /** The person's passes as Graph lists them now (at most one; never a value). Throws HelpdeskError when unreadable. */
  listTemporaryAccessPasses(userId: string, options?: ReadOptions): Promise<TapInfo[]>;
}
