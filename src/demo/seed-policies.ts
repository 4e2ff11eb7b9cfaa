// Seed part 3: authentication method policies, Conditional Access, authentication strengths and domains.
import type * as MSGraph from "@microsoft/microsoft-graph-types";
import type { DemoCaPolicy, DemoDomain, DemoFederation, DemoMethodConfiguration, DemoNamedLocation, DemoStrength, DemoTapPolicy } from "./directory";
import { DEMO_CA_POLICIES, DEMO_DOMAINS, DEMO_GROUPS, DEMO_NAMED_LOCATIONS, DEMO_ROLES, stableGuid } from "./seed-cast";

const DAY = 24 * 60 * 60_000;

/** The built-in authentication strength ids. */
export const BUILT_IN_STRENGTHS = {
  mfa: "00000000-0000-0000-0000-000000000002",
  passwordlessMfa: "00000000-0000-0000-0000-000000000003",
  phishingResistantMfa: "00000000-0000-0000-0000-000000000004",
} as const;

/** TAP policy: enabled for "TAP Users" minus "TAP Excluded", one-time passes of 60–480 minutes. */
export function seedTapPolicy(): DemoTapPolicy {
  return {
    "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
    id: "TemporaryAccessPass",
    state: "enabled",
    defaultLifetimeInMinutes: 60,
    defaultLength: 8,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    isUsableOnce: true,
    includeTargets: [{ id: DEMO_GROUPS.tapUsers, targetType: "group", isRegistrationRequired: false }],
    excludeTargets: [{ id: DEMO_GROUPS.tapExcluded, targetType: "group" }],
  };
}

/** FIDO2 and Authenticator: on for everyone except "Kiosk Staff". */
export function seedMethodConfigurations(): DemoMethodConfiguration[] {
  const kiosk: MSGraph.ExcludeTarget[] = [{ id: DEMO_GROUPS.kioskStaff, targetType: "group" }];
  const fido2: DemoMethodConfiguration = {
    "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
    id: "Fido2",
    state: "enabled",
    isAttestationEnforced: false,
    isSelfServiceRegistrationAllowed: true,
    keyRestrictions: { isEnforced: false, enforcementType: "block", aaGuids: [] },
    includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
    excludeTargets: kiosk,
  };
  const authenticator: DemoMethodConfiguration = {
    "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration",
    id: "MicrosoftAuthenticator",
    state: "enabled",
    isSoftwareOathEnabled: false,
    featureSettings: {
      displayAppInformationRequiredState: { state: "default", includeTarget: { id: "all_users", targetType: "group" }, excludeTarget: { id: "00000000-0000-0000-0000-000000000000", targetType: "group" } },
      displayLocationInformationRequiredState: { state: "default", includeTarget: { id: "all_users", targetType: "group" }, excludeTarget: { id: "00000000-0000-0000-0000-000000000000", targetType: "group" } },
    },
    includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false, authenticationMode: "any" }],
    excludeTargets: kiosk,
  };
  return [fido2, authenticator];
}

/** The policy container; it was last changed after elena's multi-use pass was issued. */
export function seedAuthenticationMethodsPolicy(now: Date): MSGraph.AuthenticationMethodsPolicy & { id: string } {
  return {
    id: "authenticationMethodsPolicy",
    displayName: "Authentication Methods Policy",
    description: "Tenant policy for the authentication methods people may register and use.",
    lastModifiedDateTime: new Date(now.getTime() - 60 * 60_000).toISOString(),
    policyVersion: "1.5",
    reconfirmationInDays: 0,
    policyMigrationState: "migrationComplete",
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 1,
        state: "default",
        excludeTargets: [],
        includeTargets: [{ id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" }],
      },
    },
  };
}

/** Built-in strengths 0002–0004 as Graph lists them. */
export function seedStrengths(): DemoStrength[] {
  const created = "2021-12-01T00:00:00Z";
  const builtIn = (id: string, displayName: string, description: string, allowedCombinations: string[]): DemoStrength => ({
    id,
    createdDateTime: created,
    modifiedDateTime: created,
    displayName,
    description,
    policyType: "builtIn",
    requirementsSatisfied: "mfa",
    allowedCombinations,
  });
  return [
    builtIn(BUILT_IN_STRENGTHS.mfa, "Multifactor authentication", "Combinations of methods that satisfy strong authentication, such as a password + SMS", [
      "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse",
      "password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath", "password,sms", "password,voice", "federatedMultiFactor",
      "microsoftAuthenticatorPush,federatedSingleFactor", "softwareOath,federatedSingleFactor", "hardwareOath,federatedSingleFactor",
      "sms,federatedSingleFactor", "voice,federatedSingleFactor",
    ]),
    builtIn(BUILT_IN_STRENGTHS.passwordlessMfa, "Passwordless MFA", "Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator", [
      "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush",
    ]),
    builtIn(BUILT_IN_STRENGTHS.phishingResistantMfa, "Phishing-resistant MFA", "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key", [
      "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor",
    ]),
  ];
}

interface CaSpec {
  id: string;
  displayName: string;
  state: MSGraph.ConditionalAccessPolicyState;
  users: MSGraph.ConditionalAccessUsers;
  clientAppTypes?: MSGraph.ConditionalAccessClientApp[];
  locations?: MSGraph.ConditionalAccessLocations;
  /** Default: all resources. */
  userActions?: string[];
  signInRiskLevels?: MSGraph.RiskLevel[];
  grant: MSGraph.ConditionalAccessGrantControls;
}

function caPolicy(spec: CaSpec, now: Date): DemoCaPolicy {
  return {
    id: spec.id,
    templateId: null,
    displayName: spec.displayName,
    description: null,
    createdDateTime: new Date(now.getTime() - 90 * DAY).toISOString(),
    modifiedDateTime: new Date(now.getTime() - 30 * DAY).toISOString(),
    state: spec.state,
    sessionControls: null,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: spec.signInRiskLevels ?? [],
      clientAppTypes: spec.clientAppTypes ?? ["all"],
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: null,
      locations: spec.locations ?? null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: {
        includeApplications: spec.userActions ? [] : ["All"],
        excludeApplications: [],
        includeUserActions: spec.userActions ?? [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [],
        includeGuestsOrExternalUsers: null, excludeGuestsOrExternalUsers: null,
        ...spec.users,
      },
    },
    grantControls: { operator: "OR", builtInControls: [], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null, ...spec.grant },
  };
}

/** Conditional Access (a)–(e) of the cast table. */
export function seedCaPolicies(now: Date): DemoCaPolicy[] {
  const specs: CaSpec[] = [
    { id: DEMO_CA_POLICIES.blockContractors, displayName: "Block contractors outside trusted locations", state: "enabled",
      users: { includeGroups: [DEMO_GROUPS.contractors] }, locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] }, grant: { builtInControls: ["block"] } },
    { id: DEMO_CA_POLICIES.financeCompliantDevice, displayName: "Finance requires compliant device", state: "enabled",
      users: { includeGroups: [DEMO_GROUPS.finance] }, grant: { operator: "OR", builtInControls: ["compliantDevice"] } },
    { id: DEMO_CA_POLICIES.adminsPhishingResistant, displayName: "Admins need phishing-resistant MFA", state: "enabled",
      users: { includeGroups: [DEMO_GROUPS.engineeringAdmins] }, grant: { operator: "OR", authenticationStrength: { id: BUILT_IN_STRENGTHS.phishingResistantMfa } } },
    { id: DEMO_CA_POLICIES.reportOnlyLegacyAuth, displayName: "Report-only: block legacy auth", state: "enabledForReportingButNotEnforced",
      users: { includeUsers: ["All"] }, clientAppTypes: ["exchangeActiveSync", "other"], grant: { builtInControls: ["block"] } },
    { id: DEMO_CA_POLICIES.oldBlockGuests, displayName: "Old: block all guests", state: "disabled",
      users: { includeUsers: ["GuestsOrExternalUsers"] }, grant: { builtInControls: ["block"] } },
    { id: DEMO_CA_POLICIES.blockOutsideCountries, displayName: "Block sign-ins outside allowed countries", state: "enabled",
      users: { includeUsers: ["All"] }, locations: { includeLocations: ["All"], excludeLocations: [DEMO_NAMED_LOCATIONS.allowedCountries] }, grant: { builtInControls: ["block"] } },
    { id: DEMO_CA_POLICIES.blockLegacyAuth, displayName: "Block legacy authentication", state: "enabled",
      users: { includeUsers: ["All"] }, clientAppTypes: ["exchangeActiveSync", "other"], grant: { builtInControls: ["block"] } },
    { id: DEMO_CA_POLICIES.requireMfaAll, displayName: "Require MFA for all users", state: "enabled",
      users: { includeUsers: ["All"], excludeUsers: ["GuestsOrExternalUsers"] }, grant: { operator: "OR", builtInControls: ["mfa"] } },
    { id: DEMO_CA_POLICIES.adminsCompliantDevice, displayName: "Admins need a compliant device", state: "enabled",
      users: { includeRoles: [DEMO_ROLES.globalAdministrator, DEMO_ROLES.privilegedAuthenticationAdministrator, DEMO_ROLES.authenticationAdministrator] },
      grant: { operator: "OR", builtInControls: ["compliantDevice"] } },
    { id: DEMO_CA_POLICIES.securityInfoRegistration, displayName: "Securing security info registration", state: "enabled",
      users: { includeUsers: ["All"], excludeUsers: ["GuestsOrExternalUsers"] }, userActions: ["urn:user:registersecurityinfo"],
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] }, grant: { builtInControls: ["block"] } },
    { id: DEMO_CA_POLICIES.blockHighSignInRisk, displayName: "Block high-risk sign-ins", state: "enabled",
      users: { includeUsers: ["All"] }, signInRiskLevels: ["high"], grant: { builtInControls: ["block"] } },
    { id: DEMO_CA_POLICIES.reportOnlyCompliantAll, displayName: "Report-only: compliant device for everyone", state: "enabledForReportingButNotEnforced",
      users: { includeUsers: ["All"] }, grant: { operator: "OR", builtInControls: ["compliantDevice"] } },
  ];
  return specs.map((spec) => caPolicy(spec, now));
}

/** The head office's trusted IP ranges and the countries where staff may sign in. */
export function seedNamedLocations(now: Date): DemoNamedLocation[] {
  const created = new Date(now.getTime() - 120 * DAY).toISOString();
  return [
    {
      "@odata.type": "#microsoft.graph.ipNamedLocation",
      id: DEMO_NAMED_LOCATIONS.headOffice,
      displayName: "Head office (Seattle)",
      createdDateTime: created,
      modifiedDateTime: created,
      isTrusted: true,
      ipRanges: [
        { "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "203.0.113.0/24" },
        { "@odata.type": "#microsoft.graph.iPv6CidrRange", cidrAddress: "2001:db8:100::/48" },
      ],
    },
    {
      "@odata.type": "#microsoft.graph.countryNamedLocation",
      id: DEMO_NAMED_LOCATIONS.allowedCountries,
      displayName: "Allowed countries",
      createdDateTime: created,
      modifiedDateTime: created,
      countriesAndRegions: ["US", "CA", "GB", "DE", "FR"],
      includeUnknownCountriesAndRegions: false,
      countryLookupMethod: "clientIpAddress",
    },
  ];
}

/** The managed primary domain, the initial domain and the federated one. */
export function seedDomains(): DemoDomain[] {
  const domain = (id: string, authenticationType: string, isDefault: boolean, isInitial: boolean): DemoDomain => ({
    id,
    authenticationType,
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault,
    isInitial,
    isRoot: true,
    isVerified: true,
    passwordNotificationWindowInDays: 14,
    passwordValidityPeriodInDays: 2147483647,
    supportedServices: ["Email", "OfficeCommunicationsOnline"],
    state: null,
    manufacturer: null,
    model: null,
  });
  return [
    domain(DEMO_DOMAINS.initial, "Managed", false, true),
    domain(DEMO_DOMAINS.primary, "Managed", true, false),
    domain(DEMO_DOMAINS.federated, "Federated", false, false),
  ];
}

/** The federated domain's configuration: MFA is enforced by the federated IdP. */
export function seedFederation(): Map<string, DemoFederation[]> {
  const sts = "https://sts.corp.northwind-demo.example/adfs";
  return new Map([
    [DEMO_DOMAINS.federated, [{
      "@odata.type": "#microsoft.graph.internalDomainFederation",
      id: stableGuid("federation:corp"),
      displayName: "Northwind Labs corporate STS",
      issuerUri: "http://sts.corp.northwind-demo.example/adfs/services/trust",
      metadataExchangeUri: `${sts}/services/trust/mex`,
      signingCertificate: "MIIC8DCCAdigAwIBAgIQdemoCertificateNotReal",
      passiveSignInUri: `${sts}/ls/`,
      preferredAuthenticationProtocol: "wsFed",
      activeSignInUri: `${sts}/services/trust/2005/usernamemixed`,
      signOutUri: `${sts}/ls/?wa=wsignout1.0`,
      promptLoginBehavior: "nativeSupport",
      isSignedAuthenticationRequestRequired: false,
      nextSigningCertificate: null,
      signingCertificateUpdateStatus: { certificateUpdateResult: "success", lastRunDateTime: "2026-01-01T00:00:00Z" },
      federatedIdpMfaBehavior: "enforceMfaByFederatedIdp",
      passwordResetUri: null,
    } satisfies DemoFederation]],
  ]);
}
