// The pacer at its boundaries: Teams' documented windows per conversation, the app-wide rate, and the retry delay.
import assert from "node:assert/strict";
import { DEFAULT_BACKOFF, Pacer, TEAMS_PER_CONVERSATION, earliestSend, retryDelay, type RateWindow } from "../../../src/messaging/pacing";

const SEVEN_PER_SECOND: RateWindow[] = [{ windowInMs: 1_000, max: 7 }];
const times = (n: number, every: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i * every);

describe("pacing: earliestSend", () => {
  const cases: { name: string; history: number[]; windows: readonly RateWindow[]; now: number; expected: number }[] = [
    { name: "no history: now", history: [], windows: SEVEN_PER_SECOND, now: 5_000, expected: 5_000 },
    { name: "6 in the last second: the 7th goes now", history: times(6, 100, 4_400), windows: SEVEN_PER_SECOND, now: 5_000, expected: 5_000 },
    { name: "7 in the last second: the 8th waits until the oldest leaves (t = oldest + 1000)", history: times(7, 100, 4_300), windows: SEVEN_PER_SECOND, now: 5_000, expected: 5_300 },
    { name: "7 all at once: exactly one window later", history: times(7, 0, 4_000), windows: SEVEN_PER_SECOND, now: 4_000, expected: 5_000 },
    { name: "the oldest of 7 is exactly a window old: may go now (the window is half-open)", history: times(7, 10, 4_000), windows: SEVEN_PER_SECOND, now: 5_000, expected: 5_000 },
    { name: "one ms short of that: waits that ms", history: times(7, 10, 4_000), windows: SEVEN_PER_SECOND, now: 4_999, expected: 5_000 },
    { name: "never before the last call (calls stay in order)", history: [9_000], windows: SEVEN_PER_SECOND, now: 8_000, expected: 9_000 },
    // The documented windows together: 7 in 1 s is fine, but the 2 s window holds 8.
    { name: "Teams: 8 in 2 s — the 9th waits for the 2 s window though the last second was quiet", history: times(8, 100), windows: TEAMS_PER_CONVERSATION, now: 1_800, expected: 2_000 },
    { name: "Teams: 60 in 30 s — the 61st waits for the 30 s window", history: times(60, 400), windows: TEAMS_PER_CONVERSATION, now: 24_000, expected: 30_000 },
    { name: "Teams: 59 in 30 s — the 60th is only held by the short windows", history: times(59, 400), windows: TEAMS_PER_CONVERSATION, now: 24_000, expected: 24_000 },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(earliestSend(c.history, c.windows, c.now), c.expected));
  }

  it("paced calls never put more than the limit in any window (simulated 1 000 calls)", () => {
    const history: number[] = [];
    for (let i = 0; i < 1_000; i++) history.push(earliestSend(history, TEAMS_PER_CONVERSATION, history.at(-1) ?? 0));
    for (const w of TEAMS_PER_CONVERSATION) {
      for (let i = 0, j = 0; i < history.length; i++) {
        while (history[j] <= history[i] - w.windowInMs) j++;
        assert.ok(i - j + 1 <= w.max, `${i - j + 1} calls within ${w.windowInMs} ms`);
      }
    }
    // 60 per 30 s is the binding window for a long burst: 1 000 calls take about 1000 / 60 × 30 s.
    assert.ok(history.at(-1)! >= 480_000 && history.at(-1)! < 500_000, String(history.at(-1)));
  });
});

describe("pacing: retryDelay (exponential backoff, full jitter)", () => {
  const policy = { baseInMs: 1_000, capInMs: 60_000, maxAttempts: 8 };
  const cases: { name: string; attempt: number; afterMs?: number; random: number; expected: number }[] = [
    { name: "Retry-After wins over backoff", attempt: 3, afterMs: 2_000, random: 0.9, expected: 2_000 },
    { name: "Retry-After of 0 means now", attempt: 1, afterMs: 0, random: 0.9, expected: 0 },
    { name: "attempt 1: up to the base", attempt: 1, random: 0.5, expected: 500 },
    { name: "attempt 3: up to 4 × base", attempt: 3, random: 0.5, expected: 2_000 },
    { name: "attempt 10: capped", attempt: 10, random: 0.5, expected: 30_000 },
    { name: "random 0: no wait (full jitter reaches 0)", attempt: 4, random: 0, expected: 0 },
    { name: "random just under 1: just under the ceiling", attempt: 2, random: 0.9999999, expected: 1_999 },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(retryDelay(c.attempt, c.afterMs, policy, () => c.random), c.expected));
  }

  it("defaults: 8 attempts, 1 s base, 1 min cap", () => assert.deepEqual(DEFAULT_BACKOFF, { baseInMs: 1_000, capInMs: 60_000, maxAttempts: 8 }));
});

describe("pacing: Pacer", () => {
  it("paces each conversation on its own, from when the platform answered", () => {
    const p = new Pacer({ perConversation: SEVEN_PER_SECOND, appPerSecond: 1_000 });
    for (const t of times(7, 10, 0)) p.record("a", t);
    assert.equal(p.nextFor("a", 100), 1_000);
    assert.equal(p.nextFor("b", 100), 100);
  });

  it("holds a conversation for a Retry-After", () => {
    const p = new Pacer();
    p.block("a", 3_000);
    assert.equal(p.nextFor("a", 1_000), 3_000);
    p.prune(3_000);
    assert.equal(p.nextFor("a", 3_000), 3_000);
  });

  it("app-wide: at most appPerSecond in flight or answered within the last second", () => {
    const p = new Pacer({ perConversation: SEVEN_PER_SECOND, appPerSecond: 3 });
    assert.deepEqual([p.startApp(0), p.startApp(0), p.startApp(0)], [true, true, true]);
    assert.equal(p.startApp(0), 10, "all three in flight: look again shortly");
    p.endApp(40);
    assert.equal(p.startApp(50), 1_040, "one answered at 40: its place frees a second after its answer");
    p.endApp(60);
    p.endApp(900);
    assert.equal(p.startApp(1_040), true, "the answer at 40 left the second");
    assert.equal(p.startApp(1_040), 1_060);
    assert.equal(p.startApp(1_060), true);
    assert.equal(p.startApp(1_060), 1_900);
  });

  it("app-wide: the rate holds at the platform however long the calls take (answers counted, not starts)", () => {
    // Calls of random duration; each reaches the platform somewhere between its start and its answer.
    const p = new Pacer({ perConversation: SEVEN_PER_SECOND, appPerSecond: 5 });
    let seed = 1;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const arrivals: number[] = [];
    const open: { end: number }[] = [];
    for (let t = 0; t < 20_000; t += 7) {
      for (const c of open.filter((c) => c.end <= t)) p.endApp(c.end);
      open.splice(0, open.length, ...open.filter((c) => c.end > t));
      if (p.startApp(t) !== true) continue;
      const duration = Math.floor(rnd() * 400);
      arrivals.push(t + Math.floor(rnd() * duration));
      open.push({ end: t + duration });
    }
    arrivals.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[j] <= arrivals[i] - 1_000) j++;
      assert.ok(i - j + 1 <= 5, `${i - j + 1} arrivals within a second at ${arrivals[i]}`);
    }
    assert.ok(arrivals.length > 60, String(arrivals.length));
  });

  it("records answers that arrive out of order in order", () => {
    const p = new Pacer({ perConversation: [{ windowInMs: 1_000, max: 2 }], appPerSecond: 10 });
    p.record("a", 500);
    p.record("a", 100);
    assert.equal(p.nextFor("a", 600), 1_100);
  });
});
