// Seed part 4: what the pass scanner reads. Pass holders in every state (besides the cast's), the directory audit log
// behind every pass in the tenant, and the registration report snapshot an hour before "now":
//   yara   one-time pass, unused, expires in 40 minutes                          (in the report)
//   zane   expired two days ago and still registered; failing sign-ins now       (in the report)
//   otto   one-time pass already used, still registered                          (in the report)
//   abe    used his pass to set up Microsoft Authenticator; the pass is still there (in the report)
//   fay    registered a security key and Windows Hello after her pass; pass kept  (in the report)
//   lou    a 24-hour pass, issued before the policy's maximum went down to 8 hours (in the report)
//   della  her pass was deleted 30 minutes ago; the stale report still lists it   (in the report, deleted since)
//   ravi   a pass issued 30 minutes ago, after the report was taken              (only in the audit log)
//   kit    a multi-use pass from before the policy went one-time; set up Authenticator with it and kept it (in the report)
// The cast's passes issued within the last hour (avery, dev, the "looks valid" ones...) are likewise audit-log only.
// The TAP policy was changed an hour ago (one-time passes only, maximum 24 h → 8 h): elena's multi-use pass and lou's
// long pass predate it. A burst of pass-related sign-in failures (1305xx) in the last quarter hour is in seed-logs.ts.
import type { DemoAuthMethod, DemoDirectory, DemoDirectoryAudit, DemoTap, DemoUser } from "./directory";
import { byUser, methodRegisteredEvent, policyUpdateEvent, tapRegisteredEvent } from "./audit-log";
import { REPORT_LAG_IN_MS } from "./registration-report";
import { castMember, stableGuid } from "./seed-cast";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function pass(key: string, createdAgo: number, lifetimeInMinutes: number, now: Date, usedAgo?: number): [string, DemoTap] {
  const created = new Date(now.getTime() - createdAgo);
  const tap: DemoTap = { id: stableGuid(`tap:${key}`), createdDateTime: created, startDateTime: created, lifetimeInMinutes, isUsableOnce: true };
  if (usedAgo !== undefined) tap.usedDateTime = new Date(now.getTime() - usedAgo);
  return [castMember(key).id, tap];
}

function multiUse([id, tap]: [string, DemoTap]): [string, DemoTap] {
  return [id, { ...tap, isUsableOnce: false }];
}

/** The scanner's pass holders; della's pass is in here too, because it existed when the report was taken. */
export function seedScanTaps(now: Date): [string, DemoTap][] {
  return [
    pass("yara", 7 * HOUR + 20 * MINUTE, 480, now),
    pass("zane", 2 * DAY, 60, now),
    pass("otto", 6 * HOUR, 480, now, 5 * HOUR),
    pass("abe", 4 * HOUR, 480, now, 3 * HOUR + 55 * MINUTE),
    pass("fay", 5 * HOUR, 480, now, 4 * HOUR + 55 * MINUTE),
    pass("lou", 10 * HOUR, 1440, now),
    pass("della", 2 * DAY, 60, now),
    pass("ravi", 30 * MINUTE, 480, now),
    multiUse(pass("kit", 3 * HOUR, 480, now)),
  ];
}

/** Permanent methods abe and fay registered with their passes (the scanner's "remove the pass now" case). */
export function seedScanMethods(now: Date): [string, DemoAuthMethod[]][] {
  const at = (ago: number) => new Date(now.getTime() - ago).toISOString();
  const authenticator: DemoAuthMethod = {
    "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
    id: stableGuid("method:authenticator:abe"),
    displayName: "Galaxy S24",
    deviceTag: "SoftTokenActivated",
    phoneAppVersion: "6.2501.0171",
    createdDateTime: at(3 * HOUR + 50 * MINUTE),
  };
  const key: DemoAuthMethod = {
    "@odata.type": "#microsoft.graph.fido2AuthenticationMethod",
    id: stableGuid("method:fido2:fay"),
    displayName: "YubiKey 5C",
    aaGuid: "ee882879-721c-4913-9775-3dfcce97072a",
    model: "YubiKey 5 Series",
    attestationCertificates: [],
    attestationLevel: "attested",
    createdDateTime: at(4 * HOUR + 50 * MINUTE),
  };
  const hello: DemoAuthMethod = {
    "@odata.type": "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
    id: stableGuid("method:whfb:fay"),
    displayName: "NW-SEC-LT04",
    keyStrength: "normal",
    createdDateTime: at(4 * HOUR + 40 * MINUTE),
  };
  const kitsPhone: DemoAuthMethod = { ...authenticator, id: stableGuid("method:authenticator:kit"), displayName: "iPhone 15", createdDateTime: at(2 * HOUR + 50 * MINUTE) };
  return [
    [castMember("kit").id, [kitsPhone]],
    [castMember("abe").id, [authenticator]],
    [castMember("fay").id, [key, hello]],
  ];
}

const stable = (name: string) => ({ id: `Directory_${stableGuid(`audit:${name}`)}`, correlationId: stableGuid(`audit-correlation:${name}`) });

/** "Admin registered security info" for every pass in the tenant, by Tess; plus the history around them. */
export function seedAudits(now: Date, taps: ReadonlyMap<string, DemoTap>, users: readonly DemoUser[]): DemoDirectoryAudit[] {
  const tess = byUser(castMember("tess"));
  const at = (ago: number) => new Date(now.getTime() - ago);
  const byId = new Map(users.map((u) => [u.id, u]));
  const out: DemoDirectoryAudit[] = [];
  for (const [userId, tap] of taps) {
    const user = byId.get(userId);
    if (user) out.push(tapRegisteredEvent(user, { at: tap.createdDateTime, initiator: tess, ...stable(`tap:${userId}`) }));
  }
  out.push(
    methodRegisteredEvent(castMember("kit"), "User registered Microsoft Authenticator App with Notification and Code", { at: at(2 * HOUR + 50 * MINUTE), initiator: byUser(castMember("kit")), ...stable("kit:authenticator") }),
    methodRegisteredEvent(castMember("abe"), "User registered Microsoft Authenticator App with Notification and Code", { at: at(3 * HOUR + 50 * MINUTE), initiator: byUser(castMember("abe")), ...stable("abe:authenticator") }),
    methodRegisteredEvent(castMember("fay"), "User registered Fido2 Authentication Method", { at: at(4 * HOUR + 50 * MINUTE), initiator: byUser(castMember("fay")), ...stable("fay:fido2") }),
    policyUpdateEvent(
      "TemporaryAccessPass",
      [
        { name: "isUsableOnce", oldValue: false, newValue: true },
        { name: "maximumLifetimeInMinutes", oldValue: 1440, newValue: 480 },
      ],
      { at: at(HOUR), initiator: byUser(castMember("victor")), ...stable("policy:tap") },
    ),
  );
  return out.sort((a, b) => a.activityDateTime.localeCompare(b.activityDateTime));
}

/** What happened after the report snapshot was taken: Uma deleted della's pass 30 minutes ago. */
export function applyAfterSnapshot(directory: DemoDirectory, now: Date): void {
  const della = directory.findUser(castMember("della").id);
  if (della) directory.removeTap(della, new Date(now.getTime() - 30 * MINUTE), byUser(castMember("uma")));
}

/** The registration report as Entra had it an hour ago, then the changes since. */
export function finishScanSeed(directory: DemoDirectory, now: Date): DemoDirectory {
  directory.refreshRegistrationReport(new Date(now.getTime() - REPORT_LAG_IN_MS));
  applyAfterSnapshot(directory, now);
  return directory;
}
