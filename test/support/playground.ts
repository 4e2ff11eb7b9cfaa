// Starts the real Microsoft 365 Agents Playground (npm package, offline) in front of a running bot, on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { playgroundConfigAs } from "../../scripts/playground-config";

export { playgroundConfigAs };

export const REPO = resolve(__dirname, "../../..");
export const PLAYGROUND_BIN = join(REPO, "node_modules", ".bin", "agentsplayground");

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Resolves when `read()` gives something truthy; for waiting on another process, bounded. */
export async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, what: string, limitInMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() - started > limitInMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunningPlayground {
  url: string;
  /** The Playground's own log (it records every activity it delivers). */
  log(): string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** Play this demo person (e.g. "xavier"); default: the repository's .m365agentsplayground.yml (Ben). */
  as?: string;
}

/** Starts the Playground with the repository's mock tenant config (or as another demo person), pointed at `botUrl`. */
export async function startPlayground(botUrl: string, options: PlaygroundOptions = {}): Promise<RunningPlayground> {
  const dir = mkdtempSync(join(tmpdir(), "tap-playground-"));
  let configPath = join(REPO, ".m365agentsplayground.yml");
  const extraArgs: string[] = [];
  if (options.as) {
    const { yaml, personalChatId } = playgroundConfigAs(options.as);
    configPath = join(dir, ".m365agentsplayground.yml");
    writeFileSync(configPath, yaml);
    extraArgs.push("--conversation-id", personalChatId);
  }
  const logFile = join(dir, "playground.log");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(PLAYGROUND_BIN, ["-e", `${botUrl}/api/messages`, "-c", "msteams", "--disable-telemetry", "-p", String(port), ...extraArgs], {
    cwd: dir,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: "none",
      APPLICATION_INSIGHTS_NO_STATSBEAT: "true",
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill();
      await once(child, "exit");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await eventually(() => /Listening on/.test(out) || undefined, "the Playground to listen");
    await eventually(async () => (await fetch(`${url}/_debug/ping`).then((r) => r.ok).catch(() => false)) || undefined, "the Playground to answer");
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""), stop };
}
