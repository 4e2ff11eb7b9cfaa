// Composition root: telemetry first, then the service from the process environment; stop gracefully on signals.
import { loadConfig } from "./config";
import { createLogger } from "./log";
import { startTelemetry } from "./telemetry";
import { toSafeMessage, isHelpdeskError } from "./errors";

async function main(): Promise<void> {
  const config = loadConfig();
  // OpenTelemetry can only instrument modules loaded after it starts (http, and with it restify and the Graph client),
  // so the service is loaded after telemetry. Without a connection string this is a no-op.
  const telemetry = await startTelemetry(config.telemetry.connectionString, createLogger({ level: config.logLevel }));
  const { startService } = await import("./service");
  const service = await startService({ telemetry });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal: the operator doesn't want to wait for in-flight turns.
      service.logger.warn({ event: "stop_forced", signal }, "stopping now");
      process.exit(1);
    }
    stopping = true;
    service.logger.info({ event: "signal", signal }, `received ${signal}`);
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        service.logger.error({ event: "stop_failed", err }, "could not stop cleanly");
        process.exit(1);
      },
    );
  };
  // App Service (and `docker stop`) send SIGTERM; Ctrl-C sends SIGINT.
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  console.error(isHelpdeskError(e) && e.code === "CONFIG_INVALID" ? e.message : `TAP Helpdesk failed to start: ${toSafeMessage(e)}`);
  if (!isHelpdeskError(e)) console.error(e);
  process.exit(1);
});
