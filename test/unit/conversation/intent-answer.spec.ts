import assert from "node:assert/strict";
import { parseAnswer } from "../../../src/conversation/intent";
import type { QuestionId } from "../../../src/triage/findings";

describe("parseAnswer", () => {
  describe("valid choices", () => {
    const cases: [QuestionId, unknown, object][] = [
      ["device", { answer: "windows:new_setup" }, { device: "windows", windowsJoin: "new_setup" }],
      ["device", { answer: "windows:entra_joined" }, { device: "windows", windowsJoin: "entra_joined" }],
      ["device", { answer: "windows:hybrid_joined" }, { device: "windows", windowsJoin: "hybrid_joined" }],
      ["device", { answer: "windows" }, { device: "windows" }],
      ["device", { answer: "mac" }, { device: "mac" }],
      ["device", { answer: "ios" }, { device: "ios" }],
      ["device", { answer: "android" }, { device: "android" }],
      ["device", { answer: "linux" }, { device: "linux" }],
      ["device", { answer: "other" }, { device: "other" }],
      ["device", { answer: " MAC " }, { device: "mac" }],
      ["browser", { answer: "edge" }, { browser: "edge" }],
      ["browser", { answer: "safari" }, { browser: "safari" }],
      ["browser", { answer: "app" }, { browser: "app" }],
      ["stage", { answer: "tap_prompt:missing" }, { stage: "tap_prompt" }],
      ["stage", { answer: "tap_prompt:rejected" }, { stage: "tap_prompt" }],
      ["stage", { answer: "after_tap" }, { stage: "after_tap" }],
      ["stage", { answer: "windows_logon" }, { stage: "windows_logon" }],
      ["stage", { answer: "register_method" }, { stage: "register_method" }],
      ["stage", { answer: "vpn" }, { stage: "vpn" }],
      ["device", "mac", { device: "mac" }],
      ["browser", { verb: "triage_answer", triageId: "t-1", question: "browser", answer: "chrome" }, { browser: "chrome" }],
    ];
    for (const [question, raw, expected] of cases) {
      it(`reads ${JSON.stringify(raw)} for ${question}`, () => {
        assert.deepEqual(parseAnswer(question, raw), expected);
      });
    }
  });

  describe("error text", () => {
    it("extracts codes and keeps the text", () => {
      assert.deepEqual(parseAnswer("error_text", { answer: "  AADSTS130504: Your Temporary Access Pass has expired.  " }), {
        errorText: "AADSTS130504: Your Temporary Access Pass has expired.",
        errorCodes: [130504],
      });
    });

    it("keeps text without codes", () => {
      assert.deepEqual(parseAnswer("error_text", { answer: "It said something went wrong" }), { errorText: "It said something went wrong" });
    });

    it("trims the text to 500 characters", () => {
      assert.equal(parseAnswer("error_text", { answer: "x".repeat(5000) })?.errorText?.length, 500);
    });

    it("finds a code in an oversized paste", () => {
      assert.deepEqual(parseAnswer("error_text", { answer: `${"y".repeat(600)} AADSTS53003 ${"z".repeat(1_000_000)}` })?.errorCodes, [53003]);
    });

    it("rejects empty text", () => {
      assert.equal(parseAnswer("error_text", { answer: "   " }), undefined);
    });
  });

  describe("garbage", () => {
    const garbage: [string, QuestionId, unknown][] = [
      ["undefined", "device", undefined],
      ["null", "device", null],
      ["a number", "device", 42],
      ["a number answer", "device", { answer: 42 }],
      ["a boolean", "browser", true],
      ["an array", "device", ["mac"]],
      ["an array answer", "device", { answer: ["mac"] }],
      ["a nested object answer", "device", { answer: { value: "mac" } }],
      ["no answer", "device", { verb: "triage_answer" }],
      ["an unknown value", "device", { answer: "toaster" }],
      ["a browser for the device question", "device", { answer: "safari" }],
      ["a join on a non-Windows device", "device", { answer: "mac:new_setup" }],
      ["an unknown join", "device", { answer: "windows:domain" }],
      ["three parts", "device", { answer: "windows:new_setup:x" }],
      ["an unknown stage", "stage", { answer: "tap_prompt:other" }],
      ["an oversized choice", "browser", { answer: "edge".repeat(100_000) }],
      ["a prototype key as value", "stage", { answer: "constructor" }],
      ["a __proto__ value", "stage", { answer: "__proto__" }],
      ["an inherited answer", "device", Object.create({ answer: "mac" }) as unknown],
      ["a __proto__ key", "device", JSON.parse('{"__proto__": {"answer": "mac"}}') as unknown],
      ["a class instance", "device", new (class { answer = "mac"; })()],
      ["a getter that throws", "device", Object.defineProperty({}, "answer", { get: () => { throw new Error("boom"); }, enumerable: true })],
      ["a non-string error text", "error_text", { answer: { text: "AADSTS50057" } }],
      ["an unknown question", "nonsense" as QuestionId, { answer: "mac" }],
    ];
    for (const [name, question, raw] of garbage) {
      it(`returns undefined for ${name}`, () => {
        assert.equal(parseAnswer(question, raw), undefined);
      });
    }

    it("doesn't pollute Object.prototype", () => {
      parseAnswer("device", JSON.parse('{"__proto__": {"polluted": true}, "answer": "mac"}') as unknown);
      assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    });
  });
});
