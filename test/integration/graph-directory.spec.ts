import assert from "node:assert/strict";
import { isHelpdeskError } from "../../src/errors";
import { DEMO_CA_POLICIES, DEMO_DOMAINS, DEMO_GROUPS, DEMO_PEOPLE, DEMO_ROLES } from "../../src/demo/seed";
import type { RecordedRequest } from "../../src/demo/server";
import type { DirectoryFacts } from "../../src/triage/snapshot";
import { loggedStatuses, startGraphHarness, uncheckedFacts, type GraphHarness } from "../support/graph-harness";

const person = (key: string) => {
  const p = DEMO_PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`no cast member ${key}`);
  return p;
};
const value = <T>(check: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!check.ok) throw new Error(`unchecked: ${check.reason}`);
  return check.value;
};
const reasonOf = (check: { ok: boolean; reason?: string }): string => (check.ok ? "" : (check.reason ?? ""));

/** Resolves once `condition` holds, checking after each turn of the event loop (real I/O keeps going meanwhile). */
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise<void>((r) => setImmediate(r));
};

/** Every tenant-wide read, sorted, without query strings. */
const TENANT_WIDE_PATHS = [
  "/domains",
  `/domains/${DEMO_DOMAINS.federated}/federationConfiguration`,
  "/identity/conditionalAccess/namedLocations",
  "/identity/conditionalAccess/policies",
  "/identityProtection/riskyUsers",
  "/policies/authenticationMethodsPolicy",
  "/policies/authenticationStrengthPolicies",
];

const isPerUserBatch = (id: string) => (r: RecordedRequest) =>
  r.method === "POST" && r.path === "/$batch" && (r.subRequests ?? []).some((s) => s.url.startsWith(`/users/${id}?`));

describe("GraphDirectory against the demo tenant", function () {
  this.timeout(30_000);
  let h: GraphHarness;

  beforeEach(async () => {
    h = await startGraphHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  const read = (key: string): Promise<DirectoryFacts> => h.run(h.directory.readDirectoryFacts(person(key).id));

  describe("readDirectoryFacts maps the cast", () => {
    it("avery: profile, usable one-time pass, manager and TAP-group membership", async () => {
      const f = await read("avery");
      const tap = value(f.taps)[0];
      assert.deepEqual(
        [f.user.displayName, tap?.isUsable, tap?.isUsableOnce, value(f.manager)?.displayName, value(f.membership).groupIds.includes(DEMO_GROUPS.tapUsers)],
        ["Avery Healthy", true, true, "Wendy Manager", true],
      );
    });

    it("avery: every fact is checked", async () => {
      assert.deepEqual(uncheckedFacts(await read("avery")), []);
    });

    it("ben: the expired pass and the 130504 sign-in", async () => {
      const f = await read("ben");
      assert.deepEqual([value(f.taps)[0]?.usabilityReason, value(f.signIns)[0]?.errorCode], ["Expired", 130504]);
    });

    it("ivan: a disabled account", async () => {
      assert.equal((await read("ivan")).user.accountEnabled, false);
    });

    it("jade: high user risk from the risky-user list", async () => {
      const risk = value((await read("jade")).risk);
      assert.deepEqual([risk?.level, risk?.state], ["high", "atRisk"]);
    });

    it("avery: no risk entry means no risk", async () => {
      assert.equal(value((await read("avery")).risk), null);
    });

    it("nora: an invited external guest", async () => {
      const u = (await read("nora")).user;
      assert.deepEqual([u.userType, u.creationType, u.externalUserState], ["Guest", "Invitation", "Accepted"]);
    });

    it("omar: the federated domain enforces MFA at the IdP", async () => {
      assert.deepEqual(value((await read("omar")).federation), { domain: DEMO_DOMAINS.federated, federatedIdpMfaBehavior: "enforceMfaByFederatedIdp" });
    });

    it("avery: a managed domain has no federation", async () => {
      assert.equal(value((await read("avery")).federation), null);
    });

    it("kai: the CA block in the sign-in log", async () => {
      const s = value((await read("kai")).signIns)[0];
      assert.deepEqual([s?.errorCode, s?.appliedPolicies.find((p) => p.id === DEMO_CA_POLICIES.blockContractors)?.result], [53003, "failure"]);
    });

    it("milo: the admins' policy requires the phishing-resistant strength", async () => {
      const f = await read("milo");
      const policy = value(f.caPolicies).find((p) => p.id === DEMO_CA_POLICIES.adminsPhishingResistant);
      const strength = value(f.strengths).find((s) => s.id === policy?.grant?.authenticationStrengthId);
      assert.equal(strength?.allowedCombinations.some((c) => c.startsWith("temporaryAccessPass")), false);
    });

    it("tess: an Authentication Administrator role by template id", async () => {
      assert.deepEqual(value((await read("tess")).membership).roleTemplateIds, [DEMO_ROLES.authenticationAdministrator]);
    });

    it("victor: no manager is checked(null)", async () => {
      assert.deepEqual((await read("victor")).manager, { ok: true, value: null });
    });

    it("the TAP policy and the method policies", async () => {
      const f = await read("rosa");
      const p = value(f.tapPolicy);
      assert.deepEqual(
        [p.state, p.isUsableOnce, p.minimumLifetimeInMinutes, p.maximumLifetimeInMinutes, value(f.methodPolicies).map((m) => m.id)],
        ["enabled", true, 60, 480, ["Fido2", "MicrosoftAuthenticator"]],
      );
    });

    it("reads a person by UPN, sign-ins included", async () => {
      const f = await h.run(h.directory.readDirectoryFacts(person("kai").userPrincipalName));
      assert.deepEqual([f.user.id, value(f.signIns)[0]?.errorCode], [person("kai").id, 53003]);
    });

    it("throws USER_NOT_FOUND for an unknown person", async () => {
      await assert.rejects(h.run(h.directory.readDirectoryFacts("00000000-0000-0000-0000-0000000000ff")), (e) => isHelpdeskError(e) && e.code === "USER_NOT_FOUND");
    });
  });

  describe("request counting", () => {
    it("a cold read sends exactly one per-user $batch carrying all six per-user reads", async () => {
      const id = person("avery").id;
      await read("avery");
      const perUser = h.tenant.controls.requests().filter(isPerUserBatch(id));
      assert.deepEqual(
        perUser.map((r) => (r.subRequests ?? []).map((s) => s.url.split("?")[0]).sort()),
        [["/auditLogs/signIns", `/users/${id}`, `/users/${id}/authentication/methods`, `/users/${id}/authentication/temporaryAccessPassMethods`, `/users/${id}/manager`, `/users/${id}/transitiveMemberOf`]],
      );
    });

    it("a cold read also fetches the tenant-wide facts", async () => {
      await read("avery");
      const others = h.tenant.controls.requests().filter((r) => !isPerUserBatch(person("avery").id)(r));
      const paths = others.flatMap((r) => (r.subRequests ? r.subRequests.map((s) => s.url) : [r.path])).map((p) => p.split("?")[0]).sort();
      assert.deepEqual(paths, TENANT_WIDE_PATHS);
    });

    it("a second read within the TTL sends only the per-user $batch", async () => {
      await read("avery");
      h.tenant.controls.resetRequests();
      await read("ben");
      const requests = h.tenant.controls.requests();
      assert.deepEqual([requests.length, requests.filter(isPerUserBatch(person("ben").id)).length], [1, 1]);
    });

    it("re-reads only the risky-user list after its 60 s TTL", async () => {
      await read("avery");
      await h.clock.advance(60_000);
      h.tenant.controls.resetRequests();
      await read("avery");
      await h.run(h.directory.refreshTenantFacts());
      const others = h.tenant.controls.requests().filter((r) => !isPerUserBatch(person("avery").id)(r));
      assert.deepEqual(others.map((r) => r.path.split("?")[0]), ["/identityProtection/riskyUsers"]);
    });

    it("re-reads tenant-wide facts once the TTL has passed", async () => {
      await read("avery");
      await h.clock.advance(300_000);
      h.tenant.controls.resetRequests();
      await read("avery");
      await h.run(h.directory.refreshTenantFacts());
      assert.equal(h.tenant.controls.requests().length > 1, true);
    });
  });

  describe("one budget for Identity Protection and Conditional Access", () => {
    const budgeted = (r: RecordedRequest) => /^\/(identityProtection|identity\/conditionalAccess)\//.test(r.path);

    it("a cold read on a quiet tenant gets no 429 at all", async () => {
      await read("avery");
      assert.deepEqual(loggedStatuses(h.lines).filter((s) => s === 429), []);
    });

    it("a cold read sends each budgeted read on its own, never inside a $batch", async () => {
      await read("avery");
      const inBatches = h.tenant.controls.requests().flatMap((r) => r.subRequests ?? []).filter((s) => budgeted({ method: s.method, path: s.url, at: new Date(0) }));
      assert.deepEqual([inBatches, h.tenant.controls.requests().filter(budgeted).length], [[], 3]);
    });

    it("a cold read spaces the budgeted reads at least one second apart", async () => {
      await read("avery");
      const times = h.tenant.controls.requests().filter(budgeted).map((r) => r.at.getTime());
      assert.deepEqual(times.slice(1).map((t, i) => t - times[i] >= 1_000), [true, true]);
    });

    it("on a cold start the federation read goes out before the last budgeted read, adding no trip after them", async () => {
      await read("omar");
      const sent = h.tenant.controls.requests();
      const at = (p: (r: RecordedRequest) => boolean) => Math.max(...sent.filter(p).map((r) => r.at.getTime()));
      const federation = at((r) => (r.subRequests ?? []).some((x) => x.url.endsWith("/federationConfiguration")));
      assert.equal(federation < at(budgeted), true);
    });

    it("the federation settings of a known federated domain travel in the /domains $batch", async () => {
      await read("avery");
      await h.clock.advance(300_000);
      h.tenant.controls.resetRequests();
      await h.run(h.directory.refreshTenantFacts());
      const domainTrips = h.tenant.controls.requests().filter((r) => (r.subRequests ?? [{ method: r.method, url: r.path }]).some((s) => s.url.startsWith("/domains")));
      assert.deepEqual(domainTrips.map((r) => (r.subRequests ?? []).map((s) => s.url.split("?")[0]).filter((u) => u.startsWith("/domains")).sort()), [["/domains", `/domains/${DEMO_DOMAINS.federated}/federationConfiguration`]]);
    });
  });

  describe("stale-while-revalidate", () => {
    beforeEach(async () => {
      // One TTL for everything, so "after the TTL" means every tenant-wide value is stale but still usable.
      await h.close();
      h = await startGraphHarness({ riskyUsersTtlSeconds: 300 });
    });

    it("a diagnosis after the TTL expired is served without waiting for tenant-wide reads", async () => {
      await read("avery");
      await h.clock.advance(300_000);
      h.tenant.controls.resetRequests();
      // No clock driving: a diagnosis waiting for the refresh would hang on its second budget slot (1 s later).
      const f = await h.directory.readDirectoryFacts(person("milo").id);
      assert.deepEqual(uncheckedFacts(f), []);
      // The refresh it started goes on in the background; it reaches its wait for the next budget slot on its own
      // time (real I/O), so wait for that rather than assume it has happened by now.
      await until(() => h.clock.pending > 0);
    });

    it("the background refresh after TTL expiry reads every tenant-wide fact once", async () => {
      await read("avery");
      await h.clock.advance(300_000);
      h.tenant.controls.resetRequests();
      await h.directory.readDirectoryFacts(person("milo").id);
      await h.run(h.directory.refreshTenantFacts());
      const paths = h.tenant.controls.requests().flatMap((r) => r.subRequests ?? [{ method: r.method, url: r.path }]).map((x) => x.url.split("?")[0]);
      assert.deepEqual(paths.filter((p) => !p.startsWith("/users/") && p !== "/auditLogs/signIns").sort(), TENANT_WIDE_PATHS);
    });

    it("keeps serving the last good CA policies while their refresh fails transiently", async () => {
      await read("milo");
      await h.clock.advance(300_000);
      h.tenant.controls.injectFault({ match: /^GET \/identity\/conditionalAccess\/policies/, status: 503, times: Infinity });
      await h.run(h.directory.refreshTenantFacts());
      assert.equal((await read("milo")).caPolicies.ok, true);
    });

    it("says CA policies are unchecked once the last good value is older than its maximum staleness", async () => {
      await read("milo");
      h.tenant.controls.injectFault({ match: /^GET \/identity\/conditionalAccess\/policies/, status: 503, times: Infinity });
      await h.clock.advance(4 * 300_000);
      assert.match(reasonOf((await read("milo")).caPolicies), /Microsoft Graph had a problem \(HTTP 503\)/);
    });

    it("the background refresh warms the cache as soon as it starts", async () => {
      h.directory.startBackgroundRefresh();
      await h.run(until(() => h.tenant.controls.requests().some((r) => r.path.startsWith("/identity/conditionalAccess/namedLocations"))));
      h.directory.stopBackgroundRefresh();
      const paths = h.tenant.controls.requests().flatMap((r) => r.subRequests ?? [{ method: r.method, url: r.path }]).map((x) => x.url.split("?")[0]);
      assert.deepEqual(paths.filter((p) => p.startsWith("/users/")), []);
    });

    it("after the warm-up, the first diagnosis sends only its per-user $batch", async () => {
      h.directory.startBackgroundRefresh();
      await h.run(h.directory.refreshTenantFacts());
      h.tenant.controls.resetRequests();
      await h.directory.readDirectoryFacts(person("avery").id);
      h.directory.stopBackgroundRefresh();
      assert.deepEqual(h.tenant.controls.requests().map((r) => r.path), ["/$batch"]);
    });

    it("with the background refresh running, a diagnosis past the TTL sends only its per-user $batch", async () => {
      h.directory.startBackgroundRefresh();
      await h.run(h.directory.refreshTenantFacts());
      await h.clock.advance(250_000);
      await h.run(h.directory.refreshTenantFacts());
      await h.clock.advance(60_000);
      await h.run(h.directory.refreshTenantFacts());
      h.tenant.controls.resetRequests();
      await h.directory.readDirectoryFacts(person("avery").id);
      h.directory.stopBackgroundRefresh();
      assert.deepEqual(h.tenant.controls.requests().map((r) => r.path), ["/$batch"]);
    });
  });

  describe("throttling and degradation", () => {
    it("retries a sub-request answered 429 with Retry-After and then succeeds", async () => {
      const id = person("avery").id;
      h.tenant.controls.injectFault({ match: /^GET \/users\/[^/?]+\/authentication\/methods/, status: 429, times: 1, retryAfterSeconds: 2 });
      const started = h.clock.now().getTime();
      const f = await read("avery");
      const retry = h.tenant.controls.requests().find((r) => r.path === `/users/${id}/authentication/methods`);
      assert.deepEqual([f.methods.ok, (retry?.at.getTime() ?? 0) - started >= 2_000], [true, true]);
    });

    it("the logged statuses show the throttled answer (so a zero-429 count means something)", async () => {
      h.tenant.controls.injectFault({ match: /^GET \/users\/[^/?]+\/manager/, status: 429, times: 1, retryAfterSeconds: 1 });
      await read("avery");
      assert.equal(loggedStatuses(h.lines).includes(429), true);
    });

    it("denied AuditLog.Read.All: sign-ins unchecked, naming the permission", async () => {
      h.tenant.controls.denyPermission("AuditLog.Read.All");
      assert.match(reasonOf((await read("kai")).signIns), /needs AuditLog\.Read\.All/);
    });

    it("denied AuditLog.Read.All: everything else is still checked", async () => {
      h.tenant.controls.denyPermission("AuditLog.Read.All");
      assert.deepEqual(uncheckedFacts(await read("kai")), ["signIns"]);
    });

    it("no P1: sign-ins unchecked with the license and the permission named", async () => {
      h.tenant.controls.setLicenses({ p1: false, p2: true });
      assert.match(reasonOf((await read("kai")).signIns), /license.*needs AuditLog\.Read\.All and Entra ID P1/);
    });

    it("no P1: only sign-ins and Conditional Access are unchecked", async () => {
      h.tenant.controls.setLicenses({ p1: false, p2: true });
      assert.deepEqual(uncheckedFacts(await read("kai")), ["signIns", "caPolicies", "namedLocations"]);
    });

    it("no P2: the person's risk is unchecked, naming Entra ID P2", async () => {
      h.tenant.controls.setLicenses({ p1: true, p2: false });
      assert.match(reasonOf((await read("jade")).risk), /needs IdentityRiskyUser\.Read\.All and Entra ID P2/);
    });

    it("a missing group permission degrades membership only", async () => {
      h.tenant.controls.denyPermission("GroupMember.Read.All");
      assert.deepEqual(uncheckedFacts(await read("avery")), ["membership"]);
    });

    describe("50 people at once with budgets enforced", () => {
      let results: PromiseSettledResult<DirectoryFacts>[];

      beforeEach(async () => {
        h.tenant.controls.enforceBudgets(true);
        const ids = Array.from({ length: 50 }, (_, i) => DEMO_PEOPLE[i % DEMO_PEOPLE.length].id);
        results = await h.run(Promise.allSettled(ids.map((id) => h.directory.readDirectoryFacts(id))));
      });

      it("all resolve", () => {
        assert.deepEqual(results.filter((r) => r.status === "rejected"), []);
      });

      it("the demo tenant answered zero 429s", () => {
        const statuses = loggedStatuses(h.lines);
        assert.deepEqual([statuses.length > 50, statuses.filter((s) => s === 429).length], [true, 0]);
      });

      it("every one of them got sign-in data", () => {
        const facts = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
        assert.deepEqual(facts.filter((f) => !f.signIns.ok).map((f) => reasonOf(f.signIns)), []);
      });

      it("the sign-in log was read four times per person and once for everyone else", () => {
        const reads = h.tenant.controls.requests().flatMap((r) => r.subRequests ?? [{ method: r.method, url: r.path }]).filter((s) => s.url.startsWith("/auditLogs/signIns"));
        assert.deepEqual([reads.filter((r) => !r.url.includes(" or ")).length, reads.filter((r) => r.url.includes(" or ")).length], [4, 1]);
      });

      it("a shared read gives each person their own sign-ins", () => {
        const facts = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
        const firstCode = (key: string) => facts.filter((f) => f.user.id === person(key).id).map((f) => (f.signIns.ok ? f.signIns.value[0]?.errorCode : undefined));
        assert.deepEqual([new Set(firstCode("ben")), new Set(firstCode("kai"))], [new Set([130504]), new Set([53003])]);
      });

      it("the tenant-wide facts were read once for all of them", () => {
        const policyReads = h.tenant.controls.requests().flatMap((r) => r.subRequests ?? [{ method: r.method, url: r.path }]).filter((s) => s.url.startsWith("/policies/authenticationMethodsPolicy"));
        assert.equal(policyReads.length, 1);
      });
    });
  });

  describe("other reads", () => {
    it("findUsers finds by display-name prefix", async () => {
      const found = await h.run(h.directory.findUsers("Ben"));
      assert.deepEqual(found.map((u) => u.displayName), ["Ben Expired"]);
    });

    it("findUsers ranks an exact UPN match first", async () => {
      const upn = person("avery").userPrincipalName;
      assert.equal((await h.run(h.directory.findUsers(upn)))[0]?.userPrincipalName, upn);
    });

    it("findUsers survives a quote in the query", async () => {
      assert.deepEqual(await h.run(h.directory.findUsers("O'Brien")), []);
    });

    it("getMembership reads roles live", async () => {
      const m = await h.run(h.directory.getMembership(person("uma").id));
      assert.deepEqual(m.roleTemplateIds, [DEMO_ROLES.privilegedAuthenticationAdministrator]);
    });

    it("getManager returns null for someone without one", async () => {
      assert.equal(await h.run(h.directory.getManager(person("victor").id)), null);
    });

    it("getUser throws USER_NOT_FOUND for an unknown id", async () => {
      await assert.rejects(h.run(h.directory.getUser("nobody@northwind-demo.example")), (e) => isHelpdeskError(e) && e.code === "USER_NOT_FOUND");
    });

    it("getTapPolicy comes from the cache on the second call", async () => {
      await h.run(h.directory.getTapPolicy());
      h.tenant.controls.resetRequests();
      const policy = await h.run(h.directory.getTapPolicy());
      assert.deepEqual([value(policy).state, h.tenant.controls.requests().length], ["enabled", 0]);
    });

    it("logs each call at debug with method, path, status and request-id", async () => {
      await h.run(h.directory.getUser(person("avery").id));
      const entry = h.lines.map((l) => JSON.parse(l) as { graph?: Record<string, unknown> }).find((l) => l.graph?.method === "GET");
      assert.deepEqual(
        [entry?.graph?.path, entry?.graph?.status, typeof entry?.graph?.requestId],
        [`/v1.0/users/${person("avery").id}?$select`, 200, "string"],
      );
    });
  });
});
