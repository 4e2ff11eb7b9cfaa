// One error type with codes; `safeMessage` is what a person may see, `message` is for logs (already scrubbed).
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

export interface HelpdeskErrorOptions {
  cause?: unknown;
  /** Text safe to show a person; defaults to a generic sentence for the code. */
  safeMessage?: string;
  /** HTTP status of the failing upstream call, when there was one. */
  status?: number;
  /** Graph `request-id`, for support. */
  requestId?: string;
}

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
  BAD_INPUT: "I didn't understand that input.",
  CONFLICT: "Someone else changed this at the same time. Please try again.",
  NOT_DELIVERED: "I couldn't send that message in Teams just now. Please try again in a moment.",
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

/** Turns anything thrown into text that is safe to show a person: never a stack trace, never a secret. */
export function toSafeMessage(e: unknown): string {
  return isHelpdeskError(e) ? e.safeMessage : "Something went wrong on my side. Please try again in a moment.";
}
