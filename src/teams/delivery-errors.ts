// What a failed Bot Connector call means for delivery, per Teams' documented status codes ("Status codes from bot
// conversational APIs", msteams-docs bots/build-conversational-capability.md): the conversation is dead, try again
// later, or this message was refused. Pure: reads the thrown error's status, error code and Retry-After header.
import type { DeliveryResult } from "../messaging/port";

type Failure = Exclude<DeliveryResult, { status: "delivered" }>;

/** 403 codes after which the bot can't post there until someone in the conversation talks to it again (docs: "Retry: No"). */
const DEAD_403: Record<string, string> = {
  BotNotInConversationRoster: "the bot is not part of this conversation (the app was removed, or never installed there)",
  ConversationBlockedByUser: "the person blocked the bot",
  BotDisabledByAdmin: "the tenant admin disabled the bot",
  ForbiddenOperationException: "the app is not installed in this person's personal scope",
};

/** The docs' retry list: 412 (concurrent operations), 429 (throttled: Retry-After), 502, 503, 504 (exponential backoff). */
const RETRY = new Set([412, 429, 502, 503, 504]);

/** Refusals worth a sentence of their own; any other status is refused as "HTTP <status> <code>" (docs: don't retry unlisted codes). */
const REJECTED: Record<string, string> = {
  BadArgument: "Teams refused the message payload",
  "Bad Argument": "Teams refused the message payload",
  BotNotRegistered: "no bot registration found for this app id",
  MessageSizeTooBig: "the message is too large",
  ActivityNotFoundInConversation: "the message to update no longer exists",
  InvalidBotApiHost: "the conversation belongs to another cloud's Bot API host",
  ServiceError: "Teams had an internal error (the docs say not to retry a 500)",
};

/** Codes of a failed connection (Node system errors, core-rest-pipeline's send error, timeouts): the message may or may not have left. */
const NETWORK_CODE = /^(E[A-Z0-9_]+|REQUEST_SEND_ERROR|UND_ERR_[A-Z_]+)$/;

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  details?: { error?: { code?: unknown } };
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function errorCode(e: ErrorShape): string | undefined {
  const fromBody = e.details?.error?.code;
  if (typeof fromBody === "string" && fromBody) return fromBody;
  return typeof e.code === "string" && e.code ? e.code : undefined;
}

/**
 * The delivery result for an error thrown by a Bot Connector call, or undefined when it isn't a platform or network
 * answer (a bug: the caller rethrows it).
 */
export function classifyDeliveryError(err: unknown, now: Date): Failure | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as ErrorShape;
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const code = errorCode(e);
  if (status === undefined) {
    const network = (code !== undefined && NETWORK_CODE.test(code)) || e.name === "AbortError" || e.name === "TimeoutError";
    return network ? { status: "retry", reason: `network: ${code ?? String(e.name)}`, code } : undefined;
  }
  const label = `${status}${code ? ` ${code}` : ""}`;
  if (status === 403 && code && DEAD_403[code]) return { status: "dead", reason: `${label}: ${DEAD_403[code]}`, httpStatus: status, code };
  if (status === 404 && code === "ConversationNotFound") return { status: "dead", reason: `${label}: the conversation no longer exists`, httpStatus: status, code };
  if (RETRY.has(status)) {
    const afterMs = status === 429 ? parseRetryAfter(e.response?.headers?.get?.("retry-after"), now) : undefined;
    return { status: "retry", reason: status === 429 ? `${label}: throttled` : `${label}: passing failure`, httpStatus: status, code, ...(afterMs !== undefined ? { afterMs } : {}) };
  }
  const text = code ? REJECTED[code] : undefined;
  return { status: "rejected", reason: text ? `${label}: ${text}` : `${label}: refused`, httpStatus: status, code };
}
