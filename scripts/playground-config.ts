// The Agents Playground's mock-tenant config for one demo person: shared by `npm run playground:as` and the browser test.
import { DEMO_PEOPLE, DEMO_TENANT_ID } from "../src/demo/seed";

/**
 * A mock-tenant config with demo person `key` as the Playground's user (it always sends as that user), the same team
 * and channel as the repository's .m365agentsplayground.yml, and a 1:1 chat of their own — used by scripts/playground-as.mjs and the browser test.
 */
export function playgroundConfigAs(key: string): { yaml: string; personalChatId: string } {
  const person = (k: string) => {
    const p = DEMO_PEOPLE.find((x) => x.key === k);
    if (!p) throw new Error(`no demo person ${k}`);
    const [given, ...rest] = p.displayName.split(" ");
    return { id: `user-${p.key}`, name: p.displayName, userPrincipleName: p.userPrincipalName, aadObjectId: p.id, givenName: given, surname: rest.join(" ") || given, email: p.userPrincipalName };
  };
  const fields = (u: Record<string, string>, indent: string) => Object.entries(u).map(([k, v], i) => `${i === 0 ? `${indent}- ` : `${indent}  `}${k}: ${v}`);
  // The Playground wants exactly five users besides the current one.
  const others = ["ben", "avery", "tess", "wendy", "xavier", "uma", "chloe"].filter((k) => k !== key).slice(0, 5);
  const personalChatId = `personal-${key}`;
  const yaml = [
    'version: "0.1.1"',
    `tenantId: ${DEMO_TENANT_ID}`,
    "bot:",
    "  id: 28:tap-helpdesk",
    "  name: TAP Helpdesk",
    "currentUser:",
    ...Object.entries(person(key)).map(([k, v]) => `  ${k}: ${v}`),
    "users:",
    ...others.flatMap((k) => fields(person(k), "  ")),
    "personalChat:",
    `  id: ${personalChatId}`,
    "groupChat:",
    "  id: group-chat-id",
    "  name: Group Chat",
    "team:",
    "  id: team-id",
    "  name: Helpdesk",
    "  aadGroupId: 0d0f1c6e-2b8a-4a35-9a55-0c1d2e3f4a5b",
    "  channels:",
    "    - id: channel-helpdesk-escalations",
    "      name: Escalations",
    "",
  ].join("\n");
  return { yaml, personalChatId };
}
