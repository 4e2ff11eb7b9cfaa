// Structured logging; every line passes through the secret scrubber before it is written.
import pino from "pino";
import { scrubSecrets } from "./secrets";

export type Logger = pino.Logger;

export interface LoggerOptions {
  level: string;
  /** Where lines go; defaults to stdout. Tests pass a sink to scan every line. */
  destination?: { write(line: string): void };
}

export function createLogger(options: LoggerOptions): Logger {
  const out = options.destination ?? process.stdout;
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: ["*.temporaryAccessPass", "*.value.temporaryAccessPass", "*.authorization", "*.headers.authorization"], censor: "[redacted]" },
    },
    { write: (line: string) => out.write(scrubSecrets(line)) },
  );
}
