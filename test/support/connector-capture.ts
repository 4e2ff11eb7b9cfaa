// A local Bot Connector stand-in: records every activity the bot sends (replies, updates, deletes) on loopback.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface CapturedCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
  /** Raw request body text, to scan for secrets. */
  raw: string;
  /** The activity id this stand-in answered with (what the bot will later update). */
  responseId?: string;
}

export class ConnectorCapture {
  readonly calls: CapturedCall[] = [];
  private server?: Server;
  /** Member ids whose 1:1 chat can't be created, with the Bot Connector's answer (e.g. 403 BotNotInConversationRoster). */
  private readonly refusedMembers = new Map<string, { status: number; code: string }>();
  url = "";

  /** Makes POST /v3/conversations fail for this member, as Teams does when the app isn't installed for them. */
  refuseConversationsWith(memberId: string, status = 403, code = "BotNotInConversationRoster"): void {
    this.refusedMembers.set(memberId, { status, code });
  }

  /** Conversations the bot created (POST /v3/conversations), with their parameters. */
  createdConversations(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === "POST" && /^\/v3\/conversations\/?$/.test(c.path)).map((c) => c.body);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const path = req.url ?? "/";
        const m = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/?]+))?)?/.exec(path);
        let body: Record<string, unknown>;
        try {
          body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        } catch {
          body = {};
        }
        this.calls.push({
          method: req.method ?? "GET",
          path,
          conversationId: m?.[1] ? decodeURIComponent(m[1]) : "",
          activityId: m?.[2] ? decodeURIComponent(m[2]) : undefined,
          body,
          raw,
        });
        res.setHeader("content-type", "application/json");
        if (req.method === "POST" && m && !m[1]) {
          // Creating a 1:1 chat: a stable id per member, as Teams gives one chat per person and bot.
          const members = (body.members as { id?: string }[] | undefined) ?? [];
          const refused = this.refusedMembers.get(members[0]?.id ?? "");
          if (refused) {
            res.statusCode = refused.status;
            res.end(JSON.stringify({ error: { code: refused.code, message: "The bot is not part of the conversation roster." } }));
            return;
          }
          res.end(JSON.stringify({ id: `a:personal-${members[0]?.id ?? randomUUID()}`, activityId: randomUUID() }));
          return;
        }
        const responseId = `activity-${this.calls.length}-${randomUUID().slice(0, 8)}`;
        this.calls[this.calls.length - 1].responseId = responseId;
        res.end(JSON.stringify({ id: responseId }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Activities (not typing) the bot posted to a conversation, in order. */
  messages(conversationId?: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => c.method === "POST" && c.conversationId && (!conversationId || c.conversationId === conversationId))
      .map((c) => c.body)
      .filter((b) => b.type === "message");
  }

  typing(conversationId: string): number {
    return this.calls.filter((c) => c.conversationId === conversationId && c.body.type === "typing").length;
  }

  clear(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}
