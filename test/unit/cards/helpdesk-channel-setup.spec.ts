import assert from "node:assert/strict";
import { renderChannelRemovedCard, renderChannelSetupCard, type ChannelSetupView } from "../../../src/cards/helpdesk-channel-setup";
import { HOSTILE_TEXT, markdownTextsOf, textsOf, typesOf } from "./card-helpers";
import { actionTypesOf, validateHelpdeskCard } from "./helpdesk-helpers";

const view = (overrides: Partial<ChannelSetupView> = {}): ChannelSetupView => ({
  channelName: "Helpdesk",
  setupBy: "Hana Admin",
  agentsGroupName: "Helpdesk Agents",
  adminsGroupName: "Helpdesk Admins",
  ...overrides,
});
const facts = (overrides: Partial<ChannelSetupView> = {}): unknown =>
  (renderChannelSetupCard(view(overrides)).body.find((e) => (e as { type?: string }).type === "FactSet") as { facts: unknown[] }).facts;

describe("renderChannelSetupCard", () => {
  for (const [name, v] of [
    ["both groups", view()],
    ["no groups", view({ agentsGroupName: undefined, adminsGroupName: undefined })],
  ] as const) {
    it(`is a valid Adaptive Card 1.4 (${name})`, () => {
      assert.deepEqual(validateHelpdeskCard(renderChannelSetupCard(v)), []);
    });
    it(`leaves no unexpanded binding (${name})`, () => {
      assert.equal(JSON.stringify(renderChannelSetupCard(v)).includes("${"), false);
    });
  }

  it("says which channel, who set it up, and which groups act", () => {
    assert.deepEqual(facts(), [
      { title: "Channel", value: "Helpdesk" },
      { title: "Set up by", value: "Hana Admin" },
      { title: "Agents", value: "members of Helpdesk Agents" },
      { title: "Helpdesk admins", value: "members of Helpdesk Admins" },
    ]);
  });

  it("warns when the agents group isn't configured", () => {
    assert.ok(textsOf(renderChannelSetupCard(view({ agentsGroupName: undefined }))).includes(
      "The helpdesk agents group isn't configured, so this role is empty until it is set in the app's configuration.",
    ));
  });

  it("says pass values never come to the channel", () => {
    assert.ok(textsOf(renderChannelSetupCard(view())).some((t) => t.includes("Pass values are never posted here")));
  });

  it("has no buttons", () => {
    assert.deepEqual(actionTypesOf(renderChannelSetupCard(view())), []);
  });

  it("can't be reshaped by hostile names", () => {
    const hostile = renderChannelSetupCard({ channelName: HOSTILE_TEXT, setupBy: HOSTILE_TEXT, agentsGroupName: HOSTILE_TEXT, adminsGroupName: HOSTILE_TEXT });
    assert.deepEqual(typesOf(hostile), typesOf(renderChannelSetupCard(view())));
  });

  it("escapes markdown in names", () => {
    const hostile = renderChannelSetupCard({ channelName: HOSTILE_TEXT, setupBy: HOSTILE_TEXT });
    assert.deepEqual(markdownTextsOf(hostile).filter((t) => /(?<!\\)[[\]*_]/.test(t)), []);
  });
});

describe("renderChannelRemovedCard", () => {
  it("is a valid Adaptive Card 1.4", () => {
    assert.deepEqual(validateHelpdeskCard(renderChannelRemovedCard({ channelName: "Helpdesk", removedBy: "Hana Admin" })), []);
  });

  it("says who disconnected which channel", () => {
    assert.equal(
      textsOf(renderChannelRemovedCard({ channelName: "Helpdesk", removedBy: "Hana Admin" }))[1],
      "Hana Admin disconnected Helpdesk. New tickets are no longer posted there.",
    );
  });

  it("says tickets stop without naming anyone when the app was removed", () => {
    assert.equal(textsOf(renderChannelRemovedCard({ channelName: "Helpdesk" }))[1], "New tickets are no longer posted to Helpdesk.");
  });

  it("leaves no template binding from hostile names", () => {
    assert.equal(JSON.stringify(renderChannelRemovedCard({ channelName: HOSTILE_TEXT, removedBy: HOSTILE_TEXT })).includes("${"), false);
  });
});
