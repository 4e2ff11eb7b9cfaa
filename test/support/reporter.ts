// mocha's spec reporter plus a closing "N passed, N failed" line that CI reads.
import Mocha from "mocha";

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      const skipped = s?.pending ?? 0;
      process.stdout.write(`\n${s?.passes ?? 0} passed, ${s?.failures ?? 0} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
    });
  }
}

export = SpecWithSummary;
