// GraphDirectory: the DirectoryReader / TapIssuer port on Microsoft Graph. Per-user reads go out as one $batch,
// tenant-wide reads come from a TTL cache, throttling budgets are respected, and missing facts degrade one by one.
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Clock } from "../clock";
import type { Logger } from "../log";
import { checked, unchecked, type Check, type DirectoryFacts, type DomainFederation, type Membership, type PersonRef, type RiskInfo, type SignInEvent, type SubjectUser, type TapPolicy } from "../triage/snapshot";
import { executeBatch, type SubResponse } from "./batch";
import { GraphBudgets } from "./budgets";
import { budgetBusy, degrade, toHelpdeskError } from "./degrade";
import { asCollection, type CollectionDto, type MemberOfDto, type UserDto } from "./dto";
import { GraphHttp } from "./http";
import { toMembership, toPersonRef, upnDomain } from "./mappers";
import { odataString, queryString } from "./odata";
import { readRemainingPages } from "./pages";
import type { CreatedTap, CreateTapOptions, DirectoryReader, ReadOptions, TapIssuer, UserSearchResult } from "./port";
import type { RetryOptions } from "./retry";
import { createTap, deleteTap } from "./tap-writes";
import { LIVE_RISK_MAX_BUDGET_WAIT_IN_MS, listTapsNow, readRiskNow } from "./live-reads";
import type { LiveRisk } from "./port";
import type { TapInfo } from "../triage/snapshot";
import { RefreshLoop } from "./refresh-loop";
import { probeSetup, SETUP_PROBE_MAX_BUDGET_WAIT_IN_MS, type SetupGraphFacts } from "./setup-probes";
import { GraphTapScanReader, type GraphTapScanReaderOptions } from "./scan-reads";
import { SignInReader } from "./sign-ins";
import { TenantReader, type TenantFacts } from "./tenant";
import { mapManager, mapMethods, mapSignIns, mapTaps, mapUser, managerPath, membershipPage, membershipPath, perUserRequests, userPath } from "./user-reads";

/** Options bag; budgets default to the documented per-tenant limits on the same clock. */
export interface GraphDirectoryOptions {
  client: Client;
  clock: Clock;
  logger: Logger;
  tenantCacheTtlSeconds: number;
  signInLookbackHours: number;
  budgets?: GraphBudgets;
  /** How long a diagnosis may wait for a sign-in-log or CA slot before saying "busy" instead. */
  maxBudgetWaitInMs?: number;
  /** Risky users change faster than policy; 60 s by default. */
  riskyUsersTtlSeconds?: number;
  /** Bounds for $batch sub-request retries (top-level retries are configured on the client). */
  retry?: RetryOptions;
  /** Upper bound for one Graph call including its retries; default DEFAULT_CALL_TIMEOUT_IN_MS. */
  callTimeoutInMs?: number;
  /** Refresh tenant-wide values at this fraction of their TTL (background refresh, see startBackgroundRefresh); default 0.8. */
  refreshAheadFraction?: number;
  /** Serve tenant-wide values at most this many TTLs past expiry while refreshes fail transiently; default 3. */
  maxStaleTtls?: number;
}

/** Pace of background refresh rounds while Graph keeps failing (and the shortest gap between two rounds). */
const MIN_REFRESH_GAP_IN_MS = 5_000;

/** Short enough that a person in chat isn't kept waiting; long enough for one CA slot (1 s). */
export const DEFAULT_MAX_BUDGET_WAIT_IN_MS = 2_500;
const MEMBERSHIP_MAX_PAGES = 10;
const SEARCH_SELECT = "id,displayName,userPrincipalName,mail,accountEnabled";

/** Reads everything a diagnosis needs from Graph and issues passes. */
export class GraphDirectory implements DirectoryReader, TapIssuer {
  private readonly http: GraphHttp;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly budgets: GraphBudgets;
  private readonly tenant: TenantReader;
  private readonly signInReader: SignInReader;
  private readonly refresher: RefreshLoop;
  private readonly maxBudgetWaitInMs: number;
  private readonly signInLookbackHours: number;
  private readonly retry?: RetryOptions;

  constructor(options: GraphDirectoryOptions) {
    this.http = new GraphHttp(options.client, options.callTimeoutInMs, options.logger);
    this.clock = options.clock;
    this.logger = options.logger;
    this.budgets = options.budgets ?? new GraphBudgets({ clock: options.clock });
    this.maxBudgetWaitInMs = options.maxBudgetWaitInMs ?? DEFAULT_MAX_BUDGET_WAIT_IN_MS;
    this.signInLookbackHours = options.signInLookbackHours;
    this.retry = options.retry;
    this.tenant = new TenantReader({
      http: this.http,
      clock: options.clock,
      logger: options.logger,
      budgets: this.budgets,
      tenantCacheTtlSeconds: options.tenantCacheTtlSeconds,
      riskyUsersTtlSeconds: options.riskyUsersTtlSeconds,
      maxBudgetWaitInMs: this.maxBudgetWaitInMs,
      refreshAheadFraction: options.refreshAheadFraction,
      maxStaleTtls: options.maxStaleTtls,
      retry: options.retry,
    });
    this.signInReader = new SignInReader({
      http: this.http,
      clock: options.clock,
      logger: options.logger,
      budgets: this.budgets,
      signInLookbackHours: options.signInLookbackHours,
      maxBudgetWaitInMs: this.maxBudgetWaitInMs,
      retry: options.retry,
    });
    this.refresher = new RefreshLoop({
      name: "tenant-refresh",
      clock: options.clock,
      logger: options.logger,
      run: (abortSignal) => this.tenant.refreshDue(abortSignal),
      nextDelayInMs: () => this.tenant.nextRefreshInMs(),
      minDelayInMs: MIN_REFRESH_GAP_IN_MS,
    });
  }

  async readDirectoryFacts(userId: string, options: ReadOptions = {}): Promise<DirectoryFacts> {
    const abortSignal = options.abortSignal;
    const plan = this.signInReader.plan(userId);
    const [tenant, answers, shared] = await Promise.all([
      this.tenant.read(),
      this.readPerUser(userId, plan.kind === "ownSlot", abortSignal).finally(() => plan.kind === "ownSlot" && plan.done()),
      plan.kind === "shared" ? plan.result : undefined,
    ]);
    const user = mapUser(answers.get("user"));
    const signIns = shared ?? (answers.has("signIns") ? mapSignIns(answers.get("signIns")) : budgetBusy<SignInEvent[]>("signIns"));
    const facts: DirectoryFacts = {
      user,
      manager: mapManager(answers.get("manager")),
      taps: mapTaps(answers.get("taps")),
      methods: mapMethods(answers.get("methods")),
      membership: await this.completeMembership(membershipPage(answers.get("membership")), abortSignal),
      signIns,
      risk: riskOf(user, tenant),
      tapPolicy: tenant.tapPolicy,
      methodPolicies: tenant.methodPolicies,
      caPolicies: tenant.caPolicies,
      namedLocations: tenant.namedLocations,
      strengths: tenant.strengths,
      federation: federationOf(user, tenant),
    };
    const skipped = Object.entries(facts).filter(([, v]) => isUnchecked(v)).map(([k]) => k);
    this.logger.debug({ graph: { userId: user.id, skipped } }, "directory facts read");
    return facts;
  }

  async getRisk(userId: string): Promise<Check<RiskInfo | null>> {
    return riskOf({ id: userId }, await this.tenant.read());
  }

  /**
   * Keeps the tenant-wide values fresh in the background: the first round runs at once (warming the cache at
   * start), later ones when a value reaches its refresh-ahead point, so no diagnosis waits for tenant-wide reads.
   * Costs while idle, with the defaults: the risky-user list every 48 s, the rest every 4 min.
   */
  startBackgroundRefresh(): void {
    this.refresher.start();
  }

  /** Stops the background refresh (on shutdown); a round in flight finishes on its own. */
  stopBackgroundRefresh(): void {
    this.refresher.stop();
  }

  /** Refreshes now every tenant-wide value that is due, missing or failed; resolves when done (warm-up, tests). */
  refreshTenantFacts(): Promise<void> {
    return this.tenant.refreshDue();
  }

  async findUsers(query: string, options: ReadOptions = {}): Promise<UserSearchResult[]> {
    const q = query.trim();
    if (q === "") return [];
    const lit = odataString(q);
    const filter = `userPrincipalName eq ${lit} or mail eq ${lit} or startswith(displayName,${lit}) or startswith(userPrincipalName,${lit})`;
    const answer = await this.http.send({
      method: "GET",
      path: `/users${queryString({ $filter: filter, $select: SEARCH_SELECT, $top: 10 })}`,
      abortSignal: options.abortSignal,
    });
    const page = answer.status === 200 ? asCollection<UserDto>(answer.body) : undefined;
    if (!page) throw toHelpdeskError("user", { ...answer, status: answer.status === 404 ? 400 : answer.status });
    const lower = q.toLowerCase();
    const exact = (u: UserDto) => u.userPrincipalName?.toLowerCase() === lower || u.mail?.toLowerCase() === lower;
    return [...page.value]
      .sort((a, b) => Number(exact(b)) - Number(exact(a)))
      .map((u) => ({ ...toPersonRef(u), accountEnabled: u.accountEnabled ?? undefined }));
  }

  async getMembership(userId: string, options: ReadOptions = {}): Promise<Membership> {
    const answer = await this.http.send({ method: "GET", path: membershipPath(userId), abortSignal: options.abortSignal });
    const first = answer.status === 200 ? asCollection<MemberOfDto>(answer.body) : undefined;
    if (!first) throw toHelpdeskError("membership", answer);
    const pages = await readRemainingPages(this.http, first, { maxPages: MEMBERSHIP_MAX_PAGES, abortSignal: options.abortSignal });
    // An authorization decision must not rest on a partial list.
    if (!pages.complete) throw toHelpdeskError("membership", pages.failure ?? { status: 0, body: undefined });
    return toMembership(pages.items);
  }

  async getManager(userId: string, options: ReadOptions = {}): Promise<PersonRef | null> {
    const answer = await this.http.send({ method: "GET", path: managerPath(userId), abortSignal: options.abortSignal });
    const manager = mapManager({ id: "manager", ...answer });
    if (!manager.ok) throw toHelpdeskError("manager", answer);
    return manager.value;
  }

  async getUser(userId: string, options: ReadOptions = {}): Promise<SubjectUser> {
    const answer = await this.http.send({ method: "GET", path: userPath(userId), abortSignal: options.abortSignal });
    return mapUser({ id: "user", ...answer });
  }

  getTapPolicy(): Promise<Check<TapPolicy>> {
    return this.tenant.tapPolicy();
  }

  /** `check setup`: the cached tenant policies plus one harmless probe per permission and licence (setup-probes.ts). */
  async probeSetup(personId: string, options: ReadOptions = {}): Promise<SetupGraphFacts> {
    const tenant = await this.tenant.read();
    return probeSetup(personId, tenant, {
      http: this.http,
      clock: this.clock,
      logger: this.logger,
      budgets: this.budgets,
      maxBudgetWaitInMs: SETUP_PROBE_MAX_BUDGET_WAIT_IN_MS,
      retry: this.retry,
      abortSignal: options.abortSignal,
    });
  }

  createTemporaryAccessPass(userId: string, options: CreateTapOptions = {}): Promise<CreatedTap> {
    return createTap(this.http, userId, options);
  }

  deleteTemporaryAccessPass(userId: string, tapId: string, options: ReadOptions = {}): Promise<{ requestId?: string }> {
    return deleteTap(this.http, userId, tapId, options.abortSignal);
  }

  /** The one per-user $batch; sign-ins are included when the person got a sign-in log slot of their own. */
  private async readPerUser(userId: string, includeSignIns: boolean, abortSignal?: AbortSignal): Promise<Map<string, SubResponse>> {
    const requests = perUserRequests(userId, { now: this.clock.now(), signInLookbackHours: this.signInLookbackHours, includeSignIns });
    return executeBatch(this.http, requests, { ...this.retry, clock: this.clock, logger: this.logger, abortSignal });
  }

  private async completeMembership(first: Check<CollectionDto<MemberOfDto>>, abortSignal?: AbortSignal): Promise<Check<Membership>> {
    if (!first.ok) return first;
    const pages = await readRemainingPages(this.http, first.value, { maxPages: MEMBERSHIP_MAX_PAGES, abortSignal });
    if (pages.complete) return checked(toMembership(pages.items));
    return pages.failure
      ? degrade("membership", pages.failure)
      : unchecked("couldn't read all group and role memberships: the person belongs to more groups than the bot reads at once");
  }

  /**
   * A reader for the pass scanner on the same transport and the same budgets as the diagnoses, so a scan's report,
   * audit-log and sign-in pages and a diagnosis's sign-in read never overdraw the tenant's reports budget together.
   */
  scanReader(options: Pick<GraphTapScanReaderOptions, "maxBudgetWaitInMs" | "maxReportPages"> = {}): GraphTapScanReader {
    return new GraphTapScanReader({ http: this.http, clock: this.clock, logger: this.logger, budgets: this.budgets, retry: this.retry, ...options });
  }

  // Live per-user reads for the moment of issuance (live-reads.ts), apart from the cached diagnosis reads above.

  getRiskNow(userId: string, options: ReadOptions = {}): Promise<LiveRisk> {
    return readRiskNow(this.http, userId, { budgets: this.budgets, maxBudgetWaitInMs: LIVE_RISK_MAX_BUDGET_WAIT_IN_MS, abortSignal: options.abortSignal });
  }

  listTemporaryAccessPasses(userId: string, options: ReadOptions = {}): Promise<TapInfo[]> {
    return listTapsNow(this.http, userId, options.abortSignal);
  }
}

function isUnchecked(value: unknown): boolean {
  return typeof value === "object" && value !== null && "ok" in value && value.ok === false;
}

/** The person's risk: their entry in the risky-user list, or none when the whole list was read. */
function riskOf(user: Pick<SubjectUser, "id">, tenant: TenantFacts): Check<RiskInfo | null> {
  if (!tenant.riskyUsers.ok) return tenant.riskyUsers;
  const entry = tenant.riskyUsers.value.byId.get(user.id);
  if (entry) return checked(entry);
  return tenant.riskyUsers.value.complete
    ? checked(null)
    : unchecked("couldn't check the person's risk state completely: the list of risky users is longer than the bot reads at once");
}

/** The federation setting of the person's UPN domain; null when that domain is managed. */
function federationOf(user: SubjectUser, tenant: TenantFacts): Check<DomainFederation | null> {
  if (!tenant.domains.ok) return tenant.domains;
  const domain = upnDomain(user.userPrincipalName);
  const state = tenant.domains.value.find((d) => d.id === domain);
  return state ? state.federation : checked(null);
}
