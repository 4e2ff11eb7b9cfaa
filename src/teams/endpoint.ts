// The bridge between the HTTP server and the Bot Framework adapter: inbound auth, turn errors, safe error bodies.
import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { Request as BotRequest, Response as BotResponse } from "botbuilder";
import type { AppConfig } from "../config";

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

/** Creates the adapter; inbound JWT validation is on exactly when an app id is configured. Turn errors: see app.error. */
export function createAdapter(bot: AppConfig["bot"]): TeamsAdapter {
  return new TeamsAdapter({
    MicrosoftAppId: bot.appId ?? "",
    MicrosoftAppPassword: bot.appPassword ?? "",
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId ?? "",
  });
}

/** Wraps adapter.process so an auth or server failure never leaks internals in the response body. */
export function createMessageEndpoint(adapter: TeamsAdapter, app: Application<TurnState>): MessageEndpoint {
  return async (req, res) => {
    let status = 200;
    const safeRes: BotResponse = {
      socket: undefined,
      status: (code: number) => {
        status = code;
        res.status(code);
      },
      header: (name: string, value: unknown) => res.header(name, String(value)),
      send: (body?: unknown) => {
        if (status === 401) return res.send({ error: "Unauthorized" });
        if (status >= 500) return res.send({ error: "The bot couldn't process this activity." });
        return res.send(body);
      },
      end: () => res.end(),
    };
    await adapter.process(req as BotRequest, safeRes, async (context) => {
      await app.run(context);
    });
  };
}
