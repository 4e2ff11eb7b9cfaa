// Draws every card template (rendered through its own render function with sample data, test/support/card-samples.ts)
// as a PNG in docs/cards/, with the Adaptive Cards JS renderer in headless Chromium and a Teams light-theme host config.
// Usage: npm run cards        (needs Debian's chromium: apt-get install chromium)
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { CARD_SAMPLES, cardFingerprint } from "../test/support/card-samples";
import { PAGE_CSS, teamsMarkdown } from "./cards/page";
import { TEAMS_LIGHT_HOST_CONFIG } from "./cards/teams-light-host-config";

const REPO = resolve(__dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const OUT = join(REPO, "docs", "cards");

// The page's globals, typed here because the project compiles without the DOM library.
interface PageNode {
  appendChild(child: PageNode): void;
  replaceChildren(): void;
}
interface PageGlobals {
  AdaptiveCards: {
    AdaptiveCard: { new (): { hostConfig: unknown; parse(json: unknown): void; render(): PageNode | undefined }; onProcessMarkdown: (text: string, result: { outputHtml?: string; didProcess: boolean }) => void };
    HostConfig: new (json: unknown) => unknown;
  };
  teamsMarkdown: (text: string) => string;
  document: { getElementById(id: string): PageNode | null };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`Needs ${CHROMIUM} (apt-get install chromium) to draw the cards.`);
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  const index: Record<string, { caption: string; fingerprint: string }> = {};
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync", "--font-render-hinting=none"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 600, height: 400 }, deviceScaleFactor: 1.5 });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${PAGE_CSS}</style></head><body><div id="frame"><div id="card"></div></div></body></html>`);
    await page.addScriptTag({ path: join(REPO, "node_modules", "adaptivecards", "dist", "adaptivecards.min.js") });
    await page.addScriptTag({ content: `window.teamsMarkdown = ${teamsMarkdown.toString()};` });
    for (const sample of CARD_SAMPLES) {
      const started = performance.now();
      const problems = await page.evaluate(
        ({ card, hostConfig }) => {
          const w = globalThis as unknown as PageGlobals;
          const AC = w.AdaptiveCards;
          AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
            result.outputHtml = w.teamsMarkdown(text);
            result.didProcess = true;
          };
          const ac = new AC.AdaptiveCard();
          ac.hostConfig = new AC.HostConfig(hostConfig);
          ac.parse(card);
          const el = ac.render();
          const holder = w.document.getElementById("card")!;
          holder.replaceChildren();
          if (!el) return "the renderer produced nothing";
          holder.appendChild(el);
          return "";
        },
        { card: sample.card(), hostConfig: TEAMS_LIGHT_HOST_CONFIG },
      );
      if (problems) throw new Error(`${sample.template}: ${problems}`);
      const file = join(OUT, `${sample.template}.png`);
      writeFileSync(file, await page.locator("#frame").screenshot());
      index[sample.template] = { caption: sample.caption, fingerprint: cardFingerprint(sample.card()) };
      console.log(`${sample.template.padEnd(32)} ${Math.round(performance.now() - started)} ms  docs/cards/${sample.template}.png`);
    }
    // What each picture was drawn from: the test compares it with today's card and asks for a redraw when they differ.
    writeFileSync(join(OUT, "cards.json"), `${JSON.stringify(index, null, 2)}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
