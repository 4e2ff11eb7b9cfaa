// Starts the real Microsoft 365 Agents Playground (npm package, offline) in front of a running bot, on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { DEMO_PEOPLE, DEMO_TENANT_ID } from "../../src/demo/seed";

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

/**
 * A mock-tenant config with demo person `key` as the Playground's user (it always sends as that user), the same team
 * and channel as the repository's .m365agentsplayground.yml, and a 1:1 chat of their own — as scripts/playground-as.mjs.
 */
export function playgroundConfigAs(key: string): { yaml: string; personalChatId: string } {
  const person = (k: string) => {
    const p = DEMO_PEOPLE.find((x) => x.key === k);
    if (!p) throw new Error(`no demo person ${k}`);
    const [given, ...rest] = p.displayName.split(" ");
    return { id: `user-${p.key}`, name: p.displayName, userPrincipleName: p.userPrincipalName, aadObjectId: p.id, givenName: given, surname: rest.join(" ") || given, email: p.userPrincipalName };
  };
  const fields = (u: Record<string, string>, indent: string) => Object.entries(u).map(([k, v], i) => `${i === 0 ? `${indent}- ` : `${indent}  `}${k}: ${v}`);
  // The Playground wants exactly five users besides the current one.
  const others = ["ben", "avery", "tess", "wendy", "xavier", "uma"].filter((k) => k !== key).slice(0, 5);
  const personalChatId = `personal-${key}`;
  const yaml = [
    'version: "0.1.1"',
    `tenantId: ${DEMO_TENANT_ID}`,
    "bot:",
    "  id: 28:tap-helpdesk",
    "  name: TAP Helpdesk",
    "currentUser:",
    ...Object.entries(person(key)).map(([k, v]) => `  ${k}: ${v}`),
    "users:",
    ...others.flatMap((k) => fields(person(k), "  ")),
    "personalChat:",
    `  id: ${personalChatId}`,
    "groupChat:",
    "  id: group-chat-id",
    "  name: Group Chat",
    "team:",
    "  id: team-id",
    "  name: Helpdesk",
    "  aadGroupId: 0d0f1c6e-2b8a-4a35-9a55-0c1d2e3f4a5b",
    "  channels:",
    "    - id: channel-helpdesk-escalations",
    "      name: Escalations",
    "",
  ].join("\n");
  return { yaml, personalChatId };
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
