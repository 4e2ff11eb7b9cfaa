// Keeps TAP values and credentials out of logs, errors and telemetry.

const registered = new Set<string>();

/** Remember a secret value for the life of the process so every later scrub removes it wherever it appears. */
export function registerSecret(value: string): void {
  if (value.length >= 6) registered.add(value);
}

/** Forget a secret once it can no longer appear (e.g. after it was scrubbed from the hand-over message). */
export function forgetSecret(value: string): void {
  registered.delete(value);
}

const JSON_SECRET = /("(?:temporaryAccessPass|client_secret|password|access_token|refresh_token)"\s*:\s*)"[^"]*"/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** Replaces known secrets, `temporaryAccessPass` JSON values and bearer tokens with a marker. */
export function scrubSecrets(text: string): string {
  let out = text.replace(JSON_SECRET, '$1"[redacted]"').replace(BEARER, "$1[redacted]");
  for (const s of registered) {
    if (out.includes(s)) out = out.split(s).join("[redacted]");
  }
  return out;
}
