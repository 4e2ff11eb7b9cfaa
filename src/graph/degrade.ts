// Turns a failed Graph read into an honest, plain reason naming what was needed, so one missing permission,
// license or busy budget degrades one fact instead of the whole diagnosis.
import { HelpdeskError, type ErrorCode } from "../errors";
import { unchecked, type Check } from "../triage/snapshot";

/** The facts the adapter reads, each with its own permission and license needs. */
export type GraphFact =
  | "user"
  | "manager"
  | "namedLocations"
  | "taps"
  | "methods"
  | "membership"
  | "signIns"
  | "risk"
  | "tapPolicy"
  | "caPolicies"
  | "strengths"
  | "federation"
  | "registrationReport"
  | "directoryAudits";

interface FactNeeds {
  /** How the fact is named in a sentence. */
  what: string;
  /** What the bot's app registration (and tenant) must have. */
  needs: string;
  /** Name of the throttling budget, when the fact has one. */
  budget?: string;
}

/** What each fact needs, as shown to a person when it could not be checked. */
export const FACT_NEEDS: Readonly<Record<GraphFact, FactNeeds>> = Object.freeze({
  user: { what: "the person's account", needs: "needs User.Read.All" },
  manager: { what: "the person's manager", needs: "needs User.Read.All" },
  taps: { what: "the person's Temporary Access Passes", needs: "needs UserAuthMethod-TAP.Read.All or UserAuthenticationMethod.Read.All" },
  methods: { what: "the person's registered sign-in methods", needs: "needs UserAuthenticationMethod.Read.All" },
  membership: { what: "group and role membership", needs: "needs GroupMember.Read.All" },
  signIns: { what: "sign-in logs", needs: "needs AuditLog.Read.All and Entra ID P1", budget: "sign-in log" },
  risk: { what: "the person's risk state", needs: "needs IdentityRiskyUser.Read.All and Entra ID P2", budget: "Identity Protection" },
  tapPolicy: { what: "the authentication methods policy", needs: "needs Policy.Read.AuthenticationMethod" },
  caPolicies: { what: "Conditional Access policies", needs: "needs Policy.Read.All and Entra ID P1", budget: "Conditional Access" },
  namedLocations: { what: "Conditional Access named locations", needs: "needs Policy.Read.All and Entra ID P1", budget: "Conditional Access" },
  strengths: { what: "authentication strengths", needs: "needs Policy.Read.All" },
  federation: { what: "domain federation settings", needs: "needs Domain.Read.All" },
  registrationReport: { what: "the authentication methods registration report", needs: "needs AuditLog.Read.All and Entra ID P1", budget: "reports and audit log" },
  directoryAudits: { what: "the directory audit log", needs: "needs AuditLog.Read.All", budget: "reports and audit log" },
});

/** The parts of a Graph answer needed to explain a failure (a direct response or a $batch sub-response). */
export interface FailedRead {
  /** 0 when Graph never answered (network error, timeout on our side). */
  status: number;
  body: unknown;
}

/** Why a read failed, in words, and whether asking again soon may help (then it must not be cached). */
export interface FailureReason {
  reason: string;
  transient: boolean;
  kind: "permission" | "license" | "throttled" | "timeout" | "unavailable" | "refused" | "auth";
}

/** `error.code` and `error.message` from a Graph error body, when present. */
export function graphError(body: unknown): { code?: string; message?: string } {
  if (typeof body !== "object" || body === null || !("error" in body)) return {};
  const error: unknown = body.error;
  if (typeof error !== "object" || error === null) return {};
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  const message = "message" in error && typeof error.message === "string" ? error.message : undefined;
  return { code, message };
}

// The sign-in log code is documented; other licensed APIs word it differently ("not licensed", "requires ... P2").
function isLicenseProblem(status: number, code: string | undefined, message: string | undefined): boolean {
  if (code === "Authentication_RequestFromNonPremiumTenantOrB2CTenant") return true;
  return (status === 403 || status === 400) && /premium licen[cs]e|not licensed|requires (?:Microsoft )?Entra ID P[12]|Azure AD Premium/i.test(message ?? "");
}

/** Classifies a failed read of `fact` and words it for a person. */
export function describeFailure(fact: GraphFact, failure: FailedRead): FailureReason {
  const { what, needs } = FACT_NEEDS[fact];
  const { code, message } = graphError(failure.body);
  const status = failure.status;
  if (isLicenseProblem(status, code, message)) {
    return { kind: "license", transient: false, reason: `couldn't read ${what}: the tenant's license doesn't include it (${needs})` };
  }
  if (status === 403) {
    return { kind: "permission", transient: false, reason: `couldn't read ${what}: the bot's app registration isn't allowed to (${needs})` };
  }
  if (status === 401) {
    return { kind: "auth", transient: false, reason: `couldn't read ${what}: the bot couldn't sign in to Microsoft Graph` };
  }
  if (status === 429) {
    return { kind: "throttled", transient: true, reason: `couldn't check ${what} right now: Microsoft Graph is throttling requests — ask again in a minute` };
  }
  if (status === 0 || status === 408 || status === 504) {
    return { kind: "timeout", transient: true, reason: `couldn't check ${what} right now: Microsoft Graph didn't answer in time — ask again in a minute` };
  }
  if (status >= 500) {
    return { kind: "unavailable", transient: true, reason: `couldn't check ${what} right now: Microsoft Graph had a problem (HTTP ${status}) — ask again in a minute` };
  }
  const detail = code ? `HTTP ${status}, ${code}` : `HTTP ${status}`;
  return { kind: "refused", transient: false, reason: `couldn't read ${what}: Microsoft Graph refused the request (${detail})` };
}

/** `unchecked(reason)` for a failed read. */
export function degrade<T>(fact: GraphFact, failure: FailedRead): Check<T> {
  return unchecked<T>(describeFailure(fact, failure).reason);
}

/** The reason used when a throttling budget had no slot within the allowed wait. */
export function budgetBusyReason(fact: GraphFact): string {
  const { what, budget } = FACT_NEEDS[fact];
  return `couldn't check ${what} right now: the tenant's ${budget ?? "Graph"} budget is busy — ask again in a minute`;
}

/** `unchecked` for a read skipped because its budget was busy. */
export function budgetBusy<T>(fact: GraphFact): Check<T> {
  return unchecked<T>(budgetBusyReason(fact));
}

const KIND_TO_CODE: Record<FailureReason["kind"], ErrorCode> = {
  permission: "GRAPH_FORBIDDEN",
  license: "GRAPH_UNLICENSED",
  auth: "GRAPH_FORBIDDEN",
  throttled: "GRAPH_THROTTLED",
  timeout: "GRAPH_UNAVAILABLE",
  unavailable: "GRAPH_UNAVAILABLE",
  refused: "GRAPH_ERROR",
};

/** For reads that cannot degrade (the person's own account, a live authorization check): an error with a safe message. */
export function toHelpdeskError(fact: GraphFact, failure: FailedRead & { requestId?: string }): HelpdeskError {
  if (failure.status === 404) {
    return new HelpdeskError("USER_NOT_FOUND", `Graph 404 reading ${FACT_NEEDS[fact].what}`, { status: 404, requestId: failure.requestId });
  }
  const described = describeFailure(fact, failure);
  const { code } = graphError(failure.body);
  return new HelpdeskError(KIND_TO_CODE[described.kind], `Graph ${failure.status} ${code ?? ""} reading ${fact}`.replace(/\s+/g, " "), {
    status: failure.status,
    requestId: failure.requestId,
    safeMessage: `I ${described.reason}.`,
  });
}
