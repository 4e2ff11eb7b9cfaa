// A request without a valid Bot Framework token (app id set) is answered 401 and logged as one warn line: no stack trace
// on stderr or in the log (issue 6, item 8).
import assert from "node:assert/strict";
import { DEMO_PEOPLE } from "../../src/demo/seed";
import { startHarness, type Harness } from "../support/service-harness";
import { TeamsUser } from "../support/teams-user";

const APP = { MicrosoftAppId: "00000000-0000-0000-0000-0000000000aa", MicrosoftAppPassword: "not-a-real-secret", BIND_HOST: "127.0.0.1", GRAPH_AUTH: "none", GRAPH_BASE_URL: "http://127.0.0.1:1" };
const STACK_LINE = /\n\s+at \S/;

/** Everything written to stderr while `act` runs. */
async function stderrDuring(act: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  try {
    await act();
  } finally {
    process.stderr.write = original;
  }
  return chunks.join("");
}

describe("inbound auth failures", function () {
  this.timeout(30_000);
  let h: Harness;
  let body: string;

  before(async () => {
    h = await startHarness(APP);
    body = JSON.stringify(new TeamsUser(h.service.url, h.capture, DEMO_PEOPLE[0]).activity({ type: "message", text: "hi" }));
  });
  after(async () => h.stop());

  const post = (headers: Record<string, string>): Promise<Response> =>
    fetch(`${h.service.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  for (const [name, headers] of [
    ["no Authorization header", {}],
    ["a garbage bearer token", { authorization: "Bearer abc.def.ghi" }],
  ] as const) {
    it(`${name}: 401, one warn line with the reason, nothing on stderr`, async () => {
      const logBefore = h.logLines.length;
      let status = 0;
      let text = "";
      const stderr = await stderrDuring(async () => {
        const res = await post(headers);
        status = res.status;
        text = await res.text();
      });
      assert.equal(status, 401);
      assert.deepEqual(JSON.parse(text), { error: "Unauthorized" });
      assert.equal(stderr, "", "nothing is printed to stderr");
      const lines = h.logLines.slice(logBefore).map((l) => JSON.parse(l) as Record<string, unknown>);
      const warns = lines.filter((l) => l.event === "inbound_unauthorized");
      assert.equal(warns.length, 1);
      assert.equal(warns[0].level, 40, "logged at warn");
      assert.match(String(warns[0].reason), /\S/);
      assert.equal(lines.some((l) => STACK_LINE.test(JSON.stringify(l)) || "stack" in l || JSON.stringify(l).includes("\\n    at ")), false, "no stack in the log");
      assert.equal(h.capture.calls.length, 0, "the bot sent nothing");
    });
  }
});
