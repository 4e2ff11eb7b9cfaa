// Readers and fixtures for the helpdesk card tests: buttons anywhere in a card (ShowCards included) and a ticket.
import type { AdaptiveCard } from "../../../src/cards/render";
import type { Ticket } from "../../../src/helpdesk/domain/model";
import { validateAdaptiveCard } from "../../support/adaptive-card-schema";

import { walk } from "./card-helpers";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Schema problems of a helpdesk card (the shared wrapper; kept as a name the helpdesk specs use). */
export function validateHelpdeskCard(card: AdaptiveCard): string[] {
  return validateAdaptiveCard(card);
}

export interface ExecuteButton {
  title: string;
  verb: string;
  data: Json;
}

/** Every Action.Execute a person can click, in document order, including those inside ShowCards (not the refresh). */
export function buttonsOf(card: AdaptiveCard): ExecuteButton[] {
  const out: ExecuteButton[] = [];
  walk({ body: card.body, actions: card.actions }, (o) => {
    if (o.type === "Action.Execute") out.push({ title: String(o.title), verb: String(o.verb), data: isObject(o.data) ? o.data : {} });
  });
  return out;
}

/** The verbs of buttonsOf. */
export function buttonVerbsOf(card: AdaptiveCard): string[] {
  return buttonsOf(card).map((b) => b.verb);
}

/** Every input element, by id. */
export function inputsOf(card: AdaptiveCard): Json[] {
  const out: Json[] = [];
  walk(card, (o) => {
    if (typeof o.type === "string" && o.type.startsWith("Input.")) out.push(o);
  });
  return out;
}

/** The input with this id (throws if absent, so a test fails with a clear message). */
export function inputOf(card: AdaptiveCard, id: string): Json {
  const found = inputsOf(card).find((i) => i.id === id);
  if (!found) throw new Error(`no input ${id}`);
  return found;
}

/** Every kind of clickable thing: Action.* types anywhere in the card, refresh excluded. */
export function actionTypesOf(card: AdaptiveCard): string[] {
  const out: string[] = [];
  walk({ body: card.body, actions: card.actions }, (o) => {
    if (typeof o.type === "string" && o.type.startsWith("Action.")) out.push(o.type);
  });
  return out;
}

/** Button data must be ids: these keys only, each a short string without spaces. */
export const ID_KEYS = ["ticketId", "deliveryId"];

/** A value that would be disastrous to see anywhere but the hand-over card. */
export const PASS_VALUE = "Zq7+kR2!wP";

/** A ticket half-way through: assigned, verified by callback, a pass issued, some history. */
export function sampleTicket(overrides: Partial<Ticket> = {}): Ticket {
  const ana = { id: "agent-ana", displayName: "Ana Agent" };
  const ben = { id: "user-ben", displayName: "Ben Expired" };
  return {
    id: "T-7F3K2Q",
    kind: "new_pass",
    status: "assigned",
    origin: "subject_teams_chat",
    requester: ben,
    requesterConversationId: "a:conv-ben",
    subject: { ...ben, userPrincipalName: "ben@contoso.example" },
    triageId: "tri-42",
    diagnosis: {
      primary: "TAP_EXPIRED",
      codes: ["TAP_EXPIRED", "CA_STRENGTH_EXCLUDES_TAP"],
      evidence: [
        { label: "Pass valid until", value: "28 Nov 2026, 10:30", source: "pass" },
        { label: "Last sign-in error", value: "AADSTS130504 at 11:02", source: "sign-in log" },
      ],
    },
    assignee: ana,
    verification: {
      method: "callback_phone_on_record",
      status: "confirmed",
      requestedBy: ana,
      requestedAt: "2026-11-28T12:05:00Z",
      decidedBy: ana,
      decidedAt: "2026-11-28T12:06:00Z",
      phoneMasked: "+•• ••• •••• 0123",
    },
    approvals: [],
    pass: {
      tapId: "tap-1",
      issuedBy: ana,
      issuedAt: "2026-11-28T12:10:00Z",
      startsAt: "2026-11-28T12:10:00Z",
      lifetimeInMinutes: 60,
      isUsableOnce: true,
      validUntil: "2026-11-28T13:10:00Z",
      deliveredTo: ana,
      graphRequestId: "req-1",
    },
    createdAt: "2026-11-28T12:00:00Z",
    updatedAt: "2026-11-28T12:10:00Z",
    history: [
      { at: "2026-11-28T12:00:00Z", actor: ben, action: "created" },
      { at: "2026-11-28T12:02:00Z", actor: ana, action: "assign" },
      { at: "2026-11-28T12:05:00Z", actor: ana, action: "verify_callback" },
      { at: "2026-11-28T12:06:00Z", actor: ana, action: "verification_confirmed" },
      { at: "2026-11-28T12:09:00Z", actor: ana, action: "approve" },
      { at: "2026-11-28T12:10:00Z", actor: ana, action: "tap_issued" },
    ],
    ...overrides,
  };
}

/** "HH:MM" in UTC: a deterministic time formatter for views. */
export const hhmm = (iso: string): string => new Date(iso).toISOString().slice(11, 16);
