// The only reader of process.env: one schema, validated once, frozen, failing fast with a clear message.
import { z } from "zod";
import { HelpdeskError } from "../errors";
import { isKnownTimeZone } from "../triage/format";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const intFrom = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const EnvSchema = z.object({
  PORT: intFrom(3978, 0, 65535),
  BIND_HOST: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  MicrosoftAppTenantId: optionalString,
  GRAPH_BASE_URL: optionalString.pipe(z.string().url().optional()),
  GRAPH_AUTH: z.enum(["app", "none"]).optional(),
  DEMO_TENANT: z.enum(["true", "false"]).optional(),
  AZURE_TENANT_ID: optionalString,
  AZURE_CLIENT_ID: optionalString,
  AZURE_CLIENT_SECRET: optionalString,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalString,
  DEMO_TENANT_PORT: intFrom(0, 0, 65535),
  STATE_DB_PATH: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEFAULT_TIME_ZONE: optionalString,
  TENANT_CACHE_TTL_SECONDS: intFrom(300, 0, 86400),
  SIGNIN_LOOKBACK_HOURS: intFrom(24, 1, 720),
  HELPDESK_AGENTS_GROUP_ID: optionalString,
  HELPDESK_ADMINS_GROUP_ID: optionalString,
  TAP_SCRUB_MINUTES: intFrom(15, 1, 1440),
  LIMIT_TAPS_PER_AGENT_PER_HOUR: intFrom(5, 1, 1000),
  LIMIT_TAPS_PER_SUBJECT_PER_DAY: intFrom(2, 1, 100),
  ALERT_SCAN_MINUTES: intFrom(15, 1, 1440),
  ALERT_EXPIRY_WINDOW_MINUTES: intFrom(60, 5, 1440),
  ALERT_MAX_LIFETIME_MINUTES: intFrom(480, 10, 43200),
  ALERT_REQUIRE_ONE_TIME: z.enum(["true", "false"]).default("false"),
  ALERT_BURST_THRESHOLD: intFrom(5, 2, 10000),
  ALERT_BURST_WINDOW_MINUTES: intFrom(60, 5, 1440),
  ALERT_SNOOZE_HOURS: intFrom(24, 1, 720),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString.refine((v) => v === undefined || /(^|;)\s*InstrumentationKey=[^;]+/i.test(v), {
    message: "must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)",
  }),
  SHUTDOWN_GRACE_SECONDS: intFrom(10, 0, 300),
  TEAMS_APP_RATE_PER_SECOND: intFrom(30, 1, 1000),
});

export type GraphAuth =
  | { kind: "none" }
  | { kind: "clientSecret"; tenantId: string; clientId: string; clientSecret: string }
  | { kind: "clientCertificate"; tenantId: string; clientId: string; certificatePath: string }
  | { kind: "managedIdentity"; clientId?: string };

export interface AppConfig {
  port: number;
  /** Address to listen on; forced to loopback when no app id is configured. */
  host: string;
  bot: {
    appId?: string;
    appPassword?: string;
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    tenantId?: string;
    /** Inbound JWT validation is on exactly when an app id is configured. */
    authenticated: boolean;
  };
  graph: {
    /** Start the embedded demo tenant (fictional people) and use it; only ever without inbound authentication. */
    demoTenant: boolean;
    /** `{GRAPH_BASE_URL}` without a version; undefined exactly when the demo tenant is used. */
    baseUrl?: string;
    auth: GraphAuth;
    tenantCacheTtlSeconds: number;
    signInLookbackHours: number;
  };
  demoTenantPort: number;
  stateDbPath: string;
  logLevel: string;
  defaultTimeZone: string;
  helpdesk: {
    agentsGroupId?: string;
    adminsGroupId?: string;
    /** Minutes until a pass value is removed from the agent's hand-over message. */
    scrubAfterMinutes: number;
    limits: { perAgentPerHour: number; perSubjectPerDay: number };
  };
  /** Proactive pass alerts: how often the tenant is scanned, and the organisation's rules the scan checks. */
  alerts: {
    scanIntervalMinutes: number;
    expiryWindowMinutes: number;
    maxLifetimeMinutes: number;
    requireOneTime: boolean;
    burstThreshold: number;
    burstWindowMinutes: number;
    snoozeHours: number;
  };
  /** Application Insights (OpenTelemetry) is on exactly when a connection string is set. */
  telemetry: { connectionString?: string };
  /** On SIGTERM, how long in-flight turns may take to finish before the process stops anyway. */
  shutdownGraceSeconds: number;
  /** Proactive sends through the outbox: app-wide Bot Connector calls per second (Teams documents 30 per app per tenant). */
  messaging: { appRatePerSecond: number };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** Where Graph requests go when a deployment (an app id) names no GRAPH_BASE_URL. */
export const PUBLIC_GRAPH_URL = "https://graph.microsoft.com";

type Env = z.infer<typeof EnvSchema>;

/**
 * Real or fictional data: the demo tenant runs without an app id and no GRAPH_BASE_URL, or when DEMO_TENANT=true asks
 * for it; never together with inbound authentication, so a deployment can't diagnose real people against demo data.
 */
function resolveGraphTarget(e: Env, authenticated: boolean): { demoTenant: boolean; baseUrl?: string } {
  if (e.DEMO_TENANT === "true" && authenticated) {
    throw new HelpdeskError(
      "CONFIG_INVALID",
      "DEMO_TENANT=true can't be combined with MicrosoftAppId: the embedded demo tenant holds fictional people and is for local, unauthenticated use only. Remove DEMO_TENANT to use Microsoft Graph, or remove MicrosoftAppId to run the demo locally.",
    );
  }
  if (e.DEMO_TENANT === "true" && e.GRAPH_BASE_URL) {
    throw new HelpdeskError("CONFIG_INVALID", "DEMO_TENANT=true and GRAPH_BASE_URL are both set: choose the embedded demo tenant or a Graph endpoint, not both.");
  }
  const demoTenant = e.DEMO_TENANT === "true" || (e.DEMO_TENANT === undefined && !authenticated && !e.GRAPH_BASE_URL);
  if (demoTenant) return { demoTenant };
  return { demoTenant, baseUrl: (e.GRAPH_BASE_URL ?? PUBLIC_GRAPH_URL).replace(/\/+$/, "") };
}

/** Microsoft's own Graph endpoints (public and national clouds) answer nothing without a token. */
const MICROSOFT_GRAPH_HOST = /(^|\.)graph\.microsoft\.(com|us)$|(^|\.)microsoftgraph\.chinacloudapi\.cn$|(^|\.)graph\.microsoft\.de$/i;

/** App-only credentials from AZURE_*: client secret, then certificate, then managed identity; none for the demo tenant. */
function resolveGraphAuth(e: Env, demoTenant: boolean, baseUrl: string | undefined): GraphAuth {
  // The demo tenant needs no token, whatever GRAPH_AUTH says.
  if (demoTenant) return { kind: "none" };
  if (e.GRAPH_AUTH === "none" && baseUrl && MICROSOFT_GRAPH_HOST.test(new URL(baseUrl).hostname)) {
    throw new HelpdeskError(
      "CONFIG_INVALID",
      `GRAPH_AUTH=none can't be used with ${baseUrl}: Microsoft Graph refuses every request without a token. Remove GRAPH_AUTH (app credentials are the default) or point GRAPH_BASE_URL at a Graph-compatible test server.`,
    );
  }
  if (e.GRAPH_AUTH === "none") return { kind: "none" };
  if (e.AZURE_CLIENT_ID && e.AZURE_TENANT_ID && e.AZURE_CLIENT_SECRET) {
    return { kind: "clientSecret", tenantId: e.AZURE_TENANT_ID, clientId: e.AZURE_CLIENT_ID, clientSecret: e.AZURE_CLIENT_SECRET };
  }
  if (e.AZURE_CLIENT_ID && e.AZURE_TENANT_ID && e.AZURE_CLIENT_CERTIFICATE_PATH) {
    return { kind: "clientCertificate", tenantId: e.AZURE_TENANT_ID, clientId: e.AZURE_CLIENT_ID, certificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH };
  }
  return { kind: "managedIdentity", clientId: e.AZURE_CLIENT_ID };
}

/** Reads and validates configuration from an environment map (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<AppConfig> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new HelpdeskError("CONFIG_INVALID", `Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const authenticated = e.MicrosoftAppId !== undefined;
  const host = e.BIND_HOST ?? (authenticated ? "0.0.0.0" : "127.0.0.1");
  if (!authenticated && !LOOPBACK.has(host)) {
    throw new HelpdeskError(
      "CONFIG_INVALID",
      `Refusing to listen on ${host} without MicrosoftAppId: unauthenticated bots may only listen on loopback.`,
    );
  }
  const timeZone = e.DEFAULT_TIME_ZONE ?? "UTC";
  if (!isKnownTimeZone(timeZone)) throw new HelpdeskError("CONFIG_INVALID", `DEFAULT_TIME_ZONE: unknown time zone "${timeZone}"`);

  const target = resolveGraphTarget(e, authenticated);

  const config: AppConfig = {
    port: e.PORT,
    host,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType ?? "MultiTenant",
      tenantId: e.MicrosoftAppTenantId,
      authenticated,
    },
    graph: {
      ...target,
      auth: resolveGraphAuth(e, target.demoTenant, target.baseUrl),
      tenantCacheTtlSeconds: e.TENANT_CACHE_TTL_SECONDS,
      signInLookbackHours: e.SIGNIN_LOOKBACK_HOURS,
    },
    demoTenantPort: e.DEMO_TENANT_PORT,
    stateDbPath: e.STATE_DB_PATH ?? "data/state.sqlite",
    logLevel: e.LOG_LEVEL,
    defaultTimeZone: timeZone,
    helpdesk: {
      agentsGroupId: e.HELPDESK_AGENTS_GROUP_ID,
      adminsGroupId: e.HELPDESK_ADMINS_GROUP_ID,
      scrubAfterMinutes: e.TAP_SCRUB_MINUTES,
      limits: { perAgentPerHour: e.LIMIT_TAPS_PER_AGENT_PER_HOUR, perSubjectPerDay: e.LIMIT_TAPS_PER_SUBJECT_PER_DAY },
    },
    alerts: {
      scanIntervalMinutes: e.ALERT_SCAN_MINUTES,
      expiryWindowMinutes: e.ALERT_EXPIRY_WINDOW_MINUTES,
      maxLifetimeMinutes: e.ALERT_MAX_LIFETIME_MINUTES,
      requireOneTime: e.ALERT_REQUIRE_ONE_TIME === "true",
      burstThreshold: e.ALERT_BURST_THRESHOLD,
      burstWindowMinutes: e.ALERT_BURST_WINDOW_MINUTES,
      snoozeHours: e.ALERT_SNOOZE_HOURS,
    },
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    messaging: { appRatePerSecond: e.TEAMS_APP_RATE_PER_SECOND },
  };
  return Object.freeze(config);
}
