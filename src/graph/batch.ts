// JSON batching: up to 20 sub-requests per POST /$batch, answers correlated by id (order isn't guaranteed),
// throttled or unavailable sub-requests retried on their own, honouring their Retry-After on the injected clock.
import type { Clock } from "../clock";
import { isHelpdeskError } from "../errors";
import type { Logger } from "../log";
import type { GraphMethod, GraphSender } from "./http";
import { pathForLog } from "./odata";
import { DEFAULT_RETRY, RETRYABLE_STATUSES, retryDelayInMs, type RetryOptions } from "./retry";

/** Graph's documented maximum. */
export const MAX_BATCH_SIZE = 20;

/** One sub-request of a JSON batch. */
export interface BatchRequest {
  id: string;
  method: GraphMethod;
  /** Relative to the version root and without `/v1.0`, e.g. `/users/{id}/manager`. */
  url: string;
  body?: unknown;
  /** e.g. `Prefer: include-unknown-enum-members`; Content-Type is added for bodies. */
  headers?: Record<string, string>;
}

/** One sub-response, with lower-cased header names. Status 0 means no answer was received. */
export interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** request-id of the HTTP call that carried it. */
  requestId?: string;
}

/** Clock and bounds for sub-request retries. */
export interface BatchOptions extends RetryOptions {
  clock: Clock;
  logger?: Logger;
  abortSignal?: AbortSignal;
  /** Send even a single request inside a $batch, e.g. to carry a URL longer than Graph accepts on a direct GET. */
  alwaysBatch?: boolean;
}

/**
 * Sends the requests and returns an answer for every id. A single request goes out directly (a batch of one
 * buys nothing); more go in $batch posts of at most 20.
 */
export async function executeBatch(http: GraphSender, requests: readonly BatchRequest[], options: BatchOptions): Promise<Map<string, SubResponse>> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  const maxTotalWaitInMs = options.maxTotalWaitInMs ?? DEFAULT_RETRY.maxTotalWaitInMs;
  const results = new Map<string, SubResponse>();
  let pending = [...requests];
  let waited = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const answers = await sendOnce(http, pending, options.abortSignal, options.alwaysBatch);
    for (const answer of answers) results.set(answer.id, answer);
    options.logger?.debug({ graph: { batch: describeBatch(pending), statuses: answers.map((x) => `${x.id} ${x.status}`), attempt } }, "graph batch answered");
    const again = answers.filter((a) => RETRYABLE_STATUSES.has(a.status));
    // A single request went out directly and the retry middleware already handled it.
    if (again.length === 0 || attempt >= maxAttempts || (pending.length === 1 && !options.alwaysBatch)) break;
    const delay = Math.max(...again.map((a) => retryDelayInMs(a.headers["retry-after"], attempt, options.clock.now())));
    if (waited + delay > maxTotalWaitInMs) break;
    options.logger?.debug({ graph: { batchRetry: again.map((a) => ({ id: a.id, status: a.status })), retryInMs: delay, attempt } }, "graph batch retry");
    await options.clock.sleep(delay, options.abortSignal);
    waited += delay;
    const retryIds = new Set(again.map((a) => a.id));
    pending = pending.filter((r) => retryIds.has(r.id));
  }
  return results;
}

async function sendOnce(http: GraphSender, requests: readonly BatchRequest[], abortSignal?: AbortSignal, alwaysBatch = false): Promise<SubResponse[]> {
  const only = requests.length === 1 && !alwaysBatch ? requests[0] : undefined;
  if (only) return [await sendDirect(http, only, abortSignal)];
  const chunks: BatchRequest[][] = [];
  for (let i = 0; i < requests.length; i += MAX_BATCH_SIZE) chunks.push(requests.slice(i, i + MAX_BATCH_SIZE));
  const answered = await Promise.all(chunks.map((chunk) => sendChunk(http, chunk, abortSignal)));
  return answered.flat();
}

async function sendDirect(http: GraphSender, request: BatchRequest, abortSignal?: AbortSignal): Promise<SubResponse> {
  try {
    const r = await http.send({ method: request.method, path: request.url, body: request.body, headers: request.headers, abortSignal });
    return { id: request.id, status: r.status, headers: r.headers, body: r.body, requestId: r.requestId };
  } catch (e) {
    if (!isHelpdeskError(e)) throw e;
    return { id: request.id, status: 0, headers: {}, body: undefined };
  }
}

async function sendChunk(http: GraphSender, chunk: readonly BatchRequest[], abortSignal?: AbortSignal): Promise<SubResponse[]> {
  const body = { requests: chunk.map(toWire) };
  let outer;
  try {
    outer = await http.send({ method: "POST", path: "/$batch", body, abortSignal });
  } catch (e) {
    if (!isHelpdeskError(e)) throw e;
    return chunk.map((r) => ({ id: r.id, status: 0, headers: {}, body: undefined }));
  }
  if (outer.status !== 200) {
    // The whole batch failed (throttled after retries, unavailable, malformed): every sub-request shares that fate.
    return chunk.map((r) => ({ id: r.id, status: outer.status, headers: outer.headers, body: outer.body, requestId: outer.requestId }));
  }
  const byId = new Map(parseResponses(outer.body).map((s) => [s.id, s]));
  return chunk.map((r) => {
    const answer = byId.get(r.id);
    return answer ? { ...answer, requestId: outer.requestId } : { id: r.id, status: 0, headers: {}, body: undefined, requestId: outer.requestId };
  });
}

function toWire(r: BatchRequest): Record<string, unknown> {
  const headers = r.body === undefined ? r.headers : { "Content-Type": "application/json", ...r.headers };
  const wire: Record<string, unknown> = { id: r.id, method: r.method, url: r.url };
  if (headers !== undefined) wire.headers = headers;
  if (r.body !== undefined) wire.body = r.body;
  return wire;
}

function parseResponses(body: unknown): SubResponse[] {
  if (typeof body !== "object" || body === null || !("responses" in body) || !Array.isArray(body.responses)) return [];
  const out: SubResponse[] = [];
  for (const item of body.responses as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const id = "id" in item ? item.id : undefined;
    const status = "status" in item ? item.status : undefined;
    if (typeof id !== "string" || typeof status !== "number") continue;
    const rawHeaders = "headers" in item && typeof item.headers === "object" && item.headers !== null ? item.headers : {};
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawHeaders)) if (typeof v === "string" || typeof v === "number") headers[k.toLowerCase()] = String(v);
    out.push({ id, status, headers, body: "body" in item ? item.body : undefined });
  }
  return out;
}

/** A short description of a batch for logs: ids and paths without query values. */
export function describeBatch(requests: readonly BatchRequest[]): string[] {
  return requests.map((r) => `${r.id} ${r.method} ${pathForLog(r.url)}`);
}
