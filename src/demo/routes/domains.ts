// Domain routes: the tenant's domains and the federation settings of federated ones.
import { resourceNotFound } from "../errors";
import { filterBy, project, selectedProperties } from "../odata";
import { collection, entity, withSelect, type Route, type RouteContext, type RouteResult } from "./types";

function findDomain(ctx: RouteContext) {
  const domain = ctx.directory.domains.find((d) => d.id.toLowerCase() === ctx.params.domain.toLowerCase());
  if (!domain) throw resourceNotFound(ctx.params.domain);
  return domain;
}

function listDomains(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  const items = filterBy(ctx.directory.domains, ctx.query).map((d) => project(d, select));
  return collection(ctx, withSelect("domains", select), items);
}

function getDomain(ctx: RouteContext): RouteResult {
  const select = selectedProperties(ctx.query);
  return entity(ctx, `${withSelect("domains", select)}/$entity`, project(findDomain(ctx), select));
}

// Managed domains answer with an empty list, federated ones with their internalDomainFederation objects.
function listFederation(ctx: RouteContext): RouteResult {
  const domain = findDomain(ctx);
  const items = ctx.directory.federation.get(domain.id) ?? [];
  return collection(ctx, `domains('${domain.id}')/federationConfiguration`, items.map((f) => ({ ...f })));
}

/** Domain routes. */
export const domainRoutes: Route[] = [
  { method: "GET", pattern: "/domains", permissions: ["Domain.Read.All"], handle: listDomains },
  { method: "GET", pattern: "/domains/:domain", permissions: ["Domain.Read.All"], handle: getDomain },
  { method: "GET", pattern: "/domains/:domain/federationConfiguration", permissions: ["Domain.Read.All"], handle: listFederation },
];
