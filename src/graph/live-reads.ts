// Per-user reads taken at the moment a pass is issued or approved: one person's Identity Protection risk (not the
// tenant-wide cached list, which can be a minute old) and the person's passes (to learn what a lost create answer did).
import type { TapInfo } from "../triage/snapshot";
import { BudgetChain, type GraphBudgets } from "./budgets";
import { budgetBusyReason, describeFailure, toHelpdeskError } from "./degrade";
import { asCollection, asEntity, type RiskyUserDto, type TapDto } from "./dto";
import type { GraphSender } from "./http";
import { toRiskInfo, toTapInfo } from "./mappers";
import { segment } from "./odata";
import type { LiveRisk } from "./port";

/** An agent clicked Issue or Approve and waits for the answer: a few Identity Protection slots (1 s each) at most. */
export const LIVE_RISK_MAX_BUDGET_WAIT_IN_MS = 5_000;

/** What a live risk read needs besides the transport. */
export interface LiveRiskOptions {
  budgets: GraphBudgets;
  /** How long to queue for the tenant's Identity Protection + Conditional Access slot (1 request per second). */
  maxBudgetWaitInMs: number;
  abortSignal?: AbortSignal;
}

/** `/identityProtection/riskyUsers/{id}` */
export const riskyUserPath = (userId: string): string => `/identityProtection/riskyUsers/${segment(userId)}`;

/** `/users/{id}/authentication/temporaryAccessPassMethods` */
export const tapsPath = (userId: string): string => `/users/${segment(userId)}/authentication/temporaryAccessPassMethods`;

/**
 * One person's risk, read now. The endpoint shares Graph's 1 request/s tenant budget with Conditional Access and sends
 * no Retry-After, so a slot is taken from our own budget first; no slot in time is a transient gap, like a 429 or 5xx.
 */
export async function readRiskNow(http: GraphSender, userId: string, options: LiveRiskOptions): Promise<LiveRisk> {
  const { abortSignal } = options;
  // A chain of one: the slot counts from when the answer arrives, so a tenant-wide read queued behind it can't land in
  // the same second at Graph (see BudgetChain).
  const slot = new BudgetChain(options.budgets, "conditionalAccessAndRisk", { maxWaitInMs: options.maxBudgetWaitInMs, abortSignal });
  if (!(await slot.next())) return { ok: false, reason: budgetBusyReason("risk"), transient: true };
  let answer;
  try {
    answer = await http.send({ method: "GET", path: riskyUserPath(userId), abortSignal });
  } catch (e) {
    if (abortSignal?.aborted) throw e;
    return { ok: false, reason: describeFailure("risk", { status: 0, body: undefined }).reason, transient: true };
  } finally {
    slot.finish();
  }
  // What Graph answers for a person who was never risky is undocumented (graph-tap-facts §6): 404 = no risk record.
  if (answer.status === 404) return { ok: true, value: null };
  const entry = answer.status === 200 ? asEntity<RiskyUserDto>(answer.body) : undefined;
  if (entry) return { ok: true, value: toRiskInfo(entry) };
  const failure = describeFailure("risk", answer);
  return { ok: false, reason: failure.reason, transient: failure.transient };
}

/** The person's passes as Graph lists them now (never with a value). Throws a HelpdeskError when they can't be read. */
export async function listTapsNow(http: GraphSender, userId: string, abortSignal?: AbortSignal): Promise<TapInfo[]> {
  const answer = await http.send({ method: "GET", path: tapsPath(userId), abortSignal });
  const page = answer.status === 200 ? asCollection<TapDto>(answer.body) : undefined;
  if (!page) throw toHelpdeskError("taps", answer);
  return page.value.map(toTapInfo);
}
