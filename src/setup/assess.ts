// `check setup`, the pure part: tenant facts and probe results in, ordered green / amber / red lines with their fixes
// out. No I/O; graph/setup-probes.ts gathers the facts, setup/service.ts runs it for a helpdesk admin.
import type { PassMode } from "../triage/facts";
import { accessLines } from "./access-lines";
import { caLines } from "./ca-lines";
import { SETUP_AREAS, type SetupFacts, type SetupLine, type SetupStatus } from "./facts";
import type { Names } from "./names";
import { policyLines } from "./policy-lines";

/** The verdict over all lines. */
export interface SetupAssessment {
  lines: SetupLine[];
  counts: Record<SetupStatus, number>;
  /** The worst line's status. */
  overall: SetupStatus;
}

/** Options that only shape text. */
export interface AssessOptions {
  /** Zone for the times the lines mention. */
  timeZone: string;
}

function passModeOf(facts: SetupFacts): PassMode | undefined {
  return facts.tapPolicy.ok && facts.tapPolicy.value.isUsableOnce ? "temporaryAccessPassOneTime" : undefined;
}

/** Judges the whole setup: the pass policy, the methods people move to, Conditional Access, and the bot's own access. */
export function assessSetup(facts: SetupFacts, options: AssessOptions): SetupAssessment {
  const names: Names = { groups: facts.groupNames, locations: facts.namedLocations.ok ? facts.namedLocations.value : undefined };
  const unordered = [
    ...policyLines(facts.tapPolicy, facts.methodPolicies, names),
    ...caLines({ policies: facts.caPolicies, strengths: facts.strengths, names, passMode: passModeOf(facts) }),
    ...accessLines(facts.probes, facts.lastWrite, options.timeZone),
  ];
  // Stable: lines keep their order within an area.
  const lines = SETUP_AREAS.flatMap((area) => unordered.filter((l) => l.area === area));
  const counts: Record<SetupStatus, number> = { green: 0, amber: 0, red: 0 };
  for (const l of lines) counts[l.status] += 1;
  const overall: SetupStatus = counts.red > 0 ? "red" : counts.amber > 0 ? "amber" : "green";
  return { lines, counts, overall };
}
