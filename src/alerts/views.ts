// What the alerts send and answer, as typed data; presenters in cards/ (cards/alerts-present.ts) turn them into cards.
// None of them ever holds a pass value: Graph never lists one, and nothing here asks for it.
import type { FindingKind } from "./findings";
import type { ItemStatus } from "./repositories";

/** One finding on the digest card. */
export interface DigestItem {
  key: string;
  text: string;
  /** ISO time that matters for the item (its end, its creation). */
  at: string;
  personName?: string;
  /** The person's authentication methods in the Entra admin center. */
  entraUrl?: string;
  /** Offered for findings about one pass, until something was done to it. */
  canDelete: boolean;
  status?: ItemStatus;
}

export interface DigestGroup {
  kind: FindingKind;
  title: string;
  count: number;
  /** The top items (the newest / most urgent); `count` says how many there are in all. */
  items: DigestItem[];
}

/** One scan's digest for an alerts conversation. */
export interface AlertDigestView {
  kind: "alert_digest";
  digestId: string;
  scannedAt: string;
  total: number;
  groups: DigestGroup[];
  /** Findings reported before that are now fixed. */
  fixedCount: number;
  /** What the scan couldn't see, in plain words. */
  gaps: string[];
  /** Expired or used passes still registered in this digest, not yet deleted: offered as one bulk deletion. */
  staleCount: number;
  /** A line about the last action, shown on top when the card was updated by a click. */
  notice?: string;
}

/** The confirm step of a bulk deletion: exactly these passes. */
export interface AlertBulkConfirmView {
  kind: "alert_bulk_confirm";
  digestId: string;
  bulkId: string;
  /** Stale passes of the digest beyond this round (a round deletes at most alerts/actions.ts BULK_MAX). */
  remaining: number;
  passes: Array<{ personName: string; userPrincipalName?: string; reason: string; endsAt: string }>;
}

/** The 1:1 nudge: your pass ends soon and you have no permanent method yet. */
export interface AlertNudgeView {
  kind: "alert_nudge";
  endsAt: string;
  registerUrl: string;
}

export type AlertView = AlertDigestView | AlertBulkConfirmView | AlertNudgeView;

/** What an alert card action answers the clicker: the card that replaces the clicked one, or a short message. */
export type AlertActionOutcome = { view: AlertView } | { message: string };

/**
 * Passes one confirm click deletes at most: each is re-authorized from live facts and deleted within the invoke's few
 * seconds, so a tenant with hundreds of stale passes cleans them in rounds of this size (the card says how many remain).
 */
export const BULK_MAX = 20;

/** Where people register a permanent method (one constant for the whole product). */
export { SECURITY_INFO_URL } from "../triage/wording";

/** The person's authentication methods blade in the Entra admin center. */
export const entraMethodsUrl = (userId: string): string =>
  `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/${encodeURIComponent(userId)}`;
