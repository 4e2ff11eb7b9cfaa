// The demo tenant serves Graph v1.0 shapes to the real Graph SDK: users, memberships, methods, policies, logs, paging, errors.
import assert from "node:assert/strict";
import { PageIterator, type GraphError } from "@microsoft/microsoft-graph-client";
import { DEMO_CA_POLICIES, DEMO_DOMAINS, DEMO_GROUPS, DEMO_ROLES } from "../../src/demo/seed";
import { startDemoTenant } from "../../src/demo/server";
import { person, startHarness, valueOf, type Harness } from "./demo-tenant-support";

const USER_DEFAULT_KEYS = ["@odata.context", "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"];

describe("demo tenant: users and directory", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  it("returns Graph's default user properties when there is no $select", async () => {
    const user = await h.client.api(`/users/${person("avery").id}`).get();
    assert.deepEqual(Object.keys(user).sort(), [...USER_DEFAULT_KEYS].sort());
  });

  it("returns exactly the selected user properties, null when unset", async () => {
    const user = await h.client.api(`/users/${person("avery").id}`).select(["id", "accountEnabled", "userType", "externalUserState", "onPremisesSyncEnabled"]).get();
    assert.deepEqual(
      { ...user, "@odata.context": undefined },
      { "@odata.context": undefined, id: person("avery").id, accountEnabled: true, userType: "Member", externalUserState: null, onPremisesSyncEnabled: null },
    );
  });

  it("finds a user by userPrincipalName", async () => {
    const user = await h.client.api(`/users/${person("ben").userPrincipalName}`).select("id").get();
    assert.equal(user.id, person("ben").id);
  });

  it("describes the external guest as Graph does", async () => {
    const user = await h.client.api(`/users/${person("nora").id}`).select("userType,creationType,externalUserState,mobilePhone").get();
    assert.deepEqual([user.userType, user.creationType, user.externalUserState, user.mobilePhone], ["Guest", "Invitation", "Accepted", null]);
  });

  it("answers 400 for a $select property the user type does not have", async () => {
    const r = await h.call(`/users/${person("avery").id}?$select=id,favouriteColour`);
    assert.equal(r.status, 400);
  });

  it("answers Graph's 404 body for an unknown user", async () => {
    const r = await h.call("/users/nobody@northwind-demo.example");
    assert.deepEqual([r.status, r.body.error.code, r.body.error.message], [404, "Request_ResourceNotFound", "Resource 'nobody@northwind-demo.example' does not exist or one of its queried reference-property objects are not present."]);
  });

  it("puts the response's request-id header into the error body", async () => {
    const r = await h.call("/users/nobody");
    assert.equal(r.body.error.innerError["request-id"], r.headers.get("request-id"));
  });

  it("echoes the caller's client-request-id", async () => {
    const r = await h.call(`/users/${person("avery").id}`, { headers: { "client-request-id": "11111111-2222-3333-4444-555555555555" } });
    assert.equal(r.headers.get("client-request-id"), "11111111-2222-3333-4444-555555555555");
  });

  it("searches users with startswith and mail eq combined with or", async () => {
    const r = await h.client.api("/users").filter("startswith(displayName,'Ave') or mail eq 'ben@northwind-demo.example'").select("id").get();
    assert.deepEqual(valueOf<{ id: string }>(r).map((u) => u.id).sort(), [person("avery").id, person("ben").id].sort());
  });

  it("pages the user list with absolute @odata.nextLink links", async () => {
    const ids: string[] = [];
    let next: string | undefined = `${h.tenant.url}/v1.0/users?$top=10&$select=id`;
    while (next) {
      const page = (await (await fetch(next)).json()) as { value: { id: string }[]; "@odata.nextLink"?: string };
      ids.push(...page.value.map((u) => u.id));
      next = page["@odata.nextLink"];
    }
    assert.deepEqual(ids, h.tenant.directory.users.map((u) => u.id));
  });

  it("pages through the SDK's PageIterator", async () => {
    const ids: string[] = [];
    const first = await h.client.api("/users").top(10).select("id").get();
    await new PageIterator(h.client, first, (u: { id: string }) => {
      ids.push(u.id);
      return true;
    }).iterate();
    assert.equal(ids.length, h.tenant.directory.users.length);
  });

  it("answers 400 for a $top above the maximum page size", async () => {
    const r = await h.call("/users?$top=1000");
    assert.equal(r.status, 400);
  });

  it("returns the manager as a user directoryObject", async () => {
    const manager = await h.client.api(`/users/${person("avery").id}/manager`).select("id,displayName").get();
    assert.deepEqual([manager["@odata.type"], manager.id], ["#microsoft.graph.user", person("wendy").id]);
  });

  it("answers 404 Request_ResourceNotFound when a user has no manager", async () => {
    const error: GraphError = await h.client.api(`/users/${person("farah").id}/manager`).get().then(() => assert.fail("expected 404"), (e: GraphError) => e);
    assert.deepEqual([error.statusCode, error.code], [404, "Request_ResourceNotFound"]);
  });

  it("lists groups and directory roles with their roleTemplateId in transitiveMemberOf", async () => {
    const r = await h.client.api(`/users/${person("tess").id}/transitiveMemberOf`).select("id,displayName,roleTemplateId").get();
    const items = valueOf<{ "@odata.type": string; id: string; roleTemplateId?: string }>(r);
    const role = items.find((o) => o["@odata.type"] === "#microsoft.graph.directoryRole");
    const groups = items.filter((o) => o["@odata.type"] === "#microsoft.graph.group").map((g) => g.id);
    assert.deepEqual([role?.roleTemplateId, groups.sort()], [DEMO_ROLES.authenticationAdministrator, [DEMO_GROUPS.tapUsers, DEMO_GROUPS.helpdeskAgents].sort()]);
  });

  it("resolves membership through a nested group", async () => {
    const r = await h.client.api(`/users/${person("sam").id}/transitiveMemberOf`).select("id").get();
    assert.deepEqual(valueOf<{ id: string }>(r).map((g) => g.id).sort(), [DEMO_GROUPS.onboarding, DEMO_GROUPS.tapUsers].sort());
  });

  it("pages transitiveMemberOf when there are more entries than $top", async () => {
    const r = await h.call(`/users/${person("xavier").id}/transitiveMemberOf?$select=id,displayName,roleTemplateId&$top=2`);
    assert.deepEqual([r.body.value.length, typeof r.body["@odata.nextLink"]], [2, "string"]);
  });

  it("pages a group's transitive members and includes people of nested groups", async () => {
    const ids: string[] = [];
    let next: string | undefined = `${h.tenant.url}/v1.0/groups/${DEMO_GROUPS.tapUsers}/transitiveMembers?$select=id&$top=10`;
    while (next) {
      const page = (await (await fetch(next)).json()) as { value: { id: string }[]; "@odata.nextLink"?: string };
      ids.push(...page.value.map((m) => m.id));
      next = page["@odata.nextLink"];
    }
    assert.deepEqual([ids.includes(person("sam").id), ids.includes(person("farah").id), ids.length > 10], [true, false, true]);
  });

  it("lists role assignments filtered by principalId", async () => {
    const r = await h.client.api("/roleManagement/directory/roleAssignments").filter(`principalId eq '${person("uma").id}'`).get();
    assert.deepEqual(valueOf<{ roleDefinitionId: string; directoryScopeId: string }>(r).map((a) => [a.roleDefinitionId, a.directoryScopeId]), [[DEMO_ROLES.privilegedAuthenticationAdministrator, "/"]]);
  });

  it("lists registered methods with their @odata.type, the pass included", async () => {
    const r = await h.client.api(`/users/${person("avery").id}/authentication/methods`).get();
    assert.deepEqual(valueOf<{ "@odata.type": string }>(r).map((m) => m["@odata.type"]), ["#microsoft.graph.passwordAuthenticationMethod", "#microsoft.graph.temporaryAccessPassAuthenticationMethod"]);
  });

  it("answers a /me request with the app-only error", async () => {
    const r = await h.call("/me");
    assert.equal(r.body.error.message, "/me request is only valid with delegated authentication flow.");
  });

  it("answers 400 'Resource not found for the segment' for an unknown path", async () => {
    const r = await h.call(`/users/${person("avery").id}/gadgets`);
    assert.deepEqual([r.status, r.body.error.code, r.body.error.message], [400, "BadRequest", "Resource not found for the segment 'gadgets'."]);
  });

  it("answers 400 for a version other than v1.0", async () => {
    const r = await fetch(`${h.tenant.url}/beta/users`);
    assert.equal(r.status, 400);
  });
});

describe("demo tenant: policies, domains, logs and risk", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.tenant.close();
  });

  it("serves the TAP configuration with Graph's property names", async () => {
    const c = await h.client.api("/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass").get();
    assert.deepEqual(
      { type: c["@odata.type"], id: c.id, state: c.state, min: c.minimumLifetimeInMinutes, max: c.maximumLifetimeInMinutes, def: c.defaultLifetimeInMinutes, once: c.isUsableOnce, len: c.defaultLength, inc: c.includeTargets[0].id, exc: c.excludeTargets[0].id },
      { type: "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration", id: "TemporaryAccessPass", state: "enabled", min: 60, max: 480, def: 60, once: true, len: 8, inc: DEMO_GROUPS.tapUsers, exc: DEMO_GROUPS.tapExcluded },
    );
  });

  it("expands the method configurations inside the authentication methods policy", async () => {
    const p = await h.client.api("/policies/authenticationMethodsPolicy").get();
    const configs: { id: string }[] = p.authenticationMethodConfigurations;
    assert.deepEqual(configs.map((c) => c.id), ["TemporaryAccessPass", "Fido2", "MicrosoftAuthenticator"]);
  });

  it("excludes Kiosk Staff from FIDO2", async () => {
    const c = await h.client.api("/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2").get();
    assert.deepEqual([c["@odata.type"], c.includeTargets[0].id, c.excludeTargets[0].id], ["#microsoft.graph.fido2AuthenticationMethodConfiguration", "all_users", DEMO_GROUPS.kioskStaff]);
  });

  it("serves CA policies with their states", async () => {
    const r = await h.client.api("/identity/conditionalAccess/policies").get();
    assert.deepEqual(valueOf<{ state: string }>(r).map((p) => p.state), [
      "enabled", "enabled", "enabled", "enabledForReportingButNotEnforced", "disabled",
      "enabled", "enabled", "enabled", "enabled", "enabled", "enabled", "enabledForReportingButNotEnforced",
    ]);
  });

  it("serves named locations with Graph's subtypes", async () => {
    const r = await h.client.api("/identity/conditionalAccess/namedLocations").get();
    const items = valueOf<Record<string, unknown>>(r);
    assert.deepEqual(items.map((l) => l["@odata.type"]), ["#microsoft.graph.ipNamedLocation", "#microsoft.graph.countryNamedLocation"]);
    assert.equal(items[0].isTrusted, true);
    assert.deepEqual(items[1].countriesAndRegions, ["US", "CA", "GB", "DE", "FR"]);
  });

  it("expands the authentication strength inline in a CA policy's grant controls", async () => {
    const p = await h.client.api(`/identity/conditionalAccess/policies/${DEMO_CA_POLICIES.adminsPhishingResistant}`).get();
    assert.deepEqual(p.grantControls.authenticationStrength.allowedCombinations, ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"]);
  });

  it("targets CA policy (a) at Contractors with a block grant", async () => {
    const p = await h.client.api(`/identity/conditionalAccess/policies/${DEMO_CA_POLICIES.blockContractors}`).get();
    assert.deepEqual([p.conditions.users.includeGroups, p.grantControls.builtInControls], [[DEMO_GROUPS.contractors], ["block"]]);
  });

  it("lists the built-in strengths, only MFA accepting a pass", async () => {
    const r = await h.client.api("/policies/authenticationStrengthPolicies").get();
    const withTap = valueOf<{ id: string; allowedCombinations: string[] }>(r).filter((s) => s.allowedCombinations.includes("temporaryAccessPassOneTime")).map((s) => s.id);
    assert.deepEqual(withTap, ["00000000-0000-0000-0000-000000000002"]);
  });

  it("reports the federated domain's MFA behaviour", async () => {
    const r = await h.client.api(`/domains/${DEMO_DOMAINS.federated}/federationConfiguration`).get();
    assert.deepEqual([r.value[0]["@odata.type"], r.value[0].federatedIdpMfaBehavior], ["#microsoft.graph.internalDomainFederation", "enforceMfaByFederatedIdp"]);
  });

  it("answers an empty federation list for a managed domain", async () => {
    const r = await h.client.api(`/domains/${DEMO_DOMAINS.primary}/federationConfiguration`).get();
    assert.deepEqual(r.value, []);
  });

  it("lists a person's sign-ins newest first, filtered by user and time", async () => {
    const since = new Date(h.clock.now().getTime() - 60 * 60_000).toISOString();
    const r = await h.client.api("/auditLogs/signIns").filter(`userId eq '${person("dev").id}' and createdDateTime ge ${since}`).top(50).get();
    assert.deepEqual(valueOf<{ status: { errorCode: number } }>(r).map((s) => s.status.errorCode), [130501, 0]);
  });

  it("hides report-only CA results unless the caller asks for unknown enum members", async () => {
    const plain = await h.client.api("/auditLogs/signIns").filter(`userId eq '${person("kai").id}'`).get();
    const rich = await h.client.api("/auditLogs/signIns").header("Prefer", "include-unknown-enum-members").filter(`userId eq '${person("kai").id}'`).get();
    const result = (r: { value: { appliedConditionalAccessPolicies: { id: string; result: string }[] }[] }) =>
      r.value[0].appliedConditionalAccessPolicies.find((p) => p.id === DEMO_CA_POLICIES.reportOnlyLegacyAuth)?.result;
    assert.deepEqual([result(plain), result(rich)], ["unknownFutureValue", "reportOnlyNotApplied"]);
  });

  it("returns a risky user by id", async () => {
    const r = await h.client.api(`/identityProtection/riskyUsers/${person("jade").id}`).get();
    assert.deepEqual([r.riskLevel, r.riskState], ["high", "atRisk"]);
  });

  it("answers 404 for a user who was never risky", async () => {
    const r = await h.call(`/identityProtection/riskyUsers/${person("avery").id}`);
    assert.equal(r.status, 404);
  });

  it("lists only at-risk and compromised users tenant-wide", async () => {
    const r = await h.call("/identityProtection/riskyUsers?$filter=riskState eq 'atRisk' or riskState eq 'confirmedCompromised'&$select=id,userPrincipalName,riskLevel,riskState,riskDetail,riskLastUpdatedDateTime");
    assert.deepEqual(valueOf<{ id: string }>(r.body).map((u) => u.id), [person("jade").id]);
  });
});

describe("demo tenant: lifecycle", () => {
  it("refuses to listen on a non-loopback host", async () => {
    await assert.rejects(startDemoTenant({ host: "0.0.0.0" }), /non-loopback/);
  });

  it("records every top-level request with its path and query", async () => {
    const h = await startHarness();
    await h.call(`/users/${person("avery").id}?$select=id`);
    const log = h.tenant.controls.requests();
    await h.tenant.close();
    assert.deepEqual(log.map((r) => [r.method, r.path, r.at.toISOString()]), [["GET", `/users/${person("avery").id}?$select=id`, "2026-11-28T12:00:00.000Z"]]);
  });

  it("clears the request log on resetRequests", async () => {
    const h = await startHarness();
    await h.call("/domains");
    h.tenant.controls.resetRequests();
    const log = h.tenant.controls.requests();
    await h.tenant.close();
    assert.deepEqual(log, []);
  });

  it("restores the seed, faults, permissions and log on reset", async () => {
    const h = await startHarness();
    h.tenant.directory.taps.clear();
    h.tenant.controls.denyPermission("User.Read.All");
    h.tenant.controls.injectFault({ match: /^GET \/domains/, status: 503 });
    h.tenant.controls.setTapPolicyState("disabled");
    h.tenant.controls.reset();
    const user = await h.call(`/users/${person("avery").id}`);
    const domains = await h.call("/domains");
    const state = { taps: h.tenant.directory.taps.size > 0, policy: h.tenant.directory.tapPolicy.state, user: user.status, domains: domains.status, log: h.tenant.controls.requests().length };
    await h.tenant.close();
    assert.deepEqual(state, { taps: true, policy: "enabled", user: 200, domains: 200, log: 2 });
  });
});
