// The verbs of the alert cards' Action.Execute buttons. Button data carries ids only; who may do what is decided on
// the server from the clicker's live directory facts.

export const ALERT_VERBS = {
  /** Delete the one pass an item is about. */
  deletePass: "alert_delete_pass",
  /** Ask to delete every expired / used pass of the digest: answers with the confirm step that lists them. */
  deleteStale: "alert_delete_stale",
  /** Confirm the listed bulk deletion: deletes exactly those passes. */
  bulkConfirm: "alert_bulk_confirm",
  bulkCancel: "alert_bulk_cancel",
  /** Quiet an item until its snooze ends. */
  snooze: "alert_snooze",
} as const;

export type AlertVerb = (typeof ALERT_VERBS)[keyof typeof ALERT_VERBS];

export const ALERT_VERB_LIST: readonly AlertVerb[] = Object.values(ALERT_VERBS);
