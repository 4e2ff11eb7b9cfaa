// Composition root: start the service from the process environment and stop cleanly on signals.
import { startService } from "./service";
import { toSafeMessage, isHelpdeskError } from "./errors";

async function main(): Promise<void> {
  const service = await startService();
  const stop = (signal: string) => {
    service.logger.info({ event: "stopping", signal }, "stopping");
    void service.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  console.error(isHelpdeskError(e) && e.code === "CONFIG_INVALID" ? e.message : `TAP Helpdesk failed to start: ${toSafeMessage(e)}`);
  if (!isHelpdeskError(e)) console.error(e);
  process.exit(1);
});
