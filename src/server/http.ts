// restify: POST /api/messages → guard → Bot Framework endpoint; GET /healthz. No business logic here.
import restify from "restify";
import type { Logger } from "../log";
import type { MessageEndpoint } from "../teams/endpoint";
import { checkActivity } from "./activity-guard";
import { PRIVACY_HTML, TERMS_HTML } from "./legal-pages";

export interface HttpServerOptions {
  endpoint: MessageEndpoint;
  logger: Logger;
  /** Largest accepted request body; larger requests get 413. */
  maxBodyBytes?: number;
  health?: () => Record<string, unknown>;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the HTTP server (not yet listening). */
export function createHttpServer(options: HttpServerOptions): restify.Server {
  const { logger } = options;
  const server = restify.createServer({ name: "tap-helpdesk", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 2_000_000, mapParams: false, rejectUnknown: true }));

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

  server.post("/api/messages", async (req, res) => {
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
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
          }),
      });
    });
  });
}
