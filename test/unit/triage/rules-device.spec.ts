import assert from "node:assert/strict";
import { diagnose } from "../../../src/triage/diagnose";
import type { Rule } from "../../../src/triage/rule";
import { browserOrPlatform, federatedIdpRedirect, registrationInterruptMode, windowsDeviceAlreadyJoined } from "../../../src/triage/rules";
import type { Answers, Snapshot } from "../../../src/triage/snapshot";
import { healthy, signIn, type SnapshotBuilder } from "../../support/snapshot-builder";

const fires = (rule: Rule, s: Snapshot): boolean => rule.evaluate(s).finding?.code === rule.code;
const FEDERATED = { domain: "corp.northwind-demo.example", federatedIdpMfaBehavior: "enforceMfaByFederatedIdp" };

describe("rule FEDERATED_IDP_REDIRECT", () => {
  const federated = () => healthy().user({ userPrincipalName: "omar@corp.northwind-demo.example" }).federation(FEDERATED);
  const table: [string, Answers, boolean][] = [
    ["Windows logon on Windows", { device: "windows", stage: "windows_logon" }, true],
    ["Windows logon, device not said", { stage: "windows_logon" }, true],
    ["registering a method on Windows", { device: "windows", stage: "register_method" }, true],
    ["registering a method on a phone", { device: "ios", stage: "register_method" }, false],
    ["at the pass prompt in a browser", { stage: "tap_prompt" }, false],
  ];
  for (const [name, answers, expected] of table) {
    it(name, () => {
      assert.equal(fires(federatedIdpRedirect, federated().answers(answers).build()), expected);
    });
  }

  it("asks for the stage when nothing is answered", () => {
    assert.deepEqual(federatedIdpRedirect.evaluate(federated().build()).questions, ["stage"]);
  });

  it("asks for the device when registering a method on an unknown device", () => {
    assert.deepEqual(federatedIdpRedirect.evaluate(federated().answers({ stage: "register_method" }).build()).questions, ["device"]);
  });

  it("stays silent when the domain accepts MFA done by the IdP", () => {
    const s = healthy().federation({ domain: "corp.example", federatedIdpMfaBehavior: "acceptIfMfaDoneByFederatedIdp" }).answers({ device: "windows", stage: "windows_logon" }).build();
    assert.deepEqual(federatedIdpRedirect.evaluate(s), {});
  });

  it("stays silent for a managed domain", () => {
    assert.deepEqual(federatedIdpRedirect.evaluate(healthy().answers({ device: "windows", stage: "windows_logon" }).build()), {});
  });
});

describe("rule WINDOWS_DEVICE_ALREADY_JOINED", () => {
  const table: [string, (b: SnapshotBuilder) => SnapshotBuilder, boolean][] = [
    ["130506 in the log", (b) => b.signIns(signIn(5, { errorCode: 130506, device: { operatingSystem: "Windows 11", trustType: "Hybrid Azure AD joined" } })), true],
    [
      "failed Windows Sign In on an Entra-joined PC",
      (b) => b.signIns(signIn(5, { appDisplayName: "Windows Sign In", errorCode: 50126, device: { operatingSystem: "Windows 11", trustType: "Azure AD joined" } })),
      true,
    ],
    [
      "failed Windows Sign In on a registered (not joined) PC",
      (b) => b.signIns(signIn(5, { appDisplayName: "Windows Sign In", errorCode: 50126, device: { operatingSystem: "Windows 11", trustType: "Azure AD registered" } })),
      false,
    ],
    ["answers: hybrid-joined at the Windows logon", (b) => b.answers({ device: "windows", windowsJoin: "hybrid_joined", stage: "windows_logon" }), true],
    ["answers: new setup at the Windows logon", (b) => b.answers({ device: "windows", windowsJoin: "new_setup", stage: "windows_logon" }), false],
    ["answers: Entra-joined but in a browser", (b) => b.answers({ device: "windows", windowsJoin: "entra_joined", stage: "tap_prompt" }), false],
  ];
  for (const [name, setup, expected] of table) {
    it(name, () => {
      assert.equal(fires(windowsDeviceAlreadyJoined, setup(healthy()).build()), expected);
    });
  }

  it("doesn't offer Web sign-in for a hybrid-joined PC", () => {
    const s = healthy().signIns(signIn(5, { errorCode: 130506, device: { operatingSystem: "Windows 11", trustType: "Hybrid Azure AD joined" } })).build();
    assert.match(windowsDeviceAlreadyJoined.evaluate(s).finding?.agentNotes.join(" ") ?? "", /Web sign-in isn't available/);
  });
});

describe("rule BROWSER_OR_PLATFORM", () => {
  const table: [string, (b: SnapshotBuilder) => SnapshotBuilder, boolean][] = [
    ["Firefox on Linux in the log", (b) => b.signIns(signIn(10, { device: { browser: "Firefox 128.0", operatingSystem: "Linux" } })), true],
    ["Safari in the log", (b) => b.signIns(signIn(10, { device: { browser: "Safari 17", operatingSystem: "MacOs" } })), true],
    ["Firefox on Windows in the log", (b) => b.signIns(signIn(10, { device: { browser: "Firefox 128.0", operatingSystem: "Windows 10" } })), false],
    ["Edge in the log", (b) => b, false],
    ["answer: firefox", (b) => b.answers({ browser: "firefox" }), true],
    ["answer: linux", (b) => b.answers({ device: "linux" }), true],
    ["answer: chrome", (b) => b.answers({ browser: "chrome" }), false],
  ];
  for (const [name, setup, expected] of table) {
    it(name, () => {
      assert.equal(fires(browserOrPlatform, setup(healthy()).build()), expected);
    });
  }

  it("gives way to a stronger cause", () => {
    const s = healthy().passTimes(61, 60).answers({ browser: "safari" }).build();
    assert.deepEqual(diagnose(s).findings.map((f) => f.code), ["TAP_EXPIRED"]);
  });

  it("suggests Edge/Chrome and a private window", () => {
    const steps = browserOrPlatform.evaluate(healthy().answers({ browser: "firefox" }).build()).finding?.userSteps.join(" ") ?? "";
    assert.match(steps, /Edge or Google Chrome.*private/s);
  });
});

describe("rule REGISTRATION_INTERRUPT_MODE", () => {
  const table: [string, (b: SnapshotBuilder) => SnapshotBuilder, boolean][] = [
    ["50079 in the log", (b) => b.signIns(signIn(5, { errorCode: 50079 })), true],
    ["50072 pasted", (b) => b.answers({ errorCodes: [50072] }), true],
    ["registering and wanting a passkey", (b) => b.answers({ stage: "register_method", errorText: "it won't let me add a passkey" }), true],
    ["registering the Authenticator app", (b) => b.answers({ stage: "register_method", errorText: "the app setup fails" }), false],
    ["clean", (b) => b, false],
  ];
  for (const [name, setup, expected] of table) {
    it(name, () => {
      assert.equal(fires(registrationInterruptMode, setup(healthy()).build()), expected);
    });
  }

  it("mentions the 10-minute window for a one-time pass", () => {
    const steps = registrationInterruptMode.evaluate(healthy().signIns(signIn(5, { errorCode: 50079 })).build()).finding?.userSteps.join(" ") ?? "";
    assert.match(steps, /within 10 minutes/);
  });

  it("asks for the error text when registering without saying what", () => {
    assert.deepEqual(registrationInterruptMode.evaluate(healthy().answers({ stage: "register_method" }).build()).questions, ["error_text"]);
  });

  it("is a fails_later finding", () => {
    assert.equal(registrationInterruptMode.evaluate(healthy().signIns(signIn(5, { errorCode: 50079 })).build()).finding?.impact, "fails_later");
  });
});
