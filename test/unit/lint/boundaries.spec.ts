// The lint rules that keep the layout: a deliberate breach of each folder boundary fails with the project's config.
import assert from "node:assert/strict";
import { join } from "node:path";
import { ESLint } from "eslint";

const ROOT = join(__dirname, "..", "..", "..", "..");

/** Lints `code` as if it were the file at `path` (relative to the repo), with only the rule under test. */
async function errorsFor(path: string, code: string, rule: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === rule,
  });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result.messages.map((m) => `${m.ruleId ?? "parse"}: ${m.message}`);
}

const IMPORTS = "no-restricted-imports";

describe("lint: folder boundaries", () => {
  it("refuses cards/ in src/helpdesk", async () => {
    const errors = await errorsFor("src/helpdesk/actions/new-action.ts", 'import { renderTicketCard } from "../../cards/ticket";\nexport const x = renderTicketCard;\n', IMPORTS);
    assert.match(errors.join("\n"), /typed outcomes/);
  });

  it("refuses conversation/ in src/helpdesk", async () => {
    const errors = await errorsFor("src/helpdesk/workflow.ts", 'import type { TriageState } from "../conversation/state";\nexport type X = TriageState;\n', IMPORTS);
    assert.equal(errors.length, 1);
  });

  it("refuses cards/ in src/setup", async () => {
    const errors = await errorsFor("src/setup/assess.ts", 'import { presentSetupCheck } from "../cards/setup-check";\nexport const p = presentSetupCheck;\n', IMPORTS);
    assert.match(errors.join("\n"), /typed report/);
  });

  it("refuses cards/ in src/alerts", async () => {
    const errors = await errorsFor("src/alerts/collect.ts", 'import { renderTicketCard } from "../cards/ticket";\nexport const x = renderTicketCard;\n', IMPORTS);
    assert.match(errors.join("\n"), /src\/alerts produces typed data/);
  });

  it("refuses the Graph SDK in src/alerts", async () => {
    const errors = await errorsFor("src/alerts/collect.ts", 'import type { Client } from "@microsoft/microsoft-graph-client";\nexport type C = Client;\n', IMPORTS);
    assert.match(errors.join("\n"), /TapScanReader port/);
  });

  it("lets src/alerts import the Graph port", async () => {
    const errors = await errorsFor("src/alerts/collect.ts", 'import type { TapScanReader } from "../graph/port";\nexport type R = TapScanReader;\n', IMPORTS);
    assert.deepEqual(errors, []);
  });

  it("refuses botbuilder outside src/teams", async () => {
    const errors = await errorsFor("src/conversation/reply.ts", 'import { MessageFactory } from "botbuilder";\nexport const m = MessageFactory;\n', IMPORTS);
    assert.match(errors.join("\n"), /only in src\/teams/);
  });

  it("refuses botbuilder and the Teams side in src/messaging", async () => {
    const sdk = await errorsFor("src/messaging/outbox.ts", 'import { MessageFactory } from "botbuilder";\nexport const m = MessageFactory;\n', IMPORTS);
    const teams = await errorsFor("src/messaging/dispatcher.ts", 'import { TeamsMessenger } from "../teams/messenger";\nexport const t = TeamsMessenger;\n', IMPORTS);
    assert.match(sdk.join("\n"), /only in src\/teams/);
    assert.match(teams.join("\n"), /platform-neutral/);
  });

  it("refuses restify outside src/server", async () => {
    const errors = await errorsFor("src/teams/endpoint.ts", 'import restify from "restify";\nexport const r = restify;\n', IMPORTS);
    assert.match(errors.join("\n"), /only in src\/server/);
  });

  it("refuses a package in src/triage", async () => {
    const errors = await errorsFor("src/triage/format.ts", 'import pino from "pino";\nexport const p = pino;\n', IMPORTS);
    assert.match(errors.join("\n"), /triage is pure/);
  });

  it("refuses leaving src/triage from a rule", async () => {
    const errors = await errorsFor("src/triage/rules/new-rule.ts", 'import { HelpdeskError } from "../../errors";\nexport const e = HelpdeskError;\n', IMPORTS);
    assert.match(errors.join("\n"), /nothing outside src\/triage/);
  });

  it("lets src/teams import botbuilder and src/helpdesk import its own domain", async () => {
    const teams = await errorsFor("src/teams/activity.ts", 'import { MessageFactory } from "botbuilder";\nexport const m = MessageFactory;\n', IMPORTS);
    const helpdesk = await errorsFor("src/helpdesk/actions/new-action.ts", 'import { applyAction } from "../domain/ticket-machine";\nexport const a = applyAction;\n', IMPORTS);
    assert.deepEqual([teams, helpdesk], [[], []]);
  });
});

describe("lint: function length", () => {
  it("refuses a function over 60 lines in src", async () => {
    const body = Array.from({ length: 61 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    const errors = await errorsFor("src/helpdesk/actions/new-action.ts", `export function long(): number {\n${body}\n  return v0;\n}\n`, "max-lines-per-function");
    assert.match(errors.join("\n"), /too many lines/);
  });
});

describe("lint: no swallowed failures", () => {
  const SWALLOW = "local/no-swallowed-errors";
  const at = "src/graph/new-read.ts";
  const header = 'declare const read: () => Promise<string>;\ndeclare const log: (e: unknown) => void;\n';

  it("refuses .catch(() => undefined) and its cousins", async () => {
    for (const handler of ["() => undefined", "() => null", "() => []", "() => false", "() => {}", "(_e: unknown) => undefined", "function () { return undefined; }"]) {
      const errors = await errorsFor(at, `${header}export const v = read().catch(${handler});\n`, SWALLOW);
      assert.match(errors.join("\n"), /A failure is dropped here/, handler);
    }
  });

  it("refuses a .then rejection handler and a catch clause that drop the error", async () => {
    const then = await errorsFor(at, `${header}export const v = read().then((x) => x, () => "");\n`, SWALLOW);
    const clause = await errorsFor(at, `${header}export async function f(): Promise<string | undefined> {\n  try {\n    return await read();\n  } catch {\n    return undefined;\n  }\n}\n`, SWALLOW);
    assert.deepEqual([then.length, clause.length], [1, 1]);
  });

  it("accepts a handler that logs or hands the error on, and a reviewed site with a swallow-ok comment", async () => {
    const logged = await errorsFor(at, `${header}export const v = read().catch((e: unknown) => log(e));\n`, SWALLOW);
    const fallback = await errorsFor(at, `${header}export function p(t: string): unknown {\n  try {\n    return JSON.parse(t);\n  } catch {\n    return t;\n  }\n}\n`, SWALLOW);
    const reviewed = await errorsFor(at, `${header}// swallow-ok: the caller awaits the same promise and sees the failure.\nexport const v = read().catch(() => undefined);\n`, SWALLOW);
    assert.deepEqual([logged, fallback, reviewed], [[], [], []]);
  });

  it("doesn't take a swallow-ok comment without a reason", async () => {
    const errors = await errorsFor(at, `${header}// swallow-ok:\nexport const v = read().catch(() => undefined);\n`, SWALLOW);
    assert.equal(errors.length, 1);
  });
});
