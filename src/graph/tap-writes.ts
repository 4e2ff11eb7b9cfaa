// Issuing and deleting passes: the request body, and Graph's refusals mapped to plain words an agent can act on.
// The created pass value is registered as a secret before anything else touches it.
import { HelpdeskError } from "../errors";
import { registerSecret } from "../secrets";
import type { CreatedTap, CreateTapOptions } from "./port";
import { graphError } from "./degrade";
import type { TapDto } from "./dto";
import { asEntity } from "./dto";
import type { GraphHttp, GraphResult } from "./http";
import { toDate } from "./mappers";
import { segment } from "./odata";

/** The permission a write needs, named in the forbidden message. */
export const TAP_WRITE_PERMISSION = "UserAuthMethod-TAP.ReadWrite.All";

/** The POST body: only the fields the caller set (omitted ones take the policy defaults). */
export function createTapBody(options: CreateTapOptions): Record<string, string | number | boolean> {
  const body: Record<string, string | number | boolean> = {};
  if (options.startDateTime) body.startDateTime = options.startDateTime.toISOString();
  if (options.lifetimeInMinutes !== undefined) body.lifetimeInMinutes = options.lifetimeInMinutes;
  if (options.isUsableOnce !== undefined) body.isUsableOnce = options.isUsableOnce;
  return body;
}

interface Refusal {
  test: RegExp;
  say: (message: string) => string;
}

// Graph's wording (documented, field-reported or plausible); matched on the message whatever the status.
const REFUSALS: Refusal[] = [
  {
    test: /lifetime ?in ?minutes/i,
    say: (message) => {
      const range = /range\D*?(\d+)\D+?(\d+)/i.exec(message);
      return range
        ? `That lifetime is outside what the tenant's pass policy allows: choose between ${range[1]} and ${range[2]} minutes.`
        : "That lifetime is outside what the tenant's pass policy allows.";
    },
  },
  {
    test: /external guest/i,
    say: () => "This person is an external guest: a Temporary Access Pass can't be added to their account here. They need one from their home organisation.",
  },
  {
    test: /UserCredentialPolicy|not (?:in|within) (?:the )?(?:policy )?scope|not allowed by (?:the )?policy|policy (?:is )?disabled/i,
    say: () => "This person isn't covered by the tenant's Temporary Access Pass policy (or the policy is turned off), so a pass can't be issued to them.",
  },
  {
    test: /usable ?once|one-?time|multi-?use|reusable/i,
    say: () => "The tenant's pass policy allows only one-time passes: issue a one-time pass instead.",
  },
  {
    test: /\bself\b|yourself|themselves|own account|caller.*target|same user/i,
    say: () => "A pass can't be issued to your own account. Ask another agent to do it.",
  },
];

/** Plain words for a refused write, or undefined when the message isn't one we recognise. */
export function explainRefusal(message: string | undefined): string | undefined {
  if (!message) return undefined;
  for (const r of REFUSALS) {
    if (r.test.test(message)) return r.say(message);
  }
  return undefined;
}

/** Maps a failed create/delete to a HelpdeskError; never includes a pass value (there is none on failure). */
export function tapWriteError(action: "create" | "delete", answer: GraphResult): HelpdeskError {
  const { code, message } = graphError(answer.body);
  const meta = { status: answer.status, requestId: answer.requestId };
  const logMessage = `Graph ${answer.status} ${code ?? ""} on TAP ${action}: ${message ?? ""}`.trim();
  const explained = explainRefusal(message);
  if (explained && answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
    return new HelpdeskError("GRAPH_BAD_REQUEST", logMessage, { ...meta, safeMessage: explained });
  }
  if (answer.status === 403 || answer.status === 401) {
    return new HelpdeskError("GRAPH_FORBIDDEN", logMessage, {
      ...meta,
      safeMessage: `I can't ${action} passes: the bot's app registration lacks ${TAP_WRITE_PERMISSION}.`,
    });
  }
  if (answer.status === 404) {
    const safeMessage = action === "delete" ? "That pass no longer exists: it may have expired or been replaced already." : "I couldn't find that person in the directory.";
    return new HelpdeskError(action === "delete" ? "GRAPH_BAD_REQUEST" : "USER_NOT_FOUND", logMessage, { ...meta, safeMessage });
  }
  if (answer.status === 400 || answer.status === 409) {
    return new HelpdeskError("GRAPH_BAD_REQUEST", logMessage, { ...meta, safeMessage: `The directory refused to ${action} the pass.` });
  }
  if (answer.status === 429) return new HelpdeskError("GRAPH_THROTTLED", logMessage, meta);
  if (answer.status === 0 || answer.status >= 500) return new HelpdeskError("GRAPH_UNAVAILABLE", logMessage, meta);
  return new HelpdeskError("GRAPH_ERROR", logMessage, meta);
}

/** POST a new pass (it replaces any existing one). The value is registered as a secret at once. */
export async function createTap(http: GraphHttp, userId: string, options: CreateTapOptions): Promise<CreatedTap> {
  const answer = await http.send({
    method: "POST",
    path: `/users/${segment(userId)}/authentication/temporaryAccessPassMethods`,
    body: createTapBody(options),
    abortSignal: options.abortSignal,
  });
  const tap = answer.status === 200 || answer.status === 201 ? asEntity<TapDto>(answer.body) : undefined;
  const value = tap?.temporaryAccessPass;
  if (typeof value === "string" && value.length > 0) registerSecret(value);
  if (!tap) throw tapWriteError("create", answer);
  if (typeof value !== "string" || value.length === 0) {
    throw new HelpdeskError("GRAPH_ERROR", "Graph created a pass but returned no value", { status: answer.status, requestId: answer.requestId });
  }
  return {
    id: tap.id ?? "",
    value,
    startsAt: toDate(tap.startDateTime) ?? toDate(tap.createdDateTime) ?? new Date(0),
    lifetimeInMinutes: tap.lifetimeInMinutes ?? options.lifetimeInMinutes ?? 0,
    isUsableOnce: tap.isUsableOnce ?? options.isUsableOnce ?? false,
    requestId: answer.requestId,
  };
}

/** DELETE one pass. */
export async function deleteTap(http: GraphHttp, userId: string, tapId: string, abortSignal?: AbortSignal): Promise<{ requestId?: string }> {
  const answer = await http.send({
    method: "DELETE",
    path: `/users/${segment(userId)}/authentication/temporaryAccessPassMethods/${segment(tapId)}`,
    abortSignal,
  });
  if (answer.status !== 204 && answer.status !== 200) throw tapWriteError("delete", answer);
  return { requestId: answer.requestId };
}
