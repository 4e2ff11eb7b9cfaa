// Resolves "check <name or email>" to one person the requester may diagnose.
import { isHelpdeskAgent } from "../helpdesk/domain/authorization";
import type { Logger } from "../log";
import type { DirectoryReader } from "../graph/port";
import { mayDiagnose } from "./authorize";
import { clip } from "./util";

export type SubjectResult = { ok: true; id: string; displayName: string; as: "self" | "agent" | "manager" } | { ok: false; message: string };

export interface SubjectDeps {
  directory: DirectoryReader;
  agentsGroupId?: string;
  logger: Logger;
}

/** Finds exactly one person and checks, live, that the requester is an agent or that person's manager. */
export async function resolveSubject(deps: SubjectDeps, requesterId: string, query: string): Promise<SubjectResult> {
  const found = await deps.directory.findUsers(query);
  if (found.length === 0) return { ok: false, message: `I couldn't find anyone matching "${clip(query)}". Try their full email address.` };
  if (found.length > 1) {
    // Only agents see a list of matching people; anyone else must name the person exactly.
    const agent = deps.agentsGroupId ? isHelpdeskAgent(await deps.directory.getMembership(requesterId), deps.agentsGroupId) : false;
    if (!agent) return { ok: false, message: `More than one person matches "${clip(query)}". Type "check" and their full email address.` };
    const names = found.slice(0, 5).map((u) => `- ${u.displayName} (${u.userPrincipalName ?? u.id})`).join("\n");
    return { ok: false, message: `More than one person matches "${clip(query)}":\n${names}\n\nType "check" and the email address of the one you mean.` };
  }
  const target = found[0];
  const permission = await mayDiagnose(deps.directory, deps.agentsGroupId, requesterId, target.id);
  if (!permission.allowed) {
    deps.logger.warn({ event: "lookup_denied", requesterId, subjectId: target.id }, "lookup of another person denied");
    return {
      ok: false,
      message: "I can only check someone else's pass for helpdesk agents or that person's manager. Ask them to message me themselves — I'll check their pass right away.",
    };
  }
  return { ok: true, id: target.id, displayName: target.displayName, as: permission.as };
}
