import assert from "node:assert/strict";
import { odataDateTime, odataString, pathForLog, queryString, relativeFromNextLink, segment } from "../../../src/graph/odata";

describe("odata", () => {
  it("doubles single quotes in string literals", () => {
    assert.equal(odataString("O'Brien"), "'O''Brien'");
  });

  it("cannot be broken out of by a crafted name", () => {
    assert.equal(odataString("x' or userType eq 'Member"), "'x'' or userType eq ''Member'");
  });

  it("percent-encodes query values so & and # stay inside them", () => {
    assert.equal(queryString({ $filter: "mail eq 'a&b#c'", $top: 5 }), "?$filter=mail%20eq%20'a%26b%23c'&$top=5");
  });

  it("leaves out undefined query values", () => {
    assert.equal(queryString({ $select: undefined }), "");
  });

  it("encodes a guest UPN as one path segment", () => {
    assert.equal(segment("nora_fabrikam.example#EXT#@northwind-demo.example"), "nora_fabrikam.example%23EXT%23%40northwind-demo.example");
  });

  it("writes DateTimeOffset literals in whole seconds", () => {
    assert.equal(odataDateTime(new Date("2026-11-27T12:00:00.123Z")), "2026-11-27T12:00:00Z");
  });

  it("turns an absolute nextLink into a path below the version", () => {
    assert.equal(relativeFromNextLink("http://127.0.0.1:5000/v1.0/users/u/transitiveMemberOf?$top=999&$skiptoken=abc"), "/users/u/transitiveMemberOf?$top=999&$skiptoken=abc");
  });

  it("logs query parameter names but not their values", () => {
    assert.equal(pathForLog("/users?$filter=startswith(displayName,'Ann')&$top=10"), "/users?$filter&$top");
  });
});
