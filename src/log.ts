// Structured logging; every line passes through the secret scrubber before it is written.
// Correlation: a turn (and the ticket it acts on) runs inside withLogContext, and every line logged while it runs —
// by any logger or child logger, in any module — carries its ids, without passing a logger through every call.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import pino from "pino";
import { scrubSecrets } from "./secrets";

export type Logger = pino.Logger;

/**
 * Ids that tie log lines together: one turn (activity) and the ticket it works on, or one run of a background job;
 * and `ref`, a short id of that turn or job run that a person is shown when something unexpected fails
 * ("Error reference: 4f2a9c1e", see toSafeMessage), so the helpdesk can find its log lines.
 */
export interface LogContext {
  turnId?: string;
  ticketId?: string;
  /** Name of the background job (or loop) whose run this is. */
  job?: string;
  ref?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `fields` added to every log line written while it (and anything it awaits or schedules) runs. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** A fresh short reference for a turn or a job run: 8 hex digits, easy to read out and to search the logs for. */
export function newRef(): string {
  return randomBytes(4).toString("hex");
}

/** The correlation ids of the current turn, if any (e.g. to bind a child logger for work that outlives the turn). */
export function currentLogContext(): Readonly<LogContext> {
  return context.getStore() ?? {};
}

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
      // Fields given at the call win over the context (pino's default merge), so no key is written twice.
      mixin: () => ({ ...context.getStore() }),
      redact: { paths: ["*.temporaryAccessPass", "*.value.temporaryAccessPass", "*.authorization", "*.headers.authorization"], censor: "[redacted]" },
    },
    { write: (line: string) => out.write(scrubSecrets(line)) },
  );
}
