// How a failed Bot Connector call is read, per Teams' documented status codes: dead, retry (with Retry-After), refused.
import assert from "node:assert/strict";
import { classifyDeliveryError, parseRetryAfter } from "../../../src/teams/delivery-errors";

const NOW = new Date("2026-11-28T12:00:00Z");

/** The shape botbuilder 4.23 throws (a core-rest-pipeline RestError with the parsed error body in `details`). */
function restError(statusCode: number, code?: string, retryAfter?: string): unknown {
  return {
    name: "RestError",
    statusCode,
    code,
    details: code ? { error: { code, message: "…" } } : undefined,
    response: { headers: { get: (h: string) => (h.toLowerCase() === "retry-after" ? retryAfter : undefined) } },
  };
}

describe("teams: classifyDeliveryError", () => {
  const cases: { name: string; err: unknown; status: string; reason?: RegExp; afterMs?: number }[] = [
    { name: "403 BotNotInConversationRoster → dead", err: restError(403, "BotNotInConversationRoster"), status: "dead", reason: /^403 BotNotInConversationRoster: the bot is not part/ },
    { name: "403 ConversationBlockedByUser → dead", err: restError(403, "ConversationBlockedByUser"), status: "dead", reason: /blocked the bot/ },
    { name: "403 BotDisabledByAdmin → dead", err: restError(403, "BotDisabledByAdmin"), status: "dead", reason: /admin disabled/ },
    { name: "403 ForbiddenOperationException → dead", err: restError(403, "ForbiddenOperationException"), status: "dead", reason: /personal scope/ },
    { name: "404 ConversationNotFound → dead", err: restError(404, "ConversationNotFound"), status: "dead", reason: /no longer exists/ },
    { name: "429 with Retry-After seconds → retry after that", err: restError(429, "Throttled", "3"), status: "retry", afterMs: 3_000 },
    { name: "429 with an HTTP-date Retry-After → retry at that time", err: restError(429, "Throttled", "Sat, 28 Nov 2026 12:00:05 GMT"), status: "retry", afterMs: 5_000 },
    { name: "429 without Retry-After → retry with backoff", err: restError(429, "Throttled"), status: "retry", afterMs: undefined },
    { name: "412 PreconditionFailed → retry", err: restError(412, "PreconditionFailed"), status: "retry" },
    { name: "502 → retry", err: restError(502, "ServiceError"), status: "retry" },
    { name: "503 (no body) → retry", err: restError(503), status: "retry", reason: /^503: passing failure/ },
    { name: "504 → retry", err: restError(504), status: "retry" },
    { name: "500 ServiceError → refused (docs: don't retry)", err: restError(500, "ServiceError"), status: "rejected", reason: /not to retry a 500/ },
    { name: "400 BadArgument → refused", err: restError(400, "BadArgument"), status: "rejected" },
    { name: "401 BotNotRegistered → refused, the conversation stays alive", err: restError(401, "BotNotRegistered"), status: "rejected", reason: /registration/ },
    { name: "413 MessageSizeTooBig → refused", err: restError(413, "MessageSizeTooBig"), status: "rejected", reason: /too large/ },
    { name: "404 ActivityNotFoundInConversation → refused (an update falls back to a post)", err: restError(404, "ActivityNotFoundInConversation"), status: "rejected" },
    { name: "403 with an unknown code → refused, not dead", err: restError(403, "NotEnoughPermissions"), status: "rejected", reason: /^403 NotEnoughPermissions: refused$/ },
    { name: "a 4xx nobody documents → refused", err: restError(418), status: "rejected", reason: /^418: refused$/ },
    { name: "connection refused → retry", err: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), status: "retry", reason: /network: ECONNREFUSED/ },
    { name: "core-rest-pipeline send error → retry", err: { name: "RestError", code: "REQUEST_SEND_ERROR" }, status: "retry" },
    { name: "a timeout → retry", err: Object.assign(new Error("timed out"), { name: "AbortError" }), status: "retry" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = classifyDeliveryError(c.err, NOW);
      assert.equal(result?.status, c.status);
      if (c.reason) assert.match(result?.reason ?? "", c.reason);
      if ("afterMs" in c) assert.equal(result?.status === "retry" ? result.afterMs : "n/a", c.afterMs);
    });
  }

  it("is not a platform answer: a programming error is left to throw", () => {
    assert.equal(classifyDeliveryError(new TypeError("x is undefined"), NOW), undefined);
    assert.equal(classifyDeliveryError("boom", NOW), undefined);
  });

  it("keeps the platform's code and status for the caller", () => {
    assert.deepEqual(classifyDeliveryError(restError(404, "ActivityNotFoundInConversation"), NOW), {
      status: "rejected",
      reason: "404 ActivityNotFoundInConversation: the message to update no longer exists",
      httpStatus: 404,
      code: "ActivityNotFoundInConversation",
    });
  });
});

describe("teams: parseRetryAfter", () => {
  const cases: [string | undefined, number | undefined][] = [
    ["0", 0],
    ["120", 120_000],
    ["Sat, 28 Nov 2026 12:01:00 GMT", 60_000],
    ["Sat, 28 Nov 2026 11:59:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    [undefined, undefined],
  ];
  for (const [value, expected] of cases) it(`${JSON.stringify(value)} → ${String(expected)}`, () => assert.equal(parseRetryAfter(value, NOW), expected));
});
