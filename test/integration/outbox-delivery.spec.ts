// Done-when of issue 8 (sending): 500 alert messages to 100 conversations through the real Teams sender and the capture
// connector answering 429 (Retry-After) and 503 at random and 403/404 for dead conversations, on virtual time.
import assert from "node:assert/strict";
import { runScenario, skewedPlan, type ScenarioRun } from "../support/outbox-scenario";

describe("outbox: 500 alerts to 100 conversations through a throttling connector", function () {
  this.timeout(120_000);
  let run: ScenarioRun;

  before(async () => {
    run = await runScenario({ plan: skewedPlan(), virtual: true });
    console.log(`      figures: ${JSON.stringify({ ...run.figures, retries: run.stats.retries, realInMs: run.realInMs })}`);
  });

  it("delivers each deliverable message exactly once, in order per conversation, its outcome naming the post", () => {
    assert.deepEqual(run.problems, []);
    assert.deepEqual([run.figures.delivered, run.figures.undeliverable], [486, 14]);
  });

  it("met real throttling on the way (the test can't pass on a quiet connector)", () => {
    assert.ok(run.figures.answered429 > 10 && run.figures.answered503 > 5, JSON.stringify(run.figures));
    assert.equal(run.stats.retries, run.figures.answered429 + run.figures.answered503);
  });

  it("never breached a documented per-conversation window, and used them (not far below)", () => {
    assert.equal(run.figures.violations, 0);
    assert.deepEqual(run.figures.maxPerConversation, { "1s": 7, "2s": 8, "30s": 60 });
  });

  it("kept the whole app within its rate (30 per second)", () => {
    assert.ok(run.figures.maxAppWidePerSecond <= 30, String(run.figures.maxAppWidePerSecond));
  });
});
