// What is known about the sign-in a Conditional Access policy would judge: where (IP, country, or the person's own
// words), on which platform and client, from which device. Built from the person's newest failed sign-in and their
// answers; anything unknown stays undefined so a policy that depends on it is never taken as applying.
import { BlockList, isIP } from "node:net";
import type { DeviceKind, NamedLocation, SignInEvent, SignInPlace, Snapshot } from "./snapshot";
import { recentFailures } from "./sign-ins";

/** Conditional Access client app types (conditions.clientAppTypes values). */
export type CaClientApp = "browser" | "mobileAppsAndDesktopClients" | "exchangeActiveSync" | "other";

/** The facts of one sign-in that policy conditions read; undefined means "not known". */
export interface SignInContext {
  /** Where the facts come from: the person's newest failed sign-in, or only their answers. */
  source: "sign-in" | "answers";
  event?: SignInEvent;
  ip?: string;
  /** ISO 3166-1 alpha-2, upper case; "" when Entra couldn't place the sign-in. */
  country?: string;
  /** The person's own words about where they are (only used when the IP and country are unknown). */
  place?: SignInPlace;
  /** A conditions.platforms value: windows, macOS, iOS, android, linux. */
  platform?: string;
  clientApp?: CaClientApp;
  device?: { isCompliant?: boolean; trustType?: string; operatingSystem?: string; displayName?: string };
}

const PLATFORM_OF_DEVICE: Record<DeviceKind, string | undefined> = {
  windows: "windows",
  mac: "macOS",
  ios: "iOS",
  android: "android",
  linux: "linux",
  other: undefined,
};

/** Maps a sign-in's deviceDetail.operatingSystem ("Windows 11", "MacOs", "Ios 17.1", …) to a CA platform. */
export function platformOfOs(os: string | undefined): string | undefined {
  const v = (os ?? "").toLowerCase();
  if (v.startsWith("windows")) return "windows";
  if (v.startsWith("mac")) return "macOS";
  if (v.startsWith("ios") || v.startsWith("ipados")) return "iOS";
  if (v.startsWith("android")) return "android";
  if (v.startsWith("linux") || v.startsWith("ubuntu")) return "linux";
  return undefined;
}

/** Maps a sign-in's clientAppUsed to the CA client app type; every legacy protocol counts as "other". */
export function clientAppOf(used: string | undefined): CaClientApp | undefined {
  const v = (used ?? "").trim().toLowerCase();
  if (v === "") return undefined;
  if (v === "browser") return "browser";
  if (v === "mobile apps and desktop clients") return "mobileAppsAndDesktopClients";
  if (v === "exchange activesync") return "exchangeActiveSync";
  return "other";
}

/** The newest recent failure's facts, completed (never overridden) by what the person answered. */
export function signInContext(s: Snapshot): SignInContext {
  const failed = recentFailures(s)[0];
  const a = s.answers;
  const answerPlatform = a.device ? PLATFORM_OF_DEVICE[a.device] : undefined;
  const answerClient: CaClientApp | undefined =
    a.browser === "app" ? "mobileAppsAndDesktopClients" : a.browser !== undefined ? "browser" : undefined;
  const ctx: SignInContext = { source: failed ? "sign-in" : "answers", place: a.place, platform: answerPlatform, clientApp: answerClient };
  if (!failed) return ctx;
  return {
    ...ctx,
    event: failed,
    ip: failed.ipAddress,
    country: failed.location?.countryOrRegion?.toUpperCase(),
    platform: platformOfOs(failed.device.operatingSystem) ?? answerPlatform,
    clientApp: clientAppOf(failed.clientAppUsed) ?? answerClient,
    device: failed.device,
  };
}

/** Three-valued: true, false, or undefined when the facts needed aren't known. */
export type Tri = boolean | undefined;

function ipInRanges(ip: string, ranges: readonly string[]): Tri {
  const family = isIP(ip);
  if (family === 0) return undefined;
  const list = new BlockList();
  for (const cidr of ranges) {
    const [net = "", bits = ""] = cidr.split("/");
    const netFamily = isIP(net);
    const prefix = Number(bits);
    if (netFamily === 0 || !Number.isInteger(prefix)) continue;
    list.addSubnet(net, prefix, netFamily === 6 ? "ipv6" : "ipv4");
  }
  return list.check(ip, family === 6 ? "ipv6" : "ipv4");
}

/**
 * Whether the sign-in is inside a named location. From the person's words only: the office network counts as the
 * trusted IP locations and as inside the organisation's country locations; home counts as outside every trusted IP
 * location but inside the country locations (people at home are in the country they work in); abroad decides nothing
 * about countries (the country they're in may or may not be listed).
 */
export function inNamedLocation(ctx: SignInContext, loc: NamedLocation): Tri {
  if (loc.kind === "ip") {
    if (ctx.ip !== undefined) return ipInRanges(ctx.ip, loc.ipRanges);
    if (ctx.place === undefined || !loc.isTrusted) return undefined;
    return ctx.place === "office";
  }
  if (ctx.country !== undefined) return ctx.country === "" ? loc.includeUnknownCountries : loc.countries.includes(ctx.country);
  if (ctx.place === "office" || ctx.place === "home") return true;
  return undefined;
}

/** Whether the sign-in comes from a trusted location ("AllTrusted": trusted IP locations; MFA trusted IPs are unknown). */
function inTrusted(ctx: SignInContext, named: readonly NamedLocation[]): Tri {
  const trusted = named.filter((l) => l.kind === "ip" && l.isTrusted);
  const verdicts = trusted.map((l) => inNamedLocation(ctx, l));
  if (verdicts.includes(true)) return true;
  if (ctx.ip === undefined && ctx.place === undefined) return undefined;
  return verdicts.includes(undefined) ? undefined : false;
}

/**
 * One entry of includeLocations / excludeLocations: `All`, `AllTrusted`, or a named-location id. `named` is undefined
 * when the named locations couldn't be read: then only `All` can be judged.
 */
export function matchesLocationId(id: string, ctx: SignInContext, named: readonly NamedLocation[] | undefined): Tri {
  if (id === "All") return true;
  if (named === undefined) return undefined;
  if (id === "AllTrusted") return inTrusted(ctx, named);
  const loc = named.find((l) => l.id.toLowerCase() === id.toLowerCase());
  return loc ? inNamedLocation(ctx, loc) : undefined;
}

/** Device-filter properties the sign-in log reports; others can't be judged from here. */
const DEVICE_PROPERTIES: Record<string, (d: NonNullable<SignInContext["device"]>) => string | undefined> = {
  "device.iscompliant": (d) => (d.isCompliant === undefined ? undefined : String(d.isCompliant)),
  "device.trusttype": (d) => trustTypeValue(d.trustType),
  "device.operatingsystem": (d) => d.operatingSystem,
  "device.displayname": (d) => d.displayName,
};

/** Sign-in logs say "Azure AD joined"; device filters use AzureAD / ServerAD / Workplace. */
function trustTypeValue(trustType: string | undefined): string | undefined {
  const v = (trustType ?? "").toLowerCase();
  if (v === "") return undefined;
  if (v.startsWith("hybrid")) return "ServerAD";
  if (v.includes("joined")) return "AzureAD";
  if (v.includes("registered")) return "Workplace";
  return trustType;
}

function clause(text: string, device: NonNullable<SignInContext["device"]>): Tri {
  const m = /^\s*\(?\s*(device\.[a-z0-9]+)\s+-(eq|ne|startswith|contains|notcontains)\s+"?([^"]*?)"?\s*\)?\s*$/i.exec(text);
  if (!m) return undefined;
  const read = DEVICE_PROPERTIES[m[1].toLowerCase()];
  const actual = read ? read(device)?.toLowerCase() : undefined;
  if (actual === undefined) return undefined;
  const want = m[3].toLowerCase();
  switch (m[2].toLowerCase()) {
    case "eq":
      return actual === want;
    case "ne":
      return actual !== want;
    case "startswith":
      return actual.startsWith(want);
    case "contains":
      return actual.includes(want);
    default:
      return !actual.includes(want);
  }
}

/**
 * Evaluates a device-filter rule on what the sign-in log says about the device: clauses joined by `-and` or by `-or`
 * (not mixed, no nesting) over isCompliant, trustType, operatingSystem and displayName. Anything else is unknown.
 */
export function deviceFilterMatches(rule: string, device: SignInContext["device"]): Tri {
  if (!device) return undefined;
  const hasAnd = /\s-and\s/i.test(rule);
  const hasOr = /\s-or\s/i.test(rule);
  if (hasAnd && hasOr) return undefined;
  const parts = rule.split(hasOr ? /\s-or\s/i : /\s-and\s/i).map((p) => clause(p, device));
  if (hasOr) return parts.includes(true) ? true : parts.includes(undefined) ? undefined : false;
  return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
}
