import assert from "node:assert/strict";
import {
  TICKET_ACTION_BUTTONS,
  renderTicketCard,
  toTicketCardView,
  type IssueFormView,
  type PassSummaryView,
  type TicketActionButton,
  type TicketCardView,
} from "../../../src/cards/ticket";
import { renderPassHandoverCard } from "../../../src/cards/helpdesk-pass-handover";
import type { AdaptiveCard } from "../../../src/cards/render";
import type { Ticket } from "../../../src/helpdesk/domain/model";
import { forgetSecret, registerSecret } from "../../../src/secrets";
import { HOSTILE_TEXT, firstCodeIn, markdownTextsOf, textsOf, typesOf } from "./card-helpers";
import {
  ID_KEYS,
  PASS_VALUE,
  actionTypesOf,
  buttonsOf,
  buttonVerbsOf,
  hhmm,
  inputOf,
  sampleTicket,
  validateHelpdeskCard,
} from "./helpdesk-helpers";

const POLICY: IssueFormView = {
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLifetimeInMinutes: 90,
  policyForcesOneTime: false,
  timeZoneText: "Europe/Berlin",
};

const viewOf = (ticket: Ticket, available: TicketActionButton[] = [], more: Partial<TicketCardView> = {}): TicketCardView => ({
  ...toTicketCardView(ticket, { available, formatTime: hhmm, issueForm: POLICY }),
  ...more,
});
const render = (ticket: Ticket = sampleTicket(), available: TicketActionButton[] = [], more: Partial<TicketCardView> = {}): AdaptiveCard =>
  renderTicketCard(viewOf(ticket, available, more));
const allButtons = (): TicketActionButton[] => [...TICKET_ACTION_BUTTONS];
const texts = (card: AdaptiveCard): string[] => textsOf(card);

// Compile-time guarantees: if either line stops compiling, the view grew a place where a pass value could ride.
type DeepKeys<T> = T extends readonly (infer U)[]
  ? DeepKeys<U>
  : T extends object
    ? { [K in keyof T & string]-?: K | DeepKeys<T[K]> }[keyof T & string]
    : never;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SecretKey = "value" | "passValue" | "tapValue" | "temporaryAccessPass" | "secret" | "password" | "code";
const VIEW_HAS_NO_SECRET_KEY: [Extract<DeepKeys<TicketCardView>, SecretKey>] extends [never] ? true : false = true;
const PASS_SUMMARY_KEYS_ARE_FIXED: Equal<keyof PassSummaryView, "issuedByName" | "validUntilText" | "isUsableOnce" | "deletedByName" | "deletedAtText"> =
  true;

const UNCERTAIN: NonNullable<Ticket["uncertainPass"]> = {
  state: "created",
  tapId: "tap-lost",
  createdAt: "2026-11-28T12:00:00Z",
  validUntil: "2026-11-28T13:00:00Z",
  attemptedBy: { id: "a", displayName: "Ana Agent" },
  attemptedAt: "2026-11-28T12:00:00Z",
  requested: { lifetimeInMinutes: 60, isUsableOnce: true, deliverTo: "agent" },
};

describe("renderTicketCard: a pass whose create answer was lost", () => {
  it("tells the channel the truth: created, nobody holds its value, how to replace it", () => {
    const all = texts(render(sampleTicket({ pass: undefined, uncertainPass: UNCERTAIN }), ["ticket_replace_tap"])).join(" ");
    assert.match(all, /Pass value unknown/);
    assert.match(all, /A pass was created when Ana Agent clicked Issue at 12:00, valid until 13:00, but Microsoft Graph's answer was lost, so nobody holds its value/);
  });

  it("says when it can't tell whether one was created", () => {
    const all = texts(render(sampleTicket({ pass: undefined, uncertainPass: { ...UNCERTAIN, state: "unknown", tapId: undefined } }), ["ticket_replace_tap"])).join(" ");
    assert.match(all, /couldn't tell whether a pass was created/);
  });

  it("shows nothing about it when nothing is in doubt", () => {
    assert.ok(!texts(render(sampleTicket({ uncertainPass: undefined }))).some((t) => /Pass value unknown/.test(t)));
  });
});

describe("renderTicketCard", () => {
  describe("validity", () => {
    const cases: [string, () => AdaptiveCard][] = [
      ["assigned, every button", () => render(sampleTicket(), allButtons())],
      ["open, nothing done yet", () => render(sampleTicket({ status: "open", assignee: undefined, verification: undefined, pass: undefined }), ["ticket_assign"])],
      ["resolved", () => render(sampleTicket({ status: "resolved", resolution: { by: { id: "a", displayName: "Ana" }, at: "2026-11-28T13:00:00Z", note: "Signed in." } }))],
      ["routed to security", () => render(sampleTicket({ kind: "security", status: "rejected", securityReason: "Subject said it wasn't them." }))],
      ["withdrawn", () => render(sampleTicket({ status: "withdrawn" }))],
      ["no diagnosis", () => render(sampleTicket({ diagnosis: { codes: [], evidence: [] }, history: [] }))],
      ["one-time forced", () => render(sampleTicket(), ["ticket_issue"], { issueForm: { ...POLICY, policyForcesOneTime: true } })],
      ["start prefilled", () => render(sampleTicket(), ["ticket_issue"], { issueForm: { ...POLICY, startDateValue: "2026-11-29", startTimeValue: "08:30" } })],
      ["pass value lost", () => render(sampleTicket({ pass: undefined, uncertainPass: UNCERTAIN }), ["ticket_replace_tap", "ticket_delete_tap"])],
    ];
    for (const [name, make] of cases) {
      it(`is a valid Adaptive Card 1.4 (${name})`, () => {
        assert.deepEqual(validateHelpdeskCard(make()), []);
      });
      it(`leaves no unexpanded binding (${name})`, () => {
        assert.equal(JSON.stringify(make()).includes("${"), false);
      });
    }
  });

  describe("refresh", () => {
    it("offers Teams a refresh through ticket_refresh with the ticket id", () => {
      assert.deepEqual(render().refresh, { action: { type: "Action.Execute", verb: "ticket_refresh", data: { ticketId: "T-7F3K2Q" } }, userIds: [] });
    });
  });

  describe("header", () => {
    it("titles the card with the ticket id", () => {
      assert.equal(texts(render())[0], "Pass request T-7F3K2Q");
    });

    it("titles a security ticket as a security report", () => {
      assert.equal(texts(render(sampleTicket({ kind: "security" })))[0], "Security report T-7F3K2Q");
    });

    const badges: [string, Partial<Ticket>, string][] = [
      ["open", { status: "open", assignee: undefined }, "Open"],
      ["assigned", {}, "Assigned to Ana Agent"],
      ["resolved", { status: "resolved" }, "Resolved"],
      ["rejected", { status: "rejected" }, "Rejected"],
      ["withdrawn", { status: "withdrawn" }, "Withdrawn"],
      ["routed to security", { status: "rejected", securityReason: "Caller failed verification." }, "Routed to security"],
    ];
    for (const [name, overrides, badge] of badges) {
      it(`shows the status badge "${badge}" (${name})`, () => {
        assert.equal(texts(render(sampleTicket(overrides)))[1], badge);
      });
    }

    it("names the subject with their UPN", () => {
      assert.ok(JSON.stringify(render()).includes('"title":"For","value":"Ben Expired (ben@contoso.example)"'));
    });

    it("says the request came from the subject's own Teams chat", () => {
      assert.ok(JSON.stringify(render()).includes('"value":"Ben Expired, asked in their own Teams chat"'));
    });

    it("says when an agent is acting for a caller", () => {
      const card = render(sampleTicket({ origin: "agent_for_caller", requester: { id: "agent-ana", displayName: "Ana Agent" } }));
      assert.ok(JSON.stringify(card).includes('"value":"Ana Agent, agent acting for a caller"'));
    });
  });

  describe("diagnosis", () => {
    it("leads with Reference: <primary code>", () => {
      assert.ok(texts(render()).includes("Reference: TAP_EXPIRED"));
    });

    it("names the primary code before any other code", () => {
      const json = JSON.stringify(render());
      assert.equal(firstCodeIn(json)?.at, json.indexOf("Reference: TAP_EXPIRED") + "Reference: ".length);
    });

    it("lists the other codes on one line", () => {
      assert.deepEqual(texts(render()).filter((t) => t.includes("Also")), ["Also found: CA_STRENGTH_EXCLUDES_TAP"]);
    });

    it("shows at most six evidence facts", () => {
      const evidence = Array.from({ length: 9 }, (_, i) => ({ label: `fact ${i}`, value: "v", source: "pass" as const }));
      const card = render(sampleTicket({ diagnosis: { primary: "TAP_EXPIRED", codes: ["TAP_EXPIRED"], evidence } }));
      const factSets = card.body.filter((e) => (e as { type?: string }).type === "FactSet") as { facts: unknown[] }[];
      assert.equal(factSets[1]?.facts.length, 6);
    });

    it("says when no diagnosis was recorded", () => {
      assert.ok(texts(render(sampleTicket({ diagnosis: { codes: [], evidence: [] } }))).includes("Reference: none recorded"));
    });
  });

  describe("verification", () => {
    const verificationLine = (ticket: Ticket, managerName?: string): string => {
      const t = texts(renderTicketCard({ ...toTicketCardView(ticket, { available: [], formatTime: hhmm, managerName }) }));
      return t[t.indexOf("Verification") + 1] ?? "";
    };
    const ana = { id: "agent-ana", displayName: "Ana Agent" };
    const mia = { id: "mgr-mia", displayName: "Mia Manager" };
    const manager = (status: "pending" | "confirmed" | "denied" | "expired"): Ticket =>
      sampleTicket({
        verification: {
          method: "manager_confirmation",
          status,
          requestedBy: ana,
          requestedAt: "2026-11-28T12:05:00Z",
          ...(status === "confirmed" || status === "denied" ? { decidedBy: mia, decidedAt: "2026-11-28T12:07:00Z" } : {}),
        },
      });

    it("says when nothing is verified yet", () => {
      assert.equal(verificationLine(sampleTicket({ verification: undefined })), "Not verified yet");
    });

    it("names the manager it is waiting for", () => {
      assert.equal(verificationLine(manager("pending"), "Mia Manager"), "Waiting for manager Mia Manager to confirm");
    });

    it("says the manager confirmed", () => {
      assert.equal(verificationLine(manager("confirmed")), "Confirmed by manager Mia Manager at 12:07");
    });

    it("says a callback to the masked number was confirmed by the agent", () => {
      assert.equal(verificationLine(sampleTicket()), "Callback to +•• ••• •••• 0123 confirmed by Ana Agent at 12:06");
    });

    it("says the manager denied", () => {
      assert.equal(verificationLine(manager("denied")), "Denied by manager Mia Manager at 12:07: do not issue");
    });

    it("says the verification expired", () => {
      assert.match(verificationLine(manager("expired")), /^Expired: the manager didn't answer in time/);
    });

    it("masks a phone number even if it arrives unmasked", () => {
      const ticket = sampleTicket();
      const line = verificationLine({ ...ticket, verification: { ...ticket.verification!, phoneMasked: "+49 170 555 0123" } });
      assert.equal(line.includes("170"), false);
    });
  });

  describe("approvals", () => {
    it("lists recorded approvals", () => {
      const card = render(sampleTicket({ approvals: [{ kind: "second_agent", approvedBy: { id: "b", displayName: "Bo Second" }, approvedAt: "2026-11-28T12:09:00Z" }] }));
      assert.ok(texts(card).includes("Second agent: Bo Second, 12:09"));
    });

    it("warns when a second agent's approval is still needed", () => {
      assert.ok(texts(render(sampleTicket(), [], { approvalNeeded: "second_agent" })).some((t) => t.startsWith("A second agent must approve")));
    });
  });

  describe("pass summary", () => {
    it("says only who issued it, until when, and one-time", () => {
      assert.ok(texts(render()).includes("TAP issued by Ana Agent, valid until 13:10, one-time"));
    });

    it("says multi-use for a reusable pass", () => {
      const ticket = sampleTicket();
      assert.ok(texts(render({ ...ticket, pass: { ...ticket.pass!, isUsableOnce: false } })).includes("TAP issued by Ana Agent, valid until 13:10, multi-use"));
    });

    it("says who deleted it and when", () => {
      const ticket = sampleTicket();
      const pass = { ...ticket.pass!, deletedAt: "2026-11-28T12:30:00Z", deletedBy: { id: "b", displayName: "Bo Second" } };
      assert.ok(texts(render({ ...ticket, pass })).includes("Deleted by Bo Second at 12:30"));
    });

    it("is absent before a pass is issued", () => {
      assert.equal(texts(render(sampleTicket({ pass: undefined }))).some((t) => t.startsWith("TAP issued")), false);
    });
  });

  describe("resolution and history", () => {
    it("shows the resolution note and who wrote it", () => {
      const card = render(sampleTicket({ status: "resolved", resolution: { by: { id: "a", displayName: "Ana Agent" }, at: "2026-11-28T13:00:00Z", note: "Signed in with the new pass." } }));
      const t = texts(card);
      assert.deepEqual(t.slice(t.indexOf("Closing note") + 1, t.indexOf("Closing note") + 3), ["Signed in with the new pass.", "Ana Agent, 13:00"]);
    });

    it("shows the security reason", () => {
      const card = render(sampleTicket({ status: "rejected", securityReason: "Caller used an unknown number." }));
      assert.ok(texts(card).includes("Caller used an unknown number."));
    });

    it("shows the last five history lines, oldest first", () => {
      const t = texts(render());
      assert.deepEqual(t.slice(t.indexOf("History") + 1), [
        "12:02 · Ana Agent took the ticket",
        "12:05 · Ana Agent called the number on record",
        "12:06 · Ana Agent confirmed the request",
        "12:09 · Ana Agent approved issuance",
        "12:10 · Ana Agent issued a pass",
      ]);
    });

    it("adds a history entry's note", () => {
      const ticket = sampleTicket({ history: [{ at: "2026-11-28T12:00:00Z", actor: { id: "a", displayName: "Ana Agent" }, action: "reject", note: "Duplicate." }] });
      assert.ok(texts(render(ticket)).includes("12:00 · Ana Agent rejected the request: Duplicate."));
    });
  });

  describe("actions", () => {
    const expected: [TicketActionButton, string, string][] = [
      ["ticket_assign", "Assign to me", "ticket_assign"],
      ["ticket_verify_manager", "Verify via manager", "ticket_verify_manager"],
      ["ticket_verify_callback", "I called the number on record", "ticket_verify_callback"],
      ["ticket_approve", "Approve (second agent)", "ticket_approve"],
      ["ticket_issue", "Issue TAP", "ticket_issue"],
      ["ticket_replace_tap", "Replace the pass", "ticket_replace_tap"],
      ["ticket_delete_tap", "Delete TAP", "ticket_delete_tap"],
      ["ticket_resolve", "Resolve", "ticket_resolve"],
      ["ticket_reject", "Reject", "ticket_reject"],
      ["ticket_route_security", "Route to security", "ticket_route_security"],
    ];
    for (const [button, title, verb] of expected) {
      it(`offers "${title}" as ${verb} with only the ticket id (${button})`, () => {
        assert.deepEqual(buttonsOf(render(sampleTicket(), [button])), [{ title, verb, data: { ticketId: "T-7F3K2Q" } }]);
      });
    }

    it("offers nothing the caller didn't list", () => {
      assert.deepEqual(buttonsOf(render(sampleTicket(), [])), []);
    });

    it("keeps a fixed order whatever order the caller lists", () => {
      assert.deepEqual(buttonVerbsOf(render(sampleTicket(), ["ticket_resolve", "ticket_assign", "ticket_issue"])), ["ticket_assign", "ticket_issue", "ticket_resolve"]);
    });

    it("uses Action.Execute for every button", () => {
      assert.deepEqual([...new Set(actionTypesOf(render(sampleTicket(), allButtons())))].sort(), ["Action.Execute", "Action.ShowCard"]);
    });

    it("puts only ids in button data", () => {
      const keys = buttonsOf(render(sampleTicket(), allButtons())).flatMap((b) => Object.keys(b.data));
      assert.deepEqual(keys.filter((k) => !ID_KEYS.includes(k)), []);
    });

    it("groups reject and route to security behind one button with a reason", () => {
      const showCards = (render(sampleTicket(), ["ticket_reject", "ticket_route_security"]).actions ?? []) as { title: string }[];
      assert.deepEqual(showCards.map((a) => a.title), ["Reject / route to security"]);
    });

    it("asks for a reason before rejecting", () => {
      assert.equal(inputOf(render(sampleTicket(), ["ticket_reject"]), "reason").isRequired, true);
    });

    it("asks for a note before resolving", () => {
      assert.equal(inputOf(render(sampleTicket(), ["ticket_resolve"]), "note").type, "Input.Text");
    });

    for (const status of ["resolved", "rejected", "withdrawn"] as const) {
      it(`shows no actions once ${status}, whatever the caller lists`, () => {
        assert.deepEqual(actionTypesOf(render(sampleTicket({ status }), allButtons())), []);
      });
    }
  });

  describe("issue form", () => {
    const form = (issueForm: IssueFormView = POLICY): AdaptiveCard => render(sampleTicket(), ["ticket_issue"], { issueForm });

    it("asks for a start date", () => {
      assert.equal(inputOf(form(), "startDate").type, "Input.Date");
    });

    it("asks for a start time", () => {
      assert.equal(inputOf(form(), "startTime").type, "Input.Time");
    });

    it("bounds the lifetime by the policy and defaults to the policy's default", () => {
      const { type, min, max, value } = inputOf(form(), "lifetimeInMinutes");
      assert.deepEqual({ type, min, max, value }, { type: "Input.Number", min: 60, max: 480, value: 90 });
    });

    it("clamps a default outside the policy's bounds", () => {
      assert.equal(inputOf(form({ ...POLICY, defaultLifetimeInMinutes: 5000 }), "lifetimeInMinutes").value, 480);
    });

    it("defaults to one-time use", () => {
      const { type, value } = inputOf(form(), "isUsableOnce");
      assert.deepEqual({ type, value }, { type: "Input.Toggle", value: "true" });
    });

    it("says when the policy forces one-time use", () => {
      assert.equal(inputOf(form({ ...POLICY, policyForcesOneTime: true }), "isUsableOnce").title, "One-time use (required by your organisation's pass policy)");
    });

    it("prefills a valid start", () => {
      const card = form({ ...POLICY, startDateValue: "2026-11-29", startTimeValue: "08:30" });
      assert.deepEqual([inputOf(card, "startDate").value, inputOf(card, "startTime").value], ["2026-11-29", "08:30"]);
    });

    it("ignores a malformed start", () => {
      assert.equal(inputOf(form({ ...POLICY, startDateValue: "29/11/2026" }), "startDate").value, undefined);
    });

    it("refuses a policy whose minimum is above its maximum", () => {
      assert.throws(() => form({ ...POLICY, minimumLifetimeInMinutes: 600 }), RangeError);
    });

    it("refuses an Issue button without the policy's bounds", () => {
      assert.throws(() => render(sampleTicket(), ["ticket_issue"], { issueForm: undefined }), RangeError);
    });
  });

  describe("pass values", () => {
    it("has no field that could carry a pass value (checked by the compiler)", () => {
      assert.deepEqual([VIEW_HAS_NO_SECRET_KEY, PASS_SUMMARY_KEYS_ARE_FIXED], [true, true]);
    });

    it("rejects a pass value in the summary at compile time", () => {
      const summary: PassSummaryView = {
        issuedByName: "Ana Agent",
        validUntilText: "13:10",
        isUsableOnce: true,
        // @ts-expect-error -- the pass summary has no field for a value
        temporaryAccessPass: PASS_VALUE,
      };
      assert.equal(JSON.stringify(render(sampleTicket(), [], { pass: summary })).includes(PASS_VALUE), false);
    });

    it("never shows the value handed over for the same ticket", () => {
      const ticket = sampleTicket();
      const handover = renderPassHandoverCard({
        ticketId: ticket.id,
        deliveryId: "d-1",
        subjectName: ticket.subject.displayName,
        passValue: PASS_VALUE,
        validUntilText: "13:10",
        isUsableOnce: true,
        scrubAtText: "12:25",
        scrubbed: false,
      });
      assert.deepEqual([JSON.stringify(handover).includes(PASS_VALUE), JSON.stringify(render(ticket, allButtons())).includes(PASS_VALUE)], [true, false]);
    });

    it("drops a value smuggled onto the ticket's pass record", () => {
      const ticket = sampleTicket();
      const smuggled = { ...ticket, pass: { ...ticket.pass!, temporaryAccessPass: PASS_VALUE } } as Ticket;
      assert.equal(JSON.stringify(render(smuggled, allButtons())).includes(PASS_VALUE), false);
    });

    it("redacts a registered pass value pasted into a note", () => {
      registerSecret(PASS_VALUE);
      try {
        const card = render(sampleTicket({ status: "resolved", resolution: { by: { id: "a", displayName: "Ana" }, at: "2026-11-28T13:00:00Z", note: `gave ${PASS_VALUE}` } }));
        assert.equal(JSON.stringify(card).includes(PASS_VALUE), false);
      } finally {
        forgetSecret(PASS_VALUE);
      }
    });
  });

  describe("untrusted text", () => {
    const hostileTicket = (text: string): Ticket => {
      const person = { id: "p", displayName: text };
      const ticket = sampleTicket({
        requester: person,
        subject: { ...person, userPrincipalName: text },
        diagnosis: { primary: "TAP_EXPIRED", codes: ["TAP_EXPIRED"], evidence: [{ label: text, value: text, source: "pass" }] },
        approvals: [{ kind: "second_agent", approvedBy: person, approvedAt: "2026-11-28T12:09:00Z" }],
        securityReason: text,
        resolution: { by: person, at: "2026-11-28T13:00:00Z", note: text },
        history: [{ at: "2026-11-28T12:00:00Z", actor: person, action: "reject", note: text }],
      });
      return { ...ticket, pass: { ...ticket.pass!, issuedBy: person } };
    };
    const hostile = (): AdaptiveCard =>
      render(hostileTicket(HOSTILE_TEXT), allButtons(), { statusText: HOSTILE_TEXT, createdAtText: HOSTILE_TEXT, issueForm: { ...POLICY, timeZoneText: HOSTILE_TEXT } });
    const benign = (): AdaptiveCard =>
      render(hostileTicket("plain"), allButtons(), { statusText: "plain", createdAtText: "plain", issueForm: { ...POLICY, timeZoneText: "plain" } });

    it("can't add or change elements or actions", () => {
      assert.deepEqual(typesOf(hostile()), typesOf(benign()));
    });

    it("keeps the card valid", () => {
      assert.deepEqual(validateHelpdeskCard(hostile()), []);
    });

    it("leaves no template binding", () => {
      assert.equal(JSON.stringify(hostile()).includes("${"), false);
    });

    it("escapes markdown so no link or emphasis survives", () => {
      assert.deepEqual(markdownTextsOf(hostile()).filter((t) => /(?<!\\)[[\]*_]/.test(t)), []);
    });

    it("can't change what the buttons carry", () => {
      assert.deepEqual(buttonsOf(hostile()), buttonsOf(benign()));
    });
  });

  describe("size", () => {
    it("stays under Teams' card size limit with every text at its longest", () => {
      const long = "x".repeat(5000);
      const person = { id: "p", displayName: long };
      const evidence = Array.from({ length: 20 }, () => ({ label: long, value: long, source: "pass" as const }));
      const history = Array.from({ length: 20 }, () => ({ at: "2026-11-28T12:00:00Z", actor: person, action: "reject" as const, note: long }));
      const ticket = sampleTicket({ requester: person, subject: { ...person, userPrincipalName: long }, securityReason: long, history, approvals: [] });
      const card = render({ ...ticket, diagnosis: { ...ticket.diagnosis, evidence }, resolution: { by: person, at: ticket.createdAt, note: long } }, allButtons());
      assert.ok(JSON.stringify(card).length < 28_000);
    });
  });

  describe("toTicketCardView", () => {
    it("names the manager it waits for before they answer", () => {
      const ana = { id: "agent-ana", displayName: "Ana Agent" };
      const ticket = sampleTicket({ verification: { method: "manager_confirmation", status: "pending", requestedBy: ana, requestedAt: "2026-11-28T12:05:00Z" } });
      assert.equal(toTicketCardView(ticket, { available: [], formatTime: hhmm, managerName: "Mia Manager" }).verification.managerName, "Mia Manager");
    });

    it("keeps every history entry (the card picks the last five)", () => {
      assert.equal(toTicketCardView(sampleTicket(), { available: [], formatTime: hhmm }).history.length, 6);
    });

    it("copies only the pass summary's named fields", () => {
      const ticket = sampleTicket();
      const smuggled = { ...ticket, pass: { ...ticket.pass!, temporaryAccessPass: PASS_VALUE } } as Ticket;
      assert.deepEqual(Object.keys(toTicketCardView(smuggled, { available: [], formatTime: hhmm }).pass ?? {}).sort(), [
        "deletedAtText",
        "deletedByName",
        "isUsableOnce",
        "issuedByName",
        "validUntilText",
      ]);
    });
  });
});
