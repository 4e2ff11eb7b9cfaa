// Small readers over the snapshot that several rules share: unreadable facts become `undefined`, never a throw.
import type { Check, Snapshot, SubjectUser, TapInfo } from "./snapshot";
import type { TargetSubject } from "./targeting";

/** The value of a check, or undefined when it couldn't be read (the rule then stays silent). */
export function known<T>(check: Check<T>): T | undefined {
  return check.ok ? check.value : undefined;
}

/** The person as policy targeting sees them. */
export function targetSubject(s: Snapshot): TargetSubject {
  return { userId: s.user.id, groupIds: known(s.membership)?.groupIds };
}

/**
 * The pass that counts: Graph allows one per user, but if a list ever holds more, the newest wins (a new pass replaces
 * the old). `null` = the person has no pass; `undefined` = passes couldn't be read.
 */
export function currentPass(s: Snapshot): TapInfo | null | undefined {
  const taps = known(s.taps);
  if (taps === undefined) return undefined;
  if (taps.length === 0) return null;
  return taps.reduce((newest, t) => (t.createdAt.getTime() > newest.createdAt.getTime() ? t : newest));
}

/** When a pass stops working: start plus lifetime. */
export function passEndsAt(tap: TapInfo): Date {
  return new Date(tap.startsAt.getTime() + tap.lifetimeInMinutes * 60_000);
}

/** Where `now` falls in the pass's lifetime, computed from its times rather than trusted from `isUsable`. */
export type PassTiming = "not_yet_valid" | "active" | "expired";

/** Boundaries: starting in 1 minute is not yet valid; ending in 1 minute is active; the end instant itself is expired. */
export function passTiming(tap: TapInfo, now: Date): PassTiming {
  const t = now.getTime();
  if (t < tap.startsAt.getTime()) return "not_yet_valid";
  if (t >= passEndsAt(tap).getTime()) return "expired";
  return "active";
}

/** The authentication-strength mode a pass satisfies (custom strengths list one-time and multi-use separately). */
export type PassMode = "temporaryAccessPassOneTime" | "temporaryAccessPassMultiUse";

/** The mode of this pass. */
export function passMode(tap: TapInfo): PassMode {
  return tap.isUsableOnce ? "temporaryAccessPassOneTime" : "temporaryAccessPassMultiUse";
}

/** "one-time" / "multi-use", for text. */
export function passKindText(tap: TapInfo): string {
  return tap.isUsableOnce ? "one-time" : "multi-use";
}

/** A B2B guest invited from another organization: no TAP can be added here. Internal guests are fine. */
export function isExternalGuest(user: SubjectUser): boolean {
  if (user.userType !== "Guest") return false;
  return user.creationType === "Invitation" || (user.externalUserState !== undefined && user.externalUserState !== "");
}

/** The Conditional Access guestOrExternalUserTypes value that describes the person, if any. */
export function guestOrExternalType(user: SubjectUser): string | undefined {
  const invited = user.creationType === "Invitation" || (user.externalUserState !== undefined && user.externalUserState !== "");
  if (user.userType === "Guest") return invited ? "b2bCollaborationGuest" : "internalGuest";
  return invited ? "b2bCollaborationMember" : undefined;
}

/** The domain part of the person's UPN, lower-cased. */
export function upnDomain(user: SubjectUser): string {
  const at = user.userPrincipalName.lastIndexOf("@");
  return at < 0 ? "" : user.userPrincipalName.slice(at + 1).toLowerCase();
}
