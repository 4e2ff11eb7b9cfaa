// Keeps TAP values and credentials out of logs, errors and telemetry.

/** Secret value → when to forget it (ms since epoch). A pass lives at most 30 days, so 31 days bounds the set. */
const registered = new Map<string, number>();
const DEFAULT_KEEP_MS = 31 * 24 * 60 * 60_000;

function prune(now: number): void {
  for (const [value, until] of registered) if (until <= now) registered.delete(value);
}

/** Remember a secret value so every later scrub removes it wherever it appears, until it can no longer matter. */
export function registerSecret(value: string, keepInMs: number = DEFAULT_KEEP_MS): void {
  const now = Date.now();
  prune(now);
  if (value.length >= 6) registered.set(value, now + keepInMs);
}

/** Forget a secret early. */
export function forgetSecret(value: string): void {
  registered.delete(value);
}

const JSON_SECRET = /("(?:temporaryAccessPass|client_secret|password|access_token|refresh_token)"\s*:\s*)"[^"]*"/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** Replaces known secrets, `temporaryAccessPass` JSON values and bearer tokens with a marker. */
export function scrubSecrets(text: string): string {
  let out = text.replace(JSON_SECRET, '$1"[redacted]"').replace(BEARER, "$1[redacted]");
  for (const s of registered.keys()) {
    if (out.includes(s)) out = out.split(s).join("[redacted]");
  }
  return out;
}
