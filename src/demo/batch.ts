// JSON batching (POST /$batch): validates the payload like Graph, runs each item through the same router
// (so faults, budgets, permissions and licenses apply per item) and honours dependsOn with 424s.
import { DemoGraphError, badRequest, errorBody, type ErrorMeta } from "./errors";
import { dispatch, safeDecode, type DemoResponse, type RouterEnv } from "./router";

/** Graph's limit on items in one batch. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

/** The outer result plus what the request log records about the batch. */
export interface BatchOutcome {
  status: number;
  body: unknown;
  batchIds?: string[];
  subRequests?: { method: string; url: string }[];
}

const METHODS = new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);

function lowerKeys(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h === null || typeof h !== "object") return out;
  for (const [k, v] of Object.entries(h as Record<string, unknown>)) if (typeof v === "string") out[k.toLowerCase()] = v;
  return out;
}

function parseItems(raw: unknown): BatchItem[] {
  const requests = raw !== null && typeof raw === "object" ? (raw as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest("Invalid batch payload format.");
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(`Number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
  }
  const items: BatchItem[] = [];
  for (const r of requests as unknown[]) {
    if (r === null || typeof r !== "object") throw badRequest("Invalid batch payload format.");
    const o = r as Record<string, unknown>;
    if (typeof o.id !== "string" || o.id.length === 0) throw badRequest("Invalid batch payload format: every request needs an id.");
    if (items.some((i) => i.id === o.id)) throw badRequest(`Batch request contains a duplicate id '${o.id}'.`);
    const method = typeof o.method === "string" ? o.method.toUpperCase() : "";
    if (!METHODS.has(method)) throw badRequest(`Invalid method for request id : ${o.id}.`);
    if (typeof o.url !== "string" || o.url.length === 0) throw badRequest(`Invalid url for request id : ${o.id}.`);
    if (/^[a-z]+:\/\//i.test(o.url)) throw badRequest(`Batch request id : ${o.id} must use a relative url.`);
    const headers = lowerKeys(o.headers);
    if (o.body !== undefined && headers["content-type"] === undefined) {
      throw badRequest(`Write request id : ${o.id} does not contain Content-Type header or body.`);
    }
    const dependsOn = o.dependsOn === undefined ? [] : o.dependsOn;
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== "string")) throw badRequest(`Invalid dependsOn for request id : ${o.id}.`);
    items.push({ id: o.id, method, url: o.url, headers, body: o.body, dependsOn: dependsOn as string[] });
  }
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (dep === item.id || !items.some((i) => i.id === dep)) throw badRequest(`Request id : ${item.id} depends on an unknown request id '${dep}'.`);
    }
  }
  return items;
}

// Orders items so every dependency runs first; a cycle is a malformed batch.
function executionOrder(items: BatchItem[]): BatchItem[] {
  const order: BatchItem[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (item: BatchItem) => {
    const s = state.get(item.id);
    if (s === "done") return;
    if (s === "visiting") throw badRequest("The dependsOn chain of the batch contains a cycle.");
    state.set(item.id, "visiting");
    for (const dep of item.dependsOn) visit(items.find((i) => i.id === dep) as BatchItem);
    state.set(item.id, "done");
    order.push(item);
  };
  items.forEach(visit);
  return order;
}

/** The part of a batch url the router sees: the SDK keeps "/v1.0" when it strips the host, so accept both. */
export function batchTarget(url: string): string {
  const withSlash = url.startsWith("/") ? url : `/${url}`;
  return withSlash.replace(/^\/v1\.0(?=\/|\?|$)/i, "") || "/";
}

function parseBody(item: BatchItem): unknown {
  if (typeof item.body !== "string" || !item.headers["content-type"]?.includes("json")) return item.body;
  try {
    return JSON.parse(item.body) as unknown;
  } catch {
    return item.body;
  }
}

function subResponse(id: string, r: DemoResponse): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (["content-type", "retry-after", "location"].includes(k.toLowerCase())) headers[k] = v;
  return r.body === undefined ? { id, status: r.status, headers } : { id, status: r.status, headers, body: r.body };
}

/** Runs a parsed $batch payload. `meta` identifies the outer response for its error bodies. */
export function runBatch(payload: unknown, env: RouterEnv, meta: ErrorMeta): BatchOutcome {
  let items: BatchItem[];
  let order: BatchItem[];
  try {
    items = parseItems(payload);
    order = executionOrder(items);
  } catch (e) {
    if (!(e instanceof DemoGraphError)) throw e;
    return { status: e.status, body: errorBody(e.code, e.message, meta) };
  }
  const results = new Map<string, DemoResponse>();
  for (const item of order) {
    const failedDependency = item.dependsOn.some((d) => {
      const status = results.get(d)?.status ?? 424;
      return status < 200 || status > 299;
    });
    if (failedDependency) {
      results.set(item.id, {
        status: 424,
        headers: { "Content-Type": "application/json" },
        body: errorBody("FailedDependency", "The request was not run because a request it depends on failed.", meta),
      });
      continue;
    }
    results.set(item.id, dispatch({ method: item.method, target: batchTarget(item.url), headers: item.headers, body: parseBody(item) }, env));
  }
  return {
    status: 200,
    body: { responses: items.map((i) => subResponse(i.id, results.get(i.id) as DemoResponse)) },
    batchIds: items.map((i) => i.id),
    subRequests: items.map((i) => ({ method: i.method, url: safeDecode(i.url) })),
  };
}
