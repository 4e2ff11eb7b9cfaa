// infra/azure.bicep and its parameters file. No Bicep compiler runs offline here (see infra/README.md), so the checks
// are structural: the parameters match the params, the outputs match the env keys, the app settings are ones the bot's
// config accepts, and the security settings the deployment promises are in the file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../../../src/config";
import { placeholdersIn, ROOT } from "../../../scripts/app-package";
import { parse as parseDotenv } from "../../../scripts/dotenv";
import { bicepAppSettings, bicepOutputs, bicepParams } from "../../support/bicep";

/** The template without its // comments (a comment saying "no password" must not count as code). */
const bicep = readFileSync(path.join(ROOT, "infra", "azure.bicep"), "utf8").replace(/(^|\s)\/\/.*$/gm, "$1");
const parametersText = readFileSync(path.join(ROOT, "infra", "azure.parameters.json"), "utf8");
const parameters = JSON.parse(parametersText) as { $schema: string; parameters: Record<string, { value: unknown }> };

/** Finds a Bicep CLI on PATH (`bicep` or `az bicep`), if this machine has one. */
function bicepCli(): string[] | undefined {
  for (const candidate of [["bicep"], ["az", "bicep"]]) {
    try {
      execFileSync(candidate[0], [...candidate.slice(1), "--version"], { stdio: "ignore" });
      return candidate;
    } catch {
      // not installed: try the next one
    }
  }
  return undefined;
}

describe("infra/azure.bicep", () => {
  it("the parameters file sets only params the template declares", () => {
    const declared = bicepParams(bicep).map((p) => p.name);
    assert.deepEqual(Object.keys(parameters.parameters).filter((n) => !declared.includes(n)), []);
  });

  it("the parameters file sets every param that has no default", () => {
    const required = bicepParams(bicep).filter((p) => !p.hasDefault).map((p) => p.name);
    assert.deepEqual(required.filter((n) => !(n in parameters.parameters)).sort(), []);
    assert.ok(required.includes("resourceBaseName"));
  });

  it("the parameters file is an ARM deployment parameters document", () => {
    assert.match(parameters.$schema, /deploymentParameters\.json#$/);
  });

  it("its placeholders are inputs of env/.env.dev", () => {
    const env = parseDotenv(readFileSync(path.join(ROOT, "env", ".env.dev"), "utf8"));
    assert.deepEqual(placeholdersIn(parametersText).filter((n) => !(n in env)), []);
  });

  it("outputs the keys the toolkit's bot template writes into the env file", () => {
    const outputs = bicepOutputs(bicep);
    for (const key of ["BOT_ID", "BOT_TENANT_ID", "BOT_DOMAIN", "BOT_AZURE_APP_SERVICE_RESOURCE_ID"]) assert.ok(outputs.includes(key), key);
  });

  it("the bot is the user-assigned managed identity, single tenant, on the Teams channel, without a password", () => {
    assert.match(bicep, /resource identity 'Microsoft\.ManagedIdentity\/userAssignedIdentities@/);
    assert.match(bicep, /msaAppType: 'UserAssignedMSI'/);
    assert.match(bicep, /msaAppMSIResourceId: identity\.id/);
    assert.match(bicep, /msaAppTenantId: identity\.properties\.tenantId/);
    assert.match(bicep, /channelName: 'MsTeamsChannel'/);
    assert.doesNotMatch(bicep, /MicrosoftAppPassword|clientSecret|listKeys\(/);
  });

  it("runs on Linux with Node 22 LTS, Always On, HTTPS only, TLS 1.2 and a health check on /healthz", () => {
    for (const line of ["reserved: true", "linuxFxVersion: 'NODE|22-lts'", "alwaysOn: true", "httpsOnly: true", "minTlsVersion: '1.2'", "healthCheckPath: '/healthz'"]) {
      assert.ok(bicep.includes(line), line);
    }
  });

  it("Storage has no public blob access, no shared keys and TLS 1.2; Key Vault uses RBAC", () => {
    for (const line of ["allowBlobPublicAccess: false", "allowSharedKeyAccess: false", "minimumTlsVersion: 'TLS1_2'", "enableRbacAuthorization: true"]) {
      assert.ok(bicep.includes(line), line);
    }
  });

  it("the identity gets Key Vault Secrets User and Storage Blob Data Contributor, nothing broader", () => {
    const roles = [...bicep.matchAll(/RoleId = '([0-9a-f-]{36})'/g)].map((m) => m[1]);
    assert.deepEqual(roles.sort(), ["4633458b-17de-408a-b874-0445c86b69e6", "ba92f5b4-2d11-453d-a403-e96b0029c9fe"]);
  });

  it("the app settings are accepted by the bot's config: authenticated, managed identity for Graph", () => {
    const settings = bicepAppSettings(bicep);
    const sample: Record<string, string> = {
      "identity.properties.clientId": "0d5c8a4e-7f43-4b8e-a6d5-2b1f9e3c4a70",
      "identity.properties.tenantId": "7a1b2c3d-0000-4000-8000-000000000001",
      helpdeskAgentsGroupId: "",
      helpdeskAdminsGroupId: "",
      defaultTimeZone: "UTC",
      "appInsights.properties.ConnectionString": "InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/",
    };
    const env: Record<string, string> = {};
    for (const [name, value] of settings) env[name] = sample[value] ?? value;
    assert.equal(env.MicrosoftAppType, "UserAssignedMSI");
    const config = loadConfig(env);
    assert.equal(config.bot.authenticated, true);
    assert.equal(config.bot.appId, sample["identity.properties.clientId"]);
    assert.equal(config.graph.demoTenant, false);
    assert.deepEqual(config.graph.auth, { kind: "managedIdentity", clientId: sample["identity.properties.clientId"] });
    assert.ok(settings.has("APPLICATIONINSIGHTS_CONNECTION_STRING"));
  });

  it("compiles with the Bicep CLI (where one is installed)", function () {
    const cli = bicepCli();
    if (!cli) this.skip();
    execFileSync(cli[0], [...cli.slice(1), "build", path.join(ROOT, "infra", "azure.bicep"), "--stdout"], { stdio: "pipe" });
  });
});
