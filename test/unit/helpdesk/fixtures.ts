// People and tickets for helpdesk tests: a small cast with the roles the rules care about.
import { ROLE } from "../../../src/helpdesk/domain/entra-roles";
import type { IssuedPassRecord, PersonFacts, PersonStamp, Ticket } from "../../../src/helpdesk/domain/model";
import { openTicket } from "../../../src/helpdesk/domain/ticket-machine";

export const AGENTS = "group-agents";
export const ADMINS = "group-admins";
export const T0 = new Date("2026-11-28T12:00:00.000Z");

/** A person; by default an enabled member with no roles and no groups. */
export function person(id: string, overrides: Partial<PersonFacts> = {}): PersonFacts {
  return { id, displayName: id.charAt(0).toUpperCase() + id.slice(1), accountEnabled: true, isExternalGuest: false, roleTemplateIds: [], groupIds: [], ...overrides };
}

/** An agent in the agents group holding the given roles. */
export const agent = (id: string, ...roles: string[]): PersonFacts => person(id, { groupIds: [AGENTS], roleTemplateIds: roles });

export const authAdmin = agent("alice", ROLE.authenticationAdministrator);
export const privAuthAdmin = agent("pat", ROLE.privilegedAuthenticationAdministrator);
export const globalAdmin = agent("gina", ROLE.globalAdministrator);
export const plainAgent = agent("nora");
export const secondAgent = agent("bob", ROLE.authenticationAdministrator);

export const member = person("sam");
export const withRole = (id: string, role: string): PersonFacts => person(id, { roleTemplateIds: [role] });

export const stampOf = (p: { id: string; displayName: string }): PersonStamp => ({ id: p.id, displayName: p.displayName });

/** An open ticket about `subject`, requested by the subject themselves. */
export function ticketFor(subject: PersonStamp = stampOf(member), overrides: Partial<Ticket> = {}): Ticket {
  const t = openTicket(
    {
      id: "T-ABCDEF",
      kind: "new_pass",
      origin: "subject_teams_chat",
      requester: subject,
      requesterConversationId: "conv-requester",
      subject,
      diagnosis: { primary: "TAP_EXPIRED", codes: ["TAP_EXPIRED"], evidence: [{ label: "Your pass expired", value: "yesterday", source: "pass" }] },
    },
    T0,
  );
  return { ...t, ...overrides };
}

/** A ticket assigned to `assignee` with a confirmed callback verification. */
export function verifiedTicket(assignee: PersonStamp, subject: PersonStamp = stampOf(member), overrides: Partial<Ticket> = {}): Ticket {
  return ticketFor(subject, {
    status: "assigned",
    assignee,
    verification: {
      method: "callback_phone_on_record",
      status: "confirmed",
      requestedBy: assignee,
      requestedAt: T0.toISOString(),
      decidedBy: assignee,
      decidedAt: T0.toISOString(),
      phoneMasked: "•••• 1234",
    },
    ...overrides,
  });
}

/** A pass record as the workflow would build it from Graph's answer. */
export function passBy(issuer: PersonStamp, at: Date = T0): IssuedPassRecord {
  return {
    tapId: "tap-1",
    issuedBy: issuer,
    issuedAt: at.toISOString(),
    startsAt: at.toISOString(),
    lifetimeInMinutes: 60,
    isUsableOnce: true,
    validUntil: new Date(at.getTime() + 60 * 60_000).toISOString(),
    deliveredTo: issuer,
  };
}

export const minutes = (n: number): number => n * 60_000;
export const after = (ms: number, from: Date = T0): Date => new Date(from.getTime() + ms);
