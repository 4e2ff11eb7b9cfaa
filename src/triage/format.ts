// Times shown to a person: absolute in their IANA zone plus a relative phrase, built with Intl only.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const absoluteFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "always" });

/** Whether Intl knows this IANA zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    absoluteFormat(timeZone);
    return true;
  } catch {
    // swallow-ok: a RangeError here is Intl saying it doesn't know the zone, which is the answer.
    return false;
  }
}

/** The zone itself when Intl knows it, otherwise "UTC" (a bad zone must never break a diagnosis). */
export function safeTimeZone(timeZone: string): string {
  return isKnownTimeZone(timeZone) ? timeZone : "UTC";
}

function absoluteFormat(timeZone: string): Intl.DateTimeFormat {
  let format = absoluteFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    absoluteFormats.set(timeZone, format);
  }
  return format;
}

/** A date in the person's zone, e.g. "Sat 28 Nov 2026, 14:05 Europe/Berlin". */
export function formatDateTime(date: Date, timeZone: string): string {
  if (Number.isNaN(date.getTime())) return "an unknown time";
  const zone = safeTimeZone(timeZone);
  const parts = new Map(absoluteFormat(zone).formatToParts(date).map((p) => [p.type, p.value]));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.get(type) ?? "";
  return `${get("weekday")} ${get("day")} ${get("month")} ${get("year")}, ${get("hour")}:${get("minute")} ${zone}`;
}

/** How far `date` is from `now` in words: "2 hours ago", "in 1 minute", "just now". */
export function formatRelative(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  if (Number.isNaN(diff)) return "unknown";
  const size = Math.abs(diff);
  if (size < 30_000) return "just now";
  if (size < 59.5 * MINUTE_MS) return relativeFormat.format(Math.sign(diff) * Math.max(1, Math.round(size / MINUTE_MS)), "minute");
  if (size < 47.5 * HOUR_MS) return relativeFormat.format(Math.sign(diff) * Math.round(size / HOUR_MS), "hour");
  return relativeFormat.format(Math.sign(diff) * Math.round(size / DAY_MS), "day");
}

/** Absolute and relative together, the form evidence uses: "Sat 28 Nov 2026, 14:05 Europe/Berlin (2 hours ago)". */
export function formatWhen(date: Date, now: Date, timeZone: string): string {
  return `${formatDateTime(date, timeZone)} (${formatRelative(date, now)})`;
}

/** A lifetime in minutes as words: "60 minutes", "8 hours", "1 day". */
export function formatDuration(minutes: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes % 1440 === 0 && minutes >= 1440) return plural(minutes / 1440, "day");
  if (minutes % 60 === 0 && minutes > 60) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}
