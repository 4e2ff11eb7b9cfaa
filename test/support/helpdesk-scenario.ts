// Drives the helpdesk side end to end: channel setup, escalation from a diagnosis card, agent clicks, manager answers.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import type { DemoTap } from "../../src/demo/directory";
import { SqliteDocumentStore } from "../../src/store/sqlite";
import { AuditLog } from "../../src/helpdesk/repositories/audit";
import type { AuditEvent } from "../../src/helpdesk/domain/model";
import { HELPDESK_VERBS } from "../../src/helpdesk/domain/verbs";
import type { Harness } from "./service-harness";
import { HELPDESK_CHANNEL, TeamsUser, cardActions, cardOf, channelMessage, executeAction, type InvokeResult, type Person } from "./teams-user";

export const who = (key: string): Person & { userPrincipalName: string } => {
  const p = DEMO_PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`no demo person ${key}`);
  return p;
};

/** The escalation buttons a diagnosis card can carry. */
export type DiagnosisButton = "I need a new pass" | "Still not working" | "Ask the helpdesk" | "Contact security";

export const CHANNEL_CONVERSATION = { id: `${HELPDESK_CHANNEL.id};messageid=1`, conversationType: "channel" };

export class HelpdeskScenario {
  constructor(readonly h: Harness) {}

  /** A helpdesk admin connects the channel. */
  async setupChannel(admin = who("xavier")): Promise<Record<string, unknown>[]> {
    const res = await fetch(`${this.h.service.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(channelMessage(this.h.capture, admin, "setup helpdesk")),
    });
    assert.equal(res.status, 200);
    return this.h.capture.calls.filter((c) => c.conversationId.startsWith(HELPDESK_CHANNEL.id)).map((c) => c.body);
  }

  /** Someone @mentions the bot in the helpdesk channel; returns the bot's replies to that message (in the channel). */
  async channelCommand(person: Person, text: string): Promise<Record<string, unknown>[]> {
    const before = this.h.capture.calls.length;
    const res = await this.postActivity(channelMessage(this.h.capture, person, text));
    assert.equal(res, 200);
    return this.h.capture.calls.slice(before).filter((c) => c.conversationId.startsWith(HELPDESK_CHANNEL.id) && c.body.type === "message").map((c) => c.body);
  }

  /** Posts any activity to the bot; returns the HTTP status. */
  async postActivity(activity: Record<string, unknown>): Promise<number> {
    const res = await fetch(`${this.h.service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    await res.text();
    return res.status;
  }

  /** The person runs a triage and presses a button on the diagnosis card; returns the bot's replies to that press. */
  async escalateReplies(key: string, button: DiagnosisButton = "I need a new pass"): Promise<Record<string, unknown>[]> {
    await this.h.clock.advance(11_000);
    const user = new TeamsUser(this.h.service.url, this.h.capture, who(key));
    let r = await user.say("my temporary access pass doesn't work");
    for (let i = 0; i < 2; i++) {
      const q = cardActions(cardOf(r.replies.at(-1))).find((a) => a.data?.verb === "triage_answer" && a.data.skip === true);
      if (!q?.data) break;
      r = await user.submit(q.data);
    }
    const action = cardActions(cardOf(r.replies.at(-1))).find((a) => a.title === button);
    assert.ok(action?.data, `no "${button}" on ${key}'s diagnosis card`);
    return (await user.submit(action.data)).replies;
  }

  /** A ticket for `subject`, assigned to `agent` and verified by calling the number on record. */
  async verifiedTicket(subject: string, agent: string, button?: DiagnosisButton): Promise<string> {
    const id = await this.escalate(subject, button);
    assert.match(answerText(await this.click(agent, HELPDESK_VERBS.ticketAssign, id)), /Assigned/);
    assert.match(answerText(await this.click(agent, HELPDESK_VERBS.ticketVerifyCallback, id)), /Callback|called|verified/i);
    return id;
  }

  /** The person runs a triage and presses a button on the diagnosis card; returns the ticket id the bot quoted. */
  async escalate(key: string, button: DiagnosisButton = "I need a new pass"): Promise<string> {
    const replies = await this.escalateReplies(key, button);
    const ticketId = /T-[2-9A-HJ-NP-Z]{6}/.exec(JSON.stringify(replies))?.[0];
    assert.ok(ticketId, `no ticket id in ${JSON.stringify(replies)}`);
    return ticketId;
  }

  /** The activity id of the ticket's card in the channel (what the Action.Execute replyToId points at). */
  ticketCardId(ticketId: string): string {
    const post = this.h.capture.calls.find((c) => c.method === "POST" && c.conversationId === HELPDESK_CHANNEL.id && c.raw.includes(ticketId));
    assert.ok(post?.responseId, `ticket ${ticketId} was not posted to the channel`);
    return post.responseId;
  }

  /** An agent clicks a ticket button in the channel. */
  click(agentKey: string, verb: string, ticketId: string, inputs: Record<string, unknown> = {}): Promise<InvokeResult> {
    return executeAction(this.h.service.url, this.h.capture, who(agentKey), CHANNEL_CONVERSATION, verb, { ticketId, ...inputs }, { replyToId: this.ticketCardId(ticketId) });
  }

  /** An agent clicks in the channel with hand-made button data (tampered cards). */
  clickRaw(agentKey: string, verb: string, data: Record<string, unknown>): Promise<InvokeResult> {
    return executeAction(this.h.service.url, this.h.capture, who(agentKey), CHANNEL_CONVERSATION, verb, data);
  }

  /** Someone clicks a button on a card in their own 1:1 chat with the bot. */
  clickPersonal(key: string, verb: string, data: Record<string, unknown>): Promise<InvokeResult> {
    const person = who(key);
    return executeAction(this.h.service.url, this.h.capture, person, { id: `a:personal-${person.id}`, conversationType: "personal" }, verb, data);
  }

  /** The running demo tenant (its directory and controls). */
  tenant(): NonNullable<Harness["service"]["demoTenant"]> {
    const tenant = this.h.service.demoTenant;
    assert.ok(tenant, "the service runs against the demo tenant");
    return tenant;
  }

  /** The pass Graph holds for the person right now (demo tenant state), if any. */
  passOf(key: string): DemoTap | undefined {
    return this.h.service.demoTenant!.directory.taps.get(who(key).id);
  }

  /** How many passes were created in the tenant so far (POSTs that reached Graph). */
  passCreations(): number {
    return this.h.service.demoTenant!.controls.requests().filter((r) => r.method === "POST" && /temporaryAccessPassMethods/.test(r.path)).length;
  }

  /** Audit events (newest first), read from the service's own state file. */
  async audit(ticketId?: string): Promise<AuditEvent[]> {
    const store = new SqliteDocumentStore(join(this.h.dir, "state.sqlite"));
    try {
      const rows = await new AuditLog(store).recent(1000);
      return ticketId ? rows.filter((r) => r.ticketId === ticketId) : rows;
    } finally {
      await store.close();
    }
  }
}

/** The value in the hand-over card's monospace run (the only place it is ever shown). */
export function passValueOf(activity: unknown): string | undefined {
  let found: string | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (o.type === "TextRun" && o.fontType === "Monospace" && typeof o.text === "string") found = o.text;
      Object.values(o).forEach(walk);
    }
  };
  walk(activity);
  return found;
}

/** The text of an invoke's answer: a message string, or the card JSON. */
export function answerText(r: InvokeResult): string {
  return typeof r.body.value === "string" ? r.body.value : JSON.stringify(r.body.value ?? r.body);
}
