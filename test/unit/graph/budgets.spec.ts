import assert from "node:assert/strict";
import { FakeClock } from "../../../src/clock";
import { BudgetChain, GraphBudgets } from "../../../src/graph/budgets";
import { untilSleeping } from "../../support/clock-helpers";

const T0 = "2026-11-28T12:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

async function fill(budgets: GraphBudgets, n: number, bucket: "signInLogs" | "conditionalAccessAndRisk" = "signInLogs") {
  for (let i = 0; i < n; i++) assert.equal(await budgets.acquire(bucket, { maxWaitInMs: 0 }), true);
}

describe("GraphBudgets", () => {
  let clock: FakeClock;
  let budgets: GraphBudgets;

  beforeEach(() => {
    clock = new FakeClock(T0);
    budgets = new GraphBudgets({ clock });
  });

  describe("sign-in logs (5 per 10 s)", () => {
    it("grants the 5th request in a window at once", async () => {
      await fill(budgets, 4);
      assert.equal(await budgets.acquire("signInLogs", { maxWaitInMs: 0 }), true);
    });

    it("puts the 6th request at exactly the moment the window frees", async () => {
      await fill(budgets, 5);
      assert.equal(budgets.nextSlotAt("signInLogs").toISOString(), at(10_000));
    });

    it("makes the 6th request wait until exactly 10 s after the first", async () => {
      await fill(budgets, 5);
      let grantedAt: string | undefined;
      const sixth = budgets.acquire("signInLogs", { maxWaitInMs: 10_000 }).then((ok) => {
        grantedAt = clock.now().toISOString();
        return ok;
      });
      await untilSleeping(clock);
      await clock.advance(9_999);
      assert.equal(grantedAt, undefined);
      await clock.advance(1);
      assert.equal(await sixth, true);
      assert.equal(grantedAt, at(10_000));
    });

    it("refuses (false) when the wait would exceed maxWaitInMs by 1 ms", async () => {
      await fill(budgets, 5);
      assert.equal(await budgets.acquire("signInLogs", { maxWaitInMs: 9_999 }), false);
    });

    it("reserves nothing for a refused request", async () => {
      await fill(budgets, 5);
      await budgets.acquire("signInLogs", { maxWaitInMs: 0 });
      assert.equal(budgets.nextSlotAt("signInLogs").toISOString(), at(10_000));
    });

    it("grants at once exactly when the window has passed", async () => {
      await fill(budgets, 5);
      clock.set(at(10_000));
      assert.equal(await budgets.acquire("signInLogs", { maxWaitInMs: 0 }), true);
    });

    it("still counts a request 1 ms before its window ends", async () => {
      await fill(budgets, 5);
      clock.set(at(9_999));
      assert.equal(budgets.nextSlotAt("signInLogs").toISOString(), at(10_000));
    });

    it("gives queued callers distinct slots instead of the same one", async () => {
      await fill(budgets, 5);
      const waiting = Array.from({ length: 6 }, () => budgets.acquire("signInLogs", { maxWaitInMs: 60_000 }));
      await untilSleeping(clock, 6);
      assert.equal(budgets.nextSlotAt("signInLogs").toISOString(), at(20_000));
      await clock.advance(20_000);
      assert.deepEqual(await Promise.all(waiting), [true, true, true, true, true, true]);
    });

    it("keeps tenants apart", async () => {
      await fill(budgets, 5);
      assert.equal(await budgets.acquire("signInLogs", { maxWaitInMs: 0, tenantId: "other" }), true);
    });
  });

  describe("tryAcquire with a slot kept in reserve", () => {
    it("grants while two slots are free and one must stay free", async () => {
      await fill(budgets, 3);
      assert.equal(budgets.tryAcquire("signInLogs", { keepFree: 1 }), true);
    });

    it("refuses the last free slot when one must stay free", async () => {
      await fill(budgets, 4);
      assert.equal(budgets.tryAcquire("signInLogs", { keepFree: 1 }), false);
    });

    it("leaves the reserved slot for acquire", async () => {
      await fill(budgets, 4);
      budgets.tryAcquire("signInLogs", { keepFree: 1 });
      assert.equal(await budgets.acquire("signInLogs", { maxWaitInMs: 0 }), true);
    });

    it("counts a slot queued for the future as taken", async () => {
      await fill(budgets, 5);
      void budgets.acquire("signInLogs", { maxWaitInMs: 60_000 });
      await untilSleeping(clock);
      clock.set(at(10_000));
      assert.equal(budgets.freeNow("signInLogs"), 4);
    });

    it("frees slots exactly when their window has passed", async () => {
      await fill(budgets, 5);
      clock.set(at(10_000));
      assert.equal(budgets.freeNow("signInLogs"), 5);
    });
  });

  describe("Conditional Access and Identity Protection (1 per s)", () => {
    it("makes the second request in the same second wait 1000 ms", async () => {
      await fill(budgets, 1, "conditionalAccessAndRisk");
      assert.equal(budgets.nextSlotAt("conditionalAccessAndRisk").toISOString(), at(1_000));
    });

    it("refuses the second request when only 999 ms of waiting is allowed", async () => {
      await fill(budgets, 1, "conditionalAccessAndRisk");
      assert.equal(await budgets.acquire("conditionalAccessAndRisk", { maxWaitInMs: 999 }), false);
    });

    it("does not share slots with the sign-in log bucket", async () => {
      await fill(budgets, 5);
      assert.equal(await budgets.acquire("conditionalAccessAndRisk", { maxWaitInMs: 0 }), true);
    });
  });

  it("takes custom limits", async () => {
    const tight = new GraphBudgets({ clock, limits: { signInLogs: { limit: 1, windowInMs: 500 } } });
    await fill(tight, 1);
    assert.equal(tight.nextSlotAt("signInLogs").toISOString(), at(500));
  });
});

describe("GraphBudgets: a request counts from when its answer arrived", () => {
  let clock: FakeClock;
  let budgets: GraphBudgets;

  beforeEach(() => {
    clock = new FakeClock(T0);
    budgets = new GraphBudgets({ clock });
  });

  it("finished moves the slot to the moment of the answer", async () => {
    const grantAt = await budgets.acquireSlot("conditionalAccessAndRisk", { maxWaitInMs: 0 });
    clock.set(at(300));
    budgets.finished("conditionalAccessAndRisk", grantAt ?? 0);
    assert.equal(budgets.nextSlotAt("conditionalAccessAndRisk").toISOString(), at(1_300));
  });

  it("acquireSlot gives undefined when refused", async () => {
    await fill(budgets, 1, "conditionalAccessAndRisk");
    assert.equal(await budgets.acquireSlot("conditionalAccessAndRisk", { maxWaitInMs: 999 }), undefined);
  });

  it("a BudgetChain's second request starts a full window after the first one's answer", async () => {
    const chain = new BudgetChain(budgets, "conditionalAccessAndRisk", { maxWaitInMs: 5_000 });
    await chain.next();
    clock.set(at(250));
    let grantedAt: string | undefined;
    const second = chain.next().then((ok) => {
      grantedAt = clock.now().toISOString();
      return ok;
    });
    await untilSleeping(clock);
    await clock.advance(5_000);
    assert.deepEqual([await second, grantedAt], [true, at(1_250)]);
  });

  it("a slot reserved while earlier requests were in flight moves when they are answered late", async () => {
    const five: number[] = [];
    for (let i = 0; i < 5; i++) five.push((await budgets.acquireSlot("signInLogs", { maxWaitInMs: 0 })) ?? 0);
    let grantedAt: string | undefined;
    const sixth = budgets.acquireSlot("signInLogs", { maxWaitInMs: 60_000 }).then((slot) => {
      grantedAt = clock.now().toISOString();
      return slot;
    });
    await untilSleeping(clock);
    clock.set(at(300));
    for (const slot of five) budgets.finished("signInLogs", slot);
    await clock.advance(20_000);
    assert.deepEqual([await sixth, grantedAt], [Date.parse(at(10_300)), at(10_300)]);
  });

  it("a BudgetChain says false when the next slot is too far away", async () => {
    const chain = new BudgetChain(budgets, "conditionalAccessAndRisk", { maxWaitInMs: 500 });
    await chain.next();
    assert.equal(await chain.next(), false);
  });
});
