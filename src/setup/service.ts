// `check setup` for helpdesk admins: refuses anyone else, then probes Graph, reads the last pass write from the audit
// trail and judges the whole setup into one readiness view. The Teams layer renders the view (cards/setup-check.ts).
import type { Clock } from "../clock";
import { toSafeMessage } from "../errors";
import type { SetupGraphFacts } from "../graph/setup-probes";
import type { Logger } from "../log";
import { assessSetup } from "./assess";
import type { SetupLine, SetupStatus, WriteEvidence } from "./facts";

/** What the check reads Graph through (GraphDirectory implements it). */
export interface SetupProber {
  probeSetup(personId: string, options?: { abortSignal?: AbortSignal }): Promise<SetupGraphFacts>;
}

/** Dependencies of the check. */
export interface SetupCheckOptions {
  prober: SetupProber;
  /** The helpdesk's own rule for admins, read live (HelpdeskWorkflow.mayAdministerHelpdesk). */
  mayAdminister: (personId: string | undefined) => Promise<boolean>;
  /** The last pass write the helpdesk made (write-evidence.ts over the audit trail). */
  lastWrite: () => Promise<WriteEvidence | undefined>;
  clock: Clock;
  logger: Logger;
  /** Zone for times in the lines. */
  timeZone: string;
}

/** The readiness card's data. */
export interface SetupReport {
  kind: "setup_check";
  /** ISO time of the check. */
  checkedAt: string;
  overall: SetupStatus;
  counts: Record<SetupStatus, number>;
  lines: SetupLine[];
}

/** A report for an admin, or a refusal in words. */
export type SetupCheckOutcome = { kind: "report"; report: SetupReport } | { kind: "refused"; message: string };

/** Said to anyone who isn't a helpdesk admin. */
export const SETUP_CHECK_REFUSAL = "Checking the setup is for helpdesk admins only.";

/** Runs `check setup`. */
export class SetupCheck {
  constructor(private readonly o: SetupCheckOptions) {}

  /** The readiness report for `personId`, or a refusal when they aren't a helpdesk admin. */
  async run(personId: string | undefined, options: { abortSignal?: AbortSignal } = {}): Promise<SetupCheckOutcome> {
    if (!personId || !(await this.o.mayAdminister(personId))) {
      this.o.logger.info({ event: "setup_check_refused", personId }, "check setup refused: not a helpdesk admin");
      return { kind: "refused", message: SETUP_CHECK_REFUSAL };
    }
    const [graph, lastWrite] = await Promise.all([this.o.prober.probeSetup(personId, options), this.lastWrite()]);
    const assessment = assessSetup({ ...graph, lastWrite }, { timeZone: this.o.timeZone });
    this.o.logger.info({ event: "setup_check", personId, counts: assessment.counts, red: assessment.lines.filter((l) => l.status === "red").map((l) => l.title) }, "check setup ran");
    return { kind: "report", report: { kind: "setup_check", checkedAt: this.o.clock.now().toISOString(), ...assessment } };
  }

  /** The audit trail is our own store; if it can't be read, the write line says "not checked" rather than failing the card. */
  private async lastWrite(): Promise<WriteEvidence | undefined> {
    try {
      return await this.o.lastWrite();
    } catch (err) {
      this.o.logger.warn({ event: "setup_check_audit_unreadable", err: toSafeMessage(err) }, "check setup couldn't read the audit trail");
      return undefined;
    }
  }
}
