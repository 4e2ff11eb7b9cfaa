// The directory audit log and the authentication methods registration report: both in Graph's "identity and access
// reports" budget (5 requests per 10 s per tenant, see the router), both read by the pass scanner.
import type { DemoDirectoryAudit, DemoRegistrationDetails, DemoRegistrationReport } from "../directory";
import { badRequest, resourceNotFound } from "../errors";
import { filterBy, nextPageQuery, pageOf, project, selectedProperties, type PageLimits } from "../odata";
import { ok, withSelect, type Route, type RouteContext, type RouteResult } from "./types";

/**
 * Page size of the registration report. Its list API documents only $filter and $orderby, not a page size: 100 is the
 * demo's choice (Graph's usual default), so a tenant with a few thousand pass holders spans many pages.
 */
export const REPORT_PAGE_SIZE = 100;
const REPORT_LIMITS: PageLimits = { defaultTop: REPORT_PAGE_SIZE, maxTop: 999 };
/** Audit logs page like sign-in logs: up to 1,000 entries. */
const AUDIT_LIMITS: PageLimits = { defaultTop: 1000, maxTop: 1000 };

// Properties the report documents as sortable.
const REPORT_ORDERBY = new Set(["userprincipalname", "userdisplayname"]);

/** Graph's collection envelope for one page already cut out of `items`. */
function page(ctx: RouteContext, contextFragment: string, items: unknown[], nextSkip: number | undefined): RouteResult {
  const body: Record<string, unknown> = { "@odata.context": `${ctx.serviceRoot}/$metadata#${contextFragment}` };
  if (nextSkip !== undefined) body["@odata.nextLink"] = `${ctx.serviceRoot}${ctx.path}?${nextPageQuery(ctx.query, nextSkip)}`;
  body.value = items;
  return ok(body);
}

/** `$orderby=name [asc|desc]` for the properties that support it; anything else is Graph's 400. */
function orderBy<T extends object>(items: T[], query: URLSearchParams, allowed: ReadonlySet<string>): T[] {
  const text = query.get("$orderby") ?? query.get("$orderBy");
  if (text === null || text.trim() === "") return items;
  const [name, direction = "asc"] = text.trim().split(/\s+/);
  if (!allowed.has(name.toLowerCase()) || !/^(asc|desc)$/i.test(direction)) throw badRequest(`Invalid $orderby clause: '${text}'.`, "Request_UnsupportedQuery");
  const key = Object.keys(items[0] ?? {}).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
  const sign = direction.toLowerCase() === "desc" ? -1 : 1;
  const value = (item: T): string => {
    const v = (item as Record<string, unknown>)[key];
    return typeof v === "string" ? v : "";
  };
  return [...items].sort((a, b) => sign * value(a).localeCompare(value(b)));
}

// Filtering 100,000 rows once per page would be slow; a snapshot's answer to a filter doesn't change until a refresh.
const filtered = new WeakMap<DemoRegistrationReport, Map<string, DemoRegistrationDetails[]>>();

function reportRows(report: DemoRegistrationReport, query: URLSearchParams): DemoRegistrationDetails[] {
  const key = query.get("$filter") ?? "";
  const cache = filtered.get(report) ?? new Map<string, DemoRegistrationDetails[]>();
  filtered.set(report, cache);
  const known = cache.get(key);
  if (known) return known;
  const rows = filterBy(report.rows, query);
  cache.set(key, rows);
  return rows;
}

function listRegistrationDetails(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  const rows = orderBy(reportRows(ctx.directory.registrationReport, ctx.query), ctx.query, REPORT_ORDERBY);
  const cut = pageOf(rows, ctx.query, REPORT_LIMITS);
  const items = cut.items.map((r) => project(r, select));
  return page(ctx, withSelect("reports/authenticationMethods/userRegistrationDetails", select), items, cut.nextSkip);
}

function getRegistrationDetails(ctx: RouteContext): RouteResult {
  const id = ctx.params.id.toLowerCase();
  const found = ctx.directory.registrationReport.rows.find((r) => r.id.toLowerCase() === id);
  if (!found) throw resourceNotFound(ctx.params.id);
  return ok({ "@odata.context": `${ctx.serviceRoot}/$metadata#reports/authenticationMethods/userRegistrationDetails/$entity`, ...found });
}

const newestFirst = (a: DemoDirectoryAudit, b: DemoDirectoryAudit) => b.activityDateTime.localeCompare(a.activityDateTime);

function listDirectoryAudits(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  const sorted = [...ctx.directory.directoryAudits].sort(newestFirst);
  const ordered = orderBy(filterBy(sorted, ctx.query), ctx.query, new Set(["activitydatetime"]));
  const cut = pageOf(ordered, ctx.query, AUDIT_LIMITS);
  return page(ctx, withSelect("auditLogs/directoryAudits", select), cut.items.map((a) => project(a, select)), cut.nextSkip);
}

/** Audit log and registration report routes: AuditLog.Read.All; the report also needs Entra ID P1 (audit logs are in Free). */
export const auditRoutes: Route[] = [
  { method: "GET", pattern: "/auditLogs/directoryAudits", permissions: ["AuditLog.Read.All"], handle: listDirectoryAudits },
  { method: "GET", pattern: "/reports/authenticationMethods/userRegistrationDetails", permissions: ["AuditLog.Read.All"], license: "p1", handle: listRegistrationDetails },
  { method: "GET", pattern: "/reports/authenticationMethods/userRegistrationDetails/:id", permissions: ["AuditLog.Read.All"], license: "p1", handle: getRegistrationDetails },
];
