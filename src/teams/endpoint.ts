// The bridge between the HTTP server and the Bot Framework adapter: inbound auth, turn errors, safe error bodies.
import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { Activity, InvokeResponse, TurnContext } from "botbuilder";
import { AuthenticationConstants, AuthenticationError, type ConnectorClient } from "botframework-connector";
import { randomUUID } from "node:crypto";
import type { AppConfig } from "../config";
import { failureFields } from "../errors";
import { newRef, withLogContext, type LogContext, type Logger } from "../log";

/** A framework-neutral request/response pair the server hands over. */
export interface InboundRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}
export interface OutboundResponse {
  status(code: number): void;
  header(name: string, value: string): void;
  send(body?: unknown): void;
  end(): void;
}

export type MessageEndpoint = (req: InboundRequest, res: OutboundResponse) => Promise<void>;

/**
 * The Teams adapter with one door opened: CloudAdapter.process prints every failed request (a stack trace per bad token)
 * with console.error, so the endpoint authenticates and runs the turn through processActivity and logs itself.
 */
export class HelpdeskAdapter extends TeamsAdapter {
  /** Validates the Authorization header (JWT when an app id is set), runs the turn, returns the invoke response if any. */
  processInbound(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  /**
   * A Bot Connector client for proactive calls to `serviceUrl` (as continueConversationAsync builds one), without the
   * SDK's own retry policy: it would retry 429 and 5xx by itself, unpaced and invisible (even 500, which Teams says not to
   * retry). The caller sees every answer once and decides (messaging/dispatcher.ts paces and retries). False in
   * `retriesRemoved` when this SDK version's client doesn't have the pipeline we know (then the SDK still retries).
   */
  async proactiveConnector(botAppId: string, serviceUrl: string): Promise<{ client: ConnectorClient; retriesRemoved: boolean }> {
    const claims = this.createClaimsIdentity(botAppId);
    claims.claims.push({ type: AuthenticationConstants.ServiceUrlClaim, value: serviceUrl });
    const client = await this.botFrameworkAuthentication.createConnectorFactory(claims).create(serviceUrl, undefined);
    return { client, retriesRemoved: removeSdkRetries(client) };
  }
}

/** The compat layer (botbuilder-stdlib) keeps an @azure/core-client ServiceClient in `client`; its pipeline has the retry phase. */
function removeSdkRetries(connector: ConnectorClient): boolean {
  const pipeline = (connector as unknown as { client?: { pipeline?: { removePolicy?: (o: { phase: string }) => unknown[] } } }).client?.pipeline;
  if (typeof pipeline?.removePolicy !== "function") return false;
  return pipeline.removePolicy({ phase: "Retry" }).length > 0;
}

/** Creates the adapter; inbound JWT validation is on exactly when an app id is configured. Turn errors: see app.error. */
export function createAdapter(bot: AppConfig["bot"]): HelpdeskAdapter {
  return new HelpdeskAdapter({
    MicrosoftAppId: bot.appId ?? "",
    MicrosoftAppPassword: bot.appPassword ?? "",
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId ?? "",
  });
}

/** Date fields arrive as ISO strings; botbuilder keeps the raw text beside the parsed Date (as CloudAdapter.process does). */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [["timestamp", "rawTimestamp"], ["expiration", "rawExpiration"], ["localTimestamp", "rawLocalTimestamp"]] as const) {
    if (typeof activity[field] === "string") {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field]);
    }
  }
  return activity as unknown as Activity;
}

function headerOf(headers: InboundRequest["headers"], name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

const ID_SHAPE = /^[A-Za-z0-9:_.-]{1,80}$/;

/**
 * Correlation ids of one turn: the activity id (Teams sets one on every message and invoke; a generated one otherwise)
 * and, when a card button acts on a ticket, the ticket id from its data; plus a fresh short `ref` a person may be shown
 * (activity ids can repeat across conversations and are long). Ids of an unexpected shape are not logged.
 */
export function turnLogContext(activity: Partial<Activity>): LogContext {
  const value = (activity.value ?? {}) as { ticketId?: unknown; action?: { data?: { ticketId?: unknown } } };
  const ticketId = value.action?.data?.ticketId ?? value.ticketId;
  return {
    turnId: typeof activity.id === "string" && ID_SHAPE.test(activity.id) ? activity.id : randomUUID(),
    ...(typeof ticketId === "string" && ID_SHAPE.test(ticketId) ? { ticketId } : {}),
    ref: newRef(),
  };
}

/** Authenticates and runs one activity; never a stack trace or internal message in the response or on stderr. */
export function createMessageEndpoint(adapter: HelpdeskAdapter, app: Application<TurnState>, logger: Logger): MessageEndpoint {
  const answer = (res: OutboundResponse, status: number, body?: unknown): void => {
    res.status(status);
    if (body !== undefined && body !== null) res.send(body);
    res.end();
  };
  return async (req, res) => {
    if (typeof req.body !== "object" || req.body === null || Array.isArray(req.body)) return answer(res, 400, { error: "The request body must be a JSON activity object." });
    const activity = toActivity(req.body as Record<string, unknown>);
    return withLogContext(turnLogContext(activity), () => runTurn(activity, req, res));
  };

  async function runTurn(activity: Activity, req: InboundRequest, res: OutboundResponse): Promise<void> {
    const started = performance.now();
    try {
      const invoke = await adapter.processInbound(headerOf(req.headers, "authorization"), activity, async (context) => {
        await app.run(context);
      });
      answer(res, invoke?.status ?? 200, invoke?.body);
      logger.debug({ event: "turn_done", activityType: activity.type, status: invoke?.status ?? 200, durationInMs: Math.round(performance.now() - started) }, "turn done");
    } catch (err) {
      if (err instanceof AuthenticationError) {
        // Expected noise on a public endpoint (scanners, expired tokens): one line, no stack.
        logger.warn({ event: "inbound_unauthorized", reason: err.message.slice(0, 200), channelId: activity.channelId }, "rejected an unauthenticated request");
        return answer(res, 401, { error: "Unauthorized" });
      }
      logger.error({ event: "activity_failed", ...failureFields(err), err, activityType: activity.type }, "processing an activity failed");
      answer(res, 500, { error: "The bot couldn't process this activity." });
    }
  }
}
