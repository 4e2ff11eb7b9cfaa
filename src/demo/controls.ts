// The knobs tests and benchmarks turn on the demo tenant: faults, latency, permissions, licenses, budgets, request log.

/** A scripted failure: the next `times` requests whose "METHOD /path?query" matches get `status`. */
export interface InjectedFault {
  /** Tested against `METHOD /path?query` (path below /v1.0, query decoded), e.g. /^GET \/auditLogs\/signIns/. */
  match: RegExp;
  status: number;
  /** How many matching requests fail; default 1, Infinity for all. */
  times?: number;
  /** Sent as the Retry-After header when set. */
  retryAfterSeconds?: number;
  /** The JSON body; defaults to Graph's error body for the status. */
  body?: unknown;
  /**
   * Performs the request first (e.g. creates the pass) and then answers with this fault instead: a gateway timeout
   * after the write. Applies only when the handler succeeded (a refused request keeps its answer).
   */
  afterWrite?: boolean;
}

/** One top-level HTTP request the tenant received. */
export interface RecordedRequest {
  method: string;
  /** Path below /v1.0 with its (decoded) query, e.g. `/users/abc?$select=id`. */
  path: string;
  at: Date;
  /** For $batch: the ids of the sub-requests, in request order. */
  batchIds?: string[];
  subRequests?: { method: string; url: string }[];
}

/** What a test or benchmark can change on a running demo tenant. */
export interface DemoControls {
  /** Delay (real time, for benchmarks) added before every HTTP response; a $batch counts once. Default 0. */
  setLatency(ms: number): void;
  /** Fails matching requests, top-level and inside $batch alike. */
  injectFault(f: InjectedFault): void;
  /** Withdraws an application permission: routes that need it answer Graph's 403. */
  denyPermission(permission: string): void;
  /** Tenant licenses: signIns and CA policies need P1, riskyUsers P2. */
  setLicenses(l: { p1: boolean; p2: boolean }): void;
  /**
   * Graph's per-tenant budgets: sign-in logs, directory audits and the registration report together 5 per 10 s (429
   * with Retry-After); Identity Protection and CA together 1 per s (429 without). Default on.
   */
  enforceBudgets(on: boolean): void;
  /** Switches the tenant TAP policy on or off (an admin in the portal: the audit log records it). */
  setTapPolicyState(state: "enabled" | "disabled"): void;
  /** Changes settings of a method configuration (TemporaryAccessPass, Fido2, MicrosoftAuthenticator) as an admin would. */
  updateMethodConfiguration(id: string, changes: Record<string, unknown>): void;
  /** Takes a new registration report snapshot of the directory as it is now (Entra does this every few hours). */
  refreshRegistrationReport(): void;
  /** Every top-level request since the start or the last reset. */
  requests(): RecordedRequest[];
  resetRequests(): void;
  /** Back to the seed: directory, faults, latency, permissions, licenses, budgets and the request log. */
  reset(): void;
}

interface Budget {
  match: RegExp;
  limit: number;
  windowMs: number;
  sendsRetryAfter: boolean;
}

// Graph's per-tenant limits (graph-tap-facts §9, §11): the identity-and-access reports — sign-in logs, directory audits
// and the authentication methods report — 5 per 10 s, read here as ONE budget they share (the strictest reading of the
// docs); Identity Protection and Conditional Access (riskyUsers, riskDetections, namedLocations, policies) share ONE
// budget of 1 per s for all apps, and those 429s carry no Retry-After header. Two of them in one $batch means one of
// them is throttled, as in Graph.
const BUDGETS: Budget[] = [
  { match: /^\/(auditLogs|reports)(\/|$)/i, limit: 5, windowMs: 10_000, sendsRetryAfter: true },
  { match: /^\/(identityProtection|identity\/conditionalAccess)(\/|$)/i, limit: 1, windowMs: 1_000, sendsRetryAfter: false },
];

/** The budget decision for one request. */
export type BudgetVerdict = { throttled: false } | { throttled: true; retryAfterSeconds?: number };

/** The mutable state behind DemoControls, shared by the HTTP layer, the router and $batch. */
export class ControlState {
  latencyMs = 0;
  licenses = { p1: true, p2: true };
  budgetsOn = true;
  log: RecordedRequest[] = [];
  private denied = new Set<string>();
  private faults: { fault: InjectedFault; remaining: number }[] = [];
  private windows = new Map<Budget, number[]>();

  addFault(fault: InjectedFault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  /** The first live fault matching `signature` for the phase (before or after the handler ran), consuming one use. */
  takeFault(signature: string, phase: "before" | "afterWrite" = "before"): InjectedFault | undefined {
    for (const entry of this.faults) {
      entry.fault.match.lastIndex = 0;
      if ((entry.fault.afterWrite === true) !== (phase === "afterWrite")) continue;
      if (entry.remaining > 0 && entry.fault.match.test(signature)) {
        entry.remaining -= 1;
        return entry.fault;
      }
    }
    return undefined;
  }

  deny(permission: string): void {
    this.denied.add(permission.toLowerCase());
  }

  /**
   * True when every permission that would let the app through was withdrawn. A route lists the alternatives Graph
   * accepts (least privileged first, e.g. UserAuthMethod-TAP.Read.All or UserAuthenticationMethod.Read.All): any one
   * granted is enough, as in Graph.
   */
  isDenied(permissions: string[]): boolean {
    return permissions.length > 0 && permissions.every((p) => this.denied.has(p.toLowerCase()));
  }

  /** Counts a request against its path's budget, or says it is throttled. Throttled requests are not counted. */
  checkBudget(path: string, nowMs: number): BudgetVerdict {
    if (!this.budgetsOn) return { throttled: false };
    const budget = BUDGETS.find((b) => b.match.test(path));
    if (!budget) return { throttled: false };
    const recent = (this.windows.get(budget) ?? []).filter((t) => t > nowMs - budget.windowMs);
    if (recent.length >= budget.limit) {
      this.windows.set(budget, recent);
      if (!budget.sendsRetryAfter) return { throttled: true };
      return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + budget.windowMs - nowMs) / 1000)) };
    }
    recent.push(nowMs);
    this.windows.set(budget, recent);
    return { throttled: false };
  }

  /** Everything back to defaults (the directory is reseeded by the owner). */
  clear(): void {
    this.latencyMs = 0;
    this.licenses = { p1: true, p2: true };
    this.budgetsOn = true;
    this.log = [];
    this.denied.clear();
    this.faults = [];
    this.windows.clear();
  }
}
