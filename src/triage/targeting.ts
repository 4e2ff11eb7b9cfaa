// Whether an authentication-method policy (TAP, FIDO2, Authenticator) reaches a person.
// Three-valued: `undefined` means "can't tell" (membership unreadable and a group decides it).
import type { PolicyTarget } from "./snapshot";

/** The special include target meaning everyone in the tenant. */
export const ALL_USERS = "all_users";

/** Who is being checked: group ids are undefined when membership couldn't be read. */
export interface TargetSubject {
  userId: string;
  groupIds: readonly string[] | undefined;
}

/** The two halves of a targeting verdict, so text can say "excluded" rather than "not included". */
export interface TargetingDetail {
  included: boolean | undefined;
  excluded: boolean | undefined;
  /** Included and not excluded; exclusion always wins. */
  targeted: boolean | undefined;
}

function matches(target: PolicyTarget, who: TargetSubject): boolean | undefined {
  if (target.id === ALL_USERS) return true;
  if (target.id === who.userId) return true;
  if (target.targetType === "user") return false;
  // Groups (and unknown future target types, which are group-like ids) need the membership list.
  if (who.groupIds === undefined) return undefined;
  return who.groupIds.includes(target.id);
}

/** Three-valued "any": true if one matches, undefined if none match but some are unknown. */
function anyMatch(targets: readonly PolicyTarget[], who: TargetSubject): boolean | undefined {
  let unknown = false;
  for (const target of targets) {
    const m = matches(target, who);
    if (m === true) return true;
    if (m === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** Include/exclude verdict for one person; exclusion wins over inclusion. */
export function targetingDetail(
  includeTargets: readonly PolicyTarget[],
  excludeTargets: readonly PolicyTarget[],
  who: TargetSubject,
): TargetingDetail {
  const included = anyMatch(includeTargets, who);
  const excluded = anyMatch(excludeTargets, who);
  let targeted: boolean | undefined;
  if (excluded === true || included === false) targeted = false;
  else if (included === true && excluded === false) targeted = true;
  else targeted = undefined;
  return { included, excluded, targeted };
}

/** Shorthand for `targetingDetail(...).targeted`. */
export function isTargeted(
  includeTargets: readonly PolicyTarget[],
  excludeTargets: readonly PolicyTarget[],
  who: TargetSubject,
): boolean | undefined {
  return targetingDetail(includeTargets, excludeTargets, who).targeted;
}
