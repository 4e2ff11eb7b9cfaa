// Sign-in logs and Identity Protection routes (the throttled, licensed ones).
import type { DemoSignIn } from "../directory";
import { resourceNotFound } from "../errors";
import { filterBy, project, selectedProperties } from "../odata";
import { collection, entity, withSelect, type Route, type RouteContext, type RouteResult } from "./types";

const REPORT_ONLY = /^reportOnly/;

// Without `Prefer: include-unknown-enum-members` Graph hides evolvable enum members behind unknownFutureValue.
function forCaller(signIn: DemoSignIn, includeUnknownEnumMembers: boolean): DemoSignIn {
  if (includeUnknownEnumMembers) return signIn;
  return {
    ...signIn,
    appliedConditionalAccessPolicies: (signIn.appliedConditionalAccessPolicies ?? []).map((p) =>
      REPORT_ONLY.test(p.result ?? "") ? { ...p, result: "unknownFutureValue" } : p,
    ),
  };
}

function listSignIns(ctx: RouteContext): RouteResult {
  const prefer = (ctx.headers.prefer ?? "").toLowerCase().includes("include-unknown-enum-members");
  const select = selectedProperties(ctx.query);
  const newestFirst = [...ctx.directory.signIns].sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
  const items = filterBy(newestFirst, ctx.query).map((s) => project(forCaller(s, prefer), select));
  return collection(ctx, withSelect("auditLogs/signIns", select), items, { defaultTop: 1000, maxTop: 1000 });
}

function listRiskyUsers(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  const items = filterBy(ctx.directory.riskyUsers, ctx.query).map((r) => project(r, select));
  return collection(ctx, withSelect("identityProtection/riskyUsers", select), items, { defaultTop: 100, maxTop: 500 });
}

function getRiskyUser(ctx: RouteContext): RouteResult {
  const risky = ctx.directory.riskyUsers.find((r) => r.id.toLowerCase() === ctx.params.id.toLowerCase());
  if (!risky) throw resourceNotFound(ctx.params.id);
  const select = selectedProperties(ctx.query);
  return entity(ctx, `${withSelect("identityProtection/riskyUsers", select)}/$entity`, project(risky, select));
}

/** Reports and risk routes; their budgets follow from their paths (see the router). */
export const reportRoutes: Route[] = [
  { method: "GET", pattern: "/auditLogs/signIns", permissions: ["AuditLog.Read.All"], license: "p1", handle: listSignIns },
  { method: "GET", pattern: "/identityProtection/riskyUsers", permissions: ["IdentityRiskyUser.Read.All"], license: "p2", handle: listRiskyUsers },
  { method: "GET", pattern: "/identityProtection/riskyUsers/:id", permissions: ["IdentityRiskyUser.Read.All"], license: "p2", handle: getRiskyUser },
];
