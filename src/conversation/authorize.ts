// Who may ask about someone else: a helpdesk agent (transitive member of the agents group) or the person's manager.
// Always read live from Graph: never from card data, never from a cache.
import type { DirectoryReader } from "../graph/port";
import { isHelpdeskAgent } from "../helpdesk/domain/authorization";

export type LookupPermission = { allowed: true; as: "self" | "agent" | "manager" } | { allowed: false };

/** Decides whether `requesterId` may run a diagnosis for `subjectId`. */
export async function mayDiagnose(
  directory: DirectoryReader,
  agentsGroupId: string | undefined,
  requesterId: string,
  subjectId: string,
): Promise<LookupPermission> {
  if (requesterId === subjectId) return { allowed: true, as: "self" };
  if (agentsGroupId) {
    if (isHelpdeskAgent(await directory.getMembership(requesterId), agentsGroupId)) return { allowed: true, as: "agent" };
  }
  const manager = await directory.getManager(subjectId);
  if (manager?.id === requesterId) return { allowed: true, as: "manager" };
  return { allowed: false };
}
