// A generated tenant for benchmarks: the Northwind Labs cast plus `people` generated employees, `tapHolders` of them
// holding a pass in every state, the audit log behind those passes (with unrelated method registrations as noise), a
// stale registration report, passes deleted since that report, and a recent burst of pass-related sign-in failures.
// Built in a few seconds for 100,000 people: shared arrays for the common cases, no per-person hashing.
import type { DemoAuthMethod, DemoDirectory, DemoDirectoryAudit, DemoGroup, DemoSignIn, DemoTap, DemoUser } from "./directory";
import { byUser, methodRegisteredEvent, tapRegisteredEvent } from "./audit-log";
import { failedSignIn } from "./seed-logs";
import { DEMO_DOMAINS, DEMO_GROUPS, castMember } from "./seed-cast";
import { buildDemoDirectory } from "./seed";
import { finishScanSeed } from "./seed-scan";

/** The size of a generated tenant. */
export interface GeneratedTenantOptions {
  /** Generated employees besides the cast. */
  people: number;
  /** How many of them hold a pass now: every state, a tenth issued after the registration report was taken. */
  tapHolders: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The generated staff group, nested in "TAP Users" so everyone generated is in the TAP policy. */
export const GENERATED_STAFF_GROUP = "5eed0000-0000-5000-8000-000000000000";

/** The object id of generated person `i` (0-based). */
export const generatedUserId = (i: number): string => `5eed0000-0000-5000-8000-${(i + 1).toString(16).padStart(12, "0")}`;

const NO_PHONES: string[] = [];

function generatedUser(i: number, createdDateTime: string): DemoUser {
  const n = String(i + 1).padStart(6, "0");
  const upn = `person${n}@${DEMO_DOMAINS.primary}`;
  return {
    id: generatedUserId(i),
    displayName: `Person ${n}`,
    givenName: "Person",
    surname: n,
    userPrincipalName: upn,
    mail: upn,
    jobTitle: "Employee",
    department: "Operations",
    businessPhones: NO_PHONES,
    mobilePhone: null,
    accountEnabled: true,
    userType: "Member",
    createdDateTime,
  };
}

/** What a generated holder's pass is like; `share` of 20 holders have it. */
interface PassKind {
  name: "recent" | "valid" | "expired" | "used" | "future" | "multiUse" | "keptAfterAuthenticator";
  share: number;
}

const KINDS: readonly PassKind[] = [
  { name: "recent", share: 2 },
  { name: "valid", share: 5 },
  { name: "expired", share: 4 },
  { name: "used", share: 4 },
  { name: "future", share: 1 },
  { name: "multiUse", share: 1 },
  { name: "keptAfterAuthenticator", share: 3 },
];
const KIND_BY_SLOT: PassKind["name"][] = KINDS.flatMap((k) => Array.from({ length: k.share }, () => k.name));

/** A deterministic spread in [0, 1) for holder j (no randomness: runs are comparable). */
const spread = (j: number): number => ((j * 7919) % 1000) / 1000;

function passOf(j: number, now: number): { tap: DemoTap; kind: PassKind["name"] } {
  const kind = KIND_BY_SLOT[j % KIND_BY_SLOT.length];
  const id = `7a900000-0000-4000-8000-${(j + 1).toString(16).padStart(12, "0")}`;
  const make = (createdAgo: number, lifetimeInMinutes: number, extra: Partial<DemoTap> = {}): DemoTap => {
    const created = new Date(now - createdAgo);
    return { id, createdDateTime: created, startDateTime: created, lifetimeInMinutes, isUsableOnce: true, ...extra };
  };
  const s = spread(j);
  switch (kind) {
    case "recent":
      return { kind, tap: make(5 * MINUTE + s * 50 * MINUTE, 480) };
    case "valid":
      return { kind, tap: make(2 * HOUR + s * 5 * HOUR, 480) };
    case "expired":
      return { kind, tap: make(DAY + s * 5 * DAY, 60) };
    case "used":
      return { kind, tap: make(DAY + s * 5 * DAY, 480, { usedDateTime: new Date(now - DAY) }) };
    case "future":
      return { kind, tap: { ...make(3 * HOUR, 60), startDateTime: new Date(now + DAY) } };
    case "multiUse":
      return { kind, tap: make(2 * DAY + s * 3 * DAY, 10_080, { isUsableOnce: false }) };
    case "keptAfterAuthenticator":
      return { kind, tap: make(2 * HOUR + s * 4 * HOUR, 480, { usedDateTime: new Date(now - 2 * HOUR) }) };
  }
}

const PASSWORD: DemoAuthMethod = {
  "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
  id: "28c10230-6103-485e-b985-444c60001490",
  password: null,
  createdDateTime: "2025-01-06T09:00:00Z",
};
const AUTHENTICATOR: DemoAuthMethod = {
  "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
  id: "6e1f0b7d-6a55-4d5f-8d0b-2f5c2b9f0a11",
  displayName: "iPhone 15",
  deviceTag: "SoftTokenActivated",
  phoneAppVersion: "6.8.14",
  createdDateTime: "2025-01-06T09:05:00Z",
};
/** Most people: a password and Authenticator (one shared, read-only array). */
const EVERYDAY: DemoAuthMethod[] = [PASSWORD, AUTHENTICATOR];
/** People whose pass is their way in: only a password. */
const PASSWORD_ONLY: DemoAuthMethod[] = [PASSWORD];

/** Everything generated, before it is added to the cast's directory. */
interface Generated {
  users: DemoUser[];
  group: DemoGroup;
  methods: [string, DemoAuthMethod[]][];
  taps: [string, DemoTap][];
  audits: DemoDirectoryAudit[];
  signIns: DemoSignIn[];
  /** People whose pass the report lists but who lost it after the snapshot (deleted 10–50 minutes ago). */
  deletedLater: DemoUser[];
}

/** Holders sit at evenly spaced positions; the people right after them lost their pass after the report was taken. */
function holderPositions(options: GeneratedTenantOptions): { holders: number[]; deleted: number[] } {
  const holders: number[] = [];
  const deleted: number[] = [];
  const step = options.people / Math.max(1, options.tapHolders);
  for (let j = 0; j < options.tapHolders; j++) holders.push(Math.floor(j * step));
  for (let j = 0; j < Math.floor(options.tapHolders / 20); j++) deleted.push(Math.min(options.people - 1, Math.floor(j * 20 * step) + 1));
  return { holders, deleted: deleted.filter((i) => !holders.includes(i)) };
}

function generatePasses(g: Generated, holders: readonly number[], now: number): void {
  const tess = byUser(castMember("tess"));
  holders.forEach((i, j) => {
    const user = g.users[i];
    const { tap, kind } = passOf(j, now);
    g.taps.push([user.id, tap]);
    g.audits.push(tapRegisteredEvent(user, { at: tap.createdDateTime, initiator: tess }));
    if (kind === "keptAfterAuthenticator") {
      const registered = new Date(now - 2 * HOUR + 5 * MINUTE);
      g.methods.push([user.id, [PASSWORD, { ...AUTHENTICATOR, createdDateTime: registered.toISOString() }]]);
      g.audits.push(methodRegisteredEvent(user, "User registered Microsoft Authenticator App with Notification and Code", { at: registered, initiator: byUser(user) }));
    } else {
      g.methods.push([user.id, PASSWORD_ONLY]);
    }
    // A tenth of the expired and used passes are being tried right now: pass-related sign-in failures.
    if ((kind === "expired" || kind === "used") && j % 10 < 5) {
      const code = kind === "expired" ? 130504 : 130501;
      const reason = kind === "expired" ? "Your Temporary Access Pass has expired." : "Sign in was blocked due to User Credential Policy.";
      g.signIns.push(failedSignIn(user, 1, (1 + spread(j) * 29) * MINUTE, code, reason, new Date(now)));
    }
  });
}

function generateDeletedLater(g: Generated, deleted: readonly number[], now: number): void {
  const tess = byUser(castMember("tess"));
  deleted.forEach((i, k) => {
    const user = g.users[i];
    const created = new Date(now - 2 * DAY - k * MINUTE);
    g.taps.push([user.id, { id: `de1e7ed0-0000-4000-8000-${(k + 1).toString(16).padStart(12, "0")}`, createdDateTime: created, startDateTime: created, lifetimeInMinutes: 60, isUsableOnce: true }]);
    g.audits.push(tapRegisteredEvent(user, { at: created, initiator: tess }));
    g.deletedLater.push(user);
  });
}

/** Unrelated "Authentication Methods" events over the last week (people adding Authenticator): the scanner filters them out. */
function generateNoise(g: Generated, people: number, now: number): void {
  const count = Math.floor(people / 20);
  for (let k = 0; k < count; k++) {
    const user = g.users[(k * 37) % people];
    const at = new Date(now - (k / count) * 7 * DAY - MINUTE);
    g.audits.push(methodRegisteredEvent(user, "User registered Microsoft Authenticator App with Notification and Code", { at, initiator: byUser(user) }));
  }
}

function generate(now: Date, options: GeneratedTenantOptions): Generated {
  const created = new Date(now.getTime() - 400 * DAY).toISOString();
  const users = Array.from({ length: options.people }, (_, i) => generatedUser(i, created));
  const group: DemoGroup = {
    id: GENERATED_STAFF_GROUP,
    displayName: "Staff (generated)",
    description: "Generated employees of a benchmark tenant; nested inside TAP Users.",
    memberIds: users.map((u) => u.id),
    isAssignableToRole: false,
  };
  const g: Generated = { users, group, methods: [], taps: [], audits: [], signIns: [], deletedLater: [] };
  const { holders, deleted } = holderPositions(options);
  generatePasses(g, holders, now.getTime());
  generateDeletedLater(g, deleted, now.getTime());
  generateNoise(g, options.people, now.getTime());
  return g;
}

/** Adds the generated people to a cast directory (before its report snapshot is taken). */
function addGenerated(directory: DemoDirectory, g: Generated): void {
  for (const u of g.users) directory.users.push(u);
  directory.groups.push(g.group);
  directory.groups.find((x) => x.id === DEMO_GROUPS.tapUsers)?.memberIds.push(g.group.id);
  for (const u of g.users) directory.methods.set(u.id, EVERYDAY);
  for (const [id, list] of g.methods) directory.methods.set(id, list);
  for (const [id, tap] of g.taps) directory.taps.set(id, tap);
  for (const a of g.audits) directory.directoryAudits.push(a);
  directory.directoryAudits.sort((a, b) => a.activityDateTime.localeCompare(b.activityDateTime));
  for (const s of g.signIns) directory.signIns.push(s);
  directory.signIns.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
}

/** The cast plus a generated population; the report is the snapshot of an hour ago, as in the cast's tenant. */
export function seedGeneratedDirectory(now: Date, options: GeneratedTenantOptions): DemoDirectory {
  const directory = buildDemoDirectory(now);
  const g = generate(now, options);
  addGenerated(directory, g);
  finishScanSeed(directory, now);
  const uma = byUser(castMember("uma"));
  g.deletedLater.forEach((user, k) => directory.removeTap(user, new Date(now.getTime() - 10 * MINUTE - ((k * 7) % 40) * MINUTE), uma));
  return directory;
}
