// The demo tenant: a Microsoft Graph v1.0-compatible HTTP server on loopback, backed by the in-memory Northwind Labs
// directory. It is the product's zero-setup default and the backend of tests and benchmarks; the real
// @microsoft/microsoft-graph-client talks to it with baseUrl = tenant.url.
//
// Paging note for clients: @odata.nextLink is absolute (http://127.0.0.1:port/v1.0/...?$skiptoken=...), as Graph's is.
// graph-client 3.0.7 only strips "https://" hosts when given a nextLink, so passing an http nextLink to client.api()
// (or to PageIterator) produces "/v1.0/http://host/v1.0/..."; the server accepts that form too, so both work.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "../clock";
import { HelpdeskError } from "../errors";
import type { Logger } from "../log";
import { byUser, type AuditInitiator } from "./audit-log";
import { runBatch } from "./batch";
import { ControlState, type DemoControls, type InjectedFault, type RecordedRequest } from "./controls";
import type { DemoDirectory } from "./directory";
import { errorBody } from "./errors";
import { JSON_CONTENT_TYPE, dispatch, faultResponse, newMeta, safeDecode, type DemoResponse, type RouterEnv } from "./router";
import { castMember } from "./seed-cast";
import { seedDemoDirectory } from "./seed";
import { seedGeneratedDirectory, type GeneratedTenantOptions } from "./seed-generated";

// Re-exported so callers need only this module.
export type { DemoControls, InjectedFault, RecordedRequest } from "./controls";
export type { DemoDirectory } from "./directory";
export type { GeneratedTenantOptions } from "./seed-generated";

/** How to start a demo tenant; every field is optional. */
export interface DemoTenantOptions {
  /** Drives pass usability, log times and budget windows. Default: the system clock. */
  clock?: Clock;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. Anything else is refused. */
  host?: string;
  /** Builds the directory for a given "now" (start and reset). Default: the Northwind Labs cast. */
  seed?: (now: Date) => DemoDirectory;
  /** The Northwind Labs cast plus a generated population (benchmarks); ignored when `seed` is given. */
  generated?: GeneratedTenantOptions;
  /** Receives unexpected handler failures (answered as 500). Pass values never reach it. */
  logger?: Logger;
}

/** A running demo tenant. */
export interface DemoTenant {
  /** e.g. http://127.0.0.1:54321; Graph requests go to `${url}/v1.0/...`. */
  url: string;
  controls: DemoControls;
  /** The live model, so tests can inspect passes etc.; reset() restores it in place. */
  directory: DemoDirectory;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const UNREADABLE_JSON = "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The request body as text, or undefined when it exceeds MAX_BODY_BYTES (answered with 413). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/**
 * The path below /v1.0 with its query, or undefined for another version. Also unwraps the
 * "/v1.0/http://host/v1.0/..." form graph-client builds from an http nextLink (see the note at the top).
 */
export function targetBelowVersion(rawUrl: string): string | undefined {
  const m = /^\/v1\.0(\/.*|\?.*)?$/i.exec(rawUrl);
  if (!m) return undefined;
  const rest = m[1] ?? "/";
  const nested = /^\/https?:\/+[^/]+(\/.*)$/i.exec(rest);
  if (nested) return targetBelowVersion(nested[1]) ?? rest;
  return rest.startsWith("?") ? `/${rest}` : rest;
}

/** Policy changes made through the controls are an admin's in the portal: Victor (Global Administrator) when present. */
function portalAdmin(directory: DemoDirectory): AuditInitiator | undefined {
  const victor = directory.findUser(castMember("victor").id);
  return victor ? byUser(victor) : undefined;
}

/** Starts the demo tenant on loopback and resolves once it is listening. */
export async function startDemoTenant(options: DemoTenantOptions = {}): Promise<DemoTenant> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host)) throw new HelpdeskError("CONFIG_INVALID", `demo tenant refuses to listen on non-loopback host '${host}'`);
  const clock = options.clock ?? systemClock;
  const generated = options.generated;
  const seed = options.seed ?? (generated ? (now: Date) => seedGeneratedDirectory(now, generated) : seedDemoDirectory);
  const directory = seed(clock.now());
  const state = new ControlState();
  let serviceRoot = "";
  const env = (): RouterEnv => ({ state, directory, clock, serviceRoot });

  const send = async (res: ServerResponse, r: DemoResponse) => {
    if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
    const payload = r.body === undefined ? undefined : JSON.stringify(r.body);
    res.writeHead(r.status, r.headers);
    res.end(payload);
  };

  const answer = async (req: IncomingMessage): Promise<DemoResponse> => {
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const headers = lowerHeaders(req);
    const meta = newMeta(headers, clock.now());
    const target = targetBelowVersion(rawUrl);
    const entry: RecordedRequest = { method, path: safeDecode(target ?? rawUrl), at: clock.now() };
    state.log.push(entry);
    const raw = await readBody(req);
    const fail = (status: number, code: string, message: string): DemoResponse => ({
      status,
      headers: { "request-id": meta.requestId, "client-request-id": meta.clientRequestId, "Content-Type": JSON_CONTENT_TYPE },
      body: errorBody(code, message, meta),
    });
    if (raw === undefined) return fail(413, "RequestEntityTooLarge", "The request body is too large.");
    if (target === undefined) return fail(400, "BadRequest", `Invalid version: ${rawUrl.split(/[/?]/)[1] ?? ""}`);
    let body: unknown;
    if (raw.trim().length > 0 && method !== "GET" && method !== "DELETE") {
      if (!(headers["content-type"] ?? "").includes("json")) return fail(400, "BadRequest", UNREADABLE_JSON);
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        return fail(400, "BadRequest", UNREADABLE_JSON);
      }
    }
    if (method === "POST" && /^\/\$batch(\?|$)/i.test(target)) {
      const faulted = faultResponse(state, `POST ${entry.path}`, meta);
      if (faulted) return faulted;
      if (body === undefined) return fail(400, "BadRequest", UNREADABLE_JSON);
      const outcome = runBatch(body, env(), meta);
      if (outcome.batchIds) entry.batchIds = outcome.batchIds;
      if (outcome.subRequests) entry.subRequests = outcome.subRequests;
      return {
        status: outcome.status,
        headers: { "request-id": meta.requestId, "client-request-id": meta.clientRequestId, "Content-Type": JSON_CONTENT_TYPE },
        body: outcome.body,
      };
    }
    return dispatch({ method, target, headers, body }, env());
  };

  const server: Server = createServer((req, res) => {
    answer(req)
      .then((r) => send(res, r))
      .catch((e: unknown) => {
        options.logger?.error({ err: e instanceof Error ? e.message : String(e) }, "demo tenant failed to answer a request");
        // Still a Graph-shaped answer: every response carries a request-id.
        const meta = newMeta(lowerHeaders(req), clock.now());
        if (res.headersSent) {
          res.end();
          return;
        }
        res.writeHead(500, { "request-id": meta.requestId, "client-request-id": meta.clientRequestId, "Content-Type": JSON_CONTENT_TYPE });
        res.end(JSON.stringify(errorBody("InternalServerError", "An internal server error occurred.", meta)));
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  serviceRoot = `${url}/v1.0`;

  const controls: DemoControls = {
    setLatency: (ms) => {
      state.latencyMs = Math.max(0, ms);
    },
    injectFault: (f: InjectedFault) => state.addFault(f),
    denyPermission: (p) => state.deny(p),
    setLicenses: (l) => {
      state.licenses = { ...l };
    },
    enforceBudgets: (on) => {
      state.budgetsOn = on;
    },
    setTapPolicyState: (s) => {
      directory.updateMethodConfiguration("TemporaryAccessPass", { state: s }, clock.now(), portalAdmin(directory));
    },
    updateMethodConfiguration: (id, changes) => {
      if (!directory.updateMethodConfiguration(id, changes, clock.now(), portalAdmin(directory))) {
        throw new HelpdeskError("BAD_INPUT", `the demo tenant has no method configuration '${id}'`);
      }
    },
    refreshRegistrationReport: () => directory.refreshRegistrationReport(clock.now()),
    requests: () => state.log.map((r) => ({ ...r })),
    resetRequests: () => {
      state.log = [];
    },
    reset: () => {
      state.clear();
      directory.restore(seed(clock.now()));
    },
  };

  return {
    url,
    controls,
    directory,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
