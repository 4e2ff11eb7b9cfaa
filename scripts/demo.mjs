// One-command local demo: the bot on the embedded demo tenant (fictional people, offline) and the Microsoft 365 Agents
// Playground in front of it, as Ben (his pass expired). Prints the URL; Ctrl-C or SIGTERM stops both. See docs/adr/0006.
// Usage: npm run demo [-- --port 56150 --bot-port 3978]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PLAYGROUND_BIN = join(REPO, "node_modules", ".bin", process.platform === "win32" ? "agentsplayground.cmd" : "agentsplayground");
const BOT_ENTRY = join(REPO, "lib", "src", "index.js");
const STOP_LIMIT_IN_MS = 10_000;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`--${name} must be a port number (1-65535)`);
    process.exit(2);
  }
  return value;
}

const playgroundPort = option("port", 56150);
const botPort = option("bot-port", 3978);
for (const [file, hint] of [[BOT_ENTRY, "run `npm run build` (npm run demo does it)"], [PLAYGROUND_BIN, "run `npm ci`"]]) {
  if (!existsSync(file)) {
    console.error(`Missing ${file}: ${hint}.`);
    process.exit(2);
  }
}

// A fresh state database per run: every demo starts from the same story, and nothing is left behind.
const dir = mkdtempSync(join(tmpdir(), "tap-demo-"));
const botUrl = `http://127.0.0.1:${botPort}`;
const playgroundUrl = `http://localhost:${playgroundPort}`;
const children = [];

function start(name, command, args, env) {
  const child = spawn(command, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
  child.name = name;
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the demo.`);
      void stop(1);
    }
  });
  return child;
}

async function answers(url, limitInMs) {
  const until = Date.now() + limitInMs;
  while (Date.now() < until) {
    if (stopping) return false;
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

let stopping = false;
const running = (child) => child.exitCode === null && child.signalCode === null;
/**
 * Stops both children. Ctrl-C in a terminal sends SIGINT to the whole process group, so the children already got it:
 * give them a moment to stop on their own before sending SIGTERM (a second signal would make the bot skip its drain).
 */
async function stop(code, { childrenSignalled = false } = {}) {
  if (stopping) return;
  stopping = true;
  // The bot finishes in-flight turns on SIGTERM; the Playground just exits. Both are bounded.
  await Promise.all(
    children.map(async (child) => {
      if (!running(child)) return;
      const exited = once(child, "exit");
      const term = setTimeout(() => running(child) && child.kill("SIGTERM"), childrenSignalled ? 2_000 : 0);
      const kill = setTimeout(() => running(child) && child.kill("SIGKILL"), STOP_LIMIT_IN_MS);
      await exited;
      clearTimeout(term);
      clearTimeout(kill);
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.once("SIGINT", () => void stop(0, { childrenSignalled: true }));
process.once("SIGTERM", () => void stop(0));

start("The bot", process.execPath, ["--no-deprecation", BOT_ENTRY], {
  PORT: String(botPort),
  BIND_HOST: "127.0.0.1",
  DEMO_TENANT: "true",
  STATE_DB_PATH: join(dir, "state.sqlite"),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
if (!(await answers(`${botUrl}/healthz`, 30_000))) {
  if (!stopping) console.error(`The bot didn't answer on ${botUrl}/healthz within 30 s.`);
  await stop(1);
}

start("The Agents Playground", PLAYGROUND_BIN, ["-e", `${botUrl}/api/messages`, "-c", "msteams", "--disable-telemetry", "-p", String(playgroundPort)], {
  TEAMSAPPTESTER_BROWSER: "none",
  APPLICATION_INSIGHTS_NO_STATSBEAT: "true",
  M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(REPO, ".m365agentsplayground.yml"),
  M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, "playground.log"),
});
if (!(await answers(`http://127.0.0.1:${playgroundPort}/_debug/ping`, 30_000))) {
  if (!stopping) console.error(`The Agents Playground didn't answer on port ${playgroundPort} within 30 s.`);
  await stop(1);
}

console.log(
  [
    "",
    `TAP Helpdesk demo is running (embedded demo tenant, fictional people, offline).`,
    `  Open ${playgroundUrl}  — you are Ben Expired; say "my pass doesn't work".`,
    `  Bot: ${botUrl}/api/messages   (other people: npm run playground:as -- xavier 56153, see README)`,
    `Press Ctrl-C to stop.`,
    "",
  ].join("\n"),
);
