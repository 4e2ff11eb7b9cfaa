// The triage conversation as a small state machine over typed, persisted state:
// understand the message → read live facts → diagnose → ask at most two questions → post the diagnosis.
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { DirectoryReader } from "../graph/port";
import type { DocumentStore } from "../store/port";
import { failureFields, isHelpdeskError, toSafeMessage } from "../errors";
import { diagnose } from "../triage/diagnose";
import type { Diagnosis, QuestionId } from "../triage/findings";
import type { Answers, DirectoryFacts } from "../triage/snapshot";
import { classifyMessage, parseAnswer, type Intent } from "./intent";
import { FactsCache } from "./facts-cache";
import { resolveSubject } from "./subject";
import { asRecord, mergeAnswers, validZone } from "./util";
import { MAX_QUESTIONS, type ConversationPointer, type Sender, type TriageState } from "./state";
import { card, text, type Reply } from "./reply";
import { HelpRequestLog, type EscalationContext, type HelpRequest, type HelpRequestKind, type HelpRequestSource } from "../helpdesk/repositories/requests";
import { renderWelcomeCard, renderHelpCard, renderWhatIsTapCard } from "../cards/static-cards";
import { renderQuestionCard } from "../cards/question";
import { renderDiagnosisCard, toDiagnosisView } from "../cards/diagnosis";
import { renderRegisterMethodCard } from "../cards/register-method";
import { renderRequestRecordedCard } from "../cards/request-recorded";
import { renderNoticeCard } from "../cards/notice";
import { formatDateTime } from "../triage/format";
import { CARD_VERBS } from "../cards/render";

/** Who asked about whom: the help request's part from the triage. */
function requestSourceOf(triage: TriageState): HelpRequestSource {
  const { conversationId, requesterId, requesterName, subjectId, subjectName } = triage;
  return { triageId: triage.id, conversationId, requesterId, requesterName, subjectId, subjectName, codes: triage.result?.codes ?? [] };
}

/** What the helpdesk's ticket needs from the triage (the helpdesk never sees conversation state). */
function escalationOf(triage: TriageState): EscalationContext {
  const origin = triage.isSelf ? "subject_teams_chat" : triage.requestedAs === "manager" ? "manager_teams_chat" : "agent_for_caller";
  return { triageId: triage.id, origin, requesterName: triage.requesterName, primary: triage.result?.primary, evidence: triage.result?.evidence ?? [] };
}

/** The help request each escalation button of the diagnosis card raises. */
const REQUEST_KIND: Partial<Record<string, HelpRequestKind>> = {
  [CARD_VERBS.newPass]: "new_pass",
  [CARD_VERBS.stillBroken]: "still_broken",
  [CARD_VERBS.contactSecurity]: "contact_security",
};

export interface TriageServiceOptions {
  directory: DirectoryReader;
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  defaultTimeZone: string;
  agentsGroupId?: string;
  /** Hands a recorded request to the helpdesk; returns the ticket id, or undefined when no helpdesk channel is set up. */
  escalate?: (request: HelpRequest, context: EscalationContext) => Promise<string | undefined>;
  newId?: () => string;
}

/** Called before slow work so the person sees progress (typing indicator). */
export type ProgressFn = () => Promise<void>;

const TRIAGES = "triages";
const CONVERSATIONS = "conversations";

export class TriageService {
  private readonly facts: FactsCache;
  private readonly requests: HelpRequestLog;
  private readonly newId: () => string;

  constructor(private readonly o: TriageServiceOptions) {
    this.facts = new FactsCache(o.clock);
    this.requests = new HelpRequestLog(o.store);
    this.newId = o.newId ?? (() => randomUUID().slice(0, 8).toUpperCase());
  }

  /** The welcome card. */
  welcome(): Reply[] {
    return [card(renderWelcomeCard(), "Welcome to TAP Helpdesk")];
  }

  /** The welcome card on install, once per conversation (Teams may send several install events). */
  async welcomeOnce(sender: Sender): Promise<Reply[]> {
    const pointer = (await this.o.store.get<ConversationPointer>(CONVERSATIONS, sender.conversationId))?.value ?? {};
    if (pointer.welcomedAt) return [];
    await this.o.store.put(CONVERSATIONS, sender.conversationId, { ...pointer, welcomedAt: this.o.clock.now().toISOString() });
    return this.welcome();
  }

  /** A free-text message from the person. */
  async onText(sender: Sender, raw: string, progress: ProgressFn): Promise<Reply[]> {
    const intent = classifyMessage(raw);
    const active = await this.activeTriage(sender);
    if (active?.status === "asking" && active.pending === "error_text" && (intent.kind === "unknown" || intent.kind === "tap_problem")) {
      // The person typed the error instead of using the card: that is the answer.
      return this.continueTriage(active, parseAnswer("error_text", { answer: raw }) ?? {}, progress);
    }
    switch (intent.kind) {
      case "empty":
      case "greeting":
        return this.welcome();
      case "help":
        return [card(renderHelpCard(), "How to use TAP Helpdesk")];
      case "what_is_tap":
        return [card(renderWhatIsTapCard(), "What is a Temporary Access Pass?")];
      case "thanks":
        return [text("You're welcome. If the pass gives you trouble again, just tell me what happens.")];
      case "reset":
        await this.setPointer(sender.conversationId, {});
        return [text("Okay, let's start over. Tell me what happens when you use your Temporary Access Pass.")];
      case "unknown":
        return [
          text(
            "I help when a Temporary Access Pass doesn't let you sign in. Tell me what happens (for example \"my pass was rejected\"), paste the error message, or type \"help\".",
          ),
        ];
      case "tap_problem":
        if (active?.status === "asking") return this.continueTriage(active, hintsOf(intent), progress);
        return this.startTriage(sender, undefined, hintsOf(intent), progress);
      case "check_other":
        return this.startTriage(sender, intent.subjectQuery, hintsOf(intent), progress);
    }
  }

  /** A follow-up answer submitted from a question card. `data` is untrusted card data. */
  async onAnswer(sender: Sender, data: unknown, progress: ProgressFn): Promise<Reply[]> {
    const d = asRecord(data);
    const triage = await this.ownedTriage(sender, d?.triageId);
    if (!triage) return [text("That card belongs to an earlier check. Tell me what's happening and I'll look again.")];
    const question = d?.question;
    if (triage.status !== "asking" || !triage.pending || triage.pending !== question) {
      return [text("That question has already been answered. The latest result is the most recent card above.")];
    }
    const skip = d?.skip === true;
    const parsed = skip ? {} : parseAnswer(triage.pending, d);
    if (!skip && parsed === undefined) {
      return [text("I didn't catch that answer. Pick one of the choices on the card, or press Skip.")];
    }
    return this.continueTriage(triage, parsed ?? {}, progress);
  }

  /** A button on a diagnosis card: fixed, still broken, new pass, contact security. */
  async onDiagnosisAction(sender: Sender, verb: string, data: unknown): Promise<Reply[]> {
    const triage = await this.ownedTriage(sender, asRecord(data)?.triageId);
    if (!triage?.result) return [text("That card belongs to an earlier check. Tell me what's happening and I'll look again.")];
    if (verb === CARD_VERBS.fixed) {
      await this.setPointer(sender.conversationId, {});
      return [card(renderRegisterMethodCard(), "Great! Now register a permanent sign-in method")];
    }
    const kind: HelpRequestKind | undefined = REQUEST_KIND[verb];
    if (!kind) return [text("I don't know that button. Tell me what's happening and I'll look again.")];
    const { request, created } = await this.requests.recordFor(requestSourceOf(triage), kind, this.o.clock.now());
    this.o.logger.info({ event: "help_request", requestId: request.id, kind, created, codes: request.codes }, "help request recorded");
    const ticketId = await this.o.escalate?.(request, escalationOf(triage));
    const reference = ticketId ?? request.id;
    return [
      card(
        renderRequestRecordedCard({ requestId: reference, kind, subjectName: triage.subjectName, primaryCode: triage.result.primary, helpdeskConnected: ticketId !== undefined }),
        `Request ${reference} recorded`,
      ),
    ];
  }

  private async startTriage(sender: Sender, subjectQuery: string | undefined, answers: Answers, progress: ProgressFn): Promise<Reply[]> {
    const requesterId = sender.aadObjectId;
    if (!requesterId) return [text("I couldn't tell who you are from this chat, so I can't look up your pass. Please message me from your work account in Teams.")];
    let subjectId = requesterId;
    let subjectName = sender.name ?? "you";
    let requestedAs: TriageState["requestedAs"] = "self";
    if (subjectQuery !== undefined) {
      const subject = await resolveSubject({ directory: this.o.directory, agentsGroupId: this.o.agentsGroupId, logger: this.o.logger }, requesterId, subjectQuery);
      if (!subject.ok) return [text(subject.message)];
      subjectId = subject.id;
      subjectName = subject.displayName;
      requestedAs = subject.as;
    }
    const triage: TriageState = {
      id: this.newId(),
      conversationId: sender.conversationId,
      requesterId,
      requesterName: sender.name ?? "",
      subjectId,
      subjectName,
      isSelf: subjectId === requesterId,
      requestedAs,
      timeZone: validZone(sender.timeZone) ?? this.o.defaultTimeZone,
      startedAt: this.o.clock.now().toISOString(),
      answers,
      asked: [],
      status: "asking",
    };
    return this.step(triage, progress);
  }

  private continueTriage(triage: TriageState, more: Answers, progress: ProgressFn): Promise<Reply[]> {
    const asked = triage.pending ? [...triage.asked, triage.pending] : triage.asked;
    return this.step({ ...triage, answers: mergeAnswers(triage.answers, more), asked, pending: undefined }, progress);
  }

  /** Reads (or reuses) the facts, diagnoses, then either asks the next useful question or posts the result. */
  private async step(triage: TriageState, progress: ProgressFn): Promise<Reply[]> {
    let facts: DirectoryFacts;
    try {
      facts = await this.readFacts(triage, progress);
    } catch (e) {
      if (isHelpdeskError(e) && e.code === "USER_NOT_FOUND") {
        return [text(triage.isSelf ? "I couldn't find your account in the directory, so I can't check your pass. Please contact the helpdesk." : `I couldn't find ${triage.subjectName} in the directory any more.`)];
      }
      const fields = failureFields(e);
      // Busy, unreachable or not allowed is Graph's state, not our bug: a warning; anything unexplained is an error.
      this.o.logger[fields.failure === "unknown" ? "error" : "warn"]({ event: "triage_read_failed", triageId: triage.id, ...fields, err: e }, "reading the directory failed");
      return [card(renderNoticeCard({ title: "I couldn't check the directory", text: toSafeMessage(e), tone: "warning" }), "I couldn't check the directory")];
    }
    const now = this.o.clock.now();
    const diagnosis = diagnose({ ...facts, now, timeZone: triage.timeZone, answers: triage.answers });
    for (const f of diagnosis.ruleFailures ?? []) this.o.logger.error({ event: "rule_failed", triageId: triage.id, rule: f.code, reason: f.error }, "a diagnosis rule threw; its check is reported as skipped");
    const next = nextQuestion(diagnosis, triage);
    if (next) {
      const asking: TriageState = { ...triage, status: "asking", pending: next };
      await this.save(asking);
      return [
        card(
          renderQuestionCard({ triageId: asking.id, question: next, subjectName: triage.subjectName, stepNumber: (asking.asked.length + 1) as 1 | 2, maxSteps: MAX_QUESTIONS }),
          "One question before I answer",
        ),
      ];
    }
    const primary = diagnosis.findings[0];
    const done: TriageState = {
      ...triage,
      status: "diagnosed",
      pending: undefined,
      result: { primary: primary.code, codes: diagnosis.findings.map((f) => f.code), diagnosedAt: now.toISOString(), evidence: primary.evidence.slice(0, 8) },
    };
    await this.save(done);
    this.o.logger.info({ event: "diagnosis", triageId: done.id, subjectId: done.subjectId, codes: done.result?.codes, skipped: diagnosis.skipped.length }, "diagnosis posted");
    const view = toDiagnosisView(diagnosis, {
      triageId: done.id,
      subjectName: done.subjectName,
      isSelf: done.isSelf,
      checkedAtText: formatDateTime(now, done.timeZone),
    });
    return [card(renderDiagnosisCard(view), `${primary.title} (Reference: ${primary.code})`)];
  }

  private async readFacts(triage: TriageState, progress: ProgressFn): Promise<DirectoryFacts> {
    const cached = this.facts.get(triage.id);
    if (cached) return cached;
    // Progress is a courtesy: if the typing indicator can't be delivered, the diagnosis still goes ahead.
    await progress().catch((e: unknown) => this.o.logger.debug({ event: "progress_failed", err: e }, "typing indicator not delivered"));
    const facts = await this.o.directory.readDirectoryFacts(triage.subjectId);
    this.facts.set(triage.id, facts);
    return facts;
  }

  private async save(triage: TriageState): Promise<void> {
    await this.o.store.put(TRIAGES, triage.id, triage);
    await this.setPointer(triage.conversationId, { activeTriageId: triage.id });
  }

  private async setPointer(conversationId: string, change: ConversationPointer): Promise<void> {
    const current = (await this.o.store.get<ConversationPointer>(CONVERSATIONS, conversationId))?.value ?? {};
    await this.o.store.put(CONVERSATIONS, conversationId, { welcomedAt: current.welcomedAt, activeTriageId: change.activeTriageId });
  }

  private async activeTriage(sender: Sender): Promise<TriageState | undefined> {
    const pointer = await this.o.store.get<ConversationPointer>(CONVERSATIONS, sender.conversationId);
    const id = pointer?.value.activeTriageId;
    return id ? this.ownedTriage(sender, id) : undefined;
  }

  /** Loads a triage only for the person who started it, in the conversation it runs in. */
  private async ownedTriage(sender: Sender, id: unknown): Promise<TriageState | undefined> {
    if (typeof id !== "string" || id.length === 0 || id.length > 64) return undefined;
    const found = await this.o.store.get<TriageState>(TRIAGES, id);
    const t = found?.value;
    if (!t || t.requesterId !== sender.aadObjectId || t.conversationId !== sender.conversationId) return undefined;
    return t;
  }
}

function nextQuestion(diagnosis: Diagnosis, triage: TriageState): QuestionId | undefined {
  if (triage.asked.length >= MAX_QUESTIONS) return undefined;
  return diagnosis.openQuestions.find((q) => !triage.asked.includes(q));
}

function hintsOf(intent: Extract<Intent, { kind: "tap_problem" | "check_other" }>): Answers {
  return intent.errorCodes.length > 0 ? { ...intent.hints, errorCodes: intent.errorCodes } : { ...intent.hints };
}
