import assert from "node:assert/strict";
import { createTapBody, explainRefusal, tapWriteError } from "../../../src/graph/tap-writes";

const answer = (status: number, message: string, code = "badRequest") => ({ status, headers: {}, requestId: "req-9", body: { error: { code, message } } });

describe("tap writes", () => {
  describe("explainRefusal", () => {
    const cases: [string, RegExp][] = [
      ["Invalid LifetimeInMinutes specified. The valid range between 60 and 480.", /between 60 and 480 minutes/],
      ["Temporary Access Pass cannot be added to an external guest user.", /external guest/],
      ["Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].", /isn't covered by the tenant's Temporary Access Pass policy/],
      ["The Temporary Access Pass policy only allows one-time passes; isUsableOnce must be true.", /only one-time passes/],
      ["Admins cannot create a Temporary Access Pass for themselves.", /your own account/],
    ];
    for (const [message, expected] of cases) {
      it(`explains "${message.slice(0, 50)}…"`, () => {
        assert.match(explainRefusal(message) ?? "", expected);
      });
    }

    it("says nothing about a message it does not know", () => {
      assert.equal(explainRefusal("Something else entirely."), undefined);
    });

    it("explains a lifetime error without a range", () => {
      assert.equal(explainRefusal("Invalid LifetimeInMinutes specified."), "That lifetime is outside what the tenant's pass policy allows.");
    });
  });

  describe("tapWriteError", () => {
    it("maps a recognised 400 to GRAPH_BAD_REQUEST with plain words", () => {
      const e = tapWriteError("create", answer(400, "Temporary Access Pass cannot be added to an external guest user."));
      assert.deepEqual([e.code, /external guest/.test(e.safeMessage)], ["GRAPH_BAD_REQUEST", true]);
    });

    it("maps a 403 to GRAPH_FORBIDDEN naming UserAuthMethod-TAP.ReadWrite.All", () => {
      const e = tapWriteError("create", answer(403, "Insufficient privileges to complete the operation.", "Authorization_RequestDenied"));
      assert.deepEqual([e.code, e.safeMessage], ["GRAPH_FORBIDDEN", "I can't create passes: the bot's app registration lacks UserAuthMethod-TAP.ReadWrite.All."]);
    });

    it("maps a 404 on delete to a plain 'already gone'", () => {
      assert.match(tapWriteError("delete", answer(404, "not found", "itemNotFound")).safeMessage, /no longer exists/);
    });

    it("keeps the request-id", () => {
      assert.equal(tapWriteError("create", answer(400, "x")).requestId, "req-9");
    });

    it("maps an unknown 400 to a generic refusal", () => {
      assert.equal(tapWriteError("create", answer(400, "Odd.")).safeMessage, "The directory refused to create the pass.");
    });
  });

  describe("createTapBody", () => {
    it("sends only the fields that were set", () => {
      assert.deepEqual(createTapBody({ lifetimeInMinutes: 60 }), { lifetimeInMinutes: 60 });
    });

    it("sends the start time as ISO 8601 and the one-time flag", () => {
      assert.deepEqual(createTapBody({ startDateTime: new Date("2026-12-01T09:00:00Z"), isUsableOnce: true }), { startDateTime: "2026-12-01T09:00:00.000Z", isUsableOnce: true });
    });
  });
});
