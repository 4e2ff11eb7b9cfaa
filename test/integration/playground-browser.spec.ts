// As a person would: headless Debian Chromium, driven by playwright-core, uses the Playground's chat UI against the real bot.
// .ci/run installs Debian's chromium; without it (a developer machine that lacks it) this spec is skipped and says so.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { startHarness, type Harness } from "../support/service-harness";
import { PLAYGROUND_BIN, REPO, startPlayground, type RunningPlayground } from "../support/playground";

const CHROMIUM = "/usr/bin/chromium";

describe("a person in the Playground's browser UI", function () {
  this.timeout(90_000);
  let h: Harness;
  let playground: RunningPlayground;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM) || !existsSync(PLAYGROUND_BIN)) {
      console.log(`    (skipped: needs ${CHROMIUM} — apt-get install chromium — and the Playground package)`);
      this.skip();
    }
    h = await startHarness();
    playground = await startPlayground(h.service.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
    });
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await h?.stop();
  });

  it("types 'my pass doesn't work', sees the diagnosis card, and asks for a new pass", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(playground.url, { waitUntil: "networkidle" });
    await page.getByText("Personal Chat").first().click();
    await page.getByRole("textbox").first().click();
    await page.keyboard.type("my pass doesn't work");
    await page.keyboard.press("Enter");
    await page.getByText("Reference: TAP_EXPIRED").last().waitFor({ timeout: 20_000 });
    assert.ok(await page.getByRole("button", { name: "I need a new pass" }).last().isVisible());
    await page.getByRole("button", { name: "I need a new pass" }).last().click();
    await page.getByText(/I recorded this/).last().waitFor({ timeout: 20_000 });
    const shots = join(REPO, "lib", "screenshots");
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, "playground-triage.png") });
  });
});
