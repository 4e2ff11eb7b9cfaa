// The real bot process (node lib/src/index.js) on the embedded demo tenant, for tests of what only a process shows:
// signals, exit codes, telemetry sent before exit.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO, eventually } from "./playground";

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr together. */
  output(): string;
  /** The URL from the "started" log line, once the bot listens. */
  started(): Promise<string>;
}

/** Starts the bot in `cwd` on a free port with the demo tenant and its state there; `env` adds or overrides settings. */
export function spawnBot(cwd: string, env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--no-deprecation", join(REPO, "lib", "src", "index.js")], {
    cwd,
    env: { PATH: process.env.PATH, PORT: "0", DEMO_TENANT: "true", STATE_DB_PATH: join(cwd, "state.sqlite"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    started: () => eventually(() => /"event":"started","url":"([^"]+)"/.exec(out)?.[1], "the bot to start"),
  };
}
