// Conditional Access as readiness lines: does a pass get through the sign-in and the "Register security information"
// step? Each policy is judged by the product's own Conditional Access judgement (triage/conditional-access.ts) for
// "anyone, anywhere": conditions that depend on who or where stay open, and say whom or where the policy reaches.
import { analyseGrantWith, evaluateConditions, findStrengthIn, strengthAllowsPass, targetsRegistration, type CaInputs, type Dependency, type GrantAnalysis } from "../triage/conditional-access";
import type { PassMode } from "../triage/facts";
import type { AuthStrength, CaPolicy, Check } from "../triage/snapshot";
import type { SetupLine, SetupStatus } from "./facts";
import { capitalise, groupName, listText, locationName, roleName, type Names } from "./names";

/** What the Conditional Access lines read. */
export interface CaCheckInput {
  policies: Check<CaPolicy[]>;
  strengths: Check<AuthStrength[]>;
  names: Names;
  /** The pass the tenant issues: one-time when the policy forces it, otherwise either kind. */
  passMode: PassMode | undefined;
}

/** How far a policy reaches, judged for anyone: everyone it names everywhere, only some people, or only some sign-ins. */
type Reach = "everyone" | "some_people" | "some_sign_ins";

interface Judged {
  policy: CaPolicy;
  scope: "sign-in" | "registration";
  reach: Reach;
  /** The sign-in conditions that stayed open (location, platform, client app, device, risk). */
  context: Dependency[];
  grant: GrantAnalysis;
}

const SPECIAL_USERS = ["All", "None", "GuestsOrExternalUsers"];

/**
 * Someone the policy names (a member in no known group), signing in from nowhere in particular: every group-, role- and
 * sign-in-dependent condition stays open. A policy that names people directly is judged for the first of them.
 */
function anyoneInputs(p: CaPolicy, names: Names): CaInputs {
  const named = p.users.includeUsers.find((id) => !SPECIAL_USERS.includes(id) && !p.users.excludeUsers.includes(id)) ?? "";
  return { who: { userId: named, groupIds: undefined, roleIds: undefined, guestType: undefined }, ctx: { source: "answers" }, namedLocations: names.locations, userRiskLevel: undefined };
}

function judge(p: CaPolicy, input: CaCheckInput): Judged | undefined {
  const v = evaluateConditions(p, anyoneInputs(p, input.names));
  if (v.verdict === "not_applicable") return undefined;
  const on = v.verdict === "depends" ? v.on : [];
  const context = on.filter((d) => d !== "membership");
  const somePeople = on.includes("membership") || !p.users.includeUsers.includes("All");
  const reach: Reach = context.length > 0 ? "some_sign_ins" : somePeople ? "some_people" : "everyone";
  const strengths = input.strengths.ok ? input.strengths.value : undefined;
  return { policy: p, scope: v.scope, reach, context, grant: analyseGrantWith(strengths, p, input.passMode) };
}

const CLIENT_WORDS: Record<string, string> = {
  browser: "browsers",
  mobileAppsAndDesktopClients: "mobile and desktop apps",
  exchangeActiveSync: "Exchange ActiveSync",
  other: "other clients",
};

/** Whom the policy names, in words: "everyone except guests", "members of Finance". */
export function describeCaUsers(u: CaPolicy["users"], names: Names): string {
  const guests = (list: string[], types: string | undefined) => list.includes("GuestsOrExternalUsers") || (types ?? "") !== "";
  const people = (ids: string[]) => ids.filter((id) => !["All", "None", "GuestsOrExternalUsers"].includes(id)).length;
  const part = (users: string[], groups: string[], roles: string[], types: string | undefined): string[] => {
    const out: string[] = [];
    if (groups.length > 0) out.push(`members of ${listText(groups.map((g) => groupName(g, names)))}`);
    if (roles.length > 0) out.push(`holders of ${listText(roles.map(roleName), "or")}`);
    if (guests(users, types)) out.push("guests");
    const n = people(users);
    if (n > 0) out.push(`${n} ${n === 1 ? "person" : "people"} named in it`);
    return out;
  };
  const included = u.includeUsers.includes("All") ? ["everyone"] : part(u.includeUsers, u.includeGroups, u.includeRoles, u.includeGuestsOrExternalUsers);
  const excluded = part(u.excludeUsers, u.excludeGroups, u.excludeRoles, u.excludeGuestsOrExternalUsers);
  const who = listText(included) || "the people it names";
  return excluded.length === 0 ? who : `${who} except ${listText(excluded)}`;
}

function locationWords(p: CaPolicy, names: Names): string {
  const include = p.locations?.includeLocations ?? [];
  const exclude = p.locations?.excludeLocations ?? [];
  const everywhere = include.length === 0 || include.includes("All");
  if (everywhere && exclude.length > 0) return `outside ${listText(exclude.map((id) => locationName(id, names)))}`;
  const from = `from ${listText(include.map((id) => locationName(id, names)), "or")}`;
  return exclude.length > 0 ? `${from}, except ${listText(exclude.map((id) => locationName(id, names)))}` : from;
}

/** Where or when the policy bites, for the conditions that stayed open: "outside trusted locations", "on iOS". */
export function describeWhere(p: CaPolicy, context: readonly Dependency[], names: Names): string {
  const words: string[] = [];
  for (const d of context) {
    if (d === "location") words.push(locationWords(p, names));
    if (d === "platform") words.push(`on ${listText((p.platforms?.includePlatforms ?? []).filter((x) => x !== "all"), "or") || "some platforms"}`);
    if (d === "client_app") words.push(`from ${listText(p.clientAppTypes.map((c) => CLIENT_WORDS[c] ?? c), "or")}`);
    if (d === "device") words.push("on devices matching its device filter");
    if (d === "user_risk") words.push(`when user risk is ${listText(p.userRiskLevels, "or")}`);
    if (d === "sign_in_risk") words.push(`when sign-in risk is ${listText(p.signInRiskLevels, "or")}`);
  }
  return listText(words);
}

function deviceWords(grant: GrantAnalysis, p: CaPolicy): string {
  const words = grant.deviceControls.map((c) => (c === "compliantDevice" ? "a compliant device" : "a hybrid-joined device"));
  return listText(words, p.grant?.operator === "AND" ? "and" : "or");
}

/** The strength a policy requires, by name (the tenant list, else the built-ins). */
function strengthName(j: Judged): string {
  const s = j.grant.strengthWithoutPass;
  return s ? `the "${s.displayName}" authentication strength` : "an authentication strength";
}

interface Problem {
  status: SetupStatus;
  finding: string;
  fix: string;
}

const STRENGTH_FIX_REGISTRATION =
  'Require a strength that includes Temporary Access Pass on this step: the built-in "Multifactor authentication", or a custom "bootstrap" strength with Temporary Access Pass (one-time).';
const STRENGTH_FIX_SIGN_IN =
  'Add a policy on the "Register security information" user action that requires a strength including Temporary Access Pass (Entra prefers it while they register), or hand them a security key in person.';

function registrationProblem(j: Judged, who: string, input: CaCheckInput): Problem | undefined {
  const open = j.reach === "some_sign_ins";
  const status: SetupStatus = open ? "amber" : "red";
  // "outside trusted locations (for everyone except guests)" / "for members of Finance"
  const scope = open ? `${describeWhere(j.policy, j.context, input.names)} (for ${who})` : `for ${who}`;
  const stuck = open ? "people can sign in with a pass there but can't add a method" : "they can sign in with a pass but can't add a method";
  if (j.grant.block) {
    return {
      status,
      finding: `Blocks registering security info ${scope}: ${stuck}.`,
      fix: open
        ? 'People can register where it doesn\'t apply (the bot tells them). To let a pass work everywhere, change Block to "Require authentication strength" with a strength that includes Temporary Access Pass.'
        : "Block registration only outside trusted locations, and require a strength that includes Temporary Access Pass there instead of blocking.",
    };
  }
  if (j.grant.strengthWithoutPass) {
    return { status, finding: `Requires ${strengthName(j)} to register security info ${scope}, which a pass doesn't satisfy: ${stuck}.`, fix: STRENGTH_FIX_REGISTRATION };
  }
  if (j.grant.deviceControls.length > 0) {
    return {
      status,
      finding: `Requires ${deviceWords(j.grant, j.policy)} to register security info ${scope}: on a new or personal device ${stuck}.`,
      fix: 'Don\'t require a managed device for registering security info, or accept a strength that includes Temporary Access Pass as the alternative ("Require one of the selected controls").',
    };
  }
  return undefined;
}

function signInProblem(j: Judged, who: string, input: CaCheckInput, bootstrap: CaPolicy | undefined): Problem | undefined {
  const status: SetupStatus = j.reach === "everyone" ? "red" : "amber";
  const where = j.reach === "some_sign_ins" ? ` ${describeWhere(j.policy, j.context, input.names)}` : "";
  if (j.grant.block) {
    if (j.reach !== "everyone") return undefined;
    return { status, finding: `Blocks every sign-in for ${who}: a pass can't help them.`, fix: "Narrow it (locations, client apps, risk) so a sign-in with a pass can get through." };
  }
  if (j.grant.strengthWithoutPass) {
    const finding = `Requires ${strengthName(j)} for ${who}${where}, which a pass doesn't satisfy`;
    if (bootstrap && j.grant.deviceControls.length === 0) {
      return { status: "green", finding: `${finding}; but "${bootstrap.displayName}" lets a pass register security info, and Entra prefers it while they register.`, fix: "" };
    }
    return { status, finding: `${finding}: they can't use a pass at all.`, fix: STRENGTH_FIX_SIGN_IN };
  }
  if (j.grant.deviceControls.length > 0) {
    return {
      status,
      finding: `Requires ${deviceWords(j.grant, j.policy)} for ${who}${where}: on a new or unmanaged device they can't sign in with a pass.`,
      fix: "People it covers need an enrolled, compliant device before a pass helps: set new devices up with Intune (Autopilot) first, or exclude people who are onboarding until they've registered a method.",
    };
  }
  return undefined;
}

function problemFor(j: Judged, input: CaCheckInput, bootstrap: CaPolicy | undefined): Problem | undefined {
  const who = describeCaUsers(j.policy.users, input.names);
  if (j.grant.unknownStrengthId && !j.grant.block) {
    return {
      status: "amber",
      finding: `Requires an authentication strength the bot couldn't read (${j.grant.unknownStrengthId}), so whether a pass satisfies it for ${who} is unknown.`,
      fix: "Check under Conditional Access → Authentication strengths that this strength includes Temporary Access Pass.",
    };
  }
  return j.scope === "registration" ? registrationProblem(j, who, input) : signInProblem(j, who, input, bootstrap);
}

/** An enforced policy on "Register security information", for everyone, whose strength accepts a pass. */
function findBootstrap(judged: readonly Judged[], input: CaCheckInput): CaPolicy | undefined {
  const strengths = input.strengths.ok ? input.strengths.value : undefined;
  return judged.find((j) => {
    const id = j.policy.grant?.authenticationStrengthId;
    const strength = id ? findStrengthIn(strengths, id) : undefined;
    return j.policy.state === "enabled" && targetsRegistration(j.policy) && j.reach === "everyone" && strength !== undefined && strengthAllowsPass(strength, input.passMode);
  })?.policy;
}

function lineFor(j: Judged, problem: Problem): SetupLine {
  const area = j.scope === "registration" ? "ca_registration" : "ca_sign_in";
  if (j.policy.state === "enabled" || problem.status === "green") return { area, title: j.policy.displayName, ...problem };
  return {
    area,
    title: j.policy.displayName,
    status: "amber",
    finding: `Report-only for now, so nothing is stopped yet. Once switched on, it ${lowerFirst(problem.finding)}`,
    fix: problem.fix === "" ? "" : `Before switching it on: ${lowerFirst(problem.fix)}`,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One line per policy that stops a pass (or would, once switched on); a single line when none does or CA is unreadable. */
export function caLines(input: CaCheckInput): SetupLine[] {
  if (!input.policies.ok) {
    return [{ area: "ca_overall", title: "Conditional Access", status: "amber", finding: `${capitalise(input.policies.reason)}.`, fix: 'See "Conditional Access" under the bot\'s access below.' }];
  }
  const live = input.policies.value.filter((p) => p.state !== "disabled");
  const judged = live.map((p) => judge(p, input)).filter((j): j is Judged => j !== undefined);
  const bootstrap = findBootstrap(judged, input);
  const lines: SetupLine[] = [];
  if (bootstrap) {
    lines.push({ area: "ca_registration", title: bootstrap.displayName, status: "green", finding: "Lets a pass register security info: the strength it requires includes Temporary Access Pass.", fix: "" });
  }
  for (const j of judged) {
    const problem = problemFor(j, input, bootstrap);
    if (problem) lines.push(lineFor(j, problem));
  }
  if (!lines.some((l) => l.status !== "green")) {
    lines.push({
      area: "ca_overall",
      title: "Conditional Access",
      status: "green",
      finding: `None of the ${live.length} enabled or report-only policies stops a pass from signing in or registering security info. Policies that block only some sign-ins (certain places, old mail apps, risk) are judged for each person when they ask.`,
      fix: "",
    });
  }
  return lines;
}
