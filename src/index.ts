// Composition root: start the service from the process environment and stop gracefully on signals.
import { startService } from "./service";
import { toSafeMessage, isHelpdeskError } from "./errors";

async function main(): Promise<void> {
  const service = await startService();
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
