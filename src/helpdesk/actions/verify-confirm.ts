// verify_confirm: the manager confirms the subject asked for the pass.
import { managerAnswer } from "./verify-answer";

export const verifyConfirm = managerAnswer(true);
