// One place that sends a request through the graph-client middleware chain and hands back status, body and request-id,
// so callers decide what a failure means instead of catching library-specific error shapes. A call that got no answer
// at all (refused connection, timeout, no token) is logged here once, classified, whatever the caller then makes of it.
import { ResponseType, type Client } from "@microsoft/microsoft-graph-client";
import { HelpdeskError, failureFields } from "../errors";
import type { Logger } from "../log";
import { pathForLog } from "./odata";
import type { AttemptCounter } from "./telemetry";

/** The HTTP methods the adapter uses. */
export type GraphMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** One request to send. */
export interface GraphCall {
  method: GraphMethod;
  /** Relative to the version root, e.g. `/users/{id}`; query values already encoded. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  abortSignal?: AbortSignal;
  /** Counts every HTTP attempt this call makes, retries included. */
  attempts?: AttemptCounter;
}

/** A Graph answer with the parsed JSON body (undefined when empty) and the service's request-id for audit. */
export interface GraphResult {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  requestId?: string;
}

/** Two minutes: Graph's own 60 s limit plus the retry middleware's bounded waits. */
export const DEFAULT_CALL_TIMEOUT_IN_MS = 120_000;

/** What batch and paging need from a transport (a fake in unit tests). */
export type GraphSender = Pick<GraphHttp, "send">;

/** Thin transport over a graph-client Client; never throws for HTTP statuses, only for no answer at all. */
export class GraphHttp {
  /**
   * `timeoutInMs` bounds one logical call including its retries, so a hung connection can't hold a conversation
   * forever (Graph itself gives up on authentication-method requests after 60 s).
   */
  constructor(
    private readonly client: Client,
    private readonly timeoutInMs = DEFAULT_CALL_TIMEOUT_IN_MS,
    private readonly logger?: Logger,
  ) {}

  async send(call: GraphCall): Promise<GraphResult> {
    const timeout = AbortSignal.timeout(this.timeoutInMs);
    const signal = call.abortSignal ? AbortSignal.any([call.abortSignal, timeout]) : timeout;
    let request = this.client.api(call.path).responseType(ResponseType.RAW).option("signal", signal);
    if (call.headers) request = request.headers(call.headers);
    if (call.attempts) request = request.middlewareOptions([call.attempts]);
    let raw: unknown;
    try {
      switch (call.method) {
        case "GET":
          raw = await request.get();
          break;
        case "POST":
          raw = await request.post(call.body ?? {});
          break;
        case "PATCH":
          raw = await request.patch(call.body ?? {});
          break;
        case "DELETE":
          raw = await request.delete();
          break;
      }
    } catch (e) {
      if (call.abortSignal?.aborted) throw call.abortSignal.reason;
      const why = timeout.aborted ? `no answer within ${this.timeoutInMs} ms` : describe(e);
      const error = new HelpdeskError("GRAPH_UNAVAILABLE", `Graph ${call.method} ${pathForLog(call.path)} got no answer: ${why}`, {
        cause: e,
      });
      // Batch and degrade paths turn this into "status 0" for one fact; the reason is kept here.
      this.logger?.warn({ event: "graph_no_answer", ...failureFields(error) }, "Graph didn't answer");
      throw error;
    }
    if (!(raw instanceof Response)) {
      throw new HelpdeskError("GRAPH_ERROR", `Graph ${call.method} ${pathForLog(call.path)} returned no response object`);
    }
    const headers = headersToRecord(raw.headers);
    return { status: raw.status, body: parseJson(await raw.text()), headers, requestId: headers["request-id"] };
  }
}

/** Lower-cased header map (batch sub-responses use plain objects, so both shapes end up alike). */
export function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : "";
    return `${e.message}${cause}`;
  }
  return "unknown error";
}
