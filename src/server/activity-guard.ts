// Rejects malformed activities with a 4xx before they reach the bot, so bad input never becomes a 500 or a crash.
import { z } from "zod";

const Account = z.object({ id: z.string().min(1).max(512) }).passthrough();

const ActivityShape = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64).optional(),
    serviceUrl: z
      .string()
      .max(2048)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), "must be an http(s) URL")
      .optional(),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    from: Account.optional(),
    recipient: Account.optional(),
    text: z.string().optional(),
  })
  .passthrough();

/** Activity types that carry a person's input and so must say who sent them and where to reply. */
const NEEDS_SENDER = new Set(["message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction"]);

export type GuardResult = { ok: true } | { ok: false; status: 400; message: string };

/** Checks the minimum an activity needs to be processed safely. */
export function checkActivity(body: unknown): GuardResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, status: 400, message: "The request body must be a JSON activity object." };
  }
  const parsed = ActivityShape.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, status: 400, message: `Invalid activity: ${first.path.join(".") || "body"} ${first.message}`.slice(0, 300) };
  }
  const a = parsed.data;
  if (NEEDS_SENDER.has(a.type) && (!a.from || !a.serviceUrl)) {
    return { ok: false, status: 400, message: `Invalid activity: a ${a.type} activity needs from.id and serviceUrl.` };
  }
  return { ok: true };
}
