// The audit command for helpdesk admins: recent events, events about one person, and a CSV export.
import { isHelpdeskAdmin } from "../domain/authorization";
import { auditToCsv } from "../repositories/audit";
import type { ActionOutcome, HelpdeskContext } from "../context";

const MAX_EXPORT_CHARS = 24_000;

/** "audit", "audit <person id or UPN>", "audit export": helpdesk admins only. */
export async function auditCommand(ctx: HelpdeskContext, actorId: string | undefined, args: string): Promise<ActionOutcome> {
  const read = actorId ? await ctx.actorFacts(actorId) : undefined;
  if (read && "refusal" in read && read.failure !== "not_found") return { message: read.refusal };
  const actor = read && !("refusal" in read) ? read : undefined;
  if (!actor || !isHelpdeskAdmin(actor, ctx.o.adminsGroupId)) {
    if (actor) await ctx.record({ actor: ctx.stampOf(actor), action: "audit_read", result: "denied", detail: "not a helpdesk admin" });
    return { message: "The audit trail is for helpdesk admins only." };
  }
  const me = ctx.stampOf(actor);
  const arg = args.trim();
  if (/^export$/i.test(arg)) {
    const all = await ctx.audit.recent(5000);
    // A Teams message holds about 28 KB: export the newest events that fit, and say so when some don't.
    let events = all;
    while (events.length > 1 && auditToCsv(events).length > MAX_EXPORT_CHARS) events = events.slice(0, Math.floor(events.length * 0.8));
    await ctx.record({ actor: me, action: "audit_export", result: "success", detail: `${events.length} of ${all.length} events` });
    const more = events.length < all.length ? ` (the newest ${events.length} of ${all.length}; use "audit <person>" for older events about someone)` : "";
    return { message: `Audit trail as CSV, newest first${more}:\n\n\`\`\`\n${auditToCsv(events)}\n\`\`\`` };
  }
  let events = await ctx.audit.recent(25);
  let title = "Recent helpdesk activity";
  if (arg) {
    const person = (await ctx.o.directory.findUsers(arg))[0];
    if (!person) return { message: `I couldn't find "${arg.slice(0, 60)}" in the directory.` };
    events = await ctx.audit.byPerson(person.id, 25);
    title = `Helpdesk activity for ${person.displayName}`;
  }
  await ctx.record({ actor: me, action: "audit_read", result: "success", detail: arg || "recent" });
  return { view: { kind: "audit", title, events, exportHint: 'Type "audit export" for everything as CSV.' } };
}

