// Posts Teams-shaped activities to the real bot over HTTP, as one person in their 1:1 chat.
import { randomUUID } from "node:crypto";
import type { ConnectorCapture } from "./connector-capture";

export const TENANT_ID = "9c1f1f52-5a8e-4d6b-9a3c-1e2d3c4b5a69";

export interface PostResult {
  status: number;
  body: string;
  /** Message activities the bot sent during this request. */
  replies: Record<string, unknown>[];
}

export interface Person {
  id: string;
  displayName: string;
}

export class TeamsUser {
  readonly conversationId: string;

  constructor(
    private readonly botUrl: string,
    private readonly capture: ConnectorCapture,
    readonly person: Person,
    readonly timeZone = "Europe/Berlin",
  ) {
    this.conversationId = `a:1-${person.id}-${randomUUID().slice(0, 6)}`;
  }

  activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      ...envelope(this.capture, this.person, { id: this.conversationId, conversationType: "personal", tenantId: TENANT_ID }),
      channelData: { tenant: { id: TENANT_ID } },
      entities: [{ type: "clientInfo", locale: "en-US", timezone: this.timeZone }],
      locale: "en-US",
      ...extra,
    };
  }

  async post(activity: unknown, raw?: string): Promise<PostResult> {
    const before = this.capture.calls.length;
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw ?? JSON.stringify(activity),
    });
    const body = await res.text();
    const replies = this.capture.calls
      .slice(before)
      .filter((c) => c.conversationId === this.conversationId && c.body.type === "message")
      .map((c) => c.body);
    return { status: res.status, body, replies };
  }

  say(text: string): Promise<PostResult> {
    return this.post(this.activity({ type: "message", text, textFormat: "plain" }));
  }

  submit(value: Record<string, unknown>): Promise<PostResult> {
    return this.post(this.activity({ type: "message", value }));
  }
}

/** The first Adaptive Card attachment content of a reply. */
export function cardOf(reply: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = reply?.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content;
}

/** All TextBlock texts of a card, in document order. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "TextBlock" && typeof o.text === "string") out.push(o.text);
      if (o.type === "TextRun" && typeof o.text === "string") out.push(o.text);
      if (o.type === "Fact" || (typeof o.title === "string" && typeof o.value === "string" && !o.type)) out.push(`${String(o.title)}: ${String(o.value)}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Submit actions of a card (title + data), including those nested in action sets. */
export function cardActions(card: unknown): { type: string; title: string; verb?: string; data?: Record<string, unknown>; url?: string }[] {
  const out: { type: string; title: string; verb?: string; data?: Record<string, unknown>; url?: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (typeof o.type === "string" && o.type.startsWith("Action.")) {
        out.push({ type: o.type, title: typeof o.title === "string" ? o.title : "", verb: typeof o.verb === "string" ? o.verb : undefined, data: o.data as Record<string, unknown> | undefined, url: o.url as string | undefined });
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The reference code on a diagnosis card ("Reference: CODE"), from the first text that carries one. */
export function referenceCode(card: unknown): string | undefined {
  for (const t of cardTexts(card)) {
    const m = /Reference:\s*\**([A-Z_]+)/.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/** The parts every Teams activity from a person carries. */
function envelope(capture: ConnectorCapture, person: Person, conversation: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: capture.url,
    from: { id: `29:${person.id}`, name: person.displayName, aadObjectId: person.id },
    recipient: { id: "28:tap-helpdesk", name: "TAP Helpdesk" },
    conversation,
  };
}

export interface InvokeResult {
  status: number;
  /** The invoke response body: { statusCode, type, value } for Action.Execute. */
  body: { statusCode?: number; type?: string; value?: unknown } & Record<string, unknown>;
  /** Message activities the bot sent or updated anywhere during this request. */
  sent: { method: string; conversationId: string; activityId?: string; body: Record<string, unknown>; raw: string }[];
}

/** Clicks an Action.Execute button as `person` in the given conversation. */
export async function executeAction(
  botUrl: string,
  capture: ConnectorCapture,
  person: Person,
  conversation: { id: string; conversationType: string },
  verb: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<InvokeResult> {
  const before = capture.calls.length;
  const activity = {
    ...envelope(capture, person, { ...conversation, tenantId: TENANT_ID }),
    type: "invoke",
    name: "adaptiveCard/action",
    channelData: { tenant: { id: TENANT_ID } },
    replyToId: typeof extra.replyToId === "string" ? extra.replyToId : undefined,
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    ...extra,
  };
  const res = await fetch(`${botUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  const text = await res.text();
  let body: InvokeResult["body"];
  try {
    body = (text ? JSON.parse(text) : {}) as InvokeResult["body"];
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, sent: capture.calls.slice(before).filter((c) => c.body.type === "message") };
}

export const HELPDESK_TEAM = { id: "19:helpdesk-team@thread.tacv2", name: "IT Helpdesk" };
export const HELPDESK_CHANNEL = { id: "19:escalations@thread.tacv2", name: "Escalations" };

/** A message @mentioning the bot in the helpdesk channel. */
export function channelMessage(capture: ConnectorCapture, person: Person, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...envelope(capture, person, { id: `${HELPDESK_CHANNEL.id};messageid=${Date.now()}`, conversationType: "channel", isGroup: true, tenantId: TENANT_ID }),
    type: "message",
    channelData: { tenant: { id: TENANT_ID }, team: HELPDESK_TEAM, channel: HELPDESK_CHANNEL },
    entities: [{ type: "mention", mentioned: { id: "28:tap-helpdesk", name: "TAP Helpdesk" }, text: "<at>TAP Helpdesk</at>" }],
    text: `<at>TAP Helpdesk</at> ${text}`,
    textFormat: "plain",
    ...extra,
  };
}
