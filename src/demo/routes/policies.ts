// Policy routes: the authentication methods policy and its configurations, Conditional Access, authentication strengths.
import type { DemoCaPolicy, DemoDirectory } from "../directory";
import { badRequest, resourceNotFound } from "../errors";
import { filterBy, project, selectedProperties } from "../odata";
import { collection, entity, withSelect, type Route, type RouteContext, type RouteResult } from "./types";

function configurations(directory: DemoDirectory): Record<string, unknown>[] {
  return [{ ...directory.tapPolicy }, ...directory.methodConfigurations.map((c) => ({ ...c }))];
}

function getMethodsPolicy(ctx: RouteContext): RouteResult {
  // authenticationMethodConfigurations is expanded by default on GET.
  const policy = { ...ctx.directory.authenticationMethodsPolicy, authenticationMethodConfigurations: configurations(ctx.directory) };
  return entity(ctx, "policies/authenticationMethodsPolicy/$entity", policy);
}

function getMethodConfiguration(ctx: RouteContext): RouteResult {
  const id = ctx.params.id.toLowerCase();
  const config = configurations(ctx.directory).find((c) => String(c.id).toLowerCase() === id);
  if (!config) throw resourceNotFound(ctx.params.id);
  return entity(ctx, "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity", config);
}

// Settings a PATCH may change, with a check of each value's type; other properties are read-only here.
const TARGETS = (v: unknown) => Array.isArray(v) && v.every((t) => typeof t === "object" && t !== null && typeof (t as { id?: unknown }).id === "string");
const WRITABLE: Record<string, (v: unknown) => boolean> = {
  state: (v) => v === "enabled" || v === "disabled",
  includeTargets: TARGETS,
  excludeTargets: TARGETS,
  defaultLifetimeInMinutes: Number.isInteger,
  minimumLifetimeInMinutes: Number.isInteger,
  maximumLifetimeInMinutes: Number.isInteger,
  isUsableOnce: (v) => typeof v === "boolean",
  defaultLength: Number.isInteger,
};

/** PATCH a method configuration: 204, and an "Authentication Methods Policy Update" entry in the audit log. */
function updateMethodConfiguration(ctx: RouteContext): RouteResult {
  const body = ctx.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("The request body must be a JSON object.");
  const changes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === "@odata.type" || name === "id") continue;
    const valid = WRITABLE[name];
    if (!valid) throw badRequest(`Property '${name}' can't be updated on this configuration.`);
    if (!valid(value)) throw badRequest(`Invalid value for property '${name}'.`);
    changes[name] = value;
  }
  if (!ctx.directory.updateMethodConfiguration(ctx.params.id, changes, ctx.now)) throw resourceNotFound(ctx.params.id);
  return { status: 204 };
}

// Policies store the strength as { id }; Graph serves the whole strength object inline. Returns wire JSON because
// the typings model allowedCombinations as single modes while the wire carries comma-joined combinations.
function expandStrength(policy: DemoCaPolicy, directory: DemoDirectory): Record<string, unknown> {
  const ref = policy.grantControls?.authenticationStrength;
  const strength = ref?.id ? directory.strengths.find((s) => s.id === ref.id) : undefined;
  if (!policy.grantControls || !strength) return { ...policy };
  return { ...policy, grantControls: { ...policy.grantControls, authenticationStrength: { ...strength } } };
}

function listCaPolicies(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  const items = filterBy(ctx.directory.caPolicies, ctx.query).map((p) => project(expandStrength(p, ctx.directory), select));
  return collection(ctx, withSelect("identity/conditionalAccess/policies", select), items);
}

function getCaPolicy(ctx: RouteContext): RouteResult {
  const policy = ctx.directory.caPolicies.find((p) => p.id.toLowerCase() === ctx.params.id.toLowerCase());
  if (!policy) throw resourceNotFound(ctx.params.id);
  return entity(ctx, "identity/conditionalAccess/policies/$entity", expandStrength(policy, ctx.directory));
}

function listNamedLocations(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  const items = filterBy(ctx.directory.namedLocations, ctx.query).map((l) => project({ ...l }, select));
  return collection(ctx, withSelect("identity/conditionalAccess/namedLocations", select), items);
}

function getNamedLocation(ctx: RouteContext): RouteResult {
  const location = ctx.directory.namedLocations.find((l) => l.id.toLowerCase() === ctx.params.id.toLowerCase());
  if (!location) throw resourceNotFound(ctx.params.id);
  return entity(ctx, "identity/conditionalAccess/namedLocations/$entity", { ...location });
}

function listStrengths(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  const items = filterBy(ctx.directory.strengths, ctx.query).map((s) => project(s, select));
  return collection(ctx, withSelect("policies/authenticationStrengthPolicies", select), items);
}

function getStrength(ctx: RouteContext): RouteResult {
  const strength = ctx.directory.strengths.find((s) => s.id === ctx.params.id);
  if (!strength) throw resourceNotFound(ctx.params.id);
  return entity(ctx, "policies/authenticationStrengthPolicies/$entity", strength);
}

const METHODS_POLICY = ["Policy.Read.All", "Policy.Read.AuthenticationMethod"];
const CA = ["Policy.Read.All", "Policy.Read.ConditionalAccess"];

/** Policy routes; CA needs P1 and shares the identity-protection budget (see the router). */
export const policyRoutes: Route[] = [
  { method: "GET", pattern: "/policies/authenticationMethodsPolicy", permissions: METHODS_POLICY, handle: getMethodsPolicy },
  { method: "GET", pattern: "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/:id", permissions: METHODS_POLICY, handle: getMethodConfiguration },
  {
    method: "PATCH",
    pattern: "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/:id",
    permissions: ["Policy.ReadWrite.AuthenticationMethod"],
    handle: updateMethodConfiguration,
  },
  { method: "GET", pattern: "/identity/conditionalAccess/policies", permissions: CA, license: "p1", handle: listCaPolicies },
  { method: "GET", pattern: "/identity/conditionalAccess/policies/:id", permissions: CA, license: "p1", handle: getCaPolicy },
  { method: "GET", pattern: "/identity/conditionalAccess/namedLocations", permissions: CA, license: "p1", handle: listNamedLocations },
  { method: "GET", pattern: "/identity/conditionalAccess/namedLocations/:id", permissions: CA, license: "p1", handle: getNamedLocation },
  { method: "GET", pattern: "/policies/authenticationStrengthPolicies", permissions: ["Policy.Read.All"], handle: listStrengths },
  { method: "GET", pattern: "/policies/authenticationStrengthPolicies/:id", permissions: ["Policy.Read.All"], handle: getStrength },
];
