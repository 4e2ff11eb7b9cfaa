// Typed, persisted state of one triage: who asked, about whom, what was asked and answered, what was found.
import type { Answers } from "../triage/snapshot";
import type { Evidence, FindingCode, QuestionId } from "../triage/findings";

export const MAX_QUESTIONS = 2;

export interface TriageState {
  id: string;
  /** Conversation the triage runs in; its card buttons only work there. */
  conversationId: string;
  requesterId: string;
  requesterName: string;
  subjectId: string;
  subjectName: string;
  isSelf: boolean;
  /** How the requester may look at the subject: themselves, as a helpdesk agent, or as the manager. */
  requestedAs?: "self" | "agent" | "manager";
  timeZone: string;
  startedAt: string;
  answers: Answers;
  asked: QuestionId[];
  pending?: QuestionId;
  status: "asking" | "diagnosed";
  /** The outcome; evidence of the primary finding is kept so an escalation carries it to the helpdesk. */
  result?: { primary: FindingCode; codes: FindingCode[]; diagnosedAt: string; evidence: Evidence[] };
}

/** Per-conversation pointer to the triage that free text continues. */
export interface ConversationPointer {
  activeTriageId?: string;
  welcomedAt?: string;
}

/** Who is talking, as the Teams layer saw it on the activity (never from card data). */
export interface Sender {
  aadObjectId?: string;
  name?: string;
  conversationId: string;
  /** IANA zone reported by the Teams client, if any. */
  timeZone?: string;
}
