// Correlation and call logging for every Graph request: a client-request-id per logical request
// and one debug line per attempt (method, path without query values, status, request-id, duration).
import { randomUUID } from "node:crypto";
import type { Context, Middleware, MiddlewareOptions } from "@microsoft/microsoft-graph-client";
import type { Clock } from "../clock";
import type { Logger } from "../log";
import { pathForLog } from "./odata";

type RequestOptions = NonNullable<Context["options"]>;

/** Reads a request header whatever shape graph-client gave the options (Headers, tuples or a plain object). */
export function getRequestHeader(options: RequestOptions | undefined, name: string): string | undefined {
  const headers = options?.headers;
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  if (Array.isArray(headers)) return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** Sets a request header on whatever shape graph-client gave the options. */
export function setRequestHeader(context: Context, name: string, value: string): void {
  context.options ??= {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else if (Array.isArray(headers)) headers.push([name, value]);
  else context.options.headers = { ...(headers as Record<string, string> | undefined), [name]: value };
}

/** The URL of a middleware context as a string. */
export function requestUrl(context: Context): string {
  const request: unknown = context.request;
  if (typeof request === "string") return request;
  if (request instanceof Request) return request.url;
  return String(request);
}

/** Stamps one client-request-id on a logical request; placed before the retry middleware so retries share it. */
export class CorrelationMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly newId: () => string = randomUUID) {}

  async execute(context: Context): Promise<void> {
    if (getRequestHeader(context.options, "client-request-id") === undefined) {
      setRequestHeader(context, "client-request-id", this.newId());
    }
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Counts the HTTP requests a caller's calls put on the wire, retries included: pass one as a middleware option
 * (GraphCall.attempts) and the call-log middleware, which sees every attempt, adds to it.
 */
export class AttemptCounter implements MiddlewareOptions {
  count = 0;
}

/** Logs each attempt at debug level; placed after the retry middleware so every retry is visible. */
export class CallLogMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async execute(context: Context): Promise<void> {
    const started = this.clock.now().getTime();
    const counter = context.middlewareControl?.getMiddlewareOptions(AttemptCounter);
    if (counter instanceof AttemptCounter) counter.count++;
    const method = context.options?.method ?? "GET";
    const path = pathForLog(requestUrl(context));
    try {
      await this.next?.execute(context);
    } catch (e) {
      this.logger.debug({ graph: { method, path, status: 0, durationInMs: this.clock.now().getTime() - started } }, "graph call failed");
      throw e;
    }
    const response = context.response;
    this.logger.debug(
      {
        graph: {
          method,
          path,
          status: response?.status,
          requestId: response?.headers.get("request-id") ?? undefined,
          clientRequestId: getRequestHeader(context.options, "client-request-id"),
          durationInMs: this.clock.now().getTime() - started,
        },
      },
      "graph call",
    );
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
