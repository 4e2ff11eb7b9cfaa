// Tenant-wide reads (policies, Conditional Access, strengths, domains, risky users) behind a TTL cache:
// a cold start fetches all missing ones in one $batch, respecting the Conditional Access / Identity Protection budget.
import type { Clock } from "../clock";
import type { Logger } from "../log";
import { checked, unchecked, type AuthStrength, type CaPolicy, type Check, type DomainFederation, type MethodPolicy, type NamedLocation, type RiskInfo, type TapPolicy } from "../triage/snapshot";
import { executeBatch, type BatchRequest, type SubResponse } from "./batch";
import type { GraphBudgets } from "./budgets";
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
const ALL_KEYS: readonly TenantKey[] = ["methodsPolicy", "caPolicies", "namedLocations", "strengths", "domains", "riskyUsers"];
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
  maxBudgetWaitInMs: number;
  retry?: RetryOptions;
}

/** Reads and caches tenant-wide facts; shared loads run without a caller's abort signal, since others may be waiting. */
export class TenantReader {
  private readonly cache: TtlCache<TenantCache>;
  private readonly ttlInMs: number;
  private readonly riskyTtlInMs: number;

  constructor(private readonly options: TenantReaderOptions) {
    this.cache = new TtlCache<TenantCache>(options.clock);
    this.ttlInMs = options.tenantCacheTtlSeconds * 1000;
    this.riskyTtlInMs = (options.riskyUsersTtlSeconds ?? 60) * 1000;
  }

  /** All tenant-wide facts; only missing or expired ones are fetched. */
  async read(): Promise<TenantFacts> {
    const v = await this.cache.getMany(ALL_KEYS, (missing) => this.load(missing));
    return { ...v.methodsPolicy, caPolicies: v.caPolicies, namedLocations: v.namedLocations, strengths: v.strengths, domains: v.domains, riskyUsers: v.riskyUsers };
  }

  /** Just the TAP policy (cached). */
  async tapPolicy(): Promise<Check<TapPolicy>> {
    const v = await this.cache.getMany(["methodsPolicy"], (missing) => this.load(missing));
    return v.methodsPolicy.tapPolicy;
  }

  private async load(missing: TenantKey[]): Promise<{ [K in TenantKey]?: Loaded<TenantCache[K]> }> {
    const out: { [K in TenantKey]?: Loaded<TenantCache[K]> } = {};
    const wanted = new Set(missing);
    // Conditional Access and Identity Protection share 1 request/s per tenant: each read takes its own slot.
    const [caSlot, locationsSlot, riskSlot] = await Promise.all([
      wanted.has("caPolicies") ? this.acquireCaSlot() : Promise.resolve(false),
      wanted.has("namedLocations") ? this.acquireCaSlot() : Promise.resolve(false),
      wanted.has("riskyUsers") ? this.acquireCaSlot() : Promise.resolve(false),
    ]);
    if (wanted.has("caPolicies") && !caSlot) out.caPolicies = { value: unchecked(budgetBusyReason("caPolicies")), ttlInMs: 0 };
    if (wanted.has("namedLocations") && !locationsSlot) out.namedLocations = { value: unchecked(budgetBusyReason("namedLocations")), ttlInMs: 0 };
    if (wanted.has("riskyUsers") && !riskSlot) out.riskyUsers = { value: unchecked(budgetBusyReason("risk")), ttlInMs: 0 };
    const requests: BatchRequest[] = missing
      .filter((k) => out[k] === undefined)
      // CA grant controls such as riskRemediation are evolvable enum members.
      .map((k) => ({ id: k, method: "GET", url: TENANT_PATHS[k], headers: k === "caPolicies" ? INCLUDE_UNKNOWN_ENUMS : undefined }));
    const answers = requests.length === 0 ? new Map<string, SubResponse>() : await executeBatch(this.options.http, requests, this.batchOptions());
    const answer = (key: TenantKey): SubResponse => answers.get(key) ?? { id: key, status: 0, headers: {}, body: undefined };
    for (const { id } of requests) {
      const key = id as TenantKey;
      if (key === "methodsPolicy") out.methodsPolicy = this.mapMethodsPolicy(answer(key));
      else if (key === "caPolicies") out.caPolicies = await this.mapCaPolicies(answer(key));
      else if (key === "namedLocations") out.namedLocations = await this.mapNamedLocations(answer(key));
      else if (key === "strengths") out.strengths = await this.mapStrengths(answer(key));
      else if (key === "domains") out.domains = await this.mapDomains(answer(key));
      else out.riskyUsers = await this.mapRiskyUsers(answer(key));
    }
    return out;
  }

  private acquireCaSlot(): Promise<boolean> {
    return this.options.budgets.acquire("conditionalAccessAndRisk", { maxWaitInMs: this.options.maxBudgetWaitInMs });
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

  private async mapCaPolicies(answer: SubResponse): Promise<Loaded<Check<CaPolicy[]>>> {
    const first = answer.status === 200 ? asCollection<CaPolicyDto>(answer.body) : undefined;
    if (!first) return this.failed("caPolicies", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 10, beforeNextPage: () => this.acquireCaSlot() });
    if (!pages.complete) return pages.failure ? this.failed("caPolicies", pages.failure) : { value: unchecked(budgetBusyReason("caPolicies")), ttlInMs: 0 };
    return { value: checked(pages.items.map(toCaPolicy)), ttlInMs: this.ttlInMs };
  }

  private async mapNamedLocations(answer: SubResponse): Promise<Loaded<Check<NamedLocation[]>>> {
    const first = answer.status === 200 ? asCollection<NamedLocationDto>(answer.body) : undefined;
    if (!first) return this.failed("namedLocations", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 10, beforeNextPage: () => this.acquireCaSlot() });
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

  private async mapRiskyUsers(answer: SubResponse): Promise<Loaded<Check<RiskyUsers>>> {
    const first = answer.status === 200 ? asCollection<RiskyUserDto>(answer.body) : undefined;
    if (!first) return this.failed("riskyUsers", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 5, beforeNextPage: () => this.acquireCaSlot() });
    const byId = new Map<string, RiskInfo>();
    for (const r of pages.items) if (r.id) byId.set(r.id, toRiskInfo(r));
    // An incomplete list is still useful (a listed person is certainly at risk), but must not be kept long.
    return { value: checked({ byId, complete: pages.complete }), ttlInMs: pages.complete ? this.riskyTtlInMs : 0 };
  }

  private async mapDomains(answer: SubResponse): Promise<Loaded<Check<DomainState[]>>> {
    const first = answer.status === 200 ? asCollection<DomainDto>(answer.body) : undefined;
    if (!first) return this.failed("domains", answer);
    const pages = await readRemainingPages(this.options.http, first, { maxPages: 10 });
    if (!pages.complete) return this.failed("domains", pages.failure ?? { status: 0, body: undefined });
    const domains = pages.items.filter((d): d is DomainDto & { id: string } => typeof d.id === "string");
    const federated = domains.filter((d) => d.authenticationType?.toLowerCase() === "federated");
    const requests: BatchRequest[] = federated.map((d, i) => ({ id: `fed${i}`, method: "GET", url: `/domains/${segment(d.id)}/federationConfiguration` }));
    const answers = requests.length === 0 ? new Map<string, SubResponse>() : await executeBatch(this.options.http, requests, this.batchOptions());
    let ttlInMs = this.ttlInMs;
    const states = domains.map((d): DomainState => {
      const i = federated.indexOf(d);
      if (i < 0) return { id: d.id.toLowerCase(), federation: checked(null) };
      const fed = answers.get(`fed${i}`) ?? { status: 0, body: undefined };
      const configs = fed.status === 200 ? asCollection<DomainFederationDto>(fed.body) : undefined;
      if (!configs) {
        const failure = this.failed<DomainFederation | null>("domains", fed);
        ttlInMs = Math.min(ttlInMs, failure.ttlInMs);
        return { id: d.id.toLowerCase(), federation: failure.value };
      }
      return { id: d.id.toLowerCase(), federation: checked(toDomainFederation(d.id, configs.value[0])) };
    });
    return { value: checked(states), ttlInMs };
  }
}
