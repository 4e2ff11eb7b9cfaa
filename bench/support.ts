// Pieces the benchmarks share: a real-time pause (benchmarks measure real waits) and a 429 counter fed by the logger.

/** Waits `ms` of real time (between runs, so each starts with the budgets' windows free). */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Counts 429 answers the Graph client logged (top-level calls and $batch sub-responses); pass it as a log destination. */
export class ThrottleCounter {
  count = 0;
  write = (line: string): void => {
    const entry = JSON.parse(line) as { graph?: { status?: number; statuses?: string[] } };
    if (entry.graph?.status === 429) this.count++;
    this.count += (entry.graph?.statuses ?? []).filter((s) => s.endsWith(" 429")).length;
  };
}
