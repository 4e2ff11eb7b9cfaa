// Routes one Graph request (top-level or a $batch item) through faults, budgets, permissions and licenses
// to its handler, and wraps the answer in Graph's headers and error bodies.
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import type { ControlState } from "./controls";
import type { DemoDirectory } from "./directory";
import { DemoGraphError, defaultErrorBody, errorBody, insufficientPrivileges, throttledBody, type ErrorMeta } from "./errors";
import { auditRoutes } from "./routes/audits";
import { authenticationRoutes } from "./routes/authentication";
import { domainRoutes } from "./routes/domains";
import { policyRoutes } from "./routes/policies";
import { reportRoutes } from "./routes/reports";
import type { LicenseTier, Route, RouteResult } from "./routes/types";
import { userRoutes } from "./routes/users";

/** A request below the version segment: `target` is `/path?query`. */
export interface DemoRequest {
  method: string;
  target: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
}

/** A response before it is written to the wire or into a $batch. */
export interface DemoResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** What the router needs from the running tenant. */
export interface RouterEnv {
  state: ControlState;
  directory: DemoDirectory;
  clock: Clock;
  serviceRoot: string;
}

/** Graph's JSON content type. */
export const JSON_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

interface CompiledRoute {
  route: Route;
  segments: string[];
}

const ROUTES: CompiledRoute[] = [...userRoutes, ...authenticationRoutes, ...reportRoutes, ...auditRoutes, ...policyRoutes, ...domainRoutes].map((route) => ({
  route,
  segments: route.pattern.split("/").filter((s) => s.length > 0),
}));

// Missing licenses: the signIns wording is documented (the reporting APIs share it); the P2 wording for riskyUsers is an
// approximation.
const LICENSE_ERRORS: Record<LicenseTier, (path: string) => DemoGraphError> = {
  p1: (path) =>
    /^\/(auditLogs|reports)/i.test(path)
      ? new DemoGraphError(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license")
      : new DemoGraphError(403, "Forbidden", "Your tenant is not licensed for this feature. It requires Microsoft Entra ID P1."),
  p2: () => new DemoGraphError(403, "Forbidden", "Your tenant is not licensed for this feature. It requires Microsoft Entra ID P2."),
};

/** Decodes percent-escapes for logs and fault matching, leaving malformed escapes as they are. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function matchSegments(pattern: string[], actual: string[]): { params: Record<string, string>; matched: number } {
  const params: Record<string, string> = {};
  let matched = 0;
  for (; matched < Math.min(pattern.length, actual.length); matched++) {
    const p = pattern[matched];
    if (p.startsWith(":")) params[p.slice(1)] = actual[matched];
    else if (p.toLowerCase() !== actual[matched].toLowerCase()) break;
  }
  return { params, matched };
}

function resolve(method: string, segments: string[]): { route: Route; params: Record<string, string> } | DemoGraphError {
  let deepest = 0;
  let methodMismatch = false;
  for (const c of ROUTES) {
    const { params, matched } = matchSegments(c.segments, segments);
    deepest = Math.max(deepest, matched);
    if (matched === segments.length && matched === c.segments.length) {
      if (c.route.method === method) return { route: c.route, params };
      methodMismatch = true;
    }
  }
  if (methodMismatch) return new DemoGraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
  return new DemoGraphError(400, "BadRequest", `Resource not found for the segment '${segments[deepest] ?? ""}'.`);
}

function toResponse(result: RouteResult, meta: ErrorMeta): DemoResponse {
  const headers: Record<string, string> = { "request-id": meta.requestId, "client-request-id": meta.clientRequestId, ...result.headers };
  if (result.body !== undefined) headers["Content-Type"] = JSON_CONTENT_TYPE;
  return result.body === undefined ? { status: result.status, headers } : { status: result.status, headers, body: result.body };
}

function errorResponse(e: DemoGraphError, meta: ErrorMeta): DemoResponse {
  const headers: Record<string, string> = e.retryAfterSeconds === undefined ? {} : { "Retry-After": String(e.retryAfterSeconds) };
  const body = e.status === 429 ? throttledBody(meta) : errorBody(e.code, e.message, meta);
  return toResponse({ status: e.status, headers, body }, meta);
}

/** Fresh identifiers for one response; the caller's client-request-id is echoed when sent. */
export function newMeta(headers: Record<string, string>, now: Date): ErrorMeta {
  const requestId = randomUUID();
  return { date: now, requestId, clientRequestId: headers["client-request-id"] ?? requestId };
}

/** The response to an injected fault, if one matches (`afterWrite`: once the handler has done its work). */
export function faultResponse(state: ControlState, signature: string, meta: ErrorMeta, phase: "before" | "afterWrite" = "before"): DemoResponse | undefined {
  const fault = state.takeFault(signature, phase);
  if (!fault) return undefined;
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
  return toResponse({ status: fault.status, headers, body: fault.body ?? defaultErrorBody(fault.status, meta) }, meta);
}

/** Answers one request exactly as Graph would, given the controls' current state. */
export function dispatch(req: DemoRequest, env: RouterEnv): DemoResponse {
  const now = env.clock.now();
  const meta = newMeta(req.headers, now);
  const url = new URL(req.target, "http://demo.invalid");
  const signature = `${req.method} ${safeDecode(url.pathname)}${safeDecode(url.search)}`;
  const faulted = faultResponse(env.state, signature, meta);
  if (faulted) return faulted;
  try {
    const segments = url.pathname.split("/").filter((s) => s.length > 0).map(safeDecode);
    const found = resolve(req.method, segments);
    if (found instanceof DemoGraphError) throw found;
    const path = `/${segments.join("/")}`;
    const verdict = env.state.checkBudget(path, now.getTime());
    if (verdict.throttled) throw new DemoGraphError(429, "TooManyRequests", "Please retry again later.", verdict.retryAfterSeconds);
    if (env.state.isDenied(found.route.permissions)) throw insufficientPrivileges();
    const tier = found.route.license;
    if (tier !== undefined && !env.state.licenses[tier]) throw LICENSE_ERRORS[tier](path);
    const result = found.route.handle({
      method: req.method,
      path: url.pathname,
      params: found.params,
      query: url.searchParams,
      headers: req.headers,
      body: req.body,
      now,
      directory: env.directory,
      serviceRoot: env.serviceRoot,
    });
    // An "after the write" fault: the work is done, but the caller gets the fault instead of the answer.
    const lost = result.status < 300 ? faultResponse(env.state, signature, meta, "afterWrite") : undefined;
    return lost ?? toResponse(result, meta);
  } catch (e) {
    if (e instanceof DemoGraphError) return errorResponse(e, meta);
    return errorResponse(new DemoGraphError(500, "InternalServerError", "An internal server error occurred."), meta);
  }
}
