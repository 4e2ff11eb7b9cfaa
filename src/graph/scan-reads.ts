// The pass scanner's reads (the TapScanReader port) on Microsoft Graph. Pass holders are found without reading every
// user: the registration report filtered to pass holders, the directory audit log for what is newer than the report,
// and the sign-in logs for pass-related failures — all three in the tenant's reports budget of 5 requests per 10 s,
// shared with the diagnoses' sign-in reads (one GraphBudgets), each page at its own slot. Each holder's methods are
// then read once, 20 to a JSON $batch. A missing permission or license degrades one source with a plain reason.
import type { PermanentMethod, PolicyChangeEvent, TapAuditEvent, TapSignInFailure } from "../alerts/scan-input";
import type { Clock } from "../clock";
import { isHelpdeskError } from "../errors";
import type { Logger } from "../log";
import { KNOWN_SIGN_IN_ERRORS } from "../triage/aadsts";
import { checked, unchecked, type Check, type MethodPolicy, type TapPolicy } from "../triage/snapshot";
import { executeBatch, type BatchRequest, type SubResponse } from "./batch";
import { BudgetChain, REPORTS_BUCKET, type GraphBudgets } from "./budgets";
import { budgetBusyReason, degrade, describeFailure, type GraphFact } from "./degrade";
import { asCollection, asEntity, type TapDto, type AuthMethodDto, type AuthMethodsPolicyDto, type DirectoryAuditDto, type RegistrationDetailsDto, type SignInDto } from "./dto";
import type { GraphCall, GraphResult, GraphSender } from "./http";
import { findTapConfig, toDate, toMethodKind, toMethodPolicies, toTapInfo, toTapPolicy } from "./mappers";
import { odataDateTime, odataString, queryString, relativeFromNextLink, segment } from "./odata";
import type { HolderRead, PagedRead, ReadOptions, ReportHolder, TapScanReader } from "./port";
import type { RetryOptions } from "./retry";
import { AttemptCounter } from "./telemetry";
import { TENANT_PATHS } from "./tenant";

/**
 * How the registration report names a pass in `methodsRegistered` — seen in community scripts, not in the enum docs
 * (graph-tap-facts §3, §11), so it lives here and nowhere else.
 */
export const TAP_REPORT_METHOD = "temporaryAccessPass";

/** The audit log's service for authentication-method events. */
export const AUTH_METHODS_SERVICE = "Authentication Methods";

/** AADSTS 1305xx: the pass-related sign-in errors. */
export const isTapSignInError = (code: number): boolean => code >= 130500 && code <= 130599;

/**
 * The 1305xx codes the sign-in filter asks for. `status/errorCode` is documented for `eq` only (no ranges), so the
 * filter names each known code; answers are checked against the whole 1305xx range again on our side.
 */
export const TAP_SIGN_IN_ERROR_CODES: readonly number[] = KNOWN_SIGN_IN_ERRORS.map((e) => e.code).filter(isTapSignInError);

const PERMANENT_KINDS: ReadonlySet<string> = new Set<PermanentMethod["kind"]>(["fido2", "microsoftAuthenticator", "windowsHelloForBusiness", "platformCredential"]);
const TAP_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethod";

/**
 * The report filtered to pass holders. Its list API documents only $filter and $orderby (no $select, no $top), so
 * nothing else is asked for and the page size is Graph's.
 */
export const reportHoldersPath = (): string =>
  `/reports/authenticationMethods/userRegistrationDetails${queryString({ $filter: `methodsRegistered/any(m:m eq ${odataString(TAP_REPORT_METHOD)})` })}`;

/** Authentication-method events since `since` (resultReason isn't filterable: passes are picked out on our side). */
export const tapAuditPath = (since: Date): string =>
  `/auditLogs/directoryAudits${queryString({ $filter: `loggedByService eq ${odataString(AUTH_METHODS_SERVICE)} and activityDateTime ge ${odataDateTime(since)}` })}`;

/** Sign-ins since `since` that failed with a known pass error; 1,000 per page (Graph's maximum). */
export const tapFailuresPath = (since: Date): string => {
  const codes = TAP_SIGN_IN_ERROR_CODES.map((c) => `status/errorCode eq ${c}`).join(" or ");
  return `/auditLogs/signIns${queryString({ $filter: `createdDateTime ge ${odataDateTime(since)} and (${codes})`, $top: 1000 })}`;
};

/** `/users/{id}/authentication/temporaryAccessPassMethods`: the pass alone (needs only UserAuthMethod-TAP.Read.All). */
export const tapOnlyPath = (userId: string): string => `/users/${segment(userId)}/authentication/temporaryAccessPassMethods`;

/** `/users/{id}/authentication/methods`: the pass with its state, beside every other method (never the pass value). */
export const holderMethodsPath = (userId: string): string => `/users/${segment(userId)}/authentication/methods`;

/** A report row as a holder; undefined when the row doesn't list a pass after all. */
export function toReportHolder(r: RegistrationDetailsDto): ReportHolder | undefined {
  if (!r.id) return undefined;
  if (Array.isArray(r.methodsRegistered) && !r.methodsRegistered.some((m) => m.toLowerCase() === TAP_REPORT_METHOD.toLowerCase())) return undefined;
  return { userId: r.id, displayName: r.userDisplayName ?? undefined, userPrincipalName: r.userPrincipalName ?? undefined, reportedAt: toDate(r.lastUpdatedDateTime) };
}

/**
 * A pass registered or deleted, from an "Authentication Methods" audit entry: "Admin registered security info" /
 * "Admin deleted security info" (and the "User …" forms) whose resultReason names the temporary access pass.
 */
export function toTapAuditEvent(a: DirectoryAuditDto): TapAuditEvent | undefined {
  if (a.result && a.result !== "success") return undefined;
  if (!/temporary access pass/i.test(a.resultReason ?? "")) return undefined;
  const activity = a.activityDisplayName ?? "";
  const kind = /\bdeleted\b/i.test(activity) ? "deleted" : /\bregistered\b/i.test(activity) ? "registered" : undefined;
  const target = (a.targetResources ?? []).find((t) => (t.type ?? t.Type ?? "").toLowerCase() === "user" && t.id);
  const at = toDate(a.activityDateTime);
  if (!kind || !target?.id || !at) return undefined;
  const initiatedBy = a.initiatedBy?.user?.userPrincipalName ?? a.initiatedBy?.app?.displayName ?? undefined;
  return { userId: target.id, userPrincipalName: target.userPrincipalName ?? undefined, displayName: target.displayName ?? undefined, kind, at, initiatedBy };
}

/**
 * A methods-policy change: "Authentication Methods Policy Update" (wording from the reference notes, UNVERIFIED against
 * a live tenant), its target the configuration, its modified properties the settings that changed.
 */
export function toPolicyChangeEvent(a: DirectoryAuditDto): PolicyChangeEvent | undefined {
  if ((a.result && a.result !== "success") || !/authentication methods policy update/i.test(a.activityDisplayName ?? "")) return undefined;
  const at = toDate(a.activityDateTime);
  const target = (a.targetResources ?? [])[0];
  const configurationId = target?.id ?? target?.displayName ?? undefined;
  if (!at || !configurationId) return undefined;
  const changes = (target?.modifiedProperties ?? []).flatMap((m) => (m.displayName ? [{ name: m.displayName, oldValue: m.oldValue ?? undefined, newValue: m.newValue ?? undefined }] : []));
  const initiatedBy = a.initiatedBy?.user?.userPrincipalName ?? a.initiatedBy?.app?.displayName ?? undefined;
  return { configurationId, at, changes, ...(initiatedBy ? { initiatedBy } : {}) };
}

/** A pass-related failed sign-in, or undefined for anything else. */
export function toTapSignInFailure(s: SignInDto): TapSignInFailure | undefined {
  const code = s.status?.errorCode ?? 0;
  const at = toDate(s.createdDateTime);
  if (!isTapSignInError(code) || !s.userId || !at) return undefined;
  return { userId: s.userId, userPrincipalName: s.userPrincipalName ?? undefined, errorCode: code, at };
}

/** One holder's methods answer: passes and permanent methods, the account gone (404), or why it couldn't be read. */
export function toHolderRead(answer: Pick<SubResponse, "status" | "body">): HolderRead {
  if (answer.status === 404) return { ok: false, gone: true, reason: "not found: the account no longer exists" };
  const page = answer.status === 200 ? asCollection<AuthMethodDto>(answer.body) : undefined;
  if (!page) return { ok: false, gone: false, reason: describeFailure("methods", answer).reason };
  const taps = page.value.filter((m) => m["@odata.type"] === TAP_TYPE).map(toTapInfo);
  const permanentMethods: PermanentMethod[] = [];
  for (const m of page.value) {
    const kind = toMethodKind(m["@odata.type"]);
    if (PERMANENT_KINDS.has(kind)) permanentMethods.push({ kind: kind as PermanentMethod["kind"], createdAt: toDate(m.createdDateTime) });
  }
  return { ok: true, taps, permanentMethods };
}

/** A pass-only answer: the pass, and the permanent methods unknown. */
export function toPassOnlyRead(answer: Pick<SubResponse, "status" | "body">): HolderRead {
  if (answer.status === 404) return { ok: false, gone: true, reason: "not found: the account no longer exists" };
  const page = answer.status === 200 ? asCollection<TapDto>(answer.body) : undefined;
  if (!page) return { ok: false, gone: false, reason: describeFailure("taps", answer).reason };
  return { ok: true, taps: page.value.map(toTapInfo), permanentMethods: [], permanentMethodsUnknown: true };
}

/** Transport, clock, the shared budgets and bounds. */
export interface GraphTapScanReaderOptions {
  http: GraphSender;
  clock: Clock;
  logger: Logger;
  /** The same GraphBudgets the diagnoses use, so a scan and a diagnosis never overdraw the reports budget together. */
  budgets: GraphBudgets;
  /** Bounds for $batch sub-request retries (top-level retries are the client's). */
  retry?: RetryOptions;
  /** How long one page may wait for a reports-budget slot; a scan runs in the background. Default 60 s. */
  maxBudgetWaitInMs?: number;
  /** At most this many report pages (default 500). */
  maxReportPages?: number;
}

/** Pages of a budgeted read, fed to `onPage` as they arrive. */
interface PagesOutcome {
  pages: number;
  /** Why reading stopped early; undefined when every page was read. */
  reason?: string;
}

const DEFAULT_SCAN_BUDGET_WAIT_IN_MS = 60_000;
const AUDIT_MAX_PAGES = 20;
const SIGN_IN_MAX_PAGES = 10;

/** The TapScanReader port on Graph. One reader counts its own requests; GraphDirectory.scanReader() makes one. */
export class GraphTapScanReader implements TapScanReader {
  private readonly attempts = new AttemptCounter();
  private readonly counted: GraphSender;
  /** Set once /authentication/methods answered 403: from then on only the passes are read. */
  private passOnly = false;

  constructor(private readonly options: GraphTapScanReaderOptions) {
    this.counted = { send: (call: GraphCall) => options.http.send({ ...call, attempts: this.attempts }) };
  }

  requestsSent(): number {
    return this.attempts.count;
  }

  async readReportHolders(onPage: (holders: ReportHolder[]) => void, options: ReadOptions = {}): Promise<PagedRead<number>> {
    let rows = 0;
    const outcome = await this.readPages<RegistrationDetailsDto>("registrationReport", reportHoldersPath(), this.options.maxReportPages ?? 500, options, (items) => {
      const holders = items.map(toReportHolder).filter((h): h is ReportHolder => h !== undefined);
      rows += holders.length;
      onPage(holders);
    });
    return { pages: outcome.pages, result: outcome.reason === undefined ? checked(rows) : unchecked(outcome.reason) };
  }

  async readTapAuditEvents(since: Date, options: ReadOptions = {}, sink?: { policyChange(event: PolicyChangeEvent): void }): Promise<PagedRead<TapAuditEvent[]>> {
    const events: TapAuditEvent[] = [];
    const outcome = await this.readPages<DirectoryAuditDto>("directoryAudits", tapAuditPath(since), AUDIT_MAX_PAGES, options, (items) => {
      for (const item of items) {
        const event = toTapAuditEvent(item);
        if (event) events.push(event);
        const change = sink && toPolicyChangeEvent(item);
        if (change) sink.policyChange(change);
      }
    });
    return { pages: outcome.pages, result: outcome.reason === undefined ? checked(events) : unchecked(outcome.reason) };
  }

  async readTapSignInFailures(since: Date, options: ReadOptions = {}): Promise<PagedRead<TapSignInFailure[]>> {
    const failures: TapSignInFailure[] = [];
    const outcome = await this.readPages<SignInDto>("signIns", tapFailuresPath(since), SIGN_IN_MAX_PAGES, options, (items) => {
      for (const item of items) {
        const failure = toTapSignInFailure(item);
        if (failure) failures.push(failure);
      }
    });
    return { pages: outcome.pages, result: outcome.reason === undefined ? checked(failures) : unchecked(outcome.reason) };
  }

  /**
   * Each holder's methods, 20 to a $batch. An app granted only the pass permission (UserAuthMethod-TAP.Read.All, the
   * least privilege the README recommends for triage) gets 403 on /authentication/methods: those holders, and every
   * later batch, read /temporaryAccessPassMethods instead — the pass without the permanent methods beside it.
   */
  async readHolderMethods(userIds: readonly string[], options: ReadOptions = {}): Promise<Map<string, HolderRead>> {
    const out = new Map<string, HolderRead>();
    // Judged by the path this batch used: batches in flight together may have started before the first 403.
    const passOnly = this.passOnly;
    const answers = await this.batchFor(userIds, passOnly ? tapOnlyPath : holderMethodsPath, options);
    const forbidden: string[] = [];
    userIds.forEach((id, i) => {
      const answer = answers.get(String(i)) ?? { status: 0, body: undefined };
      if (!passOnly && answer.status === 403) forbidden.push(id);
      else out.set(id, passOnly ? toPassOnlyRead(answer) : toHolderRead(answer));
    });
    if (forbidden.length > 0) {
      this.passOnly = true;
      this.options.logger.warn({ event: "scan_methods_forbidden", people: forbidden.length }, "no UserAuthenticationMethod.Read.All: reading only the passes");
      const retry = await this.batchFor(forbidden, tapOnlyPath, options);
      forbidden.forEach((id, i) => out.set(id, toPassOnlyRead(retry.get(String(i)) ?? { status: 0, body: undefined })));
    }
    return out;
  }

  private batchFor(userIds: readonly string[], path: (id: string) => string, options: ReadOptions): Promise<Map<string, SubResponse>> {
    const requests: BatchRequest[] = userIds.map((id, i) => ({ id: String(i), method: "GET", url: path(id) }));
    return executeBatch(this.counted, requests, { ...this.options.retry, clock: this.options.clock, logger: this.options.logger, abortSignal: options.abortSignal });
  }

  async readMethodConfigurations(options: ReadOptions = {}): Promise<{ tapPolicy: Check<TapPolicy>; methodConfigs: Check<MethodPolicy[]> }> {
    const answer = await this.sendOrNoAnswer({ method: "GET", path: TENANT_PATHS.methodsPolicy, abortSignal: options.abortSignal });
    const policy = answer.status === 200 ? asEntity<AuthMethodsPolicyDto>(answer.body) : undefined;
    if (!policy) {
      const failed = degrade<never>("tapPolicy", answer);
      return { tapPolicy: failed, methodConfigs: failed };
    }
    const tap = findTapConfig(policy);
    return {
      tapPolicy: tap ? checked(toTapPolicy(tap)) : unchecked("couldn't find the Temporary Access Pass settings in the authentication methods policy"),
      methodConfigs: checked(toMethodPolicies(policy)),
    };
  }

  /** Follows nextLinks, each page at its own reports-budget slot (a full window after the previous answer, see BudgetChain). */
  private async readPages<T>(fact: GraphFact, path: string, maxPages: number, options: ReadOptions, onPage: (items: T[]) => void): Promise<PagesOutcome> {
    const slots = new BudgetChain(this.options.budgets, REPORTS_BUCKET, {
      maxWaitInMs: this.options.maxBudgetWaitInMs ?? DEFAULT_SCAN_BUDGET_WAIT_IN_MS,
      abortSignal: options.abortSignal,
    });
    let next: string | undefined = path;
    let pages = 0;
    try {
      while (next !== undefined) {
        if (pages >= maxPages) return { pages, reason: `read only the first ${maxPages} pages of ${FACT_WHAT[fact]}` };
        if (!(await slots.next())) return { pages, reason: budgetBusyReason(fact) };
        const answer = await this.sendOrNoAnswer({ method: "GET", path: next, abortSignal: options.abortSignal });
        const page = answer.status === 200 ? asCollection<T>(answer.body) : undefined;
        if (!page) return { pages, reason: describeFailure(fact, answer).reason };
        pages++;
        onPage(page.value);
        const link = page["@odata.nextLink"];
        next = link === undefined ? undefined : relativeFromNextLink(link);
      }
      return { pages };
    } finally {
      slots.finish();
    }
  }

  /** A Graph answer, or status 0 when none came (network, timeout); an abort still throws. */
  private async sendOrNoAnswer(call: GraphCall): Promise<GraphResult> {
    try {
      return await this.counted.send(call);
    } catch (e) {
      if (call.abortSignal?.aborted || !isHelpdeskError(e)) throw e;
      this.options.logger.warn({ event: "scan_read_no_answer", err: e }, "a scan read got no answer from Graph");
      return { status: 0, body: undefined, headers: {} };
    }
  }
}

const FACT_WHAT: Partial<Record<GraphFact, string>> = {
  registrationReport: "the registration report",
  directoryAudits: "the directory audit log",
  signIns: "the sign-in logs",
};
