// Help requests raised from a diagnosis card ("I need a new pass", "Still not working", "Contact security").
// Recorded durably and idempotently; the helpdesk side turns them into tickets.
import type { DocumentStore } from "../../store/port";
import type { FindingCode } from "../../triage/findings";
import { isHelpdeskError } from "../../errors";
import type { Evidence } from "../../triage/findings";
import type { RequestOrigin } from "../domain/model";

export type HelpRequestKind = "new_pass" | "still_broken" | "contact_security";

/** Who asked about whom, from the conversation that raised the request (the conversation layer fills it in). */
export interface HelpRequestSource {
  triageId: string;
  conversationId: string;
  requesterId: string;
  requesterName: string;
  subjectId: string;
  subjectName: string;
  codes: FindingCode[];
}

/** A recorded request: who asked about whom (the source), what for, and when. */
export interface HelpRequest extends HelpRequestSource {
  id: string;
  kind: HelpRequestKind;
  createdAt: string;
  status: "recorded";
}

/** What a ticket needs from the diagnosis behind a request: where it was asked, and what was found. */
export interface EscalationContext {
  triageId: string;
  origin: RequestOrigin;
  /** The requester's name as the conversation knows it (used when the request has none). */
  requesterName: string;
  primary?: FindingCode;
  evidence: Evidence[];
}

const COLLECTION = "helpRequests";
const KIND_SUFFIX: Record<HelpRequestKind, string> = { new_pass: "N", still_broken: "S", contact_security: "X" };

/** Records help requests; one per triage and kind, however often the button is clicked. */
export class HelpRequestLog {
  constructor(private readonly store: DocumentStore) {}

  /** Creates the request or returns the one already recorded for this triage and kind. */
  async record(request: HelpRequest): Promise<{ request: HelpRequest; created: boolean }> {
    const key = `${request.triageId}:${request.kind}`;
    try {
      await this.store.put(COLLECTION, key, request, { ifNoneMatch: "*" });
      return { request, created: true };
    } catch (e) {
      if (!isHelpdeskError(e) || e.code !== "CONFLICT") throw e;
      const existing = await this.store.get<HelpRequest>(COLLECTION, key);
      if (!existing) throw e;
      return { request: existing.value, created: false };
    }
  }

  /** Records the request a diagnosis card's button asks for. */
  recordFor(source: HelpRequestSource, kind: HelpRequestKind, now: Date): Promise<{ request: HelpRequest; created: boolean }> {
    return this.record({ id: `REQ-${source.triageId}-${KIND_SUFFIX[kind]}`, kind, ...source, createdAt: now.toISOString(), status: "recorded" });
  }

  /** Requests in key order (oldest triage ids first). */
  async list(limit = 100): Promise<HelpRequest[]> {
    return (await this.store.list<HelpRequest>(COLLECTION, { limit })).map((v) => v.value);
  }
}
