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
const { DEMO_PEOPLE, DEMO_TENANT_ID } = require("../lib/src/demo/seed.js");

const key = process.argv[2] ?? "ben";
const port = Number(process.argv[3] ?? 56150);
const bot = process.env.BOT_ENDPOINT ?? "http://127.0.0.1:3978/api/messages";
const person = DEMO_PEOPLE.find((p) => p.key === key);
if (!person) {
  console.error(`Unknown person "${key}". Try one of: ${DEMO_PEOPLE.map((p) => p.key).join(", ")}`);
  process.exit(2);
}

const entry = (p, indent) => {
  const [given, ...rest] = p.displayName.split(" ");
  return [
    `id: user-${p.key}`,
    `name: ${p.displayName}`,
    `userPrincipleName: ${p.userPrincipalName}`,
    `aadObjectId: ${p.id}`,
    `givenName: ${given}`,
    `surname: ${rest.join(" ") || given}`,
    `email: ${p.userPrincipalName}`,
  ].map((line, i) => (i === 0 ? `${indent}- ${line}` : `${indent}  ${line}`));
};
// The Playground wants exactly five other users.
const others = ["ben", "avery", "tess", "wendy", "xavier", "uma", "chloe"].filter((k) => k !== key).slice(0, 5).map((k) => DEMO_PEOPLE.find((p) => p.key === k));
const config = [
  'version: "0.1.1"',
  `tenantId: ${DEMO_TENANT_ID}`,
  "bot:",
  "  id: 28:tap-helpdesk",
  "  name: TAP Helpdesk",
  "currentUser:",
  ...entry(person, "").map((l) => `  ${l.replace(/^(- | {2})/, "")}`),
  "users:",
  ...others.flatMap((p) => entry(p, "  ")),
  "personalChat:",
  `  id: personal-${key}`,
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
