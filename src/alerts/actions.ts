// The alert cards' actions, one handler per verb (same shape as the helpdesk's: authorize → load → decide → persist →
// outcome). Card data is a lookup key only: the passes acted on come from the stored digest or bulk request.
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import type { PassCleaner, CleanupResult } from "../helpdesk/workflow";
import { snooze } from "./digest";
import { digestView, stalePasses } from "./digest-view";
import type { Finding } from "./findings";
import type { AlertRepository, ItemStatus, StoredDigest } from "./repositories";
import { ALERT_VERBS, type AlertVerb } from "./verbs";
import { BULK_MAX, type AlertActionOutcome } from "./views";

/** Who may act on alert cards: helpdesk agents, with Entra's rules re-checked per target (the helpdesk decides). */
export interface AlertAuthority {
  cleaner(actorId: string | undefined, action: string): Promise<PassCleaner | { refusal: string }>;
}

export interface AlertActionContext {
  repo: AlertRepository;
  authority: AlertAuthority;
  clock: Clock;
  snoozeHours: number;
}

type Data = Record<string, unknown>;
type Handler = (ctx: AlertActionContext, actorId: string | undefined, data: Data) => Promise<AlertActionOutcome>;

/** Deletions of one confirm click in flight at once. */
const BULK_CONCURRENCY = 5;

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of results. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const text = (data: Data, key: string): string => (typeof data[key] === "string" ? data[key].slice(0, 200) : "");
const GONE = "That alert is no longer available (it may be from before a cleanup). Wait for the next digest.";

async function loadFinding(ctx: AlertActionContext, data: Data): Promise<{ digest: StoredDigest; finding: Finding } | undefined> {
  const digest = (await ctx.repo.digest(text(data, "digestId")))?.value;
  const finding = digest?.findings.find((f) => f.key === text(data, "key"));
  return digest && finding ? { digest, finding } : undefined;
}

const statusOf = (result: CleanupResult, by: string, at: Date): ItemStatus => ({ state: result.state, by, at: at.toISOString(), ...("reason" in result ? { reason: result.reason } : {}) });

const deletePass: Handler = async (ctx, actorId, data) => {
  const loaded = await loadFinding(ctx, data);
  if (!loaded?.finding.pass) return { message: GONE };
  const cleaner = await ctx.authority.cleaner(actorId, "tap_deleted");
  if ("refusal" in cleaner) return { message: cleaner.refusal };
  const { pass } = loaded.finding;
  const result = await cleaner.delete(pass.userId, pass.tapId, `from a pass alert (${loaded.finding.kind.replace(/_/g, " ")})`);
  if (result.state === "denied" || result.state === "failed") return { message: `The pass wasn't deleted: ${result.reason}` };
  const updated = await ctx.repo.setStatuses(loaded.digest.id, { [loaded.finding.key]: statusOf(result, cleaner.actor.displayName, ctx.clock.now()) });
  const name = pass.displayName ?? pass.userPrincipalName ?? "the person";
  return { view: digestView(updated ?? loaded.digest, result.state === "deleted" ? `${cleaner.actor.displayName} deleted ${name}'s pass.` : `${name}'s pass was already gone.`) };
};

const deleteStale: Handler = async (ctx, actorId, data) => {
  const digest = (await ctx.repo.digest(text(data, "digestId")))?.value;
  if (!digest) return { message: GONE };
  const cleaner = await ctx.authority.cleaner(actorId, "tap_deleted");
  if ("refusal" in cleaner) return { message: cleaner.refusal };
  const stale = stalePasses(digest);
  if (stale.length === 0) return { view: digestView(digest, "There are no expired or used passes left to delete in this digest.") };
  const bulkId = `${ctx.clock.now().toISOString()}-${randomUUID().slice(0, 8)}`;
  const passes = stale.slice(0, BULK_MAX).flatMap((f) => (f.pass ? [{ key: f.key, pass: f.pass }] : []));
  await ctx.repo.saveBulk({ id: bulkId, digestId: digest.id, requestedBy: cleaner.actor.id, createdAt: ctx.clock.now().toISOString(), passes });
  return {
    view: {
      kind: "alert_bulk_confirm",
      digestId: digest.id,
      bulkId,
      remaining: stale.length - passes.length,
      passes: passes.map(({ key, pass }) => ({
        personName: pass.displayName ?? pass.userPrincipalName ?? pass.userId,
        userPrincipalName: pass.userPrincipalName,
        reason: digest.findings.find((f) => f.key === key)?.text ?? "",
        endsAt: pass.endsAt,
      })),
    },
  };
};

const bulkConfirm: Handler = async (ctx, actorId, data) => {
  const bulk = await ctx.repo.bulk(text(data, "bulkId"));
  if (!bulk) return { message: GONE };
  const cleaner = await ctx.authority.cleaner(actorId, "tap_deleted");
  if ("refusal" in cleaner) return { message: cleaner.refusal };
  if (bulk.value.done || !(await ctx.repo.claimBulk(bulk.value.id, bulk.etag, bulk.value))) return { message: "Those passes were already deleted from another click." };
  const statuses: Record<string, ItemStatus> = {};
  const refused: string[] = [];
  const results = await inPool(bulk.value.passes, BULK_CONCURRENCY, ({ pass }) => cleaner.delete(pass.userId, pass.tapId, "bulk deletion of expired / used passes from a pass alert"));
  bulk.value.passes.forEach(({ key, pass }, i) => {
    const result = results[i];
    statuses[key] = statusOf(result, cleaner.actor.displayName, ctx.clock.now());
    if (result.state === "denied" || result.state === "failed") refused.push(`${pass.displayName ?? pass.userId}: ${result.reason}`);
  });
  const updated = await ctx.repo.setStatuses(bulk.value.digestId, statuses);
  const done = bulk.value.passes.length - refused.length;
  const notice = `${cleaner.actor.displayName} deleted ${done} of ${bulk.value.passes.length} expired or used passes.${refused.length > 0 ? ` Not deleted: ${refused.join("; ")}` : ""}`;
  return updated ? { view: digestView(updated, notice) } : { message: notice };
};

const bulkCancel: Handler = async (ctx, _actorId, data) => {
  const bulk = await ctx.repo.bulk(text(data, "bulkId"));
  const digest = bulk && (await ctx.repo.digest(bulk.value.digestId))?.value;
  return digest ? { view: digestView(digest, "Nothing was deleted.") } : { message: GONE };
};

const snoozeItem: Handler = async (ctx, actorId, data) => {
  const loaded = await loadFinding(ctx, data);
  if (!loaded) return { message: GONE };
  const cleaner = await ctx.authority.cleaner(actorId, "alert_snoozed");
  if ("refusal" in cleaner) return { message: cleaner.refusal };
  const tracked = await ctx.repo.trackedOne(loaded.finding.key);
  if (!tracked) return { view: digestView(loaded.digest, "That finding is already fixed.") };
  const now = ctx.clock.now();
  const until = new Date(now.getTime() + ctx.snoozeHours * 3600_000);
  await ctx.repo.saveTracked([snooze(tracked.value, until, cleaner.actor.displayName)], []);
  const target = loaded.finding.pass && { id: loaded.finding.pass.userId, displayName: loaded.finding.pass.displayName ?? loaded.finding.pass.userId };
  await cleaner.note("alert_snoozed", `${loaded.finding.text} (snoozed until ${until.toISOString()})`, target);
  const status: ItemStatus = { state: "snoozed", by: cleaner.actor.displayName, at: now.toISOString(), until: until.toISOString() };
  const updated = await ctx.repo.setStatuses(loaded.digest.id, { [loaded.finding.key]: status });
  return { view: digestView(updated ?? loaded.digest, `${cleaner.actor.displayName} snoozed an item for ${ctx.snoozeHours} h.`) };
};

/** Every alert verb and its handler. */
export const ALERT_ACTIONS: Readonly<Record<AlertVerb, Handler>> = {
  [ALERT_VERBS.deletePass]: deletePass,
  [ALERT_VERBS.deleteStale]: deleteStale,
  [ALERT_VERBS.bulkConfirm]: bulkConfirm,
  [ALERT_VERBS.bulkCancel]: bulkCancel,
  [ALERT_VERBS.snooze]: snoozeItem,
};
