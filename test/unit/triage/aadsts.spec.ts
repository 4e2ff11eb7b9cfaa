import assert from "node:assert/strict";
import { codesPointingTo, describeSignInError, errorLabel, KNOWN_SIGN_IN_ERRORS } from "../../../src/triage/aadsts";

describe("triage/aadsts", () => {
  const table: [number, string | undefined][] = [
    [50057, "ACCOUNT_DISABLED"],
    [53003, "CA_BLOCKED"],
    [53000, "CA_COMPLIANT_DEVICE_REQUIRED"],
    [53001, "CA_COMPLIANT_DEVICE_REQUIRED"],
    [53004, "USER_AT_RISK"],
    [53011, "USER_AT_RISK"],
    [50072, "REGISTRATION_INTERRUPT_MODE"],
    [50079, "REGISTRATION_INTERRUPT_MODE"],
    [130504, "TAP_EXPIRED"],
    [130506, "WINDOWS_DEVICE_ALREADY_JOINED"],
    [130507, undefined],
    [50126, undefined],
  ];
  for (const [code, finding] of table) {
    it(`maps ${code} to ${finding ?? "no single cause"}`, () => {
      assert.equal(describeSignInError(code)?.pointsTo, finding);
    });
  }

  it("lists each code once", () => {
    const codes = KNOWN_SIGN_IN_ERRORS.map((e) => e.code);
    assert.equal(new Set(codes).size, codes.length);
  });

  it("finds all codes for a cause", () => {
    assert.deepEqual(codesPointingTo("CA_COMPLIANT_DEVICE_REQUIRED"), [53000, 53001]);
  });

  it("labels a known code with its name", () => {
    assert.equal(errorLabel(53003), "AADSTS53003 (BlockedByConditionalAccess)");
  });

  it("labels an unknown code with the bare number", () => {
    assert.equal(errorLabel(99999), "AADSTS99999");
  });

  it("returns undefined for an unknown code", () => {
    assert.equal(describeSignInError(12345), undefined);
  });
});
