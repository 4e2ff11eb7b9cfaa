import assert from "node:assert/strict";
import { renderNoticeCard } from "../../../src/cards/notice";
import { validateAdaptiveCard } from "../../support/adaptive-card-schema";
import { HOSTILE_TEXT, textsOf, typesOf } from "./card-helpers";

describe("renderNoticeCard", () => {
  for (const tone of ["info", "warning"] as const) {
    it(`is a valid Adaptive Card 1.4 (${tone})`, () => {
      assert.deepEqual(validateAdaptiveCard(renderNoticeCard({ title: "I couldn't check the directory", text: "Try again in a minute.", tone })), []);
    });
  }

  it("shows the title and the text", () => {
    assert.deepEqual(textsOf(renderNoticeCard({ title: "Couldn't check", text: "The directory is busy.", tone: "info" })), [
      "Couldn't check",
      "The directory is busy.",
    ]);
  });

  it("marks a warning", () => {
    const container = renderNoticeCard({ title: "t", text: "x", tone: "warning" }).body[0] as { style: string };
    assert.equal(container.style, "warning");
  });

  it("can't be reshaped by hostile text", () => {
    assert.deepEqual(
      typesOf(renderNoticeCard({ title: HOSTILE_TEXT, text: HOSTILE_TEXT, tone: "info" })),
      typesOf(renderNoticeCard({ title: "t", text: "x", tone: "info" })),
    );
  });

  it("leaves no template binding from hostile text", () => {
    assert.equal(JSON.stringify(renderNoticeCard({ title: HOSTILE_TEXT, text: HOSTILE_TEXT, tone: "info" })).includes("${"), false);
  });
});
