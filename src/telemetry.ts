// Application Insights through OpenTelemetry (Azure Monitor distro): on only when a connection string is configured.
// Without one nothing is loaded, nothing is patched and nothing leaves the machine.
import type { Logger } from "./log";

export interface Telemetry {
  enabled: boolean;
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

const OFF: Telemetry = { enabled: false, shutdown: () => Promise.resolve() };

/**
 * Starts the Azure Monitor OpenTelemetry distro (incoming and outgoing HTTP — Bot Framework, Graph — as requests and
 * dependencies, plus standard metrics) when `connectionString` is set; a no-op otherwise.
 */
export async function startTelemetry(connectionString: string | undefined, logger: Logger): Promise<Telemetry> {
  if (!connectionString) return OFF;
  // Loaded lazily: the distro patches modules as it loads, which only a deployment that asked for it should pay for.
  const { useAzureMonitor, shutdownAzureMonitor } = await import("@azure/monitor-opentelemetry");
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    // Every request of a low-traffic bot is worth keeping (the default would rate-limit to 5 traces per second).
    samplingRatio: 1,
    tracesPerSecond: 0,
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
  });
  logger.info({ event: "telemetry_on" }, "Application Insights telemetry is on (OpenTelemetry, Azure Monitor exporter)");
  return {
    enabled: true,
    shutdown: async () => {
      await shutdownAzureMonitor().catch((err: unknown) => logger.warn({ event: "telemetry_shutdown_failed", err }, "could not flush telemetry"));
    },
  };
}
