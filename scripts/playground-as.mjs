// Starts a Microsoft 365 Agents Playground as one person of the demo tenant, on its own port and with its own 1:1 chat id,
// so several people (a user, a helpdesk agent, a manager, a helpdesk admin) can use the same local bot at once.
// Usage: npm run playground:as -- <person> [port]      e.g.  npm run playground:as -- tess 56151
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { DEMO_PEOPLE } = require("../lib/src/demo/seed.js");
const { playgroundConfigAs } = require("../lib/scripts/playground-config.js");

const key = process.argv[2] ?? "ben";
const port = Number(process.argv[3] ?? 56150);
const bot = process.env.BOT_ENDPOINT ?? "http://127.0.0.1:3978/api/messages";
const person = DEMO_PEOPLE.find((p) => p.key === key);
if (!person) {
  console.error(`Unknown person "${key}". Try one of: ${DEMO_PEOPLE.map((p) => p.key).join(", ")}`);
  process.exit(2);
}

const { yaml: config } = playgroundConfigAs(key);

const dir = mkdtempSync(join(tmpdir(), `playground-${key}-`));
const file = join(dir, ".m365agentsplayground.yml");
writeFileSync(file, config);
console.log(`Playground as ${person.displayName} on http://localhost:${port} (bot: ${bot})`);
// The repository's own copy, so the script also works when run with plain `node` (outside npm's PATH).
const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "node_modules", ".bin", process.platform === "win32" ? "agentsplayground.cmd" : "agentsplayground");
const child = spawn(
  bin,
  ["-e", bot, "-c", "msteams", "--disable-telemetry", "-p", String(port), "--conversation-id", `personal-${key}`],
  {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", APPLICATION_INSIGHTS_NO_STATSBEAT: "true", M365_AGENTS_PLAYGROUND_CONFIG_PATH: file },
  },
);
child.on("exit", (code) => process.exit(code ?? 0));
