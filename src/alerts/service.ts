// The alerts side as one facade for the Teams layer: where digests go (setup / remove alerts), `scan now`, and the
// alert cards' actions. Commands are for helpdesk admins, card actions for helpdesk agents — both read live.
import type { Clock } from "../clock";
import type { Logger } from "../log";
import type { Destination, Outbox } from "../messaging/port";
import { failureFields, toSafeMessage } from "../errors";
import { ALERT_ACTIONS, type AlertAuthority } from "./actions";
import type { AlertDestination, AlertRepository } from "./repositories";
import type { ScanReport } from "./scanner";
import { ALERT_VERB_LIST, type AlertVerb } from "./verbs";
import type { AlertActionOutcome } from "./views";

export interface AlertServiceOptions {
  repo: AlertRepository;
  /** Runs one scan, holding the scan job's lease; "busy" when another instance holds it. */
  runScan(): Promise<ScanReport | "busy">;
  authority: AlertAuthority & { mayAdminister(actorId: string | undefined): Promise<boolean> };
  clock: Clock;
  logger: Logger;
  snoozeHours: number;
  /** How often the scan runs on its own, for the setup answer. */
  scanIntervalMinutes: number;
  /** Where the figures of a `scan now` are sent when the scan ends (it outlasts the turn on a large tenant). */
  outbox: Outbox;
}

/** Where `setup alerts` was written, as the Teams layer reads it from the activity. */
export interface AlertPlace {
  key: string;
  destination: Destination;
  place: AlertDestination["place"];
  name: string;
  teamId?: string;
  actorName: string;
}

const ADMINS_ONLY = "Only helpdesk admins can set up pass alerts or run a scan.";

export class AlertService {
  private background: Promise<void> | undefined;

  constructor(private readonly o: AlertServiceOptions) {}

  /** `setup alerts`: this conversation receives the digest of every scan from now on. */
  async setup(actorId: string | undefined, where: AlertPlace): Promise<string> {
    if (!(await this.o.authority.mayAdminister(actorId))) return ADMINS_ONLY;
    await this.o.repo.addDestination({
      key: where.key,
      destination: where.destination,
      place: where.place,
      name: where.name,
      teamId: where.teamId,
      setUpBy: { id: actorId ?? "", displayName: where.actorName },
      setUpAt: this.o.clock.now().toISOString(),
    });
    this.o.logger.info({ event: "alerts_setup", place: where.place }, "pass alerts set up");
    const here = where.place === "channel" ? `this channel (${where.name})` : "this chat";
    return `Pass alerts will be posted to ${here}: one digest per scan (every ${this.o.scanIntervalMinutes} minutes) holding only what is new or changed. Write "scan now" for a scan right away, or "remove alerts" to stop them.`;
  }

  /** `remove alerts`: this conversation stops receiving digests. */
  async remove(actorId: string | undefined, key: string): Promise<string> {
    if (!(await this.o.authority.mayAdminister(actorId))) return ADMINS_ONLY;
    const removed = await this.o.repo.removeDestination(key);
    return removed ? "Pass alerts won't be posted here any more." : "Pass alerts weren't set up here.";
  }

  /** The bot was removed from a team: its channels get no more alerts. */
  async forgetTeam(teamId: string): Promise<number> {
    const gone = (await this.o.repo.destinations()).filter((d) => d.teamId === teamId);
    for (const d of gone) await this.o.repo.removeDestination(d.key);
    if (gone.length > 0) this.o.logger.warn({ event: "alerts_team_removed", teamId, destinations: gone.length }, "the bot was removed from a team that received pass alerts");
    return gone.length;
  }

  /**
   * `scan now`: starts a scan right away and answers at once; the figures follow in the same conversation when the scan
   * ends (on a large tenant it waits out Graph's reports budget for a minute, longer than Teams waits for a turn).
   */
  async scanNow(actorId: string | undefined, replyTo: { key: string; destination: Destination }): Promise<string> {
    if (!(await this.o.authority.mayAdminister(actorId))) return ADMINS_ONLY;
    if (this.background) return "A scan is already running; its figures will follow here.";
    const run = this.scanAndReport(replyTo);
    this.background = run;
    void run.finally(() => (this.background = undefined));
    return "Scanning the tenant's passes now. I'll post the figures here when it's done (a large tenant takes a minute or two).";
  }

  /** Resolves once a `scan now` started earlier has finished and queued its figures (shutdown, tests). */
  async idle(): Promise<void> {
    await this.background;
  }

  private async scanAndReport(replyTo: { key: string; destination: Destination }): Promise<void> {
    let text: string;
    try {
      const report = await this.o.runScan();
      text = report === "busy" ? "A scan is running on another instance of the bot right now; its digest will arrive shortly." : scanText(report);
    } catch (err) {
      this.o.logger.error({ event: "scan_now_failed", ...failureFields(err) }, "scan now failed");
      text = `The scan didn't finish: ${toSafeMessage(err)}`;
    }
    const id = `scan-report:${this.o.clock.now().toISOString()}:${replyTo.key}`;
    try {
      await this.o.outbox.enqueue([{ id, destination: replyTo.destination, message: { text } }]);
    } catch (err) {
      this.o.logger.error({ event: "scan_report_not_queued", ...failureFields(err) }, "the figures of scan now could not be queued");
    }
  }

  /** A click on an alert card. */
  async onAction(actorId: string | undefined, verb: string, data: Record<string, unknown>): Promise<AlertActionOutcome> {
    if (!(ALERT_VERB_LIST as readonly string[]).includes(verb)) return { message: "That button isn't one I know." };
    return ALERT_ACTIONS[verb as AlertVerb]({ repo: this.o.repo, authority: this.o.authority, clock: this.o.clock, snoozeHours: this.o.snoozeHours }, actorId, data);
  }
}

/** The figures of a scan in plain words (`destinations`: the conversations its digest went to). */
export function scanText(r: ScanReport): string {
  const destinations = r.destinations;
  const seconds = (r.durationInMs / 1000).toFixed(1);
  const lines = [
    `Scan done in ${seconds} s: ${r.holdersRead} ${r.holdersRead === 1 ? "person" : "people"} holding a pass read with ${r.graphRequests} Graph requests.`,
    `${r.findings} finding${r.findings === 1 ? "" : "s"} in all; ${r.reported} new or changed${r.reported > 0 ? (destinations > 0 ? ` (digest sent to ${destinations} conversation${destinations === 1 ? "" : "s"})` : ' (no conversation receives alerts yet: write "setup alerts")') : ""}; ${r.fixed} fixed since the last digest; ${r.nudges} ${r.nudges === 1 ? "person" : "people"} nudged.`,
  ];
  if (r.gaps.length > 0) lines.push(`Couldn't check: ${r.gaps.join("; ")}`);
  return lines.join("\n\n");
}
