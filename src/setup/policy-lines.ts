// The guide's prerequisites as readiness lines: the Temporary Access Pass policy (on, whom it targets, lifetimes,
// one-time use) and the permanent methods people move to after a pass (passkeys / FIDO2, Microsoft Authenticator).
import type { Check, MethodPolicy, TapPolicy } from "../triage/snapshot";
import type { SetupLine } from "./facts";
import { capitalise, describeTargets, lifetimeText, type Names } from "./names";

/** Where the settings live in the Entra admin center. */
const TAP_SETTINGS = "Microsoft Entra admin center → Authentication methods → Policies → Temporary Access Pass";
const METHOD_SETTINGS = "Microsoft Entra admin center → Authentication methods → Policies";

/** Below this maximum, setting up a new Windows device (enrolment, then Windows Hello) may outlast the pass. */
export const SHORTEST_USEFUL_MAX_MINUTES = 60;
/** Beyond this maximum a leaked pass stays usable for more than a working day. */
export const LONGEST_SENSIBLE_MAX_MINUTES = 1440;
/** Beyond this default every pass lasts longer than a working day's setup needs. */
export const LONGEST_SENSIBLE_DEFAULT_MINUTES = 480;
/** Beyond this maximum a reusable pass works like a second password. */
export const LONGEST_SENSIBLE_REUSABLE_MINUTES = 480;

function stateLine(policy: TapPolicy): SetupLine {
  const title = "Temporary Access Pass";
  if (policy.state === "enabled") return { area: "tap_policy", title, status: "green", finding: "Switched on in the authentication methods policy.", fix: "" };
  return {
    area: "tap_policy",
    title,
    status: "red",
    finding: "Switched off: no pass works for anyone, and Entra refuses to create new ones.",
    fix: `${TAP_SETTINGS}: Enable, and target the people who may need a pass.`,
  };
}

function targetsLine(policy: TapPolicy, names: Names): SetupLine {
  const title = "Who can use a pass";
  const who = describeTargets(policy.includeTargets, policy.excludeTargets, names);
  if (who.nobody) {
    return { area: "tap_targets", title, status: "red", finding: "The policy targets nobody: every pass is refused at sign-in.", fix: `${TAP_SETTINGS}: add All users or the groups that need passes.` };
  }
  if (policy.includeTargets.some((t) => t.id === "all_users")) {
    const finding = who.everyone ? "Everyone in the organization." : `Everyone except ${who.excluded}. A pass issued to them is refused at sign-in.`;
    return { area: "tap_targets", title, status: "green", finding, fix: "" };
  }
  return {
    area: "tap_targets",
    title,
    status: "amber",
    finding: `${capitalise(who.text)}. Anyone else can be issued a pass, but Entra refuses it at sign-in (the bot tells them they're not in the pass policy).`,
    fix: `Add the people who may need a pass (new starters, anyone who may lose their phone) to the targeted groups, or target All users and exclude only those who must never use one (${TAP_SETTINGS}).`,
  };
}

function lifetimeProblems(p: TapPolicy): string[] {
  const out: string[] = [];
  if (p.maximumLifetimeInMinutes < SHORTEST_USEFUL_MAX_MINUTES) {
    out.push(`Passes end after at most ${lifetimeText(p.maximumLifetimeInMinutes)}: too short to set up a new Windows device, where enrolment and Windows Hello can take longer.`);
  }
  if (p.maximumLifetimeInMinutes > LONGEST_SENSIBLE_MAX_MINUTES) {
    out.push(`Passes can stay valid for up to ${lifetimeText(p.maximumLifetimeInMinutes)}: a pass that leaks works that long.`);
  }
  if (p.defaultLifetimeInMinutes > LONGEST_SENSIBLE_DEFAULT_MINUTES) out.push(`New passes last ${lifetimeText(p.defaultLifetimeInMinutes)} unless the agent chooses less.`);
  return out;
}

function lifetimeLine(p: TapPolicy): SetupLine {
  const title = "Pass lifetime";
  const range = `${lifetimeText(p.defaultLifetimeInMinutes)} by default; the helpdesk can choose between ${lifetimeText(p.minimumLifetimeInMinutes)} and ${lifetimeText(p.maximumLifetimeInMinutes)}.`;
  if (p.minimumLifetimeInMinutes > p.maximumLifetimeInMinutes) {
    return {
      area: "tap_lifetime",
      title,
      status: "red",
      finding: `The minimum lifetime (${lifetimeText(p.minimumLifetimeInMinutes)}) is above the maximum (${lifetimeText(p.maximumLifetimeInMinutes)}): no pass can be created.`,
      fix: `${TAP_SETTINGS}: set the minimum below the maximum (Entra's defaults are 1 hour and 8 hours).`,
    };
  }
  const problems = lifetimeProblems(p);
  if (problems.length === 0) return { area: "tap_lifetime", title, status: "green", finding: capitalise(range), fix: "" };
  const tooShort = p.maximumLifetimeInMinutes < SHORTEST_USEFUL_MAX_MINUTES;
  return {
    area: "tap_lifetime",
    title,
    status: "amber",
    finding: `${problems.join(" ")} (${range})`,
    fix: tooShort
      ? `${TAP_SETTINGS}: raise the maximum lifetime to at least 1 hour (Entra's default is 8 hours).`
      : `${TAP_SETTINGS}: keep the default at a few hours and the maximum at a working day, unless new starters get devices by post and need longer.`,
  };
}

function oneTimeLine(p: TapPolicy): SetupLine {
  const title = "One-time use";
  if (p.isUsableOnce) {
    return {
      area: "tap_one_time",
      title,
      status: "green",
      finding: "Every pass is one-time. After signing in with it, people have 10 minutes to register a passkey or security key, and setting up a new Windows device with Windows Hello takes two passes.",
      fix: "",
    };
  }
  if (p.maximumLifetimeInMinutes > LONGEST_SENSIBLE_REUSABLE_MINUTES) {
    return {
      area: "tap_one_time",
      title,
      status: "amber",
      finding: `Passes may be reusable, for up to ${lifetimeText(p.maximumLifetimeInMinutes)}: for that long a reusable pass works like a second password.`,
      fix: `${TAP_SETTINGS}: require one-time passes, or lower the maximum lifetime to 8 hours.`,
    };
  }
  return {
    area: "tap_one_time",
    title,
    status: "green",
    finding: "Passes may be one-time or reusable within their lifetime; the helpdesk issues one-time passes unless the agent switches it off.",
    fix: "",
  };
}

interface MethodSpec {
  area: "fido2" | "authenticator";
  configId: string;
  title: string;
  /** What people can't do when the method is off. */
  whenOff: string;
  /** What those left out can't do. */
  leftOut: string;
}

const FIDO2: MethodSpec = {
  area: "fido2",
  configId: "fido2",
  title: "Passkeys and security keys (FIDO2)",
  whenOff: "after signing in with a pass, people can't register a passkey or security key, and policies requiring phishing-resistant MFA can't be met",
  leftOut: "can't register a passkey or security key after their pass",
};

const AUTHENTICATOR: MethodSpec = {
  area: "authenticator",
  configId: "microsoftauthenticator",
  title: "Microsoft Authenticator",
  whenOff: "after signing in with a pass, people can't set up the Authenticator app (push or passkey in the app)",
  leftOut: "can't set up the Authenticator app after their pass",
};

const find = (all: readonly MethodPolicy[], id: string) => all.find((m) => m.id.toLowerCase() === id);

function methodLine(spec: MethodSpec, all: readonly MethodPolicy[], other: MethodSpec, names: Names): SetupLine {
  const config = find(all, spec.configId);
  const base = { area: spec.area, title: spec.title };
  if (!config) return { ...base, status: "amber", finding: "Not found in the authentication methods policy, so whether people can register it is unknown.", fix: `${METHOD_SETTINGS}: check ${spec.title}.` };
  const otherOff = find(all, other.configId)?.state !== "enabled";
  if (config.state !== "enabled") {
    const both = otherOff ? ` With ${other.title} off too, people have no passwordless method to move to and will need another pass next time.` : "";
    return { ...base, status: otherOff ? "red" : "amber", finding: `Switched off: ${spec.whenOff}.${both}`, fix: `${METHOD_SETTINGS} → ${spec.title}: Enable for all users.` };
  }
  const who = describeTargets(config.includeTargets, config.excludeTargets, names);
  if (who.everyone) return { ...base, status: "green", finding: "On for everyone, so people can move to it after their pass.", fix: "" };
  return {
    ...base,
    status: "amber",
    finding: who.nobody ? `On, but it targets nobody: everyone ${spec.leftOut}.` : `On for ${who.text}. The others ${spec.leftOut}.`,
    fix: `${METHOD_SETTINGS} → ${spec.title}: target All users, or make sure those left out have another permanent method.`,
  };
}

/** The policy lines; one amber line in place of all of them when the authentication methods policy couldn't be read. */
export function policyLines(tapPolicy: Check<TapPolicy>, methods: Check<MethodPolicy[]>, names: Names): SetupLine[] {
  if (!tapPolicy.ok) {
    return [{ area: "tap_policy", title: "Temporary Access Pass", status: "amber", finding: `${capitalise(tapPolicy.reason)}.`, fix: "See \"Authentication methods policy\" under the bot's access below." }];
  }
  const p = tapPolicy.value;
  const lines = [stateLine(p), targetsLine(p, names), lifetimeLine(p), oneTimeLine(p)];
  if (methods.ok) lines.push(methodLine(FIDO2, methods.value, AUTHENTICATOR, names), methodLine(AUTHENTICATOR, methods.value, FIDO2, names));
  return lines;
}
