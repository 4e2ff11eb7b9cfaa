// After "That fixed it": nudge the person to register a permanent method while the pass still works.
import registerMethodJson from "./templates/register-method.json";
import { compileTemplate, expandCard, type AdaptiveCard } from "./render";

const registerMethodTemplate = compileTemplate(registerMethodJson);

/** What is known about the pass the person signed in with. */
export interface RegisterMethodView {
  /** true: a one-time pass (the 10-minute window applies); undefined when unknown. */
  oneTimePass?: boolean;
}

const ONE_TIME_TEXT: Record<"yes" | "no" | "unknown", string> = {
  yes: "**Your pass is one-time:** finish adding the method within 10 minutes of signing in with it. If the time runs out, sign out and ask for a new pass.",
  no: "Your pass works more than once, so you can take your time, but finish before it expires.",
  unknown: "**If your pass is one-time**, finish adding the method within 10 minutes of signing in with it.",
};

/** Register-a-method card with the one-time-pass timing note and the My Security Info link. */
export function renderRegisterMethodCard(view: RegisterMethodView = {}): AdaptiveCard {
  const kind = view.oneTimePass === undefined ? "unknown" : view.oneTimePass ? "yes" : "no";
  return expandCard(registerMethodTemplate, {
    oneTimeText: ONE_TIME_TEXT[kind],
    oneTimeStyle: kind === "no" ? "default" : "warning",
  });
}
