// One error type with codes; `safeMessage` is what a person may see, `message` is for logs (already scrubbed).
// One classifier for anything thrown (not found, throttled, forbidden, transient, conflict, invalid, unknown), one
// sentence per class for failures without a code, and the fields every failure log line carries.
import { currentLogContext } from "./log";
import { scrubSecrets } from "./secrets";

export type ErrorCode =
  | "CONFIG_INVALID"
  | "USER_NOT_FOUND"
  | "GRAPH_FORBIDDEN"
  | "GRAPH_UNLICENSED"
  | "GRAPH_THROTTLED"
  | "GRAPH_UNAVAILABLE"
  | "GRAPH_BAD_REQUEST"
  | "GRAPH_ERROR"
  | "STORE_ERROR"
  | "NOT_AUTHORIZED"
  | "BAD_INPUT"
  | "CONFLICT"
  | "NOT_DELIVERED";

/**
 * What kind of failure something thrown is, whatever threw it: decides what a person is told and how it is logged.
 * `transient` = no answer, timeout or a 5xx (asking again soon may work); `invalid` = the request itself was refused;
 * `unknown` = a bug or an unexplained failure (the person gets a reference to quote).
 */
export type FailureClass = "not_found" | "throttled" | "forbidden" | "transient" | "conflict" | "invalid" | "unknown";

export interface HelpdeskErrorOptions {
  cause?: unknown;
  /** Text safe to show a person; defaults to a generic sentence for the code. */
  safeMessage?: string;
  /** HTTP status of the failing upstream call, when there was one. */
  status?: number;
  /** Graph `request-id`, for support. */
  requestId?: string;
}

/** What a person is told for a failure that carries no more specific sentence (anything but a HelpdeskError). */
export const FAILURE_SENTENCE: Readonly<Record<FailureClass, string>> = Object.freeze({
  not_found: "What I was looking for isn't there any more.",
  throttled: "A service I depend on is busy right now. Please try again in a minute.",
  forbidden: "I'm not allowed to do that: the bot is missing a permission.",
  transient: "I couldn't reach a service I depend on just now. Please try again in a minute.",
  conflict: "Someone else changed this at the same time. Please try again.",
  invalid: "I didn't understand that input.",
  unknown: "Something went wrong on my side. Please try again in a moment.",
});

const GENERIC: Record<ErrorCode, string> = {
  CONFIG_INVALID: "The service is not configured correctly.",
  USER_NOT_FOUND: "I couldn't find that person in the directory.",
  GRAPH_FORBIDDEN: "I'm not allowed to read that in the directory.",
  GRAPH_UNLICENSED: "That check needs a license the tenant doesn't have.",
  GRAPH_THROTTLED: "The directory is busy right now. Please try again in a minute.",
  GRAPH_UNAVAILABLE: "I couldn't reach the directory right now. Please try again in a minute.",
  GRAPH_BAD_REQUEST: "The directory refused the request.",
  GRAPH_ERROR: "Something went wrong while reading the directory.",
  STORE_ERROR: "I couldn't save our conversation. Please try again.",
  NOT_AUTHORIZED: "You're not allowed to do that.",
  BAD_INPUT: FAILURE_SENTENCE.invalid,
  CONFLICT: FAILURE_SENTENCE.conflict,
  NOT_DELIVERED: "I couldn't send that message in Teams just now. Please try again in a moment.",
};

/** The class of each code (a HelpdeskError answered 404 is `not_found` whatever its code). */
const CODE_CLASS: Readonly<Record<ErrorCode, FailureClass>> = {
  CONFIG_INVALID: "unknown",
  USER_NOT_FOUND: "not_found",
  GRAPH_FORBIDDEN: "forbidden",
  GRAPH_UNLICENSED: "forbidden",
  GRAPH_THROTTLED: "throttled",
  GRAPH_UNAVAILABLE: "transient",
  GRAPH_BAD_REQUEST: "invalid",
  GRAPH_ERROR: "unknown",
  STORE_ERROR: "unknown",
  NOT_AUTHORIZED: "forbidden",
  BAD_INPUT: "invalid",
  CONFLICT: "conflict",
  NOT_DELIVERED: "transient",
};

/** The product's only error type. */
export class HelpdeskError extends Error {
  readonly code: ErrorCode;
  readonly safeMessage: string;
  readonly status?: number;
  readonly requestId?: string;

  constructor(code: ErrorCode, message: string, options: HelpdeskErrorOptions = {}) {
    super(scrubSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HelpdeskError";
    this.code = code;
    this.safeMessage = options.safeMessage ?? GENERIC[code];
    this.status = options.status;
    this.requestId = options.requestId;
  }
}

export const isHelpdeskError = (e: unknown): e is HelpdeskError => e instanceof HelpdeskError;

/** The class of an HTTP status from any upstream (Graph, the Bot Connector); 0 (or graph-client's -1) means no answer. */
export function classifyStatus(status: number): FailureClass {
  if (status === 404 || status === 410) return "not_found";
  if (status === 429) return "throttled";
  if (status === 401 || status === 403) return "forbidden";
  if (status === 409 || status === 412) return "conflict";
  if (status <= 0 || status === 408 || status >= 500) return "transient";
  if (status >= 400) return "invalid";
  return "unknown";
}

/** Network failures worth another try (Node's system error codes and undici's), on the error or its cause. */
const TRANSIENT_NETWORK_CODE = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_[A-Z_]+)$/;

function field(e: unknown, name: string): unknown {
  return typeof e === "object" && e !== null && name in e ? (e as Record<string, unknown>)[name] : undefined;
}

/** Classifies anything thrown; the one place that decides whether a failure was "not found", "busy", "not allowed", ... */
export function classifyFailure(e: unknown): FailureClass {
  if (isHelpdeskError(e)) return e.status === 404 ? "not_found" : CODE_CLASS[e.code];
  const name = field(e, "name");
  if (name === "AbortError" || name === "TimeoutError") return "transient";
  // The Bot Connector's RestError carries `statusCode`; fetch-style errors carry `status`.
  const status = field(e, "statusCode") ?? field(e, "status");
  if (typeof status === "number") return classifyStatus(status);
  for (const candidate of [e, field(e, "cause")]) {
    const code = field(candidate, "code");
    if (typeof code === "string" && TRANSIENT_NETWORK_CODE.test(code)) return "transient";
  }
  return "unknown";
}

/**
 * Turns anything thrown into text that is safe to show a person: never a stack trace, never a secret. A HelpdeskError
 * says its own sentence; anything else the sentence of its class. An unexplained failure (class `unknown`) adds the
 * short reference of the turn or job run it happened in, which every log line of that run carries (`ref`), so the
 * helpdesk can find the log lines from what the person quotes.
 */
export function toSafeMessage(e: unknown): string {
  const failure = classifyFailure(e);
  const text = isHelpdeskError(e) ? e.safeMessage : FAILURE_SENTENCE[failure];
  const ref = currentLogContext().ref;
  return failure === "unknown" && ref !== undefined ? `${text} Error reference: ${ref}.` : text;
}

/** What a log line says about a failure: its class, code, upstream status and Graph request id, and a scrubbed reason. */
export interface FailureFields {
  failure: FailureClass;
  code?: ErrorCode;
  status?: number;
  requestId?: string;
  reason: string;
}

/** Fields for a log line about `e` (spread them in: `logger.warn({ event, ...failureFields(e) }, "...")`). */
export function failureFields(e: unknown): FailureFields {
  const failure = classifyFailure(e);
  if (isHelpdeskError(e)) return { failure, code: e.code, status: e.status, requestId: e.requestId, reason: e.message };
  if (e instanceof Error) {
    const cause = field(e.cause, "code") ?? (e.cause instanceof Error ? e.cause.message : undefined);
    const text = `${e.name}: ${e.message}${typeof cause === "string" ? ` (${cause})` : ""}`;
    return { failure, reason: scrubSecrets(text).slice(0, 300) };
  }
  return { failure, reason: `non-error thrown: ${typeof e}` };
}
