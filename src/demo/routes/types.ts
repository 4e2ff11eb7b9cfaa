// What every demo route handler receives and returns, plus the response envelopes Graph wraps resources in.
import type { DemoDirectory, DemoUser } from "../directory";
import { resourceNotFound } from "../errors";
import { nextPageQuery, pageOf, type PageLimits } from "../odata";

/** One request as a route sees it (top-level or inside a $batch). */
export interface RouteContext {
  method: string;
  /** Path below the version segment, e.g. `/users/abc/manager`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  now: Date;
  directory: DemoDirectory;
  /** `http://127.0.0.1:port/v1.0`, used for @odata.context and @odata.nextLink. */
  serviceRoot: string;
}

/** A handler's answer; the router adds request ids and content type. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The license a route needs: signIns and CA need P1, riskyUsers P2. */
export type LicenseTier = "p1" | "p2";

/** Which reports/identity-protection budget a path falls under is derived from the path, not declared here. */
export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Segments with `:name` parameters, e.g. `/users/:user/manager`. */
  pattern: string;
  /** The request is refused with 403 if any of these permissions was denied through the controls. */
  permissions: string[];
  license?: LicenseTier;
  handle(ctx: RouteContext): RouteResult;
}

/** A 200 JSON response. */
export const ok = (body: unknown): RouteResult => ({ status: 200, body });

/** A single entity with its @odata.context. */
export function entity(ctx: RouteContext, contextFragment: string, value: object): RouteResult {
  return ok({ "@odata.context": `${ctx.serviceRoot}/$metadata#${contextFragment}`, ...value });
}

/** A collection page: `{ @odata.context, value, @odata.nextLink? }`, paged by $top/$skiptoken when limits are given. */
export function collection(ctx: RouteContext, contextFragment: string, items: unknown[], limits?: PageLimits): RouteResult {
  const body: Record<string, unknown> = { "@odata.context": `${ctx.serviceRoot}/$metadata#${contextFragment}` };
  if (limits === undefined) {
    body.value = items;
    return ok(body);
  }
  const page = pageOf(items, ctx.query, limits);
  if (page.nextSkip !== undefined) body["@odata.nextLink"] = `${ctx.serviceRoot}${ctx.path}?${nextPageQuery(ctx.query, page.nextSkip)}`;
  body.value = page.items;
  return ok(body);
}

/** The user named by the `:user` parameter (id or UPN), or Graph's 404. */
export function userParam(ctx: RouteContext): DemoUser {
  const id = ctx.params.user;
  const user = ctx.directory.findUser(id);
  if (!user) throw resourceNotFound(id);
  return user;
}

/** Renders a $select list for an @odata.context fragment, e.g. `users(id,displayName)`. */
export const withSelect = (name: string, select: string[] | undefined): string => (select === undefined ? name : `${name}(${select.join(",")})`);
