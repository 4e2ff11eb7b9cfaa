// The one typed port the rest of the product uses to talk to Microsoft Graph.
// Implementations: GraphDirectory (graph-client over HTTP). Nothing outside graph/ sees raw Graph JSON.
import type { HolderRef, PermanentMethod, PolicyChangeEvent, TapAuditEvent, TapSignInFailure } from "../alerts/scan-input";
import type { DirectoryFacts, Membership, MethodPolicy, PersonRef, RiskInfo, SubjectUser, TapInfo, TapPolicy, Check } from "../triage/snapshot";

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

/** A registration report row listing a pass: who, and when Entra last updated the row (older rows predate later changes). */
export interface ReportHolder extends HolderRef {
  reportedAt?: Date;
}

/** A budgeted, paged read: its result (or why it failed), and how many pages it took. */
export interface PagedRead<T> {
  result: Check<T>;
  pages: number;
}

/** One person's methods read once: the pass (with its state) and the permanent methods beside it, or why not. */
export type HolderRead =
  | {
      ok: true;
      taps: TapInfo[];
      permanentMethods: PermanentMethod[];
      /** Only the pass could be read (the app has UserAuthMethod-TAP.Read.All, not UserAuthenticationMethod.Read.All). */
      permanentMethodsUnknown?: true;
    }
  | { ok: false; reason: string; /** The account no longer exists (404). */ gone: boolean };

/**
 * What the pass scanner reads, each within Graph's budgets: the registration report, the directory audit log and the
 * sign-in logs share the tenant's 5-per-10-s reports budget with the diagnoses' sign-in reads. A missing permission
 * or license answers with a Check and a plain reason, never a throw.
 */
export interface TapScanReader {
  /**
   * People the registration report lists with a pass (hours stale; needs Entra ID P1). `onPage` gets each page as it
   * arrives, so their methods can be read while later pages wait for the budget. `result` is the number of rows.
   */
  readReportHolders(onPage: (holders: ReportHolder[]) => void, options?: ReadOptions): Promise<PagedRead<number>>;
  /**
   * Passes registered or deleted since `since`, from the directory audit log (service "Authentication Methods"); the
   * methods-policy changes on the same pages go to `sink` (no extra request).
   */
  readTapAuditEvents(since: Date, options?: ReadOptions, sink?: { policyChange(event: PolicyChangeEvent): void }): Promise<PagedRead<TapAuditEvent[]>>;
  /**
   * The listed people's authentication methods, at most 20 per call (one JSON $batch): the pass beside the permanent
   * methods. Throttled items are retried after their Retry-After; every id gets an answer.
   */
  readHolderMethods(userIds: readonly string[], options?: ReadOptions): Promise<Map<string, HolderRead>>;
  /** The TAP configuration and the other method configurations (Fido2, MicrosoftAuthenticator, ...), read now. */
  readMethodConfigurations(options?: ReadOptions): Promise<{ tapPolicy: Check<TapPolicy>; methodConfigs: Check<MethodPolicy[]> }>;
  /** Failed sign-ins with a pass-related error (AADSTS 1305xx) since `since`. */
  readTapSignInFailures(since: Date, options?: ReadOptions): Promise<PagedRead<TapSignInFailure[]>>;
  /** HTTP requests this reader has sent to Graph so far (a $batch counts once; every retry counts). */
  requestsSent(): number;
}
