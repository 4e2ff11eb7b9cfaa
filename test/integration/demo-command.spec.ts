// `npm run demo` (scripts/demo.mjs): the bot and the Agents Playground start together, the printed URL answers,
// and SIGTERM stops both with exit code 0.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { PLAYGROUND_BIN, REPO, eventually } from "../support/playground";

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

const answers = (url: string) => fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);

describe("npm run demo", function () {
  this.timeout(60_000);

  before(function () {
    if (!existsSync(PLAYGROUND_BIN)) this.skip();
  });

  it("starts the bot and the Playground, prints the Playground's URL, and stops both on SIGTERM with exit code 0", async () => {
    const [port, botPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [join(REPO, "scripts", "demo.mjs"), "--port", String(port), "--bot-port", String(botPort)], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    try {
      const url = await eventually(() => /Open (http:\/\/localhost:\d+)/.exec(out)?.[1], "the demo to print its URL", 40_000);
      assert.equal(url, `http://localhost:${port}`);
      assert.ok(await answers(url), "the Playground's page answers");
      assert.ok(await answers(`http://127.0.0.1:${botPort}/healthz`), "the bot answers");

      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 0, out);
      assert.equal(await answers(url), false, "the Playground stopped");
      assert.equal(await answers(`http://127.0.0.1:${botPort}/healthz`), false, "the bot stopped");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
