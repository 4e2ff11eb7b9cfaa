// The presenter the messenger sends with: any typed view (messaging/port.ts View) → its Adaptive Card, by kind.
// Helpdesk views go to helpdesk-present.ts, alert views to alerts-present.ts; a new family adds its guard here.
import { HelpdeskError } from "../errors";
import type { HelpdeskView } from "../helpdesk/outcomes";
import type { View } from "../messaging/port";
import { presentHelpdeskView } from "./helpdesk-present";
import type { AlertView } from "../alerts/views";
import { presentAlertView } from "./alerts-present";
import type { AdaptiveCard } from "./render";

/** How views are presented: the zone times are shown in. */
export interface PresentOptions {
  timeZone: string;
}

/** Every helpdesk view kind (the compiler insists the list matches HelpdeskView). */
const HELPDESK_KINDS: Record<HelpdeskView["kind"], true> = {
  ticket: true,
  requester_status: true,
  manager_question: true,
  pass_handover: true,
  pass_notice: true,
  audit: true,
};

/** True for the helpdesk's views. */
export function isHelpdeskView(view: View): view is HelpdeskView {
  return Object.prototype.hasOwnProperty.call(HELPDESK_KINDS, view.kind);
}

/** Every alert view kind. */
const ALERT_KINDS: Record<AlertView["kind"], true> = { alert_digest: true, alert_bulk_confirm: true, alert_nudge: true };

/** True for the alerts' views. */
export function isAlertView(view: View): view is AlertView {
  return Object.prototype.hasOwnProperty.call(ALERT_KINDS, view.kind);
}

/** The card for a view of any known kind; an unknown kind is a programming error (thrown). */
export function presentView(view: View, options: PresentOptions): AdaptiveCard {
  if (isHelpdeskView(view)) return presentHelpdeskView(view, options);
  if (isAlertView(view)) return presentAlertView(view, options);
  throw new HelpdeskError("BAD_INPUT", `no presenter for view kind "${view.kind}"`);
}

/** `presentView` with its options bound, as the messenger takes it. */
export function viewPresenter(options: PresentOptions): (view: View) => AdaptiveCard {
  return (view) => presentView(view, options);
}
