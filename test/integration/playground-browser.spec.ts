// As people would: headless Debian Chromium, driven by playwright-core, uses the Playground's UI against the real bot.
// Two Playgrounds talk to one bot, because the Playground always sends as its current user: Xavier (helpdesk admin)
// connects the Escalations channel, Ben (expired pass) asks for a new pass in his 1:1 chat, and the ticket card appears
// in Xavier's channel. The steps build on each other, in order. Screenshots land in lib/screenshots/.
// .ci/run installs Debian's chromium; without it (a developer machine that lacks it) this spec is skipped and says so.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startHarness, type Harness } from "../support/service-harness";
import { PLAYGROUND_BIN, REPO, startPlayground, type RunningPlayground } from "../support/playground";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(REPO, "lib", "screenshots");
const UI_TIMEOUT_IN_MS = 20_000;

describe("people in the Playground's browser UI", function () {
  this.timeout(90_000);
  let h: Harness;
  let asBen: RunningPlayground;
  let asXavier: RunningPlayground;
  let browser: Browser;
  let ben: Page;
  let xavier: Page;

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  before(async function () {
    if (!existsSync(CHROMIUM) || !existsSync(PLAYGROUND_BIN)) {
      console.log(`    (skipped: needs ${CHROMIUM} — apt-get install chromium — and the Playground package)`);
      this.skip();
    }
    mkdirSync(SHOTS, { recursive: true });
    h = await startHarness();
    [asBen, asXavier] = await Promise.all([startPlayground(h.service.url), startPlayground(h.service.url, { as: "xavier" })]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
    });
    [ben, xavier] = await Promise.all([browser.newPage({ viewport: { width: 1280, height: 1400 } }), browser.newPage({ viewport: { width: 1280, height: 1400 } })]);
    await Promise.all([ben.goto(asBen.url, { waitUntil: "networkidle" }), xavier.goto(asXavier.url, { waitUntil: "networkidle" })]);
  });

  after(async () => {
    await browser?.close();
    await asBen?.stop();
    await asXavier?.stop();
    await h?.stop();
  });

  it("Xavier (helpdesk admin) @mentions the bot in the Escalations channel: setup helpdesk", async () => {
    await xavier.getByText("Escalations").first().click();
    await xavier.getByRole("textbox").first().click();
    await xavier.keyboard.type("@TAP");
    await xavier.getByText("TAP Helpdesk", { exact: true }).last().click();
    await xavier.keyboard.type(" setup helpdesk");
    await xavier.getByRole("button", { name: "Post" }).click();
    await xavier.getByText("Helpdesk channel connected").last().waitFor({ timeout: UI_TIMEOUT_IN_MS });
    await shot(xavier, "playground-setup-helpdesk");
  });

  it("Ben types 'my pass doesn't work' in his 1:1 chat and sees the diagnosis card", async () => {
    await ben.getByText("Personal Chat").first().click();
    await ben.getByRole("textbox").first().click();
    await ben.keyboard.type("my pass doesn't work");
    await ben.keyboard.press("Enter");
    await ben.getByText("Reference: TAP_EXPIRED").last().waitFor({ timeout: UI_TIMEOUT_IN_MS });
    assert.ok(await ben.getByRole("button", { name: "I need a new pass" }).last().isVisible());
    await shot(ben, "playground-diagnosis");
  });

  it("Ben presses 'I need a new pass' and is told the request is recorded with its reference", async () => {
    await ben.getByRole("button", { name: "I need a new pass" }).last().click();
    await ben.getByText(/I recorded this/).last().waitFor({ timeout: UI_TIMEOUT_IN_MS });
    await shot(ben, "playground-new-pass");
    // The same ticket id goes to the channel; it is read from what Ben sees.
    const recorded = await ben.getByText(/I recorded this/).last().innerText();
    assert.match(recorded, /T-[2-9A-HJ-NP-Z]{6}/);
  });

  it("the ticket card appears in Xavier's Escalations channel", async () => {
    const recorded = await ben.getByText(/I recorded this/).last().innerText();
    const ticketId = /T-[2-9A-HJ-NP-Z]{6}/.exec(recorded)![0];
    await xavier.getByText(`Pass request ${ticketId}`).last().waitFor({ timeout: UI_TIMEOUT_IN_MS });
    assert.ok(await xavier.getByText("Reference: TAP_EXPIRED").last().isVisible());
    await shot(xavier, "playground-ticket-in-channel");
  });
});
