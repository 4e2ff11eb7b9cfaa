// Authentication method routes: the registered methods and the Temporary Access Pass (list, get, create, delete).
import { randomInt, randomUUID } from "node:crypto";
import type * as MSGraph from "@microsoft/microsoft-graph-types";
import type { DemoTap, DemoUser } from "../directory";
import { DemoGraphError, badRequest } from "../errors";
import { collection, entity, userParam, type Route, type RouteContext, type RouteResult } from "./types";

const CONVERGED_POLICY_REFUSAL =
  "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].";

// Letters without look-alikes, digits and a few symbols, like the passes Entra hands out ("+drkzqAD").
const LOWER = "abcdefghijkmnpqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const OTHER = "23456789+-=!@#$%&*?";
const ALPHABET = LOWER + UPPER + OTHER;

/** A fresh pass value with at least one lower-case letter, one upper-case letter and one digit or symbol. */
export function generatePassValue(length: number): string {
  for (;;) {
    let value = "";
    for (let i = 0; i < length; i++) value += ALPHABET[randomInt(ALPHABET.length)];
    const has = (set: string) => [...value].some((c) => set.includes(c));
    if (has(LOWER) && has(UPPER) && has(OTHER)) return value;
  }
}

const tapContext = (user: DemoUser) => `users('${user.id}')/authentication/temporaryAccessPassMethods`;

function listMethods(ctx: RouteContext): RouteResult {
  const user = userParam(ctx);
  const methods: unknown[] = [...(ctx.directory.methods.get(user.id) ?? [])];
  const tap = ctx.directory.taps.get(user.id);
  if (tap) methods.push(ctx.directory.tapResource(user.id, tap, ctx.now));
  return collection(ctx, `users('${user.id}')/authentication/methods`, methods);
}

function listTaps(ctx: RouteContext): RouteResult {
  const user = userParam(ctx);
  const tap = ctx.directory.taps.get(user.id);
  return collection(ctx, tapContext(user), tap ? [ctx.directory.tapResource(user.id, tap, ctx.now)] : []);
}

function tapById(ctx: RouteContext): { user: DemoUser; tap: DemoTap } {
  const user = userParam(ctx);
  const tap = ctx.directory.taps.get(user.id);
  if (!tap || tap.id.toLowerCase() !== ctx.params.tap.toLowerCase()) {
    throw new DemoGraphError(404, "itemNotFound", `The Temporary Access Pass '${ctx.params.tap}' was not found for this user.`);
  }
  return { user, tap };
}

function getTap(ctx: RouteContext): RouteResult {
  const { user, tap } = tapById(ctx);
  return entity(ctx, `${tapContext(user)}/$entity`, ctx.directory.tapResource(user.id, tap, ctx.now));
}

function deleteTap(ctx: RouteContext): RouteResult {
  const { user } = tapById(ctx);
  ctx.directory.removeTap(user, ctx.now);
  return { status: 204 };
}

interface CreateRequest {
  startDateTime?: Date;
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
}

function parseCreateBody(body: unknown): CreateRequest {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) throw badRequest("The request body must be a JSON object.", "badRequest");
  const b = body as MSGraph.TemporaryAccessPassAuthenticationMethod;
  const out: CreateRequest = {};
  if (b.startDateTime !== undefined && b.startDateTime !== null) {
    const start = typeof b.startDateTime === "string" ? new Date(b.startDateTime) : new Date(NaN);
    if (Number.isNaN(start.getTime())) throw badRequest("Invalid StartDateTime specified.", "badRequest");
    out.startDateTime = start;
  }
  if (b.lifetimeInMinutes !== undefined && b.lifetimeInMinutes !== null) {
    if (typeof b.lifetimeInMinutes !== "number" || !Number.isInteger(b.lifetimeInMinutes)) throw badRequest("Invalid LifetimeInMinutes specified.", "badRequest");
    out.lifetimeInMinutes = b.lifetimeInMinutes;
  }
  if (b.isUsableOnce !== undefined && b.isUsableOnce !== null) {
    if (typeof b.isUsableOnce !== "boolean") throw badRequest("Invalid IsUsableOnce specified.", "badRequest");
    out.isUsableOnce = b.isUsableOnce;
  }
  return out;
}

/** Creates (or replaces) the user's pass; the value appears in this response and nowhere else. */
function createTap(ctx: RouteContext): RouteResult {
  const user = userParam(ctx);
  const { directory } = ctx;
  const policy = directory.tapPolicy;
  if (directory.isExternalGuest(user)) throw badRequest("Temporary Access Pass cannot be added to an external guest user.", "badRequest");
  if (policy.state !== "enabled" || !directory.isTargeted(user.id, policy.includeTargets, policy.excludeTargets)) {
    throw badRequest(CONVERGED_POLICY_REFUSAL, "badRequest");
  }
  const request = parseCreateBody(ctx.body);
  const lifetime = request.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes;
  if (lifetime < policy.minimumLifetimeInMinutes || lifetime > policy.maximumLifetimeInMinutes) {
    throw badRequest(`Invalid LifetimeInMinutes specified. The valid range between ${policy.minimumLifetimeInMinutes} and ${policy.maximumLifetimeInMinutes}.`, "badRequest");
  }
  const isUsableOnce = request.isUsableOnce ?? policy.isUsableOnce;
  if (policy.isUsableOnce && !isUsableOnce) {
    throw badRequest("The Temporary Access Pass policy only allows one-time passes; isUsableOnce must be true.", "badRequest");
  }
  const tap: DemoTap = {
    id: randomUUID(),
    createdDateTime: ctx.now,
    startDateTime: request.startDateTime ?? ctx.now,
    lifetimeInMinutes: lifetime,
    isUsableOnce,
  };
  // One pass per user: a new one replaces the previous one, as Entra does; the audit log records the registration.
  directory.registerTap(user, tap);
  const resource = { ...directory.tapResource(user.id, tap, ctx.now), temporaryAccessPass: generatePassValue(policy.defaultLength) };
  const created = entity(ctx, `${tapContext(user)}/$entity`, resource);
  return { ...created, status: 201, headers: { Location: `${ctx.serviceRoot}/users/${user.id}/authentication/temporaryAccessPassMethods/${tap.id}` } };
}

const READ = ["UserAuthenticationMethod.Read.All", "UserAuthMethod-TAP.Read.All"];
const WRITE = ["UserAuthenticationMethod.ReadWrite.All", "UserAuthMethod-TAP.ReadWrite.All"];

/** Authentication-method routes. Denying any listed permission refuses the route. */
export const authenticationRoutes: Route[] = [
  { method: "GET", pattern: "/users/:user/authentication/methods", permissions: ["UserAuthenticationMethod.Read.All"], handle: listMethods },
  { method: "GET", pattern: "/users/:user/authentication/temporaryAccessPassMethods", permissions: READ, handle: listTaps },
  { method: "POST", pattern: "/users/:user/authentication/temporaryAccessPassMethods", permissions: WRITE, handle: createTap },
  { method: "GET", pattern: "/users/:user/authentication/temporaryAccessPassMethods/:tap", permissions: READ, handle: getTap },
  { method: "DELETE", pattern: "/users/:user/authentication/temporaryAccessPassMethods/:tap", permissions: WRITE, handle: deleteTap },
];
