// /readyz: does each dependency answer right now? Each check is bounded by a short timeout and reports only a fixed
// vocabulary of reasons, never an error message, URL or secret; what actually went wrong goes to the log.
import { failureFields } from "../errors";
import type { Logger } from "../log";

/** One dependency check: resolves when the dependency answered, rejects (with a ReadinessFailure or anything) otherwise. */
export type ReadinessCheck = (abortSignal: AbortSignal) => Promise<void>;

/** A failure whose `reason` is safe to show to anyone who can reach /readyz. */
export class ReadinessFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ReadinessFailure";
  }
}

export interface CheckResult {
  ok: boolean;
  durationInMs: number;
  reason?: string;
}

export interface ReadinessReport {
  ready: boolean;
  /** Names of the checks that failed, e.g. ["graph"]. */
  failed: string[];
  checks: Record<string, CheckResult>;
}

/** Resolves after `ms` milliseconds; injected so tests decide when a check has taken too long. */
export type ReadinessTimer = (ms: number) => Promise<void>;

const realTimer: ReadinessTimer = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Runs every check in parallel, each with its own timeout. */
export async function checkReadiness(checks: Record<string, ReadinessCheck>, timeoutInMs: number, timer: ReadinessTimer = realTimer): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      const started = performance.now();
      const abort = new AbortController();
      let settled = false;
      const timeout = timer(timeoutInMs).then((): never => {
        if (!settled) abort.abort();
        throw new ReadinessFailure(`no answer within ${timeoutInMs} ms`);
      });
      // swallow-ok: the loser of the race below must not become an unhandled rejection; when it wins, the race rejects.
      timeout.catch(() => undefined);
      try {
        await Promise.race([check(abort.signal), timeout]);
        return [name, { ok: true, durationInMs: Math.round(performance.now() - started) }];
      } catch (err) {
        const reason = err instanceof ReadinessFailure ? err.reason : "failed";
        return [name, { ok: false, durationInMs: Math.round(performance.now() - started), reason }];
      } finally {
        settled = true;
      }
    }),
  );
  const failed = entries.filter(([, r]) => !r.ok).map(([name]) => name);
  return { ready: failed.length === 0, failed, checks: Object.fromEntries(entries) };
}

/** What the Graph check needs: one GET through the app's Graph transport (GraphHttp). */
export interface GraphProbeTarget {
  send(call: { method: "GET"; path: string; abortSignal?: AbortSignal }): Promise<{ status: number }>;
}

/**
 * Graph answers when a one-item read of users (User.Read.All, the permission everything else needs too) comes back.
 * 429 counts as answering (throttled, not down); 401/403 and 5xx do not.
 */
export function graphCheck(graph: GraphProbeTarget, logger?: Logger): ReadinessCheck {
  return async (abortSignal) => {
    let status: number;
    try {
      ({ status } = await graph.send({ method: "GET", path: "/users?$top=1&$select=id", abortSignal }));
    } catch (err) {
      logger?.warn({ event: "readiness_graph_failed", ...failureFields(err) }, "readiness: Graph didn't answer");
      throw new ReadinessFailure("no answer");
    }
    if (status === 401 || status === 403) throw new ReadinessFailure(`answered ${status}: check the app's credentials and Graph permissions`);
    if (status >= 400 && status !== 429) throw new ReadinessFailure(`answered ${status}`);
  };
}

/** The store answers when a read of a key that needn't exist comes back. */
export function storeCheck(store: { get(collection: string, key: string): Promise<unknown> }, logger?: Logger): ReadinessCheck {
  return async () => {
    try {
      await store.get("health", "readiness-probe");
    } catch (err) {
      logger?.warn({ event: "readiness_store_failed", ...failureFields(err) }, "readiness: the store read failed");
      throw new ReadinessFailure("read failed");
    }
  };
}

/**
 * Reuses one readiness report for `ttlInMs` and shares a probe already running: /readyz is public, and every poll
 * (load balancer, monitoring, anyone) must not become a Graph request.
 */
export function reuseFor(ttlInMs: number, now: () => number, probe: () => Promise<ReadinessReport>): () => Promise<ReadinessReport> {
  let last: { at: number; report: Promise<ReadinessReport> } | undefined;
  return () => {
    if (last && now() - last.at < ttlInMs) return last.report;
    const report = probe();
    last = { at: now(), report };
    // swallow-ok: a failed probe run (it shouldn't reject, but if it does) is not reused; its caller gets the rejection.
    report.catch(() => (last = undefined));
    return report;
  };
}
