import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { allowedIn, channelHelpText, commandsFor, parseCommand, wrongPlaceText, type Command, type Place } from "../../../src/conversation/commands";
import { routeSharedMessage } from "../../../src/conversation/channel-flow";

describe("text commands: one parser", () => {
  const table: Array<[string, Command | undefined]> = [
    ["tickets", { name: "tickets" }],
    ["  Open   Tickets ", { name: "tickets" }],
    ["audit", { name: "audit", argument: "" }],
    ["audit export", { name: "audit", argument: "export" }],
    ["AUDIT  megan@contoso.com ", { name: "audit", argument: "megan@contoso.com" }],
    ["setup helpdesk", { name: "setup_helpdesk" }],
    ["Set up helpdesk", { name: "setup_helpdesk" }],
    ["remove helpdesk", { name: "remove_helpdesk" }],
    ["setup alerts", { name: "setup_alerts" }],
    ["remove alerts", { name: "remove_alerts" }],
    ["scan now", { name: "scan_now" }],
    ["check setup", { name: "check_setup" }],
    // Not commands: pass problems, words inside a story, near misses.
    ["my pass doesn't work", undefined],
    ["check megan@contoso.com", undefined],
    ["auditing my pass failed", undefined],
    ["the tickets page says my pass expired", undefined],
    ["setup helpdesk please now", undefined],
    ["", undefined],
  ];
  for (const [text, expected] of table) {
    it(`${JSON.stringify(text)} → ${expected ? expected.name : "not a command"}`, () => assert.deepEqual(parseCommand(text), expected));
  }

  it("keeps an audit argument short", () => {
    const parsed = parseCommand(`audit ${"x".repeat(1000)}`);
    assert.equal(parsed?.name === "audit" && parsed.argument.length, 200);
  });

  const places: Array<[Command["name"], Place, boolean]> = [
    ["tickets", "personal", true],
    ["tickets", "channel", false],
    ["audit", "personal", true],
    ["audit", "channel", false],
    ["setup_helpdesk", "channel", true],
    ["setup_helpdesk", "personal", false],
    ["setup_alerts", "channel", true],
    ["setup_alerts", "personal", true],
    ["setup_alerts", "group", false],
    ["scan_now", "personal", true],
    ["check_setup", "channel", true],
  ];
  for (const [name, place, allowed] of places) {
    it(`${name} ${allowed ? "works" : "doesn't work"} in a ${place} conversation`, () => {
      const command = (name === "audit" ? { name, argument: "" } : { name }) as Command;
      assert.equal(allowedIn(command, place), allowed);
      if (!allowed) assert.ok(wrongPlaceText(command, place).length > 10);
    });
  }

  it("commands stay in the shared conversation; pass problems go private", () => {
    assert.equal(routeSharedMessage("setup alerts"), "shared");
    assert.equal(routeSharedMessage("scan now"), "shared");
    assert.equal(routeSharedMessage("my pass doesn't work"), "private_triage");
  });

  it("the channel help lists exactly the channel commands", () => {
    for (const usage of commandsFor("channel")) assert.ok(channelHelpText().includes(`"${usage}"`), usage);
    assert.ok(!channelHelpText().includes('"tickets"'));
  });

  it("every command the app manifest lists is one the bot understands", () => {
    const manifest = JSON.parse(readFileSync("appPackage/manifest.json", "utf8")) as { bots: Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }> };
    const triagePhrases = new Set(["my pass doesn't work", "check", "help"]);
    for (const list of manifest.bots[0].commandLists) {
      const place: Place = list.scopes.includes("team") ? "channel" : list.scopes.includes("personal") ? "personal" : "group";
      for (const { title } of list.commands) {
        if (triagePhrases.has(title)) continue;
        const command = parseCommand(title);
        assert.ok(command, `manifest command "${title}" is not parsed`);
        assert.ok(allowedIn(command, place), `manifest lists "${title}" for ${place}, where it doesn't work`);
      }
    }
  });
});
