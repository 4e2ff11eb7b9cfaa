// Every cause rule, in rank order (FINDING_CODES); diagnose() runs them all and ranks what they find.
import type { Rule } from "../rule";
import { accountDisabled } from "./account-disabled";
import { browserOrPlatform } from "./browser-or-platform";
import { caBlocked } from "./ca-blocked";
import { caCompliantDeviceRequired } from "./ca-compliant-device-required";
import { caStrengthExcludesTap } from "./ca-strength-excludes-tap";
import { externalGuest } from "./external-guest";
import { federatedIdpRedirect } from "./federated-idp-redirect";
import { registrationInterruptMode } from "./registration-interrupt-mode";
import { registrationMethodsDisabled } from "./registration-methods-disabled";
import { tapAlreadyUsed } from "./tap-already-used";
import { tapExpired } from "./tap-expired";
import { tapLooksValid } from "./tap-looks-valid";
import { tapMissing } from "./tap-missing";
import { tapMultiuseNotAllowed } from "./tap-multiuse-not-allowed";
import { tapNotYetValid } from "./tap-not-yet-valid";
import { tapPolicyDisabled } from "./tap-policy-disabled";
import { tapUserNotInPolicy } from "./tap-user-not-in-policy";
import { userAtRisk } from "./user-at-risk";
import { windowsDeviceAlreadyJoined } from "./windows-device-already-joined";

/** One rule per FindingCode, in the same order as FINDING_CODES. */
export const RULES: readonly Rule[] = [
  accountDisabled,
  userAtRisk,
  externalGuest,
  tapPolicyDisabled,
  tapUserNotInPolicy,
  tapMissing,
  tapExpired,
  tapNotYetValid,
  tapAlreadyUsed,
  tapMultiuseNotAllowed,
  caBlocked,
  caCompliantDeviceRequired,
  caStrengthExcludesTap,
  federatedIdpRedirect,
  windowsDeviceAlreadyJoined,
  browserOrPlatform,
  registrationMethodsDisabled,
  registrationInterruptMode,
  tapLooksValid,
];

/** Each rule by name, for tests that exercise one rule alone. */
export {
  accountDisabled,
  browserOrPlatform,
  caBlocked,
  caCompliantDeviceRequired,
  caStrengthExcludesTap,
  externalGuest,
  federatedIdpRedirect,
  registrationInterruptMode,
  registrationMethodsDisabled,
  tapAlreadyUsed,
  tapExpired,
  tapLooksValid,
  tapMissing,
  tapMultiuseNotAllowed,
  tapNotYetValid,
  tapPolicyDisabled,
  tapUserNotInPolicy,
  userAtRisk,
  windowsDeviceAlreadyJoined,
};
