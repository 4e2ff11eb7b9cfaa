import assert from "node:assert/strict";
import {
  decideApprove,
  decideAssign,
  decideDelete,
  decideIssue,
  decideLimitApproval,
  isHelpdeskAgent,
  isAtRisk,
  isHelpdeskAdmin,
  type Decision,
} from "../../../src/helpdesk/domain/authorization";
import { ROLE } from "../../../src/helpdesk/domain/entra-roles";
import type { Approval, PersonFacts } from "../../../src/helpdesk/domain/model";
import {
  ADMINS,
  AGENTS,
  T0,
  authAdmin,
  globalAdmin,
  member,
  person,
  plainAgent,
  privAuthAdmin,
  secondAgent,
  stampOf,
  ticketFor,
  withRole,
} from "./fixtures";

const code = (d: Decision): string => (d.allowed ? "ALLOWED" : d.code);
const approvalBy = (p: PersonFacts): Approval => ({ kind: "second_agent", approvedBy: stampOf(p), approvedAt: T0.toISOString() });
// Role holders need a second approval; give them one from an uninvolved agent so these tables test the role matrix alone.
const approved = { agentsGroupId: AGENTS, approvals: [approvalBy(person("zoe", { groupIds: [AGENTS] }))] };

describe("isHelpdeskAgent / isHelpdeskAdmin", () => {
  it("an agents-group member is an agent", () => {
    assert.equal(isHelpdeskAgent(plainAgent, AGENTS), true);
  });

  it("someone outside the agents group is not an agent, whatever their role", () => {
    assert.equal(isHelpdeskAgent(person("x", { roleTemplateIds: [ROLE.globalAdministrator] }), AGENTS), false);
  });

  it("an admins-group member is a helpdesk admin", () => {
    assert.equal(isHelpdeskAdmin(person("x", { groupIds: [ADMINS] }), ADMINS), true);
  });

  it("a Privileged Authentication Administrator is a helpdesk admin", () => {
    assert.equal(isHelpdeskAdmin(person("x", { roleTemplateIds: [ROLE.privilegedAuthenticationAdministrator] }), ADMINS), true);
  });

  it("an Authentication Administrator alone is not a helpdesk admin", () => {
    assert.equal(isHelpdeskAdmin(authAdmin, ADMINS), false);
  });
});

describe("isAtRisk", () => {
  const table: [string, string | undefined, string | undefined, boolean][] = [
    ["no risk data", undefined, undefined, false],
    ["level high", "high", "atRisk", true],
    ["level high, state remediated (stale level still counts)", "high", "remediated", true],
    ["atRisk at medium", "medium", "atRisk", true],
    ["atRisk at low", "low", "atRisk", false],
    ["confirmedCompromised at any level", "low", "confirmedCompromised", true],
    ["medium but dismissed", "medium", "dismissed", false],
    ["none", "none", "none", false],
  ];
  for (const [name, riskLevel, riskState, expected] of table) {
    it(name, () => {
      assert.equal(isAtRisk(person("x", { riskLevel, riskState })), expected);
    });
  }
});

describe("decideIssue: the role matrix", () => {
  const table: [string, PersonFacts, PersonFacts, string][] = [
    ["Authentication Administrator → member: allowed", authAdmin, member, "ALLOWED"],
    ["Authentication Administrator → Password Administrator: allowed", authAdmin, withRole("pw", ROLE.passwordAdministrator), "ALLOWED"],
    ["Authentication Administrator → another Authentication Administrator: allowed", authAdmin, withRole("aa", ROLE.authenticationAdministrator), "ALLOWED"],
    ["Authentication Administrator → Directory Readers: allowed", authAdmin, withRole("dr", ROLE.directoryReaders), "ALLOWED"],
    ["Authentication Administrator → Helpdesk Administrator: denied", authAdmin, withRole("hd", ROLE.helpdeskAdministrator), "ROLE_TOO_LOW"],
    ["Authentication Administrator → Global Administrator: denied", authAdmin, withRole("ga", ROLE.globalAdministrator), "ROLE_TOO_LOW"],
    ["Authentication Administrator → a custom role: denied", authAdmin, withRole("cu", "11111111-2222-3333-4444-555555555555"), "ROLE_TOO_LOW"],
    ["Privileged Authentication Administrator → Global Administrator: allowed", privAuthAdmin, withRole("ga", ROLE.globalAdministrator), "ALLOWED"],
    ["Privileged Authentication Administrator → member: allowed", privAuthAdmin, member, "ALLOWED"],
    ["Global Administrator → Privileged Role Administrator: allowed", globalAdmin, withRole("pra", ROLE.privilegedRoleAdministrator), "ALLOWED"],
    ["Global Administrator → another Global Administrator: allowed", globalAdmin, withRole("ga", ROLE.globalAdministrator), "ALLOWED"],
    ["an agent without an issuer role → member: denied", plainAgent, member, "NO_ISSUER_ROLE"],
    ["Helpdesk Administrator (no issuer role) → member: denied", { ...plainAgent, roleTemplateIds: [ROLE.helpdeskAdministrator] }, member, "NO_ISSUER_ROLE"],
  ];
  for (const [name, actor, subject, expected] of table) {
    it(name, () => {
      assert.equal(code(decideIssue(actor, subject, approved)), expected);
    });
  }

  it("names the role that blocks an Authentication Administrator and the role needed", () => {
    const d = decideIssue(authAdmin, withRole("hd", ROLE.helpdeskAdministrator), approved);
    assert.deepEqual(d.allowed ? undefined : [/Helpdesk Administrator/.test(d.reason), d.neededRole], [true, "Privileged Authentication Administrator"]);
  });

  it("compares role ids case-insensitively", () => {
    assert.equal(code(decideIssue(authAdmin, withRole("pw", ROLE.passwordAdministrator.toUpperCase()), approved)), "ALLOWED");
  });
});

describe("decideIssue: who and whom", () => {
  it("a non-agent is refused even with the right role", () => {
    assert.equal(code(decideIssue({ ...privAuthAdmin, groupIds: [] }, member, approved)), "NOT_AGENT");
  });

  it("nobody issues for themselves, not even a Global Administrator", () => {
    assert.equal(code(decideIssue(globalAdmin, globalAdmin, approved)), "SELF");
  });

  const refusedToSecurity: [string, PersonFacts, string][] = [
    ["a disabled account", person("d", { accountEnabled: false }), "SUBJECT_DISABLED"],
    ["a high-risk user", person("r", { riskLevel: "high", riskState: "atRisk" }), "SUBJECT_AT_RISK"],
    ["an external guest", person("g", { isExternalGuest: true }), "SUBJECT_EXTERNAL_GUEST"],
  ];
  for (const [name, subject, expected] of refusedToSecurity) {
    it(`${name} is refused and routed to security`, () => {
      const d = decideIssue(privAuthAdmin, subject, approved);
      assert.deepEqual(d.allowed ? d : [d.code, d.routeToSecurity], [expected, true]);
    });
  }

  it("a disabled account wins over a role the issuer lacks (security reason first)", () => {
    assert.equal(code(decideIssue(authAdmin, person("d", { accountEnabled: false, roleTemplateIds: [ROLE.globalAdministrator] }), approved)), "SUBJECT_DISABLED");
  });

  it("not being an agent wins over self", () => {
    const outsider = person("x", { roleTemplateIds: [ROLE.globalAdministrator] });
    assert.equal(code(decideIssue(outsider, outsider, approved)), "NOT_AGENT");
  });

  it("a missing issuer role wins over the four-eyes rule", () => {
    assert.equal(code(decideIssue(plainAgent, withRole("pw", ROLE.passwordAdministrator), { agentsGroupId: AGENTS, approvals: [] })), "NO_ISSUER_ROLE");
  });
});

describe("decideIssue: the clicker's own account at risk", () => {
  const risky = (p: PersonFacts, riskLevel: string, riskState: string): PersonFacts => ({ ...p, riskLevel, riskState });

  it("an agent flagged high risk can't issue", () => {
    assert.equal(code(decideIssue(risky(privAuthAdmin, "high", "atRisk"), member, approved)), "ACTOR_AT_RISK");
  });

  it("an agent at risk at medium can't issue", () => {
    assert.equal(code(decideIssue(risky(privAuthAdmin, "medium", "atRisk"), member, approved)), "ACTOR_AT_RISK");
  });

  it("an agent confirmed compromised can't issue, whatever the level", () => {
    assert.equal(code(decideIssue(risky(privAuthAdmin, "low", "confirmedCompromised"), member, approved)), "ACTOR_AT_RISK");
  });

  it("an agent at risk at low may issue (below the at-risk line)", () => {
    assert.equal(code(decideIssue(risky(privAuthAdmin, "low", "atRisk"), member, approved)), "ALLOWED");
  });

  it("an agent whose risk was dismissed may issue", () => {
    assert.equal(code(decideIssue(risky(privAuthAdmin, "medium", "dismissed"), member, approved)), "ALLOWED");
  });

  it("says so in plain words, points to another agent, and doesn't route the ticket to security", () => {
    const d = decideIssue(risky(privAuthAdmin, "high", "atRisk"), member, approved);
    assert.deepEqual(d.allowed ? d : [/your own account/i.test(d.reason), /ask another agent/.test(d.reason), d.routeToSecurity], [true, true, undefined]);
  });

  it("not being an agent still wins (the agent check comes first)", () => {
    assert.equal(code(decideIssue(risky({ ...privAuthAdmin, groupIds: [] }, "high", "atRisk"), member, approved)), "NOT_AGENT");
  });

  it("comes before self, the subject's state and the role matrix", () => {
    const actor = risky(authAdmin, "high", "atRisk");
    assert.deepEqual(
      [
        code(decideIssue(actor, actor, approved)),
        code(decideIssue(actor, person("d", { accountEnabled: false }), approved)),
        code(decideIssue(actor, withRole("ga", ROLE.globalAdministrator), approved)),
      ],
      ["ACTOR_AT_RISK", "ACTOR_AT_RISK", "ACTOR_AT_RISK"],
    );
  });
});

describe("decideIssue: four eyes for role holders", () => {
  const admin = withRole("hd", ROLE.helpdeskAdministrator);
  const ctx = (approvals: Approval[]) => ({ agentsGroupId: AGENTS, approvals });

  it("a role holder without approval needs a second agent", () => {
    assert.equal(code(decideIssue(privAuthAdmin, admin, ctx([]))), "NEEDS_SECOND_APPROVAL");
  });

  it("an approval by the issuing agent themselves doesn't count", () => {
    assert.equal(code(decideIssue(privAuthAdmin, admin, ctx([approvalBy(privAuthAdmin)]))), "NEEDS_SECOND_APPROVAL");
  });

  it("an approval by the subject doesn't count", () => {
    assert.equal(code(decideIssue(privAuthAdmin, admin, ctx([approvalBy(admin)]))), "NEEDS_SECOND_APPROVAL");
  });

  it("an approval by another agent allows it", () => {
    assert.equal(code(decideIssue(privAuthAdmin, admin, ctx([approvalBy(secondAgent)]))), "ALLOWED");
  });

  it("a helpdesk-admin limit approval is not a second-agent approval", () => {
    const limit: Approval = { kind: "helpdesk_admin_limit", approvedBy: stampOf(secondAgent), approvedAt: T0.toISOString() };
    assert.equal(code(decideIssue(privAuthAdmin, admin, ctx([limit]))), "NEEDS_SECOND_APPROVAL");
  });

  it("even a low role (Password Administrator) needs the second approval", () => {
    assert.equal(code(decideIssue(authAdmin, withRole("pw", ROLE.passwordAdministrator), ctx([]))), "NEEDS_SECOND_APPROVAL");
  });

  it("a member without roles needs no approval", () => {
    assert.equal(code(decideIssue(authAdmin, member, ctx([]))), "ALLOWED");
  });
});

describe("decideDelete", () => {
  const ctx = { agentsGroupId: AGENTS };
  const table: [string, PersonFacts, PersonFacts, string][] = [
    ["Authentication Administrator → member", authAdmin, member, "ALLOWED"],
    ["Authentication Administrator → Global Administrator", authAdmin, withRole("ga", ROLE.globalAdministrator), "ROLE_TOO_LOW"],
    ["Privileged Authentication Administrator → Global Administrator, no approval needed", privAuthAdmin, withRole("ga", ROLE.globalAdministrator), "ALLOWED"],
    ["a disabled subject: removing a pass is always safe", authAdmin, person("d", { accountEnabled: false }), "ALLOWED"],
    ["a high-risk subject: removing a pass is always safe", authAdmin, person("r", { riskLevel: "high" }), "ALLOWED"],
    ["self", authAdmin, authAdmin, "SELF"],
    ["a non-agent", { ...authAdmin, groupIds: [] }, member, "NOT_AGENT"],
    ["an agent without an issuer role", plainAgent, member, "NO_ISSUER_ROLE"],
  ];
  for (const [name, actor, subject, expected] of table) {
    it(name, () => {
      assert.equal(code(decideDelete(actor, subject, ctx)), expected);
    });
  }
});

describe("decideApprove", () => {
  const ctx = { agentsGroupId: AGENTS };
  const admin = withRole("hd", ROLE.helpdeskAdministrator);
  const ticket = ticketFor(stampOf(admin), { status: "assigned", assignee: stampOf(privAuthAdmin) });

  it("another Privileged Authentication Administrator may approve", () => {
    assert.equal(code(decideApprove(agentWith("pete", ROLE.privilegedAuthenticationAdministrator), admin, ticket, ctx)), "ALLOWED");
  });

  it("the assignee may not approve their own issuance", () => {
    assert.equal(code(decideApprove(privAuthAdmin, admin, ticket, ctx)), "SAME_AGENT");
  });

  it("an Authentication Administrator may not approve for an admin they couldn't issue to", () => {
    assert.equal(code(decideApprove(secondAgent, admin, ticket, ctx)), "ROLE_TOO_LOW");
  });

  it("the subject may not approve", () => {
    assert.equal(code(decideApprove({ ...admin, groupIds: [AGENTS] }, admin, ticket, ctx)), "SELF");
  });

  it("a non-agent may not approve", () => {
    assert.equal(code(decideApprove(person("x", { roleTemplateIds: [ROLE.globalAdministrator] }), admin, ticket, ctx)), "NOT_AGENT");
  });

  it("an approver whose own account is at risk may not approve", () => {
    const pete = { ...agentWith("pete", ROLE.privilegedAuthenticationAdministrator), riskLevel: "high" };
    assert.equal(code(decideApprove(pete, admin, ticket, ctx)), "ACTOR_AT_RISK");
  });

  it("an approver at risk is refused before the same-agent and role checks", () => {
    assert.deepEqual(
      [code(decideApprove({ ...privAuthAdmin, riskLevel: "high" }, admin, ticket, ctx)), code(decideApprove({ ...secondAgent, riskLevel: "high" }, admin, ticket, ctx))],
      ["ACTOR_AT_RISK", "ACTOR_AT_RISK"],
    );
  });

  it("a non-agent at risk is refused as a non-agent", () => {
    assert.equal(code(decideApprove(person("x", { riskLevel: "high" }), admin, ticket, ctx)), "NOT_AGENT");
  });

  it("the agent who issued an earlier pass on the ticket may not approve", () => {
    const issuer = agentWith("ivy", ROLE.globalAdministrator);
    const t = { ...ticket, pass: { ...passOf(issuer) } };
    assert.equal(code(decideApprove(issuer, admin, t, ctx)), "SAME_AGENT");
  });
});

describe("decideLimitApproval", () => {
  it("a helpdesk admin may lift a limit", () => {
    assert.equal(code(decideLimitApproval(person("h", { groupIds: [ADMINS] }), { adminsGroupId: ADMINS })), "ALLOWED");
  });

  it("an agent who isn't a helpdesk admin may not", () => {
    assert.equal(code(decideLimitApproval(authAdmin, { adminsGroupId: ADMINS })), "NOT_HELPDESK_ADMIN");
  });

  it("a helpdesk admin whose own account is at risk may not", () => {
    const d = decideLimitApproval(person("h", { groupIds: [ADMINS], riskState: "confirmedCompromised" }), { adminsGroupId: ADMINS });
    assert.deepEqual(d.allowed ? d : [d.code, /ask another helpdesk admin/.test(d.reason)], ["ACTOR_AT_RISK", true]);
  });

  it("a non-admin at risk is refused as a non-admin", () => {
    assert.equal(code(decideLimitApproval({ ...authAdmin, riskLevel: "high" }, { adminsGroupId: ADMINS })), "NOT_HELPDESK_ADMIN");
  });

  it("an at-risk admin lifting their own limit is refused for the risk first", () => {
    assert.equal(code(decideLimitApproval(person("h", { groupIds: [ADMINS], riskLevel: "high" }), { adminsGroupId: ADMINS, agentId: "h" })), "ACTOR_AT_RISK");
  });

  it("a helpdesk admin may not lift their own limit", () => {
    assert.equal(code(decideLimitApproval(person("h", { groupIds: [ADMINS] }), { adminsGroupId: ADMINS, agentId: "h" })), "SAME_AGENT");
  });
});

describe("decideAssign", () => {
  const ctx = { agentsGroupId: AGENTS };

  it("any agent may take a ticket, even without an issuer role", () => {
    assert.equal(code(decideAssign(plainAgent, ticketFor(), ctx)), "ALLOWED");
  });

  it("a non-agent may not", () => {
    assert.equal(code(decideAssign(member, ticketFor(stampOf(person("other"))), ctx)), "NOT_AGENT");
  });

  it("an agent may not take the ticket about themselves", () => {
    assert.equal(code(decideAssign(plainAgent, ticketFor(stampOf(plainAgent)), ctx)), "SELF");
  });
});

function agentWith(id: string, role: string): PersonFacts {
  return person(id, { groupIds: [AGENTS], roleTemplateIds: [role] });
}

function passOf(issuer: PersonFacts) {
  const s = stampOf(issuer);
  return { tapId: "t", issuedBy: s, issuedAt: T0.toISOString(), startsAt: T0.toISOString(), lifetimeInMinutes: 60, isUsableOnce: true, validUntil: T0.toISOString(), deliveredTo: s };
}
