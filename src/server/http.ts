// restify: POST /api/messages → guard → Bot Framework endpoint; GET /healthz, GET /readyz. No business logic here.
import restify from "restify";
import type { Logger } from "../log";
import type { MessageEndpoint } from "../teams/endpoint";
import { checkActivity } from "./activity-guard";
import { InFlight, type DrainResult } from "./in-flight";
import { PRIVACY_HTML, TERMS_HTML } from "./legal-pages";
import type { ReadinessReport } from "./readiness";

export interface HttpServerOptions {
  endpoint: MessageEndpoint;
  logger: Logger;
  /** Largest accepted request body; larger requests get 413. */
  maxBodyBytes?: number;
  health?: () => Record<string, unknown>;
  /** Whether Graph and the store answer; /readyz answers 200 or 503 with the report. */
  readiness?: () => Promise<ReadinessReport>;
  /** Counts turns in flight, so a shutdown can let them finish (listen's close drains it). */
  inFlight?: InFlight;
}

export interface RunningServer {
  url: string;
  /** Stops accepting, lets in-flight turns finish for up to `graceInMs` (default: none), then closes every connection. */
  close(options?: { graceInMs?: number }): Promise<DrainResult>;
}

const inFlightOf = new WeakMap<restify.Server, InFlight>();

/** /healthz (the process answers) and /readyz (Graph and the store answer; 503 while stopping). */
function addProbes(server: restify.Server, options: HttpServerOptions, inFlight: InFlight): void {
  server.get("/healthz", (_req, res, next) => {
    res.json(200, { status: "ok", ...(options.health?.() ?? {}) });
    next();
  });

  // The manifest's privacyUrl and termsOfUseUrl point here.
  for (const [route, html] of [["/privacy", PRIVACY_HTML], ["/terms", TERMS_HTML]] as const) {
    server.get(route, (_req, res, next) => {
      res.sendRaw(200, html, { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=3600" });
      next();
    });
  }

  server.get("/readyz", async (_req, res) => {
    if (inFlight.closing) {
      res.json(503, { status: "stopping", failed: [], checks: {} });
      return;
    }
    const report = (await options.readiness?.()) ?? { ready: true, failed: [], checks: {} };
    if (!report.ready) options.logger.warn({ event: "not_ready", failed: report.failed }, "readiness check failed");
    res.json(report.ready ? 200 : 503, { status: report.ready ? "ready" : "not_ready", ...report });
  });
}

/** One activity: checked, handed to the endpoint, failures answered without internals. */
async function serveActivity(options: HttpServerOptions, req: restify.Request, res: restify.Response): Promise<void> {
  const { logger } = options;
  const verdict = checkActivity(req.body as unknown);
  if (!verdict.ok) {
    logger.info({ event: "activity_rejected", reason: verdict.message }, "rejected malformed activity");
    res.json(verdict.status, { error: verdict.message });
    return;
  }
  try {
    await options.endpoint(
      { method: req.method, headers: req.headers, body: req.body as unknown },
      {
        status: (code) => res.status(code),
        header: (name, value) => {
          res.header(name, value);
        },
        send: (body) => {
          if (body === undefined) return;
          if (typeof body === "string") res.send(body);
          else res.json(body);
        },
        end: () => {
          if (!res.headersSent) res.end();
        },
      },
    );
  } catch (err) {
    logger.error({ event: "endpoint_failed", err }, "message endpoint failed");
    if (!res.headersSent) res.json(500, { error: "The bot couldn't process this activity." });
  }
}

/** Builds the HTTP server (not yet listening). */
export function createHttpServer(options: HttpServerOptions): restify.Server {
  const { logger } = options;
  const inFlight = options.inFlight ?? new InFlight();
  const server = restify.createServer({ name: "tap-helpdesk", handleUncaughtExceptions: false });
  inFlightOf.set(server, inFlight);
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 2_000_000, mapParams: false, rejectUnknown: true }));

  addProbes(server, options, inFlight);

  server.post("/api/messages", async (req, res) => {
    if (inFlight.closing) {
      // Bot Framework retries a 503; the next attempt reaches another instance or this one restarted.
      res.header("Retry-After", "5");
      res.json(503, { error: "The bot is restarting." });
      return;
    }
    await inFlight.track(() => serveActivity(options, req, res));
  });

  server.on("restifyError", (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    // restify's own errors (bad JSON, body too large, unknown route) are answered as short JSON without internals.
    logger.info({ event: "http_error", status: err.statusCode, path: req.path() }, "request rejected");
    (err as Error & { toJSON?: () => unknown }).toJSON = () => ({ error: err.statusCode === 413 ? "Request body too large." : err.statusCode === 404 ? "Not found." : "Bad request." });
    void res;
    callback();
  });

  return server;
}

/** Starts listening; resolves with the base URL. */
export function listen(server: restify.Server, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
      const inFlight = inFlightOf.get(server) ?? new InFlight();
      resolve({
        url,
        close: async ({ graceInMs = 0 } = {}) => {
          const closed = new Promise<void>((done) => {
            server.close(() => done());
          });
          const result = await inFlight.drain(graceInMs);
          server.server.closeAllConnections();
          await closed;
          return result;
        },
      });
    });
  });
}
