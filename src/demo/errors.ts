// Microsoft Graph's error wire format, so clients of the demo tenant see the same bodies they would see from Graph.

/**
 * A Graph error response raised inside a demo route handler and turned into a wire response by the router.
 * It describes what the fake Graph answers, not a fault of the product, so it is not a HelpdeskError.
 */
export class DemoGraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds?: number;

  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = "DemoGraphError";
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Per-response identifiers that Graph repeats inside every error body. */
export interface ErrorMeta {
  date: Date;
  requestId: string;
  clientRequestId: string;
}

/** The body of a Graph error response. */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: Record<string, string>;
  };
}

// Graph prints innerError.date without fractional seconds.
const graphDate = (d: Date): string => d.toISOString().slice(0, 19);

/** Builds `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function errorBody(code: string, message: string, meta: ErrorMeta): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: { date: graphDate(meta.date), "request-id": meta.requestId, "client-request-id": meta.clientRequestId },
    },
  };
}

/** Graph's throttling body; its innerError carries extra code/status fields (see the throttling guidance sample). */
export function throttledBody(meta: ErrorMeta): GraphErrorBody {
  return {
    error: {
      code: "TooManyRequests",
      message: "Please retry again later.",
      innerError: {
        code: "429",
        date: graphDate(meta.date),
        message: "Please retry after",
        "request-id": meta.requestId,
        status: "429",
        "client-request-id": meta.clientRequestId,
      },
    },
  };
}

// Codes Graph uses for statuses when a test injects a fault without a body.
const DEFAULT_CODES: Record<number, [string, string]> = {
  400: ["BadRequest", "Bad request."],
  401: ["InvalidAuthenticationToken", "Access token is empty."],
  403: ["Authorization_RequestDenied", "Insufficient privileges to complete the operation."],
  404: ["Request_ResourceNotFound", "Resource does not exist or one of its queried reference-property objects are not present."],
  409: ["Conflict", "The request conflicts with the current state of the resource."],
  429: ["TooManyRequests", "Please retry again later."],
  500: ["InternalServerError", "An internal server error occurred."],
  502: ["BadGateway", "Bad gateway."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable. Please retry later."],
  504: ["GatewayTimeout", "The gateway did not receive a response in time."],
};

/** The error body Graph would plausibly send for a bare status (used by injected faults). */
export function defaultErrorBody(status: number, meta: ErrorMeta): GraphErrorBody {
  if (status === 429) return throttledBody(meta);
  const [code, message] = DEFAULT_CODES[status] ?? ["UnknownError", "An error occurred."];
  return errorBody(code, message, meta);
}

/** 404 for a directory object id or UPN that is not in the tenant (Graph's exact wording). */
export const resourceNotFound = (id: string): DemoGraphError =>
  new DemoGraphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** 400 the way Graph phrases a bad query or payload. */
export const badRequest = (message: string, code = "BadRequest"): DemoGraphError => new DemoGraphError(400, code, message);

/** 403 for a permission the app was not granted. */
export const insufficientPrivileges = (): DemoGraphError =>
  new DemoGraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
