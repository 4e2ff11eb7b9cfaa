// What changed in the tenant's Temporary Access Pass policy between two scans, in plain words (pure).
import type { PolicyTarget, TapPolicy } from "../triage/snapshot";
import type { PolicyChangeEvent } from "./scan-input";

const targetName = (t: PolicyTarget): string => (t.id === "all_users" ? "all users" : `${t.targetType === "group" ? "group" : "user"} ${t.id}`);

function targetChanges(label: string, before: PolicyTarget[], after: PolicyTarget[]): string[] {
  const was = new Set(before.map((t) => t.id));
  const now = new Set(after.map((t) => t.id));
  const added = after.filter((t) => !was.has(t.id)).map(targetName);
  const removed = before.filter((t) => !now.has(t.id)).map(targetName);
  return [
    ...(added.length > 0 ? [`${label} added: ${added.join(", ")}`] : []),
    ...(removed.length > 0 ? [`${label} removed: ${removed.join(", ")}`] : []),
  ];
}

/** The changes from `before` to `after`, each a short phrase; empty when nothing that matters changed. */
export function describePolicyDrift(before: TapPolicy, after: TapPolicy): string[] {
  const changes: string[] = [];
  if (before.state !== after.state) changes.push(`switched ${after.state === "enabled" ? "on" : "off"}`);
  const lifetimes: Array<[string, "minimumLifetimeInMinutes" | "defaultLifetimeInMinutes" | "maximumLifetimeInMinutes"]> = [
    ["minimum lifetime", "minimumLifetimeInMinutes"],
    ["default lifetime", "defaultLifetimeInMinutes"],
    ["maximum lifetime", "maximumLifetimeInMinutes"],
  ];
  for (const [label, field] of lifetimes) {
    if (before[field] !== after[field]) changes.push(`${label} ${String(before[field])} → ${String(after[field])} min`);
  }
  if (before.isUsableOnce !== after.isUsableOnce) changes.push(after.isUsableOnce ? "passes are now one-time only" : "multi-use passes are now allowed");
  changes.push(...targetChanges("included", before.includeTargets, after.includeTargets));
  changes.push(...targetChanges("excluded", before.excludeTargets, after.excludeTargets));
  return changes;
}

const SETTING_NAMES: Record<string, string> = {
  state: "state",
  isUsableOnce: "one-time only",
  defaultLifetimeInMinutes: "default lifetime (min)",
  minimumLifetimeInMinutes: "minimum lifetime (min)",
  maximumLifetimeInMinutes: "maximum lifetime (min)",
  defaultLength: "length",
  includeTargets: "included",
  excludeTargets: "excluded",
};

/** A value as the audit log wrote it (JSON text), short and plain. */
function auditValue(text: string | undefined): string {
  if (text === undefined || text === "") return "—";
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // swallow-ok: not JSON, so the text is the value as it is.
  }
  const plain = typeof value === "string" ? value : JSON.stringify(value);
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
}

/** An audit-log policy change in plain words: "one-time only false → true; maximum lifetime (min) 1440 → 480". */
export function describePolicyChange(e: PolicyChangeEvent): string {
  const parts = e.changes.map((c) => `${SETTING_NAMES[c.name] ?? c.name} ${auditValue(c.oldValue)} → ${auditValue(c.newValue)}`);
  return parts.length > 0 ? parts.join("; ") : "settings changed (the log doesn't list which)";
}
