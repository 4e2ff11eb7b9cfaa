// verify_deny: the manager says the subject didn't ask; the verification is refused.
import { managerAnswer } from "./verify-answer";

export const verifyDeny = managerAnswer(false);
