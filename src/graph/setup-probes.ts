// `check setup`'s reads: one harmless read per permission or licence the bot relies on (GETs of the admin's own entries
// or $top=1 lists), plus the names of the groups the policies target. Values the tenant cache already holds count as
// present without a request; only a failed one is probed again, to tell a missing permission from a missing licence.
// Conditional Access and Identity Protection probes each take their own slot of the shared 1-per-second budget; the
// reports probes (sign-ins, directory audits, registration report) take slots of the 5-per-10-seconds one.
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { ProbeId, ProbeResult, SetupFacts } from "../setup/facts";
import type { Check } from "../triage/snapshot";
import { executeBatch, type BatchRequest, type SubResponse } from "./batch";
import { BudgetChain, type GraphBudgets } from "./budgets";
import { describeFailure, graphError, type FailedRead } from "./degrade";
import { asEntity } from "./dto";
import type { GraphSender } from "./http";
import { queryString, segment } from "./odata";
import type { RetryOptions } from "./retry";
import type { TenantFacts } from "./tenant";

/** Everything `check setup` reads from Graph (the audit-trail evidence for writes comes from the store). */
export type SetupGraphFacts = Omit<SetupFacts, "lastWrite">;

/** Transport, budgets and bounds for the probes. */
export interface SetupProbeOptions {
  http: GraphSender;
  clock: Clock;
  logger: Logger;
  budgets: GraphBudgets;
  /** How long one probe may queue for its budget slot before it reads as "couldn't check right now". */
  maxBudgetWaitInMs: number;
  retry?: RetryOptions;
  abortSignal?: AbortSignal;
}

/** An admin waits for the card: a few budget slots at most. */
export const SETUP_PROBE_MAX_BUDGET_WAIT_IN_MS = 5_000;

/** The harmless read behind each probe; `me` is the admin who asked (their own entries are read). */
export const PROBE_PATHS: Readonly<Record<ProbeId, (me: string) => string>> = {
  user: (me) => `/users/${segment(me)}${queryString({ $select: "id" })}`,
  membership: (me) => `/users/${segment(me)}/transitiveMemberOf${queryString({ $top: 1, $select: "id" })}`,
  // Neither authentication-method list takes query options.
  taps: (me) => `/users/${segment(me)}/authentication/temporaryAccessPassMethods`,
  methods: (me) => `/users/${segment(me)}/authentication/methods`,
  methodsPolicy: () => "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
  caPolicies: () => `/identity/conditionalAccess/policies${queryString({ $top: 1, $select: "id" })}`,
  strengths: () => "/policies/authenticationStrengthPolicies",
  domains: () => `/domains${queryString({ $select: "id" })}`,
  signIns: () => `/auditLogs/signIns${queryString({ $top: 1 })}`,
  riskyUsers: () => `/identityProtection/riskyUsers${queryString({ $top: 1, $select: "id" })}`,
  directoryAudits: () => `/auditLogs/directoryAudits${queryString({ $top: 1 })}`,
  // The list takes only $filter and $orderby; one person's entry is the smallest read.
  registrationReport: (me) => `/reports/authenticationMethods/userRegistrationDetails/${segment(me)}`,
};

const PER_USER: readonly ProbeId[] = ["user", "membership", "taps", "methods"];
const REPORTS: readonly ProbeId[] = ["signIns", "directoryAudits", "registrationReport"];
const noAnswer = (id: string): SubResponse => ({ id, status: 0, headers: {}, body: undefined });

/** Why a probe couldn't tell, in words; never the URL or the error message (they may carry names). */
function uncheckedReason(failure: FailedRead): string {
  const { kind } = describeFailure("user", failure);
  const { code } = graphError(failure.body);
  if (kind === "throttled") return "Microsoft Graph is throttling requests";
  if (kind === "timeout") return "Microsoft Graph didn't answer in time";
  if (kind === "unavailable") return `Microsoft Graph had a problem (HTTP ${failure.status})`;
  if (kind === "auth") return "the bot couldn't sign in to Microsoft Graph";
  return `Microsoft Graph refused the read (HTTP ${failure.status}${code ? `, ${code}` : ""})`;
}

/** Present, missing permission, missing licence, or couldn't check — from one answer. */
export function classifyProbe(id: ProbeId, answer: FailedRead): ProbeResult {
  if (answer.status >= 200 && answer.status < 300) return { id, status: "present" };
  // No registration entry for this person is still an allowed read (a missing permission answers 403 first).
  if (id === "registrationReport" && answer.status === 404 && graphError(answer.body).code !== "BadRequest") return { id, status: "present" };
  const { kind } = describeFailure("user", answer);
  if (kind === "license") return { id, status: "missing_license" };
  if (kind === "permission") return { id, status: "missing_permission" };
  const transient = kind === "throttled" || kind === "timeout" || kind === "unavailable";
  return { id, status: "unchecked", reason: uncheckedReason(answer), transient };
}

/** The group ids the policies name, for their display names. */
function referencedGroups(tenant: TenantFacts): string[] {
  const ids = new Set<string>();
  const addTargets = (targets: readonly { id: string; targetType: string }[]) => {
    for (const t of targets) if (t.id !== "all_users" && t.targetType !== "user") ids.add(t.id);
  };
  if (tenant.tapPolicy.ok) [tenant.tapPolicy.value.includeTargets, tenant.tapPolicy.value.excludeTargets].forEach(addTargets);
  if (tenant.methodPolicies.ok) for (const m of tenant.methodPolicies.value) [m.includeTargets, m.excludeTargets].forEach(addTargets);
  if (tenant.caPolicies.ok) for (const p of tenant.caPolicies.value) [...p.users.includeGroups, ...p.users.excludeGroups].forEach((g) => ids.add(g));
  return [...ids];
}

/** Probes whose cached tenant value is fine need no request. */
function cachedProbes(tenant: TenantFacts): Partial<Record<ProbeId, Check<unknown>>> {
  return { methodsPolicy: tenant.tapPolicy, caPolicies: tenant.caPolicies, strengths: tenant.strengths, domains: tenant.domains, riskyUsers: tenant.riskyUsers };
}

class SetupProber {
  constructor(
    private readonly me: string,
    private readonly o: SetupProbeOptions,
  ) {}

  private batch(requests: BatchRequest[]): Promise<Map<string, SubResponse>> {
    if (requests.length === 0) return Promise.resolve(new Map<string, SubResponse>());
    return executeBatch(this.o.http, requests, { ...this.o.retry, clock: this.o.clock, logger: this.o.logger, abortSignal: this.o.abortSignal });
  }

  private request(id: ProbeId): BatchRequest {
    return { id, method: "GET", url: PROBE_PATHS[id](this.me) };
  }

  /** Per-user probes, re-probes of failed cached values and the group names, in one $batch. */
  async plain(ids: ProbeId[], groupIds: string[]): Promise<{ results: ProbeResult[]; groupNames: Record<string, string> }> {
    const groupRequests = groupIds.slice(0, 40).map((g, i): BatchRequest => ({ id: `group${i}`, method: "GET", url: `/groups/${segment(g)}${queryString({ $select: "id,displayName" })}` }));
    const answers = await this.batch([...ids.map((id) => this.request(id)), ...groupRequests]);
    const groupNames: Record<string, string> = {};
    groupRequests.forEach((r, i) => {
      const answer = answers.get(r.id);
      const group = answer?.status === 200 ? asEntity<{ displayName?: string | null }>(answer.body) : undefined;
      if (group?.displayName) groupNames[groupIds[i]] = group.displayName;
    });
    return { results: ids.map((id) => classifyProbe(id, answers.get(id) ?? noAnswer(id))), groupNames };
  }

  /** Each reports probe takes a slot of the 5-per-10-seconds budget first; those granted go out together. */
  async reports(): Promise<ProbeResult[]> {
    const granted: ProbeId[] = [];
    const busy: ProbeResult[] = [];
    for (const id of REPORTS) {
      const ok = await this.o.budgets.acquire("signInLogs", { maxWaitInMs: this.o.maxBudgetWaitInMs, abortSignal: this.o.abortSignal });
      if (ok) granted.push(id);
      else busy.push({ id, status: "unchecked", reason: "the tenant's reports budget is busy", transient: true });
    }
    const answers = await this.batch(granted.map((id) => this.request(id)));
    return [...granted.map((id) => classifyProbe(id, answers.get(id) ?? noAnswer(id))), ...busy];
  }

  /** A Conditional Access / Identity Protection probe: its own slot, its own request (never two in one $batch). */
  async budgeted(id: ProbeId): Promise<ProbeResult> {
    const slot = new BudgetChain(this.o.budgets, "conditionalAccessAndRisk", { maxWaitInMs: this.o.maxBudgetWaitInMs, abortSignal: this.o.abortSignal });
    try {
      if (!(await slot.next())) return { id, status: "unchecked", reason: "the tenant's Conditional Access and Identity Protection budget is busy", transient: true };
      const answers = await this.batch([this.request(id)]);
      return classifyProbe(id, answers.get(id) ?? noAnswer(id));
    } finally {
      slot.finish();
    }
  }
}

/**
 * Probes every permission and licence for `check setup`, asked by the admin `personId` (whose own entries are read).
 * `tenant` is the cached tenant-wide read; its policies are what the assessment judges.
 */
export async function probeSetup(personId: string, tenant: TenantFacts, options: SetupProbeOptions): Promise<SetupGraphFacts> {
  const prober = new SetupProber(personId, options);
  const cached = cachedProbes(tenant);
  const fromCache: ProbeResult[] = [];
  const again: ProbeId[] = [];
  for (const [id, check] of Object.entries(cached) as [ProbeId, Check<unknown>][]) {
    if (check.ok) fromCache.push({ id, status: "present" });
    else again.push(id);
  }
  const budgeted: ProbeId[] = again.filter((id) => id === "caPolicies" || id === "riskyUsers");
  const plainIds = [...PER_USER, ...again.filter((id) => !budgeted.includes(id))];
  const oneByOne = async (): Promise<ProbeResult[]> => {
    // Each starts a full window after the previous one's answer (see BudgetChain), so never two in the same second.
    const out: ProbeResult[] = [];
    for (const id of budgeted) out.push(await prober.budgeted(id));
    return out;
  };
  const [plain, reports, single] = await Promise.all([prober.plain(plainIds, referencedGroups(tenant)), prober.reports(), oneByOne()]);
  return {
    tapPolicy: tenant.tapPolicy,
    methodPolicies: tenant.methodPolicies,
    caPolicies: tenant.caPolicies,
    namedLocations: tenant.namedLocations,
    strengths: tenant.strengths,
    groupNames: plain.groupNames,
    probes: [...fromCache, ...plain.results, ...reports, ...single],
  };
}
