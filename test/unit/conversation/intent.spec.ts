import assert from "node:assert/strict";
import { classifyMessage, type Intent } from "../../../src/conversation/intent";

type Kind = Intent["kind"];
const kindOf = (text: string): Kind => classifyMessage(text).kind;

describe("classifyMessage", () => {
  describe("a problem with the person's own pass", () => {
    const phrases: string[] = [
      "my pass doesn't work",
      "My pass doesn’t work",
      "TAP expired",
      "temporary access code rejected",
      "access pass sign in was blocked",
      "I can't sign in with my temporary access pass",
      "why can't my new colleague Ben sign in",
      "the TAP isn't accepted",
      "help, my TAP expired",
      "hi, my pass doesn't work",
      "thanks, but it's still blocked",
      "my TAP stopped working",
      "I need a new TAP",
      // typos
      "my temprary acess pas dosnt work",
      "tap not wokring",
      "my pass was rejcted",
      "TAP expird",
      // German
      "Mein Temporärer Zugriffspass funktioniert nicht",
      "TAP abgelaufen",
      "Anmeldung blockiert",
      "Ich kann mich nicht anmelden",
      "der Zugriffspass ist ungültig",
      // French
      "mon passe d'accès temporaire ne fonctionne pas",
      "code expiré",
      "connexion bloquée",
      "je ne peux pas me connecter",
      // pasted errors
      "AADSTS130504: Your Temporary Access Pass has expired.",
      "Sign-in failed with error 53003",
      // Teams markup
      "<p><at>TAP Helpdesk</at>&nbsp;my pass doesn&#39;t work</p>",
      // a check of oneself
      "check my pass",
      "check again",
      "vérifie ça",
    ];
    for (const text of phrases) {
      it(`understands ${JSON.stringify(text)}`, () => {
        assert.equal(kindOf(text), "tap_problem");
      });
    }
  });

  describe("error codes", () => {
    const cases: [string, number[]][] = [
      ["AADSTS130504: Your Temporary Access Pass has expired.", [130504]],
      ["aadsts50057 user disabled", [50057]],
      ["I get error 53003 when signing in", [53003]],
      ["it says code: 500121", [500121]],
      ["Fehlercode: 130507", [130507]],
      ["erreur 53000 à la connexion", [53000]],
      ["AADSTS53003 and then AADSTS53003 again, later AADSTS50076", [53003, 50076]],
      ["my pass doesn't work", []],
    ];
    for (const [text, codes] of cases) {
      it(`finds ${JSON.stringify(codes)} in ${JSON.stringify(text)}`, () => {
        const intent = classifyMessage(text);
        assert.deepEqual(intent.kind === "tap_problem" ? intent.errorCodes : intent, codes);
      });
    }
  });

  describe("hints", () => {
    const cases: [string, object][] = [
      ["my pass doesn't work on my Mac", { device: "mac" }],
      ["TAP rejected on my iPhone", { device: "ios" }],
      ["pass not working on Android", { device: "android" }],
      ["TAP fails on my Windows laptop", { device: "windows" }],
      ["TAP invalid on Linux", { device: "linux" }],
      ["pass rejected in Safari", { browser: "safari" }],
      ["TAP not working in Firefox", { browser: "firefox" }],
      ["TAP blocked in Chrome", { browser: "chrome" }],
      ["pass rejected in Edge", { browser: "edge" }],
      ["TAP doesn't work at the lock screen", { stage: "windows_logon" }],
      ["the login screen won't take my TAP", { stage: "windows_logon" }],
      ["my TAP fails when setting up Windows Hello", { device: "windows", stage: "windows_logon" }],
      ["my TAP fails when adding a passkey", { stage: "register_method" }],
      ["security key registration fails after the TAP", { stage: "register_method" }],
      ["TAP worked but authenticator setup fails", { stage: "register_method" }],
      ["VPN rejects my TAP", { stage: "vpn" }],
      ["TAP rejected during Autopilot", { device: "windows", windowsJoin: "new_setup" }],
      ["my pass doesn't work on my Mac in Safari", { device: "mac", browser: "safari" }],
      ["my pass doesn't work", {}],
    ];
    for (const [text, hints] of cases) {
      it(`reads ${JSON.stringify(hints)} from ${JSON.stringify(text)}`, () => {
        const intent = classifyMessage(text);
        assert.deepEqual(intent.kind === "tap_problem" ? intent.hints : intent, hints);
      });
    }
  });

  describe("someone else's pass", () => {
    const cases: [string, string][] = [
      ["check ben@northwind-demo.example", "ben@northwind-demo.example"],
      ["diagnose Ben Expired", "Ben Expired"],
      ["why can't ben.expired@northwind-demo.example sign in with his TAP", "ben.expired@northwind-demo.example"],
      ["please check Ben Expired's pass", "Ben Expired"],
      ["chek ben", "ben"],
      ["check user ben.expired@northwind-demo.example please", "ben.expired@northwind-demo.example"],
      ["check Ben Expired, his TAP doesn't work", "Ben Expired"],
      ["look up Adele Vance", "Adele Vance"],
      ["prüfe Ben Expired", "Ben Expired"],
      ["vérifier Ben Expired", "Ben Expired"],
      ["peux-tu vérifier l'utilisateur Ben Expired", "Ben Expired"],
      ["bitte prüfe den Benutzer ben@northwind-demo.example", "ben@northwind-demo.example"],
      ["TAP not working for Ben Expired on his Mac", "Ben Expired"],
      ["why can't Ben Expired sign in?", "Ben Expired"],
      ["<at>TAP Helpdesk</at> check ben@northwind-demo.example", "ben@northwind-demo.example"],
    ];
    for (const [text, subjectQuery] of cases) {
      it(`finds ${JSON.stringify(subjectQuery)} in ${JSON.stringify(text)}`, () => {
        const intent = classifyMessage(text);
        assert.deepEqual(intent.kind === "check_other" ? intent.subjectQuery : intent, subjectQuery);
      });
    }

    it("keeps error codes from a check request", () => {
      const intent = classifyMessage("check ben@northwind-demo.example, he gets AADSTS130504");
      assert.deepEqual(intent.kind === "check_other" ? intent.errorCodes : intent, [130504]);
    });

    it("keeps hints from a check request", () => {
      const intent = classifyMessage("TAP not working for Ben Expired on his Mac");
      assert.deepEqual(intent.kind === "check_other" ? intent.hints : intent, { device: "mac" });
    });

    it("doesn't cut an address out of a longer run of characters", () => {
      assert.equal(kindOf(`why can't ${"a".repeat(100)}@northwind-demo.example sign in`), "tap_problem");
    });

    it("caps the subject at 120 characters", () => {
      const intent = classifyMessage(`check ${"Ben".repeat(100)}`);
      assert.equal(intent.kind === "check_other" ? intent.subjectQuery.length : intent.kind, 120);
    });

    it("doesn't take a product for a person", () => {
      assert.equal(kindOf("my TAP doesn't work for Windows Hello"), "tap_problem");
    });
  });

  describe("other kinds", () => {
    const cases: [string, Kind][] = [
      ["help", "help"],
      ["?", "help"],
      ["Help!", "help"],
      ["hilfe", "help"],
      ["aide", "help"],
      ["what can you do?", "help"],
      ["what is a TAP?", "what_is_tap"],
      ["What's a temporary access pass", "what_is_tap"],
      ["was ist ein TAP", "what_is_tap"],
      ["qu'est-ce qu'un TAP", "what_is_tap"],
      ["hi", "greeting"],
      ["Hello there", "greeting"],
      ["guten Morgen", "greeting"],
      ["bonjour", "greeting"],
      ["thanks!", "thanks"],
      ["thank you, that fixed it", "thanks"],
      ["danke", "thanks"],
      ["merci", "thanks"],
      ["thanks for the help", "thanks"],
      ["start over", "reset"],
      ["cancel", "reset"],
      ["abbrechen", "reset"],
      ["recommencer", "reset"],
      ["what's the weather like", "unknown"],
      ["I can sign in now", "unknown"],
      ["good morning", "greeting"],
      ["👍", "unknown"],
      ["🎉🎉🎉", "unknown"],
      ["", "empty"],
      ["   \n\t ", "empty"],
      ["<p>&nbsp;</p>", "empty"],
      ["<at>TAP Helpdesk</at>", "empty"],
    ];
    for (const [text, kind] of cases) {
      it(`classifies ${JSON.stringify(text)} as ${kind}`, () => {
        assert.equal(kindOf(text), kind);
      });
    }
  });

  describe("robustness", () => {
    it("reads a long rambling message", () => {
      const ramble = `${"So this morning I got in early and grabbed a coffee and then sat down. ".repeat(20)}Then my pass doesn't work.`;
      assert.equal(kindOf(ramble), "tap_problem");
    });

    it("classifies a 1 MB message without throwing", () => {
      assert.equal(kindOf(`my pass doesn't work ${"lorem ipsum ".repeat(90_000)}`), "tap_problem");
    });

    it("reads only the first 4,000 characters", () => {
      assert.equal(kindOf(`${"x ".repeat(500_000)}my pass doesn't work`), "unknown");
    });

    it("copes with a megabyte of one repeated keyword", () => {
      assert.equal(kindOf("pass ".repeat(200_000)), "tap_problem");
    });

    it("copes with a megabyte of markup", () => {
      assert.equal(kindOf("<p><b>".repeat(150_000)), "empty");
    });

    it("treats a non-string as empty", () => {
      assert.equal(kindOf(undefined as unknown as string), "empty");
    });
  });
});
