// Retries throttled and briefly unavailable Graph calls, honouring Retry-After, with the injected clock
// (so tests advance time instead of sleeping) and hard bounds on attempts and total wait.
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { Clock } from "../clock";
import { failureFields } from "../errors";
import type { Logger } from "../log";
import { pathForLog } from "./odata";
import { requestUrl } from "./telemetry";

/** Bounds for retrying; defaults suit an interactive chat where the person is waiting. */
export interface RetryOptions {
  /** Total tries including the first. */
  maxAttempts?: number;
  /** Never wait longer than this in total; a longer Retry-After gives up and returns the throttled answer. */
  maxTotalWaitInMs?: number;
}

/** 4 tries and at most 30 s of waiting: enough for Graph's usual Retry-After, short enough for a chat. */
export const DEFAULT_RETRY: Required<RetryOptions> = { maxAttempts: 4, maxTotalWaitInMs: 30_000 };

/** Statuses worth another try: throttled, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * Milliseconds a Retry-After value asks for: delta-seconds (Graph sends fractional ones like `2.128`) or an HTTP date.
 * undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfterInMs(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * Backoff when there is no Retry-After (Conditional Access and Identity Protection send none): 1 s, 2 s, 4 s, ...
 * `retry` counts from 1 for the first retry.
 */
export function backoffInMs(retry: number): number {
  return 1000 * 2 ** Math.max(0, retry - 1);
}

/** How long to wait before retry number `retry` given a Retry-After header value. */
export function retryDelayInMs(retryAfter: string | null | undefined, retry: number, now: Date): number {
  return parseRetryAfterInMs(retryAfter, now) ?? backoffInMs(retry);
}

/**
 * A 429 means Graph did not run the request, so any method may be retried. 503/504 may come after the work was done,
 * so they are retried only where repeating is harmless: reads, deletes, and our $batch posts (which carry reads only).
 */
export function isRetryable(status: number, method: string, url: string): boolean {
  if (status === 429) return true;
  if (!RETRYABLE_STATUSES.has(status)) return false;
  const m = method.toUpperCase();
  if (m === "GET" || m === "DELETE") return true;
  return m === "POST" && /\/\$batch$/.test(new URL(url, "http://relative.invalid").pathname);
}

/** graph-client middleware: re-sends retryable answers after Retry-After (or backoff), bounded. */
export class RetryMiddleware implements Middleware {
  private next?: Middleware;
  private readonly options: Required<RetryOptions>;

  constructor(
    private readonly clock: Clock,
    options: RetryOptions = {},
    private readonly logger?: Logger,
  ) {
    this.options = { ...DEFAULT_RETRY, ...options };
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("RetryMiddleware needs a next middleware");
    const url = requestUrl(context);
    const method = context.options?.method ?? "GET";
    const signal = context.options?.signal ?? undefined;
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      await this.next.execute(context);
      const response = context.response;
      if (!response || attempt >= this.options.maxAttempts || !isRetryable(response.status, method, url)) return;
      const delay = retryDelayInMs(response.headers.get("retry-after"), attempt, this.clock.now());
      if (waited + delay > this.options.maxTotalWaitInMs) return;
      this.logger?.debug({ graph: { method, path: pathForLog(url), status: response.status, retryInMs: delay, attempt } }, "graph retry");
      // Drain the throttled body so the connection can be reused; if that fails, the retry goes out on a new one.
      await response.arrayBuffer().catch((err: unknown) => this.logger?.debug({ event: "graph_retry_drain_failed", ...failureFields(err) }, "could not drain a throttled answer"));
      await this.clock.sleep(delay, signal);
      waited += delay;
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
