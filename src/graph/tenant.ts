// Tenant-wide reads (policies, Conditional Access, named locations, strengths, domains, risky users) behind a TTL cache
// that is refreshed ahead of expiry and serves the last good value (bounded) while a refresh runs or fails transiently.
// Unbudgeted reads (methods policy, strengths, domains and the federation settings of domains known to be federated)
// go out in one $batch; each Conditional Access / Identity Protection read goes out alone at its own slot of the
// shared 1-per-second budget (graph-tap-facts §9, §11), in parallel with that batch.
import type { Clock } from "../clock";
import { failureFields } from "../errors";
import type { Logger } from "../log";
import { checked, unchecked, type AuthStrength, type CaPolicy, type Check, type DomainFederation, type MethodPolicy, type NamedLocation, type RiskInfo, type TapPolicy } from "../triage/snapshot";
import { executeBatch, type BatchRequest, type SubResponse } from "./batch";
import { BudgetChain, type GraphBudgets } from "./budgets";
import { TtlCache, type Loaded } from "./cache";
import { budgetBusyReason, describeFailure, type GraphFact } from "./degrade";
import { asCollection, asEntity, type AuthMethodsPolicyDto, type AuthStrengthDto, type CaPolicyDto, type DomainDto, type DomainFederationDto, type NamedLocationDto, type RiskyUserDto } from "./dto";
import type { GraphHttp } from "./http";
import { findTapConfig, toAuthStrength, toCaPolicy, toDomainFederation, toMethodPolicies, toNamedLocation, toRiskInfo, toTapPolicy } from "./mappers";
import { odataString, queryString, segment } from "./odata";
import { readRemainingPages } from "./pages";
import type { RetryOptions } from "./retry";
import { INCLUDE_UNKNOWN_ENUMS } from "./user-reads";

/** A verified domain and, when federated, its federation setting. `null` federation means managed. */
export interface DomainState {
  id: string;
  federation: Check<DomainFederation | null>;
}

/** Risky users in state atRisk or confirmedCompromised; `complete` is false when not every page could be read. */
export interface RiskyUsers {
  byId: ReadonlyMap<string, RiskInfo>;
  complete: boolean;
}

/** Everything tenant-wide a diagnosis reads. */
export interface TenantFacts {
  tapPolicy: Check<TapPolicy>;
  methodPolicies: Check<MethodPolicy[]>;
  caPolicies: Check<CaPolicy[]>;
  namedLocations: Check<NamedLocation[]>;
  strengths: Check<AuthStrength[]>;
  domains: Check<DomainState[]>;
  riskyUsers: Check<RiskyUsers>;
}

interface TenantCache {
  methodsPolicy: { tapPolicy: Check<TapPolicy>; methodPolicies: Check<MethodPolicy[]> };
  caPolicies: Check<CaPolicy[]>;
  namedLocations: Check<NamedLocation[]>;
  strengths: Check<AuthStrength[]>;
  domains: Check<DomainState[]>;
  riskyUsers: Check<RiskyUsers>;
}

type TenantKey = keyof TenantCache;
type TenantLoad = { [K in TenantKey]?: Loaded<TenantCache[K]> };
const ALL_KEYS: readonly TenantKey[] = ["methodsPolicy", "caPolicies", "namedLocations", "strengths", "domains", "riskyUsers"];
/** The reads that share the 1 request/s Identity Protection + Conditional Access budget, in the order they take slots. */
const BUDGETED_KEYS: readonly TenantKey[] = ["caPolicies", "riskyUsers", "namedLocations"];
const RISKY_FILTER = `riskState eq ${odataString("atRisk")} or riskState eq ${odataString("confirmedCompromised")}`;

/** The relative URL of each tenant-wide read. */
export const TENANT_PATHS: Readonly<Record<TenantKey, string>> = {
  methodsPolicy: "/policies/authenticationMethodsPolicy",
  caPolicies: "/identity/conditionalAccess/policies",
  namedLocations: "/identity/conditionalAccess/namedLocations",
  strengths: "/policies/authenticationStrengthPolicies",
  domains: `/domains${queryString({ $select: "id,authenticationType" })}`,
  riskyUsers: `/identityProtection/riskyUsers${queryString({ $filter: RISKY_FILTER })}`,
};

const KEY_FACT: Record<TenantKey, GraphFact> = {
  methodsPolicy: "tapPolicy",
  caPolicies: "caPolicies",
  namedLocations: "namedLocations",
  strengths: "strengths",
  domains: "federation",
  riskyUsers: "risk",
};

/** Transport, clock, budgets and TTLs for the tenant-wide reads. */
export interface TenantReaderOptions {
  http: GraphHttp;
  clock: Clock;
  logger: Logger;
  budgets: GraphBudgets;
  /** TTL of policies, CA, strengths and domains. */
  tenantCacheTtlSeconds: number;
  /** Risk changes faster than policy. */
  riskyUsersTtlSeconds?: number;
  /** How long a person may wait for a budget slot (cold start only). */
  maxBudgetWaitInMs: number;
  /** How long a background refresh (nobody waiting) may wait for a budget slot; default 30 s. */
  backgroundBudgetWaitInMs?: number;
  /** Refresh a value once it reaches this fraction of its TTL; default 0.8. */
  refreshAheadFraction?: number;
  /** Serve a value at most this many TTLs past its TTL while refreshes fail transiently; default 3. Beyond it: unchecked. */
  maxStaleTtls?: number;
  retry?: RetryOptions;
}

/** Refresh ahead at 80 % of the TTL, so a running refresher replaces values before anyone sees them expire. */
export const DEFAULT_REFRESH_AHEAD_FRACTION = 0.8;
/** Stale values (e.g. Graph down) are served up to 3 TTLs past expiry: 15 min for policy, 3 min for risk by default. */
export const DEFAULT_MAX_STALE_TTLS = 3;
const DEFAULT_BACKGROUND_BUDGET_WAIT_IN_MS = 30_000;
const INCOMPLETE_RISKY_TTL_IN_MS = 15_000;

const noAnswer = (id: string): SubResponse => ({ id, status: 0, headers: {}, body: undefined });
const fedId = (domain: string) => `fed:${domain.toLowerCase()}`;
const fedRequest = (domain: string): BatchRequest => ({ id: fedId(domain), method: "GET", url: `/domains/${segment(domain)}/federationConfiguration` });

/** Reads and caches tenant-wide facts; shared loads run without a caller's abort signal, since others may be waiting. */
export class TenantReader {
  private readonly cache: TtlCache<TenantCache>;
  private readonly ttlInMs: number;
  private readonly riskyTtlInMs: number;
  private readonly aheadFraction: number;
  private readonly backgroundWaitInMs: number;
  private readonly foreground: (missing: TenantKey[]) => Promise<TenantLoad>;
  private readonly background: (missing: TenantKey[]) => Promise<TenantLoad>;
  /** The tail of the queue of budgeted reads. */
  private budgetLane: Promise<unknown> = Promise.resolve();
  /** Domains last seen federated: their federation settings are read in the same $batch as /domains. */
  private knownFederated: string[] = [];

  constructor(private readonly options: TenantReaderOptions) {
    this.cache = new TtlCache<TenantCache>(options.clock, {
      maxStaleTtls: options.maxStaleTtls ?? DEFAULT_MAX_STALE_TTLS,
      onBackgroundError: (err: unknown) => options.logger.warn({ event: "tenant_refresh_failed", ...failureFields(err), err }, "tenant-wide refresh failed"),
    });
    this.ttlInMs = options.tenantCacheTtlSeconds * 1000;
    this.riskyTtlInMs = (options.riskyUsersTtlSeconds ?? 60) * 1000;
    this.aheadFraction = options.refreshAheadFraction ?? DEFAULT_REFRESH_AHEAD_FRACTION;
    this.backgroundWaitInMs = options.backgroundBudgetWaitInMs ?? DEFAULT_BACKGROUND_BUDGET_WAIT_IN_MS;
    this.foreground = (missing) => this.load(missing, options.maxBudgetWaitInMs);
    this.background = (missing) => this.load(missing, this.backgroundWaitInMs);
  }

  /** All tenant-wide facts: cached (possibly stale, then refreshed in the background); only missing ones are awaited. */
  async read(): Promise<TenantFacts> {
    const v = await this.cache.getMany(ALL_KEYS, this.foreground, this.background);
    return { ...v.methodsPolicy, caPolicies: v.caPolicies, namedLocations: v.namedLocations, strengths: v.strengths, domains: v.domains, riskyUsers: v.riskyUsers };
  }

  /** Just the TAP policy (cached). */
  async tapPolicy(): Promise<Check<TapPolicy>> {
    const v = await this.cache.getMany(["methodsPolicy"], this.foreground, this.background);
    return v.methodsPolicy.tapPolicy;
  }

  /**
   * Reloads every value that reached its refresh-ahead point, failed, or was never loaded; resolves when done.
   * `abortSignal` (shutdown) stops waiting for budget slots and retries.
   */
  async refreshDue(abortSignal?: AbortSignal): Promise<void> {
    const now = this.options.clock.now().getTime();
    const due = ALL_KEYS.filter((k) => (this.cache.dueAt(k, this.aheadFraction) ?? now) <= now);
    const load = abortSignal ? (missing: TenantKey[]) => this.load(missing, this.backgroundWaitInMs, abortSignal) : this.background;
    if (due.length > 0) await this.cache.refresh(due, load);
  }

  /** Milliseconds until the next value reaches its refresh-ahead point (0 when one is due now). */
  nextRefreshInMs(): number {
    const now = this.options.clock.now().getTime();
    const dueTimes = ALL_KEYS.map((k) => this.cache.dueAt(k, this.aheadFraction) ?? now);
    return Math.max(0, Math.min(...dueTimes) - now);
  }

  private async load(missing: TenantKey[], maxWaitInMs: number, abortSignal?: AbortSignal): Promise<TenantLoad> {
    const plain = missing.filter((k) => !BUDGETED_KEYS.includes(k));
    const budgeted = BUDGETED_KEYS.filter((k) => missing.includes(k));
    // The budgeted reads queue one behind another (about a second apart); the unbudgeted $batch runs meanwhile.
    const parts = await Promise.all([this.loadUnbudgeted(plain, abortSignal), ...budgeted.map((k) => this.loadBudgeted(k, maxWaitInMs, abortSignal))]);
    return Object.assign({}, ...parts) as TenantLoad;
  }

  /**
   * One Identity Protection / Conditional Access read: its own slot, its own request (never two in one $batch).
   * Budgeted reads run one at a time, each a full window after the previous answer arrived (see BudgetChain).
   */
  private loadBudgeted(key: TenantKey, maxWaitInMs: number, abortSignal?: AbortSignal): Promise<TenantLoad> {
    return this.serially(async () => {
      const slots = new BudgetChain(this.options.budgets, "conditionalAccessAndRisk", { maxWaitInMs, abortSignal });
      try {
        if (!(await slots.next())) return { [key]: { value: unchecked(budgetBusyReason(KEY_FACT[key])), ttlInMs: 0 } };
        // CA grant controls such as riskRemediation are evolvable enum members.
        const request: BatchRequest = { id: key, method: "GET", url: TENANT_PATHS[key], headers: key === "caPolicies" ? INCLUDE_UNKNOWN_ENUMS : undefined };
        const answer = (await executeBatch(this.options.http, [request], { ...this.batchOptions(), abortSignal })).get(key) ?? noAnswer(key);
        if (key === "caPolicies") return { caPolicies: await this.mapCaPolicies(answer, slots) };
        if (key === "namedLocations") return { namedLocations: await this.mapNamedLocations(answer, slots) };
        return { riskyUsers: await this.mapRiskyUsers(answer, slots) };
      } finally {
        slots.finish();
      }
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.budgetLane.then(work, work);
    // swallow-ok: the lane only orders the reads; `run`'s caller gets its rejection.
    this.budgetLane = run.catch(() => undefined);
    return run;
  }

  /** Methods policy, strengths and domains in one $batch, with the federation settings of domains known to be federated. */
  private async loadUnbudgeted(keys: TenantKey[], abortSignal?: AbortSignal): Promise<TenantLoad> {
    if (keys.length === 0) return {};
    const requests: BatchRequest[] = keys.map((k) => ({ id: k, method: "GET", url: TENANT_PATHS[k] }));
    if (keys.includes("domains")) requests.push(...this.knownFederated.map(fedRequest));
    const answers = await executeBatch(this.options.http, requests, { ...this.batchOptions(), abortSignal });
    const answer = (key: TenantKey): SubResponse => answers.get(key) ?? noAnswer(key);
    const out: TenantLoad = {};
    if (keys.includes("methodsPolicy")) out.methodsPolicy = this.mapMethodsPolicy(answer("methodsPolicy"));
    if (keys.includes("strengths")) out.strengths = await this.mapStrengths(answer("strengths"));
    if (keys.includes("domains")) out.domains = await this.mapDomains(answer("domains"), answers);
    return out;
  }

  private batchOptions() {
    return { ...this.options.retry, clock: this.options.clock, logger: this.options.logger };
  }

  private failed<T>(key: TenantKey, answer: { status: number; body: unknown }): Loaded<Check<T>> {
    const d = describeFailure(KEY_FACT[key], answer);
    return { value: unchecked<T>(d.reason), ttlInMs: d.transient ? 0 : this.ttlFor(key) };
  }

  private ttlFor(key: TenantKey): number {
    return key === "riskyUsers" ? this.riskyTtlInMs : this.ttlInMs;
  }

  private mapMethodsPolicy(answer: SubResponse): Loaded<TenantCache["methodsPolicy"]> {
    const policy = answer.status === 200 ? asEntity<AuthMethodsPolicyDto>(answer.body) : undefined;
    if (!policy) {
      const f = this.failed<never>("methodsPolicy", answer);
      return { value: { tapPolicy: f.value, methodPolicies: f.value }, ttlInMs: f.ttlInMs };
    }
    const tap = findTapConfig(policy);
    return {
      value: {
        tapPolicy: tap ? checked(toTapPolicy(tap)) : unchecked("couldn't find the Temporary Access Pass settings in the authentication methods policy"),
        methodPolicies: checked(toMethodPolicies(policy)),
      },
      ttlInMs: this.ttlInMs,
    };
  }

  private async mapCaPolicies(answer: SubResponse, slots: BudgetChain): Promise<Loaded<Check<CaPolicy[]>>> {
    const first = answer.status === 200 ? asCollection<CaPolicyDto>(answer.body) : undefined;
    if (!first) return this.failed("caPolicies", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 10, beforeNextPage: () => slots.next() });
    if (!pages.complete) return pages.failure ? this.failed("caPolicies", pages.failure) : { value: unchecked(budgetBusyReason("caPolicies")), ttlInMs: 0 };
    return { value: checked(pages.items.map(toCaPolicy)), ttlInMs: this.ttlInMs };
  }

  private async mapNamedLocations(answer: SubResponse, slots: BudgetChain): Promise<Loaded<Check<NamedLocation[]>>> {
    const first = answer.status === 200 ? asCollection<NamedLocationDto>(answer.body) : undefined;
    if (!first) return this.failed("namedLocations", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 10, beforeNextPage: () => slots.next() });
    if (!pages.complete) return pages.failure ? this.failed("namedLocations", pages.failure) : { value: unchecked(budgetBusyReason("namedLocations")), ttlInMs: 0 };
    return { value: checked(pages.items.map(toNamedLocation)), ttlInMs: this.ttlInMs };
  }

  private async mapStrengths(answer: SubResponse): Promise<Loaded<Check<AuthStrength[]>>> {
    const first = answer.status === 200 ? asCollection<AuthStrengthDto>(answer.body) : undefined;
    if (!first) return this.failed("strengths", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 10 });
    if (!pages.complete) return this.failed("strengths", pages.failure ?? { status: 0, body: undefined });
    return { value: checked(pages.items.map(toAuthStrength)), ttlInMs: this.ttlInMs };
  }

  private async mapRiskyUsers(answer: SubResponse, slots: BudgetChain): Promise<Loaded<Check<RiskyUsers>>> {
    const first = answer.status === 200 ? asCollection<RiskyUserDto>(answer.body) : undefined;
    if (!first) return this.failed("riskyUsers", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 5, beforeNextPage: () => slots.next() });
    const byId = new Map<string, RiskInfo>();
    for (const r of pages.items) if (r.id) byId.set(r.id, toRiskInfo(r));
    // An incomplete list is still useful (a listed person is certainly at risk), but must not be kept long; not 0 either,
    // or the background refresh would re-read every page at its fastest pace and eat the shared 1-per-second budget.
    return { value: checked({ byId, complete: pages.complete }), ttlInMs: pages.complete ? this.riskyTtlInMs : Math.min(this.riskyTtlInMs, INCOMPLETE_RISKY_TTL_IN_MS) };
  }

  private async mapDomains(answer: SubResponse, prefetched: ReadonlyMap<string, SubResponse>): Promise<Loaded<Check<DomainState[]>>> {
    const first = answer.status === 200 ? asCollection<DomainDto>(answer.body) : undefined;
    if (!first) return this.failed("domains", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 10 });
    if (!pages.complete) return this.failed("domains", pages.failure ?? { status: 0, body: undefined });
    const domains = pages.items.filter((d): d is DomainDto & { id: string } => typeof d.id === "string");
    const federated = domains.filter((d) => d.authenticationType?.toLowerCase() === "federated").map((d) => d.id);
    this.knownFederated = federated;
    // Only a domain that became federated since the last read costs a second round trip.
    const unknown = federated.filter((d) => !prefetched.has(fedId(d)));
    const more = unknown.length === 0 ? new Map<string, SubResponse>() : await executeBatch(this.options.http, unknown.map(fedRequest), this.batchOptions());
    let ttlInMs = this.ttlInMs;
    const states = domains.map((d): DomainState => {
      if (!federated.includes(d.id)) return { id: d.id.toLowerCase(), federation: checked(null) };
      const state = this.federationState(d.id, prefetched.get(fedId(d.id)) ?? more.get(fedId(d.id)) ?? noAnswer(fedId(d.id)));
      ttlInMs = Math.min(ttlInMs, state.ttlInMs);
      return { id: d.id.toLowerCase(), federation: state.value };
    });
    return { value: checked(states), ttlInMs };
  }

  private federationState(domain: string, fed: SubResponse): Loaded<Check<DomainFederation | null>> {
    const configs = fed.status === 200 ? asCollection<DomainFederationDto>(fed.body) : undefined;
    if (!configs) return this.failed<DomainFederation | null>("domains", fed);
    return { value: checked(toDomainFederation(domain, configs.value[0])), ttlInMs: this.ttlInMs };
  }
}
