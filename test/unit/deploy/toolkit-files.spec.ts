// The Agents Toolkit project files: lifecycle steps in the template's order, every ${{VAR}} defined before it is used,
// the runtime settings they write accepted by src/config, and no secret in any committed file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import ignore from "ignore";
import { parse as parseYaml } from "yaml";
import { loadConfig } from "../../../src/config";
import { placeholdersIn, ROOT } from "../../../scripts/app-package";
import { parse as parseDotenv } from "../../../scripts/dotenv";
import { bicepOutputs } from "../../support/bicep";

interface Step {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision?: Step[];
  deploy?: Step[];
  publish?: Step[];
}

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const project = (file: string) => parseYaml(read(file)) as ProjectFile;
const uses = (steps: Step[] | undefined) => (steps ?? []).map((s) => s.uses);
const envFile = (env: string) => parseDotenv(read(`env/.env.${env}`));

/** Values the toolkit writes itself (the signed-in Microsoft 365 tenant), not through a step. */
const TOOLKIT_BUILT_INS = ["TEAMS_APP_TENANT_ID"];

/**
 * An env file in two parts, as the template writes them: inputs first (filled by people, may be empty), then, after a
 * "# Written by" comment, the keys that provisioning writes (empty until then).
 */
function envSections(env: string): { inputs: string[]; generated: string[] } {
  const text = read(`env/.env.${env}`);
  const at = text.search(/^# Written by/m);
  const inputs = Object.keys(parseDotenv(at < 0 ? text : text.slice(0, at)));
  const generated = at < 0 ? [] : Object.keys(parseDotenv(text.slice(at)));
  return { inputs, generated };
}

const PACKAGE_STEPS = ["teamsApp/validateManifest", "teamsApp/zipAppPackage", "teamsApp/validateAppPackage", "teamsApp/update"];

/** Files a step hands to the toolkit, whose own ${{VAR}}s it fills from the environment at that step. */
function filesReadBy(step: Step): string[] {
  const w = step.with ?? {};
  const files: string[] = [];
  if (typeof w.manifestPath === "string") files.push(w.manifestPath);
  if (Array.isArray(w.templates)) for (const t of w.templates as { parameters?: string }[]) if (t.parameters) files.push(t.parameters);
  return files;
}

/**
 * Walks the stages in order and returns each ${{VAR}} used before anything defines it: the env file, an earlier step's
 * writeToEnvironmentFile, or the outputs of an arm/deploy template (persisted into the env file).
 */
function walkVariables(file: string, env: string, p: ProjectFile = project(file)): { undefinedUses: string[]; produced: Set<string> } {
  const defined = new Set([...envSections(env).inputs, ...TOOLKIT_BUILT_INS]);
  const produced = new Set<string>(TOOLKIT_BUILT_INS);
  const problems: string[] = [];
  for (const stage of ["provision", "deploy", "publish"] as const) {
    for (const step of p[stage] ?? []) {
      const text = JSON.stringify(step.with ?? {}) + filesReadBy(step).map(read).join("\n");
      for (const name of placeholdersIn(text)) if (!defined.has(name)) problems.push(`${stage} ${step.uses}: ${name}`);
      const writes = Object.values(step.writeToEnvironmentFile ?? {});
      if (step.uses === "arm/deploy") {
        for (const t of (step.with?.templates ?? []) as { path: string }[]) writes.push(...bicepOutputs(read(t.path)));
      }
      for (const name of writes) {
        defined.add(name);
        produced.add(name);
      }
    }
  }
  return { undefinedUses: problems, produced };
}

const undefinedVariables = (file: string, env: string) => walkVariables(file, env).undefinedUses;

/** Keys the env file lists as written by provisioning that no step of the project file writes. */
const unwrittenKeys = (file: string, env: string) => envSections(env).generated.filter((k) => !walkVariables(file, env).produced.has(k));

describe("Agents Toolkit project files", () => {
  describe("the toolkit's own v1.11 schema (test/fixtures/agents-toolkit)", () => {
    const schema = JSON.parse(read("test/fixtures/agents-toolkit/yaml.schema.v1.11.json")) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`));

    for (const file of ["m365agents.yml", "m365agents.local.yml", "m365agents.playground.yml"]) {
      it(`${file} is valid`, () => {
        assert.deepEqual(errorsOf(project(file)), []);
      });
    }

    it("rejects a step the toolkit doesn't know", () => {
      const p = project("m365agents.yml");
      p.deploy!.push({ uses: "azureAppService/teleport", with: {} });
      assert.notDeepEqual(errorsOf(p), []);
    });
  });

  describe("m365agents.yml (Azure)", () => {
    const p = project("m365agents.yml");

    it("is on the template's schema version and keeps environments in env/", () => {
      assert.equal(p.version, "v1.11");
      assert.equal(p.environmentFolderPath, "./env");
      assert.match(read("m365agents.yml"), /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json$/m);
    });

    it("provisions: register the app → Azure resources → validate → zip → validate package → update", () => {
      assert.deepEqual(uses(p.provision), ["teamsApp/create", "arm/deploy", ...PACKAGE_STEPS]);
      const arm = p.provision![1].with as { templates: { path: string; parameters: string }[] };
      assert.deepEqual(arm.templates.map((t) => [t.path, t.parameters]), [["./infra/azure.bicep", "./infra/azure.parameters.json"]]);
    });

    it("deploys: install, build, zip-deploy to the App Service that provision created", () => {
      assert.deepEqual(uses(p.deploy), ["cli/runNpmCommand", "cli/runNpmCommand", "azureAppService/zipDeploy"]);
      assert.equal(p.deploy![1].with!.args, "run build");
      assert.equal(p.deploy![2].with!.resourceId, "${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}");
      assert.equal(p.deploy![2].with!.ignoreFile, ".webappignore");
    });

    it("publishes to the Teams admin center after the package checks", () => {
      assert.deepEqual(uses(p.publish), [...PACKAGE_STEPS, "teamsApp/publishAppPackage"]);
    });

    it("uses no variable before env/.env.dev, an earlier step or a bicep output defines it", () => {
      assert.deepEqual(undefinedVariables("m365agents.yml", "dev"), []);
    });

    it("every key env/.env.dev lists as written by provisioning is written by a step or a bicep output", () => {
      assert.deepEqual(unwrittenKeys("m365agents.yml", "dev"), []);
    });

    it("the check finds a variable used before it is written (Azure resources created after the package)", () => {
      const [create, arm, ...rest] = p.provision!;
      const reordered: ProjectFile = { ...p, provision: [create, ...rest, arm] };
      const problems = walkVariables("m365agents.yml", "dev", reordered).undefinedUses;
      assert.ok(problems.includes("provision teamsApp/validateManifest: BOT_ID"), problems.join("\n"));
    });
  });

  describe(".webappignore (what azureAppService/zipDeploy uploads)", () => {
    // The toolkit reads the file line by line into the `ignore` package (gitignore rules), as here.
    const ig = ignore().add(read(".webappignore").split("\n").map((l) => l.trim()));
    const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
    const compiled = (readdirSync(path.join(ROOT, "lib"), { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)).split(path.sep).join("/"));
    const uploaded = [...tracked, ...compiled, "node_modules/botbuilder/package.json"].filter((f) => !ig.ignores(f));

    it("uploads the compiled bot, package.json, the lockfile and .npmrc", () => {
      for (const f of ["lib/src/index.js", "lib/src/server/http.js", "package.json", "package-lock.json", ".npmrc"]) assert.ok(uploaded.includes(f), f);
    });

    it("uploads nothing else: no sources, tests, env files, node_modules or source maps", () => {
      const others = uploaded.filter((f) => !/^lib\/src\/.*\.(js|json)$/.test(f) && !["package.json", "package-lock.json", ".npmrc"].includes(f));
      assert.deepEqual(others, []);
    });
  });

  describe("m365agents.local.yml (real Teams, this machine)", () => {
    const p = project("m365agents.local.yml");

    it("registers the app, an Entra app with a secret and the bot, then packages", () => {
      assert.deepEqual(uses(p.provision), ["teamsApp/create", "aadApp/create", "botFramework/create", ...PACKAGE_STEPS]);
      assert.equal(p.provision![1].writeToEnvironmentFile!.clientSecret, "SECRET_BOT_PASSWORD");
    });

    it("uses no variable before env/.env.local or an earlier step defines it", () => {
      assert.deepEqual(undefinedVariables("m365agents.local.yml", "local"), []);
    });

    it("every key env/.env.local lists as written by provisioning is written by a step", () => {
      assert.deepEqual(unwrittenKeys("m365agents.local.yml", "local"), []);
    });

    it("writes .localConfigs with settings the bot's config accepts", () => {
      const step = p.deploy!.find((s) => s.uses === "file/createOrUpdateEnvironmentFile")!;
      assert.equal(step.with!.target, "./.localConfigs");
      const sample: Record<string, string> = {
        BOT_ID: "0d5c8a4e-7f43-4b8e-a6d5-2b1f9e3c4a70",
        ["SECRET_" + "BOT_PASSWORD"]: "not-a-real-secret", // split so the secret scan below doesn't flag this file
        TEAMS_APP_TENANT_ID: "7a1b2c3d-0000-4000-8000-000000000001",
        HELPDESK_AGENTS_GROUP_ID: "",
        HELPDESK_ADMINS_GROUP_ID: "",
      };
      const env = Object.fromEntries(
        Object.entries(step.with!.envs as Record<string, string>).map(([k, v]) => [k, v.replace(/\$\{\{(\w+)\}\}/g, (_m, n: string) => sample[n] ?? "")]),
      );
      const config = loadConfig(env);
      assert.equal(config.bot.appId, sample.BOT_ID);
      assert.equal(config.bot.appType, "SingleTenant");
      assert.equal(config.graph.auth.kind, "clientSecret");
    });
  });

  describe("m365agents.playground.yml (Agents Playground)", () => {
    const p = project("m365agents.playground.yml");

    it("needs no provisioning: installs the Playground and the dependencies", () => {
      assert.equal(p.provision, undefined);
      assert.deepEqual(uses(p.deploy), ["devTool/install", "cli/runNpmCommand", "file/createOrUpdateEnvironmentFile"]);
    });

    it("uses no variable that env/.env.playground doesn't define", () => {
      assert.deepEqual(undefinedVariables("m365agents.playground.yml", "playground"), []);
    });
  });

  describe("secrets", () => {
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);

    it("no committed file assigns a value to a SECRET_ variable", () => {
      const offenders = tracked.filter((f) => !/\.(png|sqlite)$/.test(f)).filter((f) => /^\s*SECRET_\w+\s*[=:]\s*\S/m.test(read(f)));
      assert.deepEqual(offenders, []);
    });

    it("git ignores every env/.env.*.user file", () => {
      for (const env of ["dev", "local", "playground", "prod"]) {
        const ignored = execFileSync("git", ["check-ignore", "-q", `env/.env.${env}.user`, "--no-index"], { cwd: ROOT, stdio: "pipe" });
        assert.equal(ignored.length, 0);
      }
      assert.ok(!tracked.some((f) => f.endsWith(".user")));
    });

    it("the env files hold no secret", () => {
      for (const env of ["dev", "local", "playground"]) assert.deepEqual(Object.keys(envFile(env)).filter((k) => k.startsWith("SECRET_")), []);
    });
  });
});
