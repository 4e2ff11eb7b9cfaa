// Graph wire shapes (DTOs) as the adapter sees them: @microsoft/microsoft-graph-types plus the `@odata.type`
// discriminator the typings leave out. These never leave src/graph/; mappers turn them into triage types.
import type * as MSGraph from "@microsoft/microsoft-graph-types";

/** Any Graph object that may carry its derived type. */
export interface ODataTyped {
  "@odata.type"?: string;
}

/** A user (or manager) as selected. */
export type UserDto = MSGraph.User & ODataTyped;
/** A pass as listed or created; `temporaryAccessPass` is set only on create. */
export type TapDto = MSGraph.TemporaryAccessPassAuthenticationMethod & ODataTyped;

/** Members of authentication/methods: the base type has only `id`; the derived ones add these. */
export type AuthMethodDto = MSGraph.AuthenticationMethod &
  ODataTyped & {
    displayName?: string | null;
    createdDateTime?: string | null;
  };

/** transitiveMemberOf returns groups, directory roles and administrative units side by side. */
export type MemberOfDto = MSGraph.DirectoryObject & ODataTyped & { displayName?: string | null; roleTemplateId?: string | null };

/** Entries of /auditLogs/signIns, /identityProtection/riskyUsers and /identity/conditionalAccess/policies. */
export type SignInDto = MSGraph.SignIn;
/** See SignInDto. */
export type RiskyUserDto = MSGraph.RiskyUser;
/** See SignInDto. */
export type CaPolicyDto = MSGraph.ConditionalAccessPolicy;
/** The typings say one mode per entry; the wire carries comma-joined combinations such as "password,sms". */
export type AuthStrengthDto = Omit<MSGraph.AuthenticationStrengthPolicy, "allowedCombinations"> & { allowedCombinations?: string[] };
/** A named location: the wire carries the subtype's fields next to `@odata.type`. */
export type NamedLocationDto = MSGraph.NamedLocation &
  ODataTyped &
  Partial<Pick<MSGraph.IpNamedLocation, "ipRanges" | "isTrusted">> &
  Partial<Pick<MSGraph.CountryNamedLocation, "countriesAndRegions" | "includeUnknownCountriesAndRegions" | "countryLookupMethod">>;
/** A verified domain (`authenticationType` Managed or Federated). */
export type DomainDto = MSGraph.Domain;
/** A federated domain's settings, including federatedIdpMfaBehavior. */
export type DomainFederationDto = MSGraph.InternalDomainFederation;

/** A row of the authentication methods registration report (userRegistrationDetails). */
export type RegistrationDetailsDto = MSGraph.UserRegistrationDetails;
/** A directory audit entry; one documented example spells a target's `type` as `Type`. */
export type DirectoryAuditDto = Omit<MSGraph.DirectoryAudit, "targetResources"> & {
  targetResources?: MSGraph.NullableOption<(MSGraph.TargetResource & { Type?: string | null })[]>;
};

/** A method configuration inside authenticationMethodsPolicy; derived types add targets and settings. */
export type MethodConfigDto = MSGraph.AuthenticationMethodConfiguration &
  ODataTyped & {
    includeTargets?: MSGraph.NullableOption<MSGraph.AuthenticationMethodTarget[]>;
  };

/** The TAP configuration inside the methods policy. */
export type TapConfigDto = MSGraph.TemporaryAccessPassAuthenticationMethodConfiguration & ODataTyped;

/** GET /policies/authenticationMethodsPolicy with its configurations expanded (the default). */
export type AuthMethodsPolicyDto = Omit<MSGraph.AuthenticationMethodsPolicy, "authenticationMethodConfigurations"> & {
  authenticationMethodConfigurations?: MSGraph.NullableOption<MethodConfigDto[]>;
};

/** A Graph collection page. */
export interface CollectionDto<T> {
  value: T[];
  "@odata.nextLink"?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Narrows a response body to a collection page. Items are trusted to match T at this edge (Graph's own contract);
 * mappers still treat every field as optional.
 */
export function asCollection<T>(body: unknown): CollectionDto<T> | undefined {
  if (!isRecord(body) || !Array.isArray(body.value)) return undefined;
  const items = (body.value as unknown[]).filter(isRecord) as T[];
  const next = body["@odata.nextLink"];
  return typeof next === "string" ? { value: items, "@odata.nextLink": next } : { value: items };
}

/** Narrows a response body to a single entity (an object with a string `id`). */
export function asEntity<T>(body: unknown): T | undefined {
  return isRecord(body) && typeof body.id === "string" ? (body as T) : undefined;
}
