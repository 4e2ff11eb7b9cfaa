// The per-user half of a diagnosis: which sub-requests go into the one $batch, and how each answer becomes a fact.
import { checked, type Check, type PersonRef, type RegisteredMethod, type SignInEvent, type SubjectUser, type TapInfo } from "../triage/snapshot";
import type { BatchRequest, SubResponse } from "./batch";
import { degrade, toHelpdeskError } from "./degrade";
import { asCollection, asEntity, type AuthMethodDto, type CollectionDto, type MemberOfDto, type SignInDto, type TapDto, type UserDto } from "./dto";
import { toPersonRef, toRegisteredMethod, toSignInEvent, toSubjectUser, toTapInfo } from "./mappers";
import { odataDateTime, odataString, queryString, segment } from "./odata";

/** User properties a diagnosis reads; most are returned only when selected. */
export const USER_SELECT = [
  "id",
  "displayName",
  "userPrincipalName",
  "mail",
  "accountEnabled",
  "userType",
  "externalUserState",
  "creationType",
  "onPremisesSyncEnabled",
  "preferredLanguage",
  "jobTitle",
  "mobilePhone",
  "businessPhones",
].join(",");

/** Enough to name a manager or a search hit. */
export const PERSON_SELECT = "id,displayName,userPrincipalName";
/** Groups need only their id; roles need roleTemplateId (the instance id differs per tenant). */
export const MEMBERSHIP_SELECT = "id,displayName,roleTemplateId";

/** Without it Graph hides report-only CA results (and other evolvable enum members) as unknownFutureValue. */
export const INCLUDE_UNKNOWN_ENUMS: Readonly<Record<string, string>> = { Prefer: "include-unknown-enum-members" };

/** What decides the sign-in sub-request. */
export interface PerUserRequestOptions {
  now: Date;
  signInLookbackHours: number;
  /** False when the sign-in log budget had no slot: the sub-request is left out. */
  includeSignIns: boolean;
}

/** `/users/{id}?$select=...` */
export function userPath(userId: string): string {
  return `/users/${segment(userId)}${queryString({ $select: USER_SELECT })}`;
}

/** `/users/{id}/manager?$select=...` */
export function managerPath(userId: string): string {
  return `/users/${segment(userId)}/manager${queryString({ $select: PERSON_SELECT })}`;
}

/** `/users/{id}/transitiveMemberOf?$select=...&$top=999` */
export function membershipPath(userId: string): string {
  return `/users/${segment(userId)}/transitiveMemberOf${queryString({ $select: MEMBERSHIP_SELECT, $top: 999 })}`;
}

/** Sign-ins read per person: the newest 20 are plenty for a diagnosis. */
export const SIGN_INS_TOP = 20;

/** Recent sign-ins; filtered by object id, or by UPN when the caller only has that. */
export function signInsPath(userId: string, since: Date): string {
  const who = userId.includes("@") ? `userPrincipalName eq ${odataString(userId)}` : `userId eq ${odataString(userId)}`;
  return `/auditLogs/signIns${queryString({ $filter: `${who} and createdDateTime ge ${odataDateTime(since)}`, $top: SIGN_INS_TOP })}`;
}

/** The per-user sub-requests of one diagnosis. */
export function perUserRequests(userId: string, options: PerUserRequestOptions): BatchRequest[] {
  const u = `/users/${segment(userId)}`;
  const requests: BatchRequest[] = [
    { id: "user", method: "GET", url: userPath(userId) },
    { id: "manager", method: "GET", url: managerPath(userId) },
    { id: "taps", method: "GET", url: `${u}/authentication/temporaryAccessPassMethods` },
    { id: "methods", method: "GET", url: `${u}/authentication/methods` },
    { id: "membership", method: "GET", url: membershipPath(userId) },
  ];
  if (options.includeSignIns) {
    const since = new Date(options.now.getTime() - options.signInLookbackHours * 3_600_000);
    requests.push({ id: "signIns", method: "GET", url: signInsPath(userId, since), headers: INCLUDE_UNKNOWN_ENUMS });
  }
  return requests;
}

const missing = (id: string): SubResponse => ({ id, status: 0, headers: {}, body: undefined });

/** The person; 404 → USER_NOT_FOUND, any other failure → an error (a diagnosis without the account is no diagnosis). */
export function mapUser(answer: SubResponse | undefined): SubjectUser {
  const a = answer ?? missing("user");
  const user = a.status === 200 ? asEntity<UserDto>(a.body) : undefined;
  if (!user) throw toHelpdeskError("user", a);
  return toSubjectUser(user);
}

/** The manager; 404 means "has none". */
export function mapManager(answer: SubResponse | undefined): Check<PersonRef | null> {
  const a = answer ?? missing("manager");
  if (a.status === 404) return checked(null);
  const manager = a.status === 200 ? asEntity<UserDto>(a.body) : undefined;
  return manager ? checked(toPersonRef(manager)) : degrade("manager", a);
}

/** A collection sub-response mapped item by item, or degraded. */
function mapCollection<D, T>(fact: Parameters<typeof degrade>[0], answer: SubResponse | undefined, map: (d: D) => T): Check<T[]> {
  const a = answer ?? missing(fact);
  const page = a.status === 200 ? asCollection<D>(a.body) : undefined;
  return page ? checked(page.value.map(map)) : degrade(fact, a);
}

/** Passes, registered methods and sign-ins: mapped item by item, or degraded with a reason. */
export const mapTaps = (a: SubResponse | undefined): Check<TapInfo[]> => mapCollection<TapDto, TapInfo>("taps", a, toTapInfo);
/** See mapTaps. */
export const mapMethods = (a: SubResponse | undefined): Check<RegisteredMethod[]> => mapCollection<AuthMethodDto, RegisteredMethod>("methods", a, toRegisteredMethod);
/** See mapTaps. */
export const mapSignIns = (a: SubResponse | undefined): Check<SignInEvent[]> => mapCollection<SignInDto, SignInEvent>("signIns", a, toSignInEvent);

/** The first membership page (further pages are fetched by the caller), or the degraded fact. */
export function membershipPage(answer: SubResponse | undefined): Check<CollectionDto<MemberOfDto>> {
  const a = answer ?? missing("membership");
  const page = a.status === 200 ? asCollection<MemberOfDto>(a.body) : undefined;
  return page ? checked(page) : degrade("membership", a);
}
