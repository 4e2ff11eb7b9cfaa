// Every card template rendered through its own render function with realistic demo-tenant data (Northwind Labs):
// the pictures in docs/cards/ are drawn from these, and the schema test validates each one.
import { createHash } from "node:crypto";
import { renderDiagnosisCard, toDiagnosisView } from "../../src/cards/diagnosis";
import { renderAuditCard } from "../../src/cards/helpdesk-audit";
import { renderChannelRemovedCard, renderChannelSetupCard } from "../../src/cards/helpdesk-channel-setup";
import { renderManagerVerificationCard } from "../../src/cards/helpdesk-manager-verification";
import { renderPassHandoverCard } from "../../src/cards/helpdesk-pass-handover";
import { renderRequesterStatusCard } from "../../src/cards/helpdesk-requester-status";
import { renderSubjectNotificationCard } from "../../src/cards/helpdesk-subject-notification";
import { renderNoticeCard } from "../../src/cards/notice";
import { renderQuestionCard } from "../../src/cards/question";
import { renderRegisterMethodCard } from "../../src/cards/register-method";
import type { AdaptiveCard } from "../../src/cards/render";
import { renderRequestRecordedCard } from "../../src/cards/request-recorded";
import { renderHelpCard, renderWelcomeCard, renderWhatIsTapCard } from "../../src/cards/static-cards";
import { renderTicketCard, toTicketCardView } from "../../src/cards/ticket";
import { presentSetupCheck } from "../../src/cards/setup-check";
import { assessSetup } from "../../src/setup/assess";
import { PROBE_IDS, type SetupFacts } from "../../src/setup/facts";
import { checked } from "../../src/triage/snapshot";
import { caPolicy, STRENGTHS } from "./snapshot-builder";
import type { AuditEvent, Ticket } from "../../src/helpdesk/domain/model";
import { expiredDiagnosis } from "../unit/cards/fixtures";
import { presentAlertView } from "../../src/cards/alerts-present";
import { digestView } from "../../src/alerts/digest-view";
import { sampleDigest } from "../unit/alerts/samples";
import { sampleTicket } from "../unit/cards/helpdesk-helpers";

export interface CardSample {
  /** The template file's name without .json (src/cards/templates/<template>.json), also the picture's name. */
  template: string;
  /** What the picture shows, for the gallery. */
  caption: string;
  card: () => AdaptiveCard;
}

const ben = { id: "b7494e64-7d6c-52bc-86fa-de8d04b6e41d", displayName: "Ben Expired" };
const tess = { id: "1f7fc0b9-94c8-581a-a0eb-ab0847e94764", displayName: "Tess Agent" };
const xavier = { id: "f6a3d63b-15d0-58a1-aea4-9494e008372d", displayName: "Xavier Admin" };
const utc = (iso: string): string => `${iso.slice(8, 10)} Nov 2026, ${iso.slice(11, 16)} UTC`;

/** Ben's ticket, assigned to Tess and verified by calling the number on record: ready to issue. */
function bensTicket(): Ticket {
  return sampleTicket({
    requester: ben,
    subject: { ...ben, userPrincipalName: "ben@northwind-demo.example" },
    assignee: tess,
    status: "assigned",
    verification: { method: "callback_phone_on_record", status: "confirmed", requestedBy: tess, requestedAt: "2026-11-28T12:05:00Z", decidedBy: tess, decidedAt: "2026-11-28T12:06:00Z", phoneMasked: "+•• ••• •••• 0123" },
    pass: undefined,
    history: [
      { at: "2026-11-28T12:00:00Z", actor: ben, action: "created" },
      { at: "2026-11-28T12:02:00Z", actor: tess, action: "assign" },
      { at: "2026-11-28T12:05:00Z", actor: tess, action: "verify_callback" },
      { at: "2026-11-28T12:06:00Z", actor: tess, action: "verification_confirmed" },
    ],
  });
}

const auditEvents: AuditEvent[] = [
  { id: "2026-11-28T12:10:00Z-a", at: "2026-11-28T12:10:00Z", actor: tess, action: "tap_issued", ticketId: "T-7F3K2Q", target: ben, verificationMethod: "callback_phone_on_record", result: "success", detail: "one-time pass, 60 minutes", graphRequestId: "5f0c7b1e-3c1d-4f55-9a51-2b7f0c1d9e11" },
  { id: "2026-11-28T12:06:00Z-b", at: "2026-11-28T12:06:00Z", actor: tess, action: "verification_confirmed", ticketId: "T-7F3K2Q", target: ben, verificationMethod: "callback_phone_on_record", result: "success" },
  { id: "2026-11-28T11:58:00Z-c", at: "2026-11-28T11:58:00Z", actor: { id: "u-avery", displayName: "Avery Healthy" }, action: "tap_issue", ticketId: "T-9KD3WX", target: ben, result: "denied", detail: "not a helpdesk agent" },
];

/** Northwind's setup as a helpdesk admin sees it the day the bot went live, before AuditLog.Read.All was consented. */
function northwindSetup(): SetupFacts {
  const g = { tapUsers: "g-tap-users", tapExcluded: "g-tap-excluded", kiosk: "g-kiosk", admins: "g-eng-admins" };
  const kioskLeftOut = { includeTargets: [{ id: "all_users", targetType: "group" }], excludeTargets: [{ id: g.kiosk, targetType: "group" }] };
  const office = { id: "loc-office", displayName: "Head office (Seattle)", kind: "ip" as const, isTrusted: true, ipRanges: ["203.0.113.0/24"], countries: [], includeUnknownCountries: false };
  return {
    tapPolicy: checked({
      state: "enabled",
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: true,
      defaultLength: 8,
      includeTargets: [{ id: g.tapUsers, targetType: "group" }],
      excludeTargets: [{ id: g.tapExcluded, targetType: "group" }],
    }),
    methodPolicies: checked([
      { id: "Fido2", state: "enabled", ...kioskLeftOut },
      { id: "MicrosoftAuthenticator", state: "enabled", ...kioskLeftOut },
    ]),
    caPolicies: checked([
      caPolicy({ id: "ca-mfa", displayName: "Require MFA for all users", users: { includeUsers: ["All"] }, grant: { operator: "OR", builtInControls: ["mfa"] } }),
      caPolicy({
        id: "ca-reg",
        displayName: "Securing security info registration",
        users: { includeUsers: ["All"], excludeUsers: ["GuestsOrExternalUsers"] },
        applications: { includeApplications: [], includeUserActions: ["urn:user:registersecurityinfo"] },
        locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
        grant: { operator: "OR", builtInControls: ["block"] },
      }),
      caPolicy({ id: "ca-adm", displayName: "Admins need phishing-resistant MFA", users: { includeGroups: [g.admins] }, grant: { operator: "OR", builtInControls: [], authenticationStrengthId: STRENGTHS.phishingResistant.id } }),
    ]),
    namedLocations: checked([office]),
    strengths: checked(Object.values(STRENGTHS)),
    groupNames: { [g.tapUsers]: "TAP Users", [g.tapExcluded]: "TAP Excluded", [g.kiosk]: "Kiosk Staff", [g.admins]: "Engineering Admins" },
    probes: PROBE_IDS.map((id) => ({ id, status: id === "signIns" || id === "directoryAudits" || id === "registrationReport" ? "missing_permission" : "present" })),
    lastWrite: { at: "2026-11-27T09:12:00Z", action: "issue", ok: true, permissionRefused: false },
  };
}

export const CARD_SAMPLES: readonly CardSample[] = [
  {
    template: "diagnosis",
    caption: "Diagnosis: the cause with its reference code, the evidence, the steps and what to do next",
    card: () => renderDiagnosisCard(toDiagnosisView(expiredDiagnosis(), { triageId: "tri-42", subjectName: "Ben Expired", isSelf: true, checkedAtText: "28 Nov 2026, 12:00 UTC" })),
  },
  {
    template: "question",
    caption: "A question only the person can answer",
    card: () => renderQuestionCard({ triageId: "tri-42", question: "device", subjectName: "Avery Healthy", stepNumber: 1, maxSteps: 2 }),
  },
  {
    template: "ticket",
    caption: "The ticket in the helpdesk channel, verified and ready to issue",
    card: () =>
      renderTicketCard(
        toTicketCardView(bensTicket(), {
          available: ["ticket_issue", "ticket_resolve", "ticket_reject", "ticket_route_security"],
          formatTime: utc,
          issueForm: { minimumLifetimeInMinutes: 60, maximumLifetimeInMinutes: 480, defaultLifetimeInMinutes: 60, policyForcesOneTime: false, timeZoneText: "UTC" },
          managerName: "Wendy Manager",
        }),
      ),
  },
  {
    template: "helpdesk-pass-handover",
    caption: "Hand-over: the pass value, only in the issuing agent's 1:1 chat, removed after 15 minutes",
    card: () =>
      renderPassHandoverCard({ ticketId: "T-7F3K2Q", deliveryId: "d-1", subjectName: "Ben Expired", passValue: "Qk7-Wp2x-Rt9m", validUntilText: "28 Nov 2026, 13:10 UTC", isUsableOnce: true, scrubAtText: "12:25 UTC", scrubbed: false }),
  },
  {
    template: "helpdesk-manager-verification",
    caption: "The manager confirms that the person asked",
    card: () => renderManagerVerificationCard({ ticketId: "T-7F3K2Q", subjectName: "Ben Expired", agentName: "Tess Agent", requestedAtText: "12:05 UTC", state: "pending" }),
  },
  {
    template: "helpdesk-requester-status",
    caption: "The requester sees each status change",
    card: () => renderRequesterStatusCard({ ticketId: "T-7F3K2Q", status: "assigned", statusText: "Tess Agent is working on it", subjectName: "Ben Expired", canWithdraw: true }),
  },
  {
    template: "helpdesk-subject-notification",
    caption: "The person is told who created a pass for them",
    card: () => renderSubjectNotificationCard({ ticketId: "T-7F3K2Q", issuedByName: "Tess Agent", createdAtText: "28 Nov 2026, 12:10 UTC", validUntilText: "28 Nov 2026, 13:10 UTC", isUsableOnce: true }),
  },
  {
    template: "helpdesk-audit",
    caption: "The audit trail for helpdesk admins",
    card: () => renderAuditCard({ title: "Audit: recent", events: auditEvents, exportHint: "Type 'audit export' for a CSV file." }),
  },
  {
    template: "helpdesk-channel-setup",
    caption: "A helpdesk admin connected the channel",
    card: () => renderChannelSetupCard({ channelName: "Escalations", setupBy: xavier.displayName, agentsGroupName: "Helpdesk Agents", adminsGroupName: "Helpdesk Admins" }),
  },
  {
    template: "helpdesk-channel-removed",
    caption: "The channel was disconnected",
    card: () => renderChannelRemovedCard({ channelName: "Escalations", removedBy: xavier.displayName }),
  },
  {
    template: "request-recorded",
    caption: "The request is recorded, with the reference to quote",
    card: () => renderRequestRecordedCard({ requestId: "T-7F3K2Q", kind: "new_pass", subjectName: "Ben Expired", primaryCode: "TAP_EXPIRED", helpdeskConnected: true }),
  },
  {
    template: "register-method",
    caption: "After the pass worked: set up a permanent method",
    card: () => renderRegisterMethodCard({ oneTimePass: true }),
  },
  {
    template: "notice",
    caption: "A short notice",
    card: () => renderNoticeCard({ title: "Microsoft Graph is slow right now", text: "I couldn't read your sign-in logs in time; the result below is based on everything else.", tone: "warning" }),
  },
  {
    template: "alert-digest",
    caption: "Pass alerts for admins: one digest per scan, only what is new or changed, with one-click cleanup",
    card: () => presentAlertView(digestView(sampleDigest()), { timeZone: "UTC" }),
  },
  {
    template: "alert-bulk-confirm",
    caption: "Deleting every expired or used pass asks first, listing exactly those passes",
    card: () =>
      presentAlertView(
        {
          kind: "alert_bulk_confirm",
          digestId: "d-1",
          bulkId: "b-1",
          remaining: 0,
          passes: sampleDigest().findings.filter((f) => f.kind === "stale_pass").map((f) => ({ personName: f.pass?.displayName ?? "", userPrincipalName: f.pass?.userPrincipalName, reason: f.text, endsAt: f.pass?.endsAt ?? "" })),
        },
        { timeZone: "UTC" },
      ),
  },
  {
    template: "alert-nudge",
    caption: "A person whose pass ends soon is nudged once to add a permanent method",
    card: () => presentAlertView({ kind: "alert_nudge", endsAt: "2026-11-28T13:00:00Z", registerUrl: "https://mysignins.microsoft.com/security-info" }, { timeZone: "UTC" }),
  },
  {
    template: "setup-check",
    caption: "check setup: the pass prerequisites and the bot's own access, red / amber / green with the fix",
    card: () => presentSetupCheck({ kind: "setup_check", checkedAt: "2026-11-28T12:00:00Z", ...assessSetup(northwindSetup(), { timeZone: "UTC" }) }, { timeZone: "UTC" }),
  },
  { template: "welcome", caption: "Welcome, on install", card: () => renderWelcomeCard({ personName: "Ben Expired" }) },
  { template: "help", caption: "What you can say", card: () => renderHelpCard({ showCheck: true }) },
  { template: "what-is-tap", caption: "What a Temporary Access Pass is", card: () => renderWhatIsTapCard({ defaultLifetimeText: "1 hour" }) },
];

/** A short hash of a rendered card, recorded in docs/cards/cards.json next to the picture drawn from it. */
export function cardFingerprint(card: AdaptiveCard): string {
  return createHash("sha256").update(JSON.stringify(card)).digest("hex").slice(0, 16);
}
