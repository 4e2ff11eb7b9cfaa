// Sign-in logs under their tiny budget: 5 requests per 10 s per app per tenant (graph-tap-facts §9).
// A diagnosis reads its person's sign-ins inside its own per-user $batch while the budget has a slot to spare; one
// slot is always kept in reserve, and everyone who can't get a slot of their own joins ONE shared read:
//   GET /auditLogs/signIns?$filter=(userId eq 'a' or userId eq 'b' …) and createdDateTime ge …&$top=…
// Why this and not a cached tenant-wide read of recent pass-related failures (1305xx, 53003, …): the shared read
// returns exactly what a per-person read returns — successes too (the diagnosis uses them: "signed in fine since"),
// and failure codes outside any list we would keep — its size grows with the people waiting, not with the tenant
// (a tenant-wide failure feed of a large tenant needs many 1,000-item pages, each costing a slot), and it is as
// fresh as a per-person read. The long filter travels inside a $batch body, Graph's documented way round its URL
// length limit. A shared read collects people for a short window (and for as long as it waits for its slot), so a
// burst arriving over a few hundred milliseconds costs one slot, not one each.
import type { Clock } from "../clock";
import { failureFields } from "../errors";
import type { Logger } from "../log";
import { unchecked, type Check, type SignInEvent } from "../triage/snapshot";
import { executeBatch, type SubResponse } from "./batch";
import type { GraphBudgets } from "./budgets";
import { budgetBusy, describeFailure } from "./degrade";
import { asCollection, type SignInDto } from "./dto";
import type { GraphSender } from "./http";
import { odataDateTime, odataString, queryString } from "./odata";
import type { RetryOptions } from "./retry";
import { INCLUDE_UNKNOWN_ENUMS, mapSignIns, SIGN_INS_TOP } from "./user-reads";

/** At most this many people per shared read: 50 × 20 sign-ins fill one 1,000-item page. */
export const MAX_USERS_PER_SHARED_READ = 50;
/**
 * While other diagnoses are reading sign-ins at the same time (a burst), a shared read keeps collecting people until
 * nobody new has joined for GATHER_QUIET_IN_MS, for at most GATHER_MAX_IN_MS; alone, it goes out at once.
 */
export const GATHER_QUIET_IN_MS = 100;
/** See GATHER_QUIET_IN_MS. */
export const GATHER_MAX_IN_MS = 1_000;
/** Graph's maximum (and default) sign-in page size. */
const MAX_PAGE = 1000;

/** Said when the shared page was full before every person had their usual number of sign-ins in it. */
export const PARTIAL_SIGN_INS_REASON =
  "couldn't read all of the person's recent sign-ins: the shared read of the sign-in log was filled by busier accounts — ask again in a minute";

/** Transport, clock, budgets and bounds for sign-in reads. */
export interface SignInReaderOptions {
  http: GraphSender;
  clock: Clock;
  logger: Logger;
  budgets: GraphBudgets;
  signInLookbackHours: number;
  /** How long a shared read may wait for its slot before everyone in it hears "the budget is busy". */
  maxBudgetWaitInMs: number;
  retry?: RetryOptions;
}

/** How one diagnosis gets its sign-ins: inside its own per-user $batch (call `done` once read), or from a shared read. */
export type SignInPlan = { kind: "ownSlot"; done: () => void } | { kind: "shared"; result: Promise<Check<SignInEvent[]>> };

interface Waiter {
  who: string;
  resolve: (signIns: Check<SignInEvent[]>) => void;
}

interface Group {
  waiters: Waiter[];
  lastJoinAt: number;
}

/** Hands out sign-in slots and runs the shared reads. */
export class SignInReader {
  /** The group still taking people (gathering or waiting for its slot). */
  private open?: Group;
  /** Diagnoses reading sign-ins right now, either way: more than none means a burst is under way. */
  private active = 0;

  constructor(private readonly options: SignInReaderOptions) {}

  /** Decides without awaiting anything, so people arriving together end up in the same shared read. */
  plan(userIdOrUpn: string): SignInPlan {
    this.active++;
    let finished = false;
    const done = () => {
      if (!finished) this.active--;
      finished = true;
    };
    if (this.options.budgets.tryAcquire("signInLogs", { keepFree: 1 })) return { kind: "ownSlot", done };
    const result = this.join(userIdOrUpn);
    void result.then(done);
    return { kind: "shared", result };
  }

  private join(who: string): Promise<Check<SignInEvent[]>> {
    return new Promise((resolve) => {
      const waiter: Waiter = { who, resolve };
      const now = this.options.clock.now().getTime();
      if (this.open && this.open.waiters.length < MAX_USERS_PER_SHARED_READ) {
        this.open.waiters.push(waiter);
        this.open.lastJoinAt = now;
        return;
      }
      const group: Group = { waiters: [waiter], lastJoinAt: now };
      const burst = this.active > 1;
      this.open = group;
      void this.flush(group, burst);
    });
  }

  /** Waits for the group's slot (and, in a burst, for people to stop joining), then reads once for all; never rejects. */
  private async flush(group: Group, burst: boolean): Promise<void> {
    let outcome: ReadonlyMap<string, Check<SignInEvent[]>> | Check<SignInEvent[]>;
    try {
      const [granted] = await Promise.all([
        this.options.budgets.acquire("signInLogs", { maxWaitInMs: this.options.maxBudgetWaitInMs }),
        burst ? this.gather(group) : undefined,
      ]);
      this.close(group);
      outcome = granted ? await this.readShared(group.waiters.map((w) => w.who)) : budgetBusy<SignInEvent[]>("signIns");
    } catch (err) {
      this.close(group);
      this.options.logger.warn({ event: "shared_signin_read_failed", ...failureFields(err), err }, "shared sign-in read failed");
      outcome = unchecked(describeFailure("signIns", { status: 0, body: undefined }).reason);
    }
    for (const w of group.waiters) w.resolve("ok" in outcome ? outcome : (outcome.get(w.who.toLowerCase()) ?? budgetBusy("signIns")));
  }

  /** Until nobody has joined for GATHER_QUIET_IN_MS, or GATHER_MAX_IN_MS have passed. */
  private async gather(group: Group): Promise<void> {
    const clock = this.options.clock;
    const capAt = clock.now().getTime() + GATHER_MAX_IN_MS;
    for (;;) {
      const wait = Math.min(group.lastJoinAt + GATHER_QUIET_IN_MS, capAt) - clock.now().getTime();
      if (wait <= 0 || group.waiters.length >= MAX_USERS_PER_SHARED_READ) return;
      await clock.sleep(wait);
    }
  }

  private close(group: Group): void {
    if (this.open === group) this.open = undefined;
  }

  /** One read for everyone in the group; a failed read degrades all of them alike. */
  private async readShared(whos: string[]): Promise<ReadonlyMap<string, Check<SignInEvent[]>> | Check<SignInEvent[]>> {
    const people = [...new Set(whos.map((w) => w.toLowerCase()))];
    const since = new Date(this.options.clock.now().getTime() - this.options.signInLookbackHours * 3_600_000);
    const url = `/auditLogs/signIns${queryString({ $filter: sharedFilter(people, since), $top: Math.min(MAX_PAGE, SIGN_INS_TOP * people.length) })}`;
    const answers = await executeBatch(this.options.http, [{ id: "signIns", method: "GET", url, headers: INCLUDE_UNKNOWN_ENUMS }], {
      ...this.options.retry,
      clock: this.options.clock,
      logger: this.options.logger,
      alwaysBatch: true,
    });
    const answer: SubResponse = answers.get("signIns") ?? { id: "signIns", status: 0, headers: {}, body: undefined };
    const page = answer.status === 200 ? asCollection<SignInDto>(answer.body) : undefined;
    if (!page) return mapSignIns(answer);
    const truncated = page["@odata.nextLink"] !== undefined;
    this.options.logger.debug({ graph: { sharedSignIns: people.length, items: page.value.length, truncated } }, "shared sign-in read");
    return new Map(people.map((p) => [p, forPerson(p, page.value, truncated)]));
  }
}

/** `(userId eq 'a' or userPrincipalName eq 'b@x' …) and createdDateTime ge …`, using only documented filterable properties. */
export function sharedFilter(people: readonly string[], since: Date): string {
  const who = people.map((p) => (p.includes("@") ? `userPrincipalName eq ${odataString(p)}` : `userId eq ${odataString(p)}`));
  return `(${who.join(" or ")}) and createdDateTime ge ${odataDateTime(since)}`;
}

/**
 * One person's newest sign-ins out of the shared page (Graph returns newest first). When the page was cut short and
 * the person has fewer than a per-person read would return, older ones may be missing: say so instead of guessing.
 */
function forPerson(who: string, items: readonly SignInDto[], truncated: boolean): Check<SignInEvent[]> {
  const mine = items.filter((s) => (who.includes("@") ? s.userPrincipalName?.toLowerCase() === who : s.userId?.toLowerCase() === who)).slice(0, SIGN_INS_TOP);
  if (truncated && mine.length < SIGN_INS_TOP) return unchecked(PARTIAL_SIGN_INS_REASON);
  return mapSignIns({ id: "signIns", status: 200, headers: {}, body: { value: mine } });
}
