// The Teams app manifest and icons, checked offline against the official schema bundled in @microsoft/app-manifest.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkIcon, fillPlaceholders, newestBundledSchemaVersion, placeholdersIn, ROOT, validateManifest } from "../../../scripts/app-package";
import { decodePng, drawColorIcon, drawOutlineIcon, encodePng } from "../../../scripts/icons";

const SAMPLE = {
  TEAMS_APP_ID: "6f1f3f3a-0c57-4c1e-9a57-2a5e2f0c7b11",
  BOT_ID: "0d5c8a4e-7f43-4b8e-a6d5-2b1f9e3c4a70",
  BOT_DOMAIN: "tap-helpdesk-abc123.azurewebsites.net",
  APP_NAME_SUFFIX: "-dev",
};

const manifestText = readFileSync(path.join(ROOT, "appPackage", "manifest.json"), "utf8");

interface Manifest {
  manifestVersion: string;
  $schema: string;
  bots: { scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  developer: { privacyUrl: string; termsOfUseUrl: string };
}
const filled = (): Manifest => JSON.parse(fillPlaceholders(manifestText, SAMPLE)) as Manifest;
const commandsFor = (m: Manifest, scope: string): string[] =>
  m.bots[0].commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));

describe("Teams app manifest", () => {
  it("uses only the toolkit's placeholders", () => {
    assert.deepEqual(placeholdersIn(manifestText).sort(), Object.keys(SAMPLE).sort());
  });

  it("is valid against the official schema once the placeholders are filled", async () => {
    assert.deepEqual(await validateManifest(filled()), []);
  });

  it("is on the newest numbered schema the package bundles, and says so in $schema", () => {
    const m = filled();
    assert.equal(m.manifestVersion, newestBundledSchemaVersion());
    assert.equal(m.$schema, `https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it("the validation fails for a manifest the schema forbids", async () => {
    const m = filled();
    m.bots[0].scopes = ["personal", "everywhere"];
    const errors = await validateManifest(m);
    assert.ok(errors.some((e) => e.includes("/bots/0/scopes/1")), errors.join("\n"));
  });

  it("the bot works in personal chats, teams and group chats", () => {
    assert.deepEqual(filled().bots[0].scopes, ["personal", "team", "groupChat"]);
  });

  it("lists the personal commands", () => {
    assert.deepEqual(commandsFor(filled(), "personal").sort(), ["audit", "check", "check setup", "help", "my pass doesn't work", "setup alerts", "tickets"]);
  });

  it("lists the channel commands, alerts included", () => {
    assert.deepEqual(commandsFor(filled(), "team").sort(), ["check setup", "help", "remove alerts", "remove helpdesk", "scan now", "setup alerts", "setup helpdesk"]);
  });

  it("is prepared for SSO and names the bot's own domain", () => {
    const m = filled();
    assert.deepEqual(m.webApplicationInfo, { id: SAMPLE.BOT_ID, resource: `api://${SAMPLE.BOT_DOMAIN}/botid-${SAMPLE.BOT_ID}` });
    assert.deepEqual(m.validDomains, [SAMPLE.BOT_DOMAIN]);
  });

  it("points privacy and terms at the bot's own pages", () => {
    const m = filled();
    assert.equal(m.developer.privacyUrl, `https://${SAMPLE.BOT_DOMAIN}/privacy`);
    assert.equal(m.developer.termsOfUseUrl, `https://${SAMPLE.BOT_DOMAIN}/terms`);
  });

  it("refuses to fill in a placeholder that has no value, naming it", () => {
    assert.throws(() => fillPlaceholders(manifestText, { ...SAMPLE, BOT_ID: "" }), /no value for BOT_ID/);
  });

  it("accepts an empty APP_NAME_SUFFIX (a production environment has none)", () => {
    assert.match(fillPlaceholders(manifestText, { ...SAMPLE, APP_NAME_SUFFIX: "" }), /"short": "TAP Helpdesk"/);
  });
});

describe("app icons", () => {
  const committed = (name: string) => readFileSync(path.join(ROOT, "appPackage", name));

  it("color.png is 192×192 and opaque", () => {
    assert.deepEqual(checkIcon("color.png", committed("color.png")), []);
    const png = decodePng(committed("color.png"));
    assert.ok(png.data.every((b, i) => i % 4 !== 3 || b === 255));
  });

  it("outline.png is 32×32, white on transparent", () => {
    assert.deepEqual(checkIcon("outline.png", committed("outline.png")), []);
  });

  it("the committed icons are what scripts/icons.ts draws", () => {
    assert.ok(decodePng(committed("color.png")).data.equals(drawColorIcon().data), "color.png differs: run npm run icons");
    assert.ok(decodePng(committed("outline.png")).data.equals(drawOutlineIcon().data), "outline.png differs: run npm run icons");
  });

  it("an outline with a coloured pixel is refused", () => {
    const icon = drawOutlineIcon();
    icon.data.set([0, 99, 177, 255], 0);
    assert.match(checkIcon("outline.png", encodePng(icon)).join(), /neither white nor transparent/);
  });

  it("an icon of the wrong size is refused", () => {
    assert.match(checkIcon("color.png", encodePng(drawColorIcon(96))).join(), /96×96, must be 192×192/);
  });
});
