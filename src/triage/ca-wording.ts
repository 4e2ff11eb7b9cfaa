// Plain words for Conditional Access conditions: where a policy applies ("outside US, CA and GB"), what to try instead,
// and a possibility sentence for a policy that only applies to some sign-ins.
import type { SignInContext } from "./ca-context";
import type { Dependency, PolicyAssessment } from "./conditional-access";
import { known } from "./facts";
import type { Evidence, QuestionId } from "./findings";
import type { CaPolicy, NamedLocation, SignInEvent, Snapshot } from "./snapshot";

const PLATFORM_TEXT: Record<string, string> = {
  windows: "Windows",
  macOS: "a Mac",
  iOS: "an iPhone or iPad",
  android: "Android",
  linux: "Linux",
  windowsPhone: "Windows Phone",
};

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function locationName(id: string, named: readonly NamedLocation[]): string {
  if (id === "AllTrusted") return "the company's trusted networks";
  if (id === "All") return "anywhere";
  const loc = named.find((l) => l.id.toLowerCase() === id.toLowerCase());
  if (!loc) return "a named location";
  if (loc.kind === "country" && loc.countries.length > 0 && loc.countries.length <= 8) return `${loc.displayName} (${loc.countries.join(", ")})`;
  return loc.displayName || "a named location";
}

/** "outside Allowed countries (US, CA)" / "from Head office" — where the policy bites. */
export function whereText(p: CaPolicy, named: readonly NamedLocation[]): string | undefined {
  const loc = p.locations;
  if (!loc) return undefined;
  const excluded = loc.excludeLocations.map((id) => locationName(id, named));
  const included = loc.includeLocations.filter((id) => id !== "All").map((id) => locationName(id, named));
  if (included.length > 0) return `from ${listText(included)}`;
  return excluded.length > 0 ? `outside ${listText(excluded)}` : undefined;
}

/** "in a browser" / "from older mail apps (ActiveSync and other legacy clients)". */
export function clientText(p: CaPolicy): string | undefined {
  const t = p.clientAppTypes;
  if (t.length === 0 || t.includes("all")) return undefined;
  const legacyOnly = t.every((x) => x === "exchangeActiveSync" || x === "other" || x === "easSupported");
  if (legacyOnly) return "from older mail apps and other legacy clients (Exchange ActiveSync, IMAP, POP, SMTP)";
  if (t.includes("browser") && !t.includes("mobileAppsAndDesktopClients")) return "in a browser";
  if (t.includes("mobileAppsAndDesktopClients") && !t.includes("browser")) return "from desktop or mobile apps";
  return undefined;
}

function platformText(p: CaPolicy): string | undefined {
  const include = (p.platforms?.includePlatforms ?? []).filter((x) => x !== "all");
  const exclude = p.platforms?.excludePlatforms ?? [];
  if (include.length > 0) return `on ${listText(include.map((x) => PLATFORM_TEXT[x] ?? x))}`;
  if (exclude.length > 0) return `on devices other than ${listText(exclude.map((x) => PLATFORM_TEXT[x] ?? x))}`;
  return undefined;
}

/** Every "where/how" phrase that narrows the policy, e.g. ["outside Allowed countries (US, CA)", "in a browser"]. */
export function conditionPhrases(s: Snapshot, p: CaPolicy): string[] {
  const named = known(s.namedLocations) ?? [];
  const phrases = [whereText(p, named), clientText(p), platformText(p)];
  if (p.deviceFilter) phrases.push("on some devices (a device filter)");
  if (p.signInRiskLevels.length > 0) phrases.push(`when Entra rates the sign-in ${listText(p.signInRiskLevels)} risk`);
  return phrases.filter((x): x is string => x !== undefined);
}

const GRANT_TEXT = { block: "blocks it", device: "requires a company-managed device", strength: "requires a stronger sign-in than a pass" };

/** One sentence for a policy that only bites on some sign-ins: 'If you sign in outside …, the rule "X" blocks it.' */
export function possibilityText(s: Snapshot, a: PolicyAssessment, grant: keyof typeof GRANT_TEXT): string {
  const phrases = conditionPhrases(s, a.policy);
  const when = phrases.length > 0 ? phrases.join(" and ") : "in some situations";
  const doing = a.scope === "registration" ? "add sign-in methods" : "sign in";
  const membership = a.dependsOn.includes("membership") ? " (if you're one of the people it covers)" : "";
  return `If you ${doing} ${when}, the rule "${a.policy.displayName}"${membership} ${GRANT_TEXT[grant]}.`;
}

/** The question that would settle a dependency, if there is one. */
export function questionFor(dependency: Dependency): QuestionId | undefined {
  switch (dependency) {
    case "location":
      return "location";
    case "platform":
    case "device":
      return "device";
    case "client_app":
      return "browser";
    default:
      return undefined;
  }
}

/** Questions that would settle any of these assessments, most useful first (deduplicated). */
export function questionsFor(assessments: readonly PolicyAssessment[]): QuestionId[] {
  const qs = assessments.flatMap((a) => a.dependsOn.map(questionFor)).filter((q): q is QuestionId => q !== undefined);
  return [...new Set(qs)];
}

/** Where a sign-in came from, as the log places it: "Brazil (BR), São Paulo, 177.12.4.9" etc. */
export function signInPlaceText(e: SignInEvent): string | undefined {
  const parts = [e.location?.city, e.location?.countryOrRegion, e.ipAddress].filter((x): x is string => x !== undefined && x !== "");
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** Evidence rows for the facts a policy was judged on (the failed sign-in's place and client, or the person's answer). */
export function contextEvidence(ctx: SignInContext): Evidence[] {
  const rows: Evidence[] = [];
  if (ctx.event) {
    const place = signInPlaceText(ctx.event);
    if (place) rows.push({ label: "Signed in from", value: place, source: "sign-in log" });
    if (ctx.event.clientAppUsed) rows.push({ label: "Client app", value: ctx.event.clientAppUsed, source: "sign-in log" });
  } else if (ctx.place) {
    const text = { office: "the office network", home: "home", abroad: "abroad" }[ctx.place];
    rows.push({ label: "Where you sign in", value: text, source: "your answer" });
  }
  return rows;
}

/** What the person can do about a location condition: be back in an allowed country, or on the office network. */
function locationStep(p: CaPolicy, named: readonly NamedLocation[]): string | undefined {
  const where = whereText(p, named);
  if (!where) return undefined;
  if (!where.startsWith("outside")) return `This rule applies to sign-ins ${where}: try again from another network.`;
  const allowed = where.slice("outside ".length);
  const byCountry = (p.locations?.excludeLocations ?? []).some((id) => named.find((l) => l.id.toLowerCase() === id.toLowerCase())?.kind === "country");
  return byCountry
    ? `This rule only allows sign-ins from ${allowed}. It works again once you sign in from one of those countries; until then only an administrator can make an exception.`
    : `This rule only allows sign-ins from ${allowed}: try again from the office network.`;
}

/** What the person can try for a policy scoped to places, clients or platforms. */
export function workaroundSteps(p: CaPolicy, s: Snapshot): string[] {
  const steps: string[] = [];
  const where = locationStep(p, known(s.namedLocations) ?? []);
  if (where) steps.push(where);
  if (clientText(p)?.startsWith("from older")) steps.push("Use a browser or the current Outlook app: older mail apps that use basic sign-in are blocked.");
  const platforms = platformText(p);
  if (platforms) steps.push(`This rule applies to sign-ins ${platforms}: try from another kind of device if you have one.`);
  return steps;
}
