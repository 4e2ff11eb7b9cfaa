// One classifier for anything thrown, one sentence per class, and the reference a person quotes for an unexplained failure.
import assert from "node:assert/strict";
import { HelpdeskError, classifyFailure, classifyStatus, failureFields, toSafeMessage, type ErrorCode, type FailureClass } from "../../src/errors";
import { toHelpdeskError } from "../../src/graph/degrade";
import { tapWriteError } from "../../src/graph/tap-writes";
import { withLogContext } from "../../src/log";

/** An error shaped like the Bot Connector's RestError. */
const restError = (statusCode: number): Error => Object.assign(new Error(`Connector answered ${statusCode}`), { name: "RestError", statusCode });
/** What fetch throws when nothing listens: a TypeError whose cause carries the system code. */
const refused = (): Error => new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:443"), { code: "ECONNREFUSED" }) });
const graphBody = (code: string, message = "") => ({ error: { code, message } });

describe("classifyFailure", () => {
  const table: [string, unknown, FailureClass][] = [
    ["USER_NOT_FOUND", new HelpdeskError("USER_NOT_FOUND", "404"), "not_found"],
    ["a delete answered 404 (code GRAPH_BAD_REQUEST)", tapWriteError("delete", { status: 404, body: graphBody("itemNotFound"), headers: {} }), "not_found"],
    ["Graph 404 on a read that can't degrade", toHelpdeskError("user", { status: 404, body: graphBody("Request_ResourceNotFound") }), "not_found"],
    ["GRAPH_THROTTLED", new HelpdeskError("GRAPH_THROTTLED", "429", { status: 429 }), "throttled"],
    ["Graph 429 on a read", toHelpdeskError("membership", { status: 429, body: graphBody("TooManyRequests") }), "throttled"],
    ["Graph 403 on a read", toHelpdeskError("membership", { status: 403, body: graphBody("Authorization_RequestDenied") }), "forbidden"],
    ["Graph 401 on a read", toHelpdeskError("user", { status: 401, body: graphBody("InvalidAuthenticationToken") }), "forbidden"],
    ["a license Graph says is missing", toHelpdeskError("risk", { status: 403, body: graphBody("Forbidden", "requires Microsoft Entra ID P2") }), "forbidden"],
    ["NOT_AUTHORIZED", new HelpdeskError("NOT_AUTHORIZED", "no"), "forbidden"],
    ["Graph 503 on a read", toHelpdeskError("user", { status: 503, body: graphBody("serviceNotAvailable") }), "transient"],
    ["Graph gave no answer (status 0)", toHelpdeskError("user", { status: 0, body: undefined }), "transient"],
    ["GRAPH_UNAVAILABLE", new HelpdeskError("GRAPH_UNAVAILABLE", "no answer"), "transient"],
    ["CONFLICT", new HelpdeskError("CONFLICT", "etag"), "conflict"],
    ["BAD_INPUT", new HelpdeskError("BAD_INPUT", "form"), "invalid"],
    ["a create Graph refused with 400", tapWriteError("create", { status: 400, body: graphBody("badRequest"), headers: {} }), "invalid"],
    ["Graph refused a read with 400 (our bug)", toHelpdeskError("user", { status: 400, body: graphBody("BadRequest") }), "unknown"],
    ["STORE_ERROR", new HelpdeskError("STORE_ERROR", "disk"), "unknown"],
    ["CONFIG_INVALID", new HelpdeskError("CONFIG_INVALID", "env"), "unknown"],
    ["Bot Connector 429", restError(429), "throttled"],
    ["Bot Connector 403", restError(403), "forbidden"],
    ["Bot Connector 404 (conversation gone)", restError(404), "not_found"],
    ["Bot Connector 502", restError(502), "transient"],
    ["Bot Connector 412", restError(412), "conflict"],
    ["graph-client's GraphError for no answer (statusCode -1)", Object.assign(new Error("fetch failed"), { name: "GraphError", statusCode: -1 }), "transient"],
    ["connection refused", refused(), "transient"],
    ["a reset socket", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "transient"],
    ["a timeout", new DOMException("The operation timed out.", "TimeoutError"), "transient"],
    ["an abort", new DOMException("This operation was aborted", "AbortError"), "transient"],
    ["a TypeError (a bug)", new TypeError("Cannot read properties of undefined (reading 'id')"), "unknown"],
    ["a thrown string", "boom", "unknown"],
    ["undefined", undefined, "unknown"],
  ];
  for (const [name, error, expected] of table) {
    it(`${name} → ${expected}`, () => assert.equal(classifyFailure(error), expected));
  }

  it("gives every error code a class that matches its own HTTP status", () => {
    const statusOf: Partial<Record<ErrorCode, number>> = { USER_NOT_FOUND: 404, GRAPH_FORBIDDEN: 403, GRAPH_THROTTLED: 429, GRAPH_UNAVAILABLE: 503, CONFLICT: 412 };
    for (const [code, status] of Object.entries(statusOf)) assert.equal(classifyFailure(new HelpdeskError(code as ErrorCode, "x")), classifyStatus(status), code);
  });
});

describe("classifyStatus", () => {
  const table: [number, FailureClass][] = [
    [-1, "transient"],
    [0, "transient"],
    [200, "unknown"],
    [399, "unknown"],
    [400, "invalid"],
    [401, "forbidden"],
    [403, "forbidden"],
    [404, "not_found"],
    [408, "transient"],
    [409, "conflict"],
    [410, "not_found"],
    [412, "conflict"],
    [422, "invalid"],
    [429, "throttled"],
    [499, "invalid"],
    [500, "transient"],
    [503, "transient"],
    [504, "transient"],
  ];
  for (const [status, expected] of table) {
    it(`${status} → ${expected}`, () => assert.equal(classifyStatus(status), expected));
  }
});

describe("toSafeMessage", () => {
  it("says a HelpdeskError's own sentence", () => {
    assert.equal(toSafeMessage(new HelpdeskError("GRAPH_THROTTLED", "429 from Graph", { status: 429 })), "The directory is busy right now. Please try again in a minute.");
    assert.match(toSafeMessage(toHelpdeskError("membership", { status: 429, body: undefined })), /throttling requests — ask again in a minute\.$/);
  });

  it("says the class's sentence for anything else, never its message", () => {
    assert.equal(toSafeMessage(restError(429)), "A service I depend on is busy right now. Please try again in a minute.");
    assert.equal(toSafeMessage(refused()), "I couldn't reach a service I depend on just now. Please try again in a minute.");
    assert.doesNotMatch(toSafeMessage(new Error("secret internals at /srv/app.js:12")), /internals|srv/);
  });

  it("adds the run's reference to an unexplained failure only", () => {
    const texts = withLogContext({ turnId: "t-1", ref: "4f2a9c1e" }, () => [new TypeError("x"), new HelpdeskError("STORE_ERROR", "disk"), restError(429), new HelpdeskError("USER_NOT_FOUND", "404")].map(toSafeMessage));
    assert.deepEqual(texts, [
      "Something went wrong on my side. Please try again in a moment. Error reference: 4f2a9c1e.",
      "I couldn't save our conversation. Please try again. Error reference: 4f2a9c1e.",
      "A service I depend on is busy right now. Please try again in a minute.",
      "I couldn't find that person in the directory.",
    ]);
  });

  it("adds no reference outside a turn or job run", () => {
    assert.equal(toSafeMessage(new TypeError("x")), "Something went wrong on my side. Please try again in a moment.");
  });
});

describe("failureFields", () => {
  it("logs a HelpdeskError's class, code, status and Graph request id", () => {
    const e = new HelpdeskError("GRAPH_THROTTLED", "Graph 429 reading membership", { status: 429, requestId: "req-1" });
    assert.deepEqual(failureFields(e), { failure: "throttled", code: "GRAPH_THROTTLED", status: 429, requestId: "req-1", reason: "Graph 429 reading membership" });
  });

  it("logs anything else by name, message and the cause's system code", () => {
    assert.deepEqual(failureFields(refused()), { failure: "transient", reason: "TypeError: fetch failed (ECONNREFUSED)" });
    assert.deepEqual(failureFields(42), { failure: "unknown", reason: "non-error thrown: number" });
  });
});
