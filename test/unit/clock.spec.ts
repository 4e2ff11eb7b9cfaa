import { strict as assert } from "node:assert";
import { getEventListeners } from "node:events";
import { systemClock } from "../../src/clock";

describe("system clock", () => {
  it("a finished sleep leaves no listener on a long-lived signal (a scheduler sleeping every second must not leak)", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await systemClock.sleep(0, controller.signal);
    assert.equal(getEventListeners(controller.signal, "abort").length, 0);
  });

  it("an abort still ends a sleep at once, with the signal's reason", async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(new Error("stopped"));
    await assert.rejects(sleeping, /stopped/);
  });
});
