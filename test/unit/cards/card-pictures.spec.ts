// Every card template: rendered with sample data through its own render function, valid against the Adaptive Card
// schema version it declares, and drawn in docs/cards/ (npm run cards) so people can see it before installing.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../../support/playground";
import { CARD_SAMPLES, cardFingerprint } from "../../support/card-samples";
import { validateAgainstDeclaredVersion } from "../../support/adaptive-card-schema";

const TEMPLATES = join(REPO, "src", "cards", "templates");
const PICTURES = join(REPO, "docs", "cards");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const drawnFrom = (): Record<string, { fingerprint?: string }> =>
  existsSync(join(PICTURES, "cards.json")) ? (JSON.parse(readFileSync(join(PICTURES, "cards.json"), "utf8")) as Record<string, { fingerprint?: string }>) : {};
const templateNames = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

describe("card templates: schema and pictures", () => {
  it("has one sample per template, and no sample without a template", () => {
    assert.deepEqual(CARD_SAMPLES.map((s) => s.template).sort(), templateNames);
  });

  for (const name of templateNames) {
    describe(name, () => {
      it("declares the same schema version as its template, and its rendered card is valid against that version", () => {
        const template = JSON.parse(readFileSync(join(TEMPLATES, `${name}.json`), "utf8")) as { version?: string };
        const sample = CARD_SAMPLES.find((s) => s.template === name);
        assert.ok(sample, `no sample for ${name} in test/support/card-samples.ts`);
        const card = sample.card();
        assert.equal(card.version, template.version);
        assert.deepEqual(validateAgainstDeclaredVersion(card), []);
      });

      it(`has a picture: docs/cards/${name}.png (npm run cards draws it)`, () => {
        const file = join(PICTURES, `${name}.png`);
        assert.ok(existsSync(file), `docs/cards/${name}.png is missing: run npm run cards and commit the picture`);
        assert.deepEqual(readFileSync(file).subarray(0, 8), PNG_SIGNATURE, `docs/cards/${name}.png is not a PNG`);
      });

      it("its picture shows the card as it renders today (docs/cards/cards.json)", () => {
        const sample = CARD_SAMPLES.find((s) => s.template === name);
        assert.ok(sample);
        assert.equal(drawnFrom()[name]?.fingerprint, cardFingerprint(sample.card()), `docs/cards/${name}.png is out of date: run npm run cards and commit the pictures`);
      });
    });
  }

  it("the schema check reports an element newer than the declared version", () => {
    const card = { type: "AdaptiveCard", version: "1.2", body: [{ type: "TextBlock", text: "x" }], actions: [{ type: "Action.Execute", title: "Go", verb: "go" }] };
    assert.notDeepEqual(validateAgainstDeclaredVersion(card), []);
    assert.deepEqual(validateAgainstDeclaredVersion({ ...card, version: "1.4" }), []);
  });

  it("the schema check refuses a card without a known version", () => {
    assert.notDeepEqual(validateAgainstDeclaredVersion({ type: "AdaptiveCard", body: [] }), []);
    assert.notDeepEqual(validateAgainstDeclaredVersion({ type: "AdaptiveCard", version: "9.9", body: [] }), []);
  });
});
