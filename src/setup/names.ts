// Turns the ids policies are made of (groups, roles, named locations) into names people recognise, and lists into prose.
import { ROLE_NAMES } from "../helpdesk/domain/entra-roles";
import { ALL_USERS } from "../triage/targeting";
import type { NamedLocation, PolicyTarget } from "../triage/snapshot";

/** Names known for this check: group display names by id, and the named locations. */
export interface Names {
  groups: Readonly<Record<string, string>>;
  locations: readonly NamedLocation[] | undefined;
}

/** "A", "A and B", "A, B and C"; past `max` items: "A, B, C and 2 more". `joiner` may be "or". */
export function listText(items: readonly string[], joiner: "and" | "or" = "and", max = 4): string {
  const shown = items.length > max ? [...items.slice(0, max - 1), `${items.length - (max - 1)} more`] : [...items];
  if (shown.length <= 1) return shown[0] ?? "";
  return `${shown.slice(0, -1).join(", ")} ${joiner} ${shown[shown.length - 1]}`;
}

/** The text with its first letter upper-cased. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A group's display name, or a recognisable stand-in when it couldn't be read. */
export function groupName(id: string, names: Names): string {
  return names.groups[id] ?? `the group ${id.slice(0, 8)}…`;
}

/** A directory role's name by template id. */
export function roleName(id: string): string {
  return ROLE_NAMES[id] ?? `the role ${id.slice(0, 8)}…`;
}

/** A named location's name, or the specials in words. */
export function locationName(id: string, names: Names): string {
  if (id === "AllTrusted") return "trusted locations";
  if (id === "All") return "any location";
  return names.locations?.find((l) => l.id.toLowerCase() === id.toLowerCase())?.displayName ?? `the location ${id.slice(0, 8)}…`;
}

/** "members of A and B" / "N people named in it" for authentication-method targets (never all_users). */
function targetGroupsText(targets: readonly PolicyTarget[], names: Names): string {
  const groups = targets.filter((t) => t.targetType !== "user" && t.id !== ALL_USERS).map((t) => groupName(t.id, names));
  const people = targets.filter((t) => t.targetType === "user").length;
  const parts: string[] = [];
  if (groups.length > 0) parts.push(`members of ${listText(groups)}`);
  if (people > 0) parts.push(`${people} ${people === 1 ? "person" : "people"} named in it`);
  return listText(parts);
}

/** Whom an authentication-method policy reaches, in words. */
export interface TargetsText {
  /** All users, nobody excluded. */
  everyone: boolean;
  /** Nobody is included. */
  nobody: boolean;
  /** "everyone", "everyone except members of X", "only members of A (except members of X)". */
  text: string;
  /** "members of X" when someone is excluded, else "". */
  excluded: string;
}

/** Describes include/exclude targets of an authentication-method policy. */
export function describeTargets(include: readonly PolicyTarget[], exclude: readonly PolicyTarget[], names: Names): TargetsText {
  const excluded = targetGroupsText(exclude, names);
  const all = include.some((t) => t.id === ALL_USERS);
  if (include.length === 0) return { everyone: false, nobody: true, text: "nobody", excluded };
  if (all) return { everyone: excluded === "", nobody: false, text: excluded === "" ? "everyone" : `everyone except ${excluded}`, excluded };
  const included = targetGroupsText(include, names);
  return { everyone: false, nobody: false, text: `only ${included}${excluded === "" ? "" : ` (except ${excluded})`}`, excluded };
}

/** A lifetime people read at a glance: "30 minutes", "1 hour", "8 hours", "1 day", "1 hour 30 minutes". */
export function lifetimeText(minutes: number): string {
  const plural = (n: number, unit: string): string => (n === 0 ? "" : `${n} ${unit}${n === 1 ? "" : "s"}`);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [plural(days, "day"), plural(hours, "hour"), plural(rest, "minute")].filter((p) => p !== "").join(" ") || "0 minutes";
}
