// Benchmark: the outbox draining 500 alert messages to 100 conversations through the real Teams sender and a capture
// connector that answers 429 (Retry-After 2 s) to 8 % and 503 to 5 % of calls and refuses 7 dead conversations.
//   skewed, virtual — one conversation gets 90 messages, nine get 20, the rest 2–3: how long Teams' limits make it take
//                     (virtual time, so it runs in about a second; I/O time counts as time passing);
//   skewed, real    — the same on the real clock (about a minute: the 90-message conversation is bound by 60 per 30 s);
//   flat, real      — 5 messages to each conversation: bound by the app-wide 30 per second.
// Each line: drain time, platform calls, 429/503 answers, retries, the most calls seen into one conversation within
// 1 s / 2 s / 30 s (limits 7 / 8 / 60), app-wide within 1 s (limit 30), rate violations, and problems found by the
// exactly-once / never-retried / in-order checks (must be 0).
// Run: npm run build && node lib/bench/outbox-drain.js   (prints the figures; never asserts). Add --quick for the virtual run only.
import { flatPlan, runScenario, skewedPlan, type ScenarioRun } from "../test/support/outbox-scenario";

function line(name: string, run: ScenarioRun): string {
  const f = run.figures;
  return [
    name.padEnd(16),
    `drain ${(f.drainInMs / 1000).toFixed(1)} s (real ${(run.realInMs / 1000).toFixed(1)} s)`,
    `delivered ${f.delivered}, undeliverable ${f.undeliverable}`,
    `calls ${f.calls} (429: ${f.answered429}, 503: ${f.answered503}, retries ${run.stats.retries})`,
    `max/conversation 1s ${f.maxPerConversation["1s"]}, 2s ${f.maxPerConversation["2s"]}, 30s ${f.maxPerConversation["30s"]}`,
    `app-wide 1s ${f.maxAppWidePerSecond}`,
    `violations ${f.violations}, problems ${run.problems.length}`,
  ].join(" | ");
}

async function main(): Promise<void> {
  console.log(line("skewed, virtual", await runScenario({ plan: skewedPlan(), virtual: true })));
  if (process.argv.includes("--quick")) return;
  console.log(line("skewed, real", await runScenario({ plan: skewedPlan(), virtual: false })));
  console.log(line("flat, real", await runScenario({ plan: flatPlan(), virtual: false })));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
