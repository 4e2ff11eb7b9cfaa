import assert from "node:assert/strict";
import { HELPDESK_VERBS, HELPDESK_VERB_LIST, isHelpdeskVerb } from "../../../src/helpdesk/domain/verbs";
import { CARD_VERBS } from "../../../src/cards/render";
import { TICKET_ACTION_BUTTONS, renderTicketCard, toTicketCardView } from "../../../src/cards/ticket";
import { renderManagerVerificationCard } from "../../../src/cards/helpdesk-manager-verification";
import { renderPassHandoverCard } from "../../../src/cards/helpdesk-pass-handover";
import { renderSubjectNotificationCard } from "../../../src/cards/helpdesk-subject-notification";
import { renderRequesterStatusCard } from "../../../src/cards/helpdesk-requester-status";
import type { AdaptiveCard } from "../../../src/cards/render";
import { ID_KEYS, PASS_VALUE, buttonsOf, hhmm, sampleTicket } from "./helpdesk-helpers";

const everyButtonCard = (): AdaptiveCard[] => [
  renderTicketCard(
    toTicketCardView(sampleTicket(), {
      available: [...TICKET_ACTION_BUTTONS],
      formatTime: hhmm,
      issueForm: { minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, policyForcesOneTime: false, timeZoneText: "UTC" },
    }),
  ),
  renderManagerVerificationCard({ ticketId: "T-7F3K2Q", subjectName: "Ben", agentName: "Ana", requestedAtText: "12:05", state: "pending" }),
  renderPassHandoverCard({
    ticketId: "T-7F3K2Q",
    deliveryId: "dlv-1",
    subjectName: "Ben",
    passValue: PASS_VALUE,
    validUntilText: "13:10",
    isUsableOnce: true,
    scrubAtText: "12:25",
    scrubbed: false,
  }),
  renderSubjectNotificationCard({ ticketId: "T-7F3K2Q", issuedByName: "Ana", createdAtText: "12:10", validUntilText: "13:10", isUsableOnce: true }),
  renderRequesterStatusCard({ ticketId: "T-7F3K2Q", status: "open", statusText: "Open", subjectName: "Ben", canWithdraw: true }),
];

describe("HELPDESK_VERBS", () => {
  it("has no duplicate verbs", () => {
    assert.equal(new Set(HELPDESK_VERB_LIST).size, HELPDESK_VERB_LIST.length);
  });

  it("shares no verb with the triage cards", () => {
    const triage: string[] = Object.values(CARD_VERBS);
    assert.deepEqual(HELPDESK_VERB_LIST.filter((v) => triage.includes(v)), []);
  });

  it("recognises its own verbs only", () => {
    assert.deepEqual([isHelpdeskVerb(HELPDESK_VERBS.ticketIssue), isHelpdeskVerb("triage_fixed"), isHelpdeskVerb(42)], [true, false, false]);
  });

  it("covers every button on every helpdesk card, the refresh included", () => {
    const used = [...everyButtonCard().flatMap((c) => buttonsOf(c).map((b) => b.verb)), HELPDESK_VERBS.ticketRefresh];
    assert.deepEqual([...new Set(used)].sort(), [...HELPDESK_VERB_LIST].sort());
  });

  it("buttons on every helpdesk card carry ids only, as strings", () => {
    const data = everyButtonCard().flatMap((c) => buttonsOf(c).map((b) => b.data));
    const bad = data.flatMap((d) => Object.entries(d)).filter(([k, v]) => !ID_KEYS.includes(k) || typeof v !== "string");
    assert.deepEqual(bad, []);
  });
});
