// Issuing a pass from a ticket. Security rules: authorization is re-decided from live Graph facts on every click — the
// subject's account, roles and Identity Protection risk are read at the moment of the click, not from the triage cache;
// one claim (etag-guarded) makes concurrent clicks produce one pass; the value goes only to one person's 1:1 chat and is
// scrubbed later; nothing stored, logged or audited ever holds it.
import { isHelpdeskError } from "../../errors";
import { decideIssue } from "../domain/authorization";
import { requiredApprovals } from "./approvals";
import { validateIssueForm, type IssueFormResult, type IssueFormValue } from "../domain/issue-form";
import { riskGapRefusal } from "../domain/issue-outcome";
import { claimIssue, type IssueMode } from "../domain/ticket-machine";
import type { PersonFacts, PersonStamp, Ticket } from "../domain/model";
import type { StoredTicket } from "../repositories/tickets";
import type { ActionOutcome, HelpdeskContext } from "../context";

function utcOffsetInMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at);
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(parts.find((p) => p.type === "timeZoneName")?.value ?? "");
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** The issue form checked against the tenant's pass policy, read now. */
export async function checkSettings(ctx: HelpdeskContext, form: unknown): Promise<IssueFormResult> {
  const policy = await ctx.o.directory.getTapPolicy();
  if (!policy.ok) return { ok: false, errors: [`I couldn't read the TAP policy, so I can't check the settings: ${policy.reason}`] };
  const now = ctx.now();
  return validateIssueForm(form, policy.value, now, { utcOffsetInMinutes: utcOffsetInMinutes(ctx.o.timeZone, now) });
}

/**
 * Who receives the value: the issuing agent, or, when the form asks for it, the manager who confirmed the request
 * (re-checked live: still the subject's manager in the directory).
 */
export async function valueRecipient(ctx: HelpdeskContext, ticket: Ticket, actor: PersonStamp, form: unknown): Promise<PersonStamp | { refusal: string }> {
  const wanted = typeof form === "object" && form !== null ? (form as Record<string, unknown>).deliverTo : undefined;
  if (wanted !== "manager") return actor;
  const v = ticket.verification;
  if (v?.method !== "manager_confirmation" || v.status !== "confirmed" || !v.decidedBy) return { refusal: "The pass can go to the manager only when the manager confirmed the request." };
  const manager = await ctx.o.directory.getManager(ticket.subject.id);
  if (manager?.id !== v.decidedBy.id) return { refusal: `${v.decidedBy.displayName} is no longer ${ticket.subject.displayName}'s manager in the directory.` };
  return { id: manager.id, displayName: manager.displayName };
}

/**
 * Who may issue to whom, from the facts read at this click: a passing gap in the live risk read (budget busy,
 * throttling, outage) refuses for now; a tenant that can't read risk at all (no P2 license or permission) goes on with
 * that fact recorded in the audit trail. Answers the stored ticket to go on with, or the refusal.
 */
export async function authorizeIssuance(ctx: HelpdeskContext, stored: StoredTicket, actorFacts: PersonFacts, subject: PersonFacts, action: "issue" | "replace_tap"): Promise<StoredTicket | { outcome: ActionOutcome }> {
  const actor = ctx.stampOf(actorFacts);
  const gap = riskGapRefusal(subject, "issue");
  if (gap) return { outcome: await ctx.deny(actor, action, stored.ticket, gap) };
  const decision = decideIssue(actorFacts, subject, { agentsGroupId: ctx.o.agentsGroupId, approvals: stored.ticket.approvals });
  if (decision.allowed) return stored;
  if (decision.code === "NEEDS_SECOND_APPROVAL" && !stored.ticket.subjectHoldsRole) stored = await ctx.save(stored, { ...stored.ticket, subjectHoldsRole: true });
  const hint = decision.routeToSecurity ? " Use \"Reject / route to security\" on the ticket." : "";
  return { outcome: await ctx.deny(actor, action, stored.ticket, decision.reason + hint) };
}

/** Takes the ticket's issue claim (one winner among concurrent clicks), or the refusal. */
export async function claim(ctx: HelpdeskContext, stored: StoredTicket, actor: PersonStamp, kinds: Parameters<typeof claimIssue>[3], mode: IssueMode): Promise<StoredTicket | { outcome: ActionOutcome }> {
  const action = mode === "replace" ? "replace_tap" : "issue";
  const claimed = claimIssue(stored.ticket, actor, ctx.now(), kinds, mode);
  if (!claimed.ok) return { outcome: await ctx.deny(actor, action, stored.ticket, claimed.reason) };
  try {
    return await ctx.save(stored, claimed.ticket);
  } catch (e) {
    if (isHelpdeskError(e) && e.code === "CONFLICT") return { outcome: await ctx.deny(actor, action, stored.ticket, `Ticket ${stored.ticket.id} changed at the same moment (another click?). Nothing was issued by this click.`) };
    throw e;
  }
}

/** Everything Issue and Replace decide before claiming the ticket: who, to whom, with which settings, with which approvals. */
export interface PreparedIssuance {
  allowed: StoredTicket;
  subject: PersonFacts;
  settings: IssueFormValue;
  recipient: PersonStamp;
  approvals: Awaited<ReturnType<typeof requiredApprovals>>["kinds"];
}

/**
 * The checks Issue and Replace share, in order, all from facts read at this click: the subject's live account, roles
 * and risk; Entra's role matrix and four eyes; the form against today's policy; the value's recipient; the limits.
 */
export async function prepareIssuance(ctx: HelpdeskContext, stored: StoredTicket, actorFacts: PersonFacts, form: unknown, action: "issue" | "replace_tap"): Promise<PreparedIssuance | { outcome: ActionOutcome }> {
  const actor = ctx.stampOf(actorFacts);
  const ticket = stored.ticket;
  const subject = await ctx.freshFacts(ticket.subject.id);
  const allowed = await authorizeIssuance(ctx, stored, actorFacts, subject, action);
  if ("outcome" in allowed) return allowed;
  const checked = await checkSettings(ctx, form);
  if (!checked.ok) return { outcome: await ctx.deny(actor, action, ticket, checked.errors.join(" ")) };
  const recipient = await valueRecipient(ctx, ticket, actor, form);
  if ("refusal" in recipient) return { outcome: await ctx.deny(actor, action, ticket, recipient.refusal) };
  const needed = await requiredApprovals(ctx, ticket, actor, subject);
  if (needed.limitReason) return { outcome: await ctx.deny(actor, action, ticket, `${needed.limitReason} A helpdesk admin must approve on the ticket first.`) };
  return { allowed, subject, settings: checked.value, recipient, approvals: needed.kinds };
}
