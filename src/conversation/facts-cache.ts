// Keeps the Graph facts of a running triage for a few minutes so follow-up answers don't re-read the directory.
// Lost on restart by design: the triage then re-reads once and carries on.
import type { Clock } from "../clock";
import type { DirectoryFacts } from "../triage/snapshot";

export class FactsCache {
  private readonly entries = new Map<string, { facts: DirectoryFacts; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlInMs = 10 * 60_000,
    private readonly maxEntries = 1000,
  ) {}

  get(triageId: string): DirectoryFacts | undefined {
    const hit = this.entries.get(triageId);
    if (!hit) return undefined;
    if (this.clock.now().getTime() - hit.at > this.ttlInMs) {
      this.entries.delete(triageId);
      return undefined;
    }
    return hit.facts;
  }

  set(triageId: string, facts: DirectoryFacts): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(triageId, { facts, at: this.clock.now().getTime() });
  }
}
