// Graceful shutdown of the real process (node lib/src/index.js), as App Service stops it: SIGTERM while a turn is in
// flight → no new connections, the turn finishes and is answered, the store is closed, exit code 0.
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import { spawnBot } from "../support/bot-process";
import { eventually } from "../support/playground";

/** A Bot Connector stand-in that holds the bot's first reply until released: the turn stays in flight meanwhile. */
async function holdingConnector() {
  const held: ServerResponse[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      held.push(res);
      void released.then(() => res.end(JSON.stringify({ id: `reply-${held.length}` })));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, held, release, close: () => server.close() };
}

describe("graceful shutdown on SIGTERM", function () {
  this.timeout(60_000);

  it("lets the in-flight turn finish and answer, refuses new connections, then exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tap-shutdown-"));
    const connector = await holdingConnector();
    const bot = spawnBot(dir, { LOG_LEVEL: "info", SHUTDOWN_GRACE_SECONDS: "30" });
    const { child } = bot;
    try {
      const url = await bot.started();
      const ben = DEMO_PEOPLE.find((p) => p.key === "ben")!;
      const turn = fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "message",
          id: "turn-in-flight",
          text: "my pass doesn't work",
          channelId: "msteams",
          serviceUrl: connector.url,
          from: { id: "29:ben", aadObjectId: ben.id, name: ben.displayName },
          recipient: { id: "28:tap-helpdesk" },
          conversation: { id: "a:ben-shutdown", conversationType: "personal" },
        }),
      });
      await eventually(() => connector.held.length > 0 || undefined, "the bot's reply to reach the connector (turn in flight)");

      child.kill("SIGTERM");
      await eventually(() => bot.output().includes('"event":"stopping"') || undefined, "the bot to start stopping");
      await assert.rejects(fetch(`${url}/healthz`), "no new connections while stopping");
      assert.equal(child.exitCode, null, "still running while the turn is in flight");

      connector.release();
      const answered = await turn;
      assert.equal(answered.status, 200);
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 0, bot.output());
      assert.match(bot.output(), /"event":"stopped"/);
      assert.doesNotMatch(bot.output(), /turns_abandoned/);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      connector.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
