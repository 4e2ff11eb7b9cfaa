// Shared setup for the demo-tenant integration specs: a tenant on a random loopback port driven by a FakeClock,
// the real Graph SDK pointed at it (no auth middleware), and a plain-fetch helper for header-level checks.
import { Client, HTTPMessageHandler } from "@microsoft/microsoft-graph-client";
import { FakeClock } from "../../src/clock";
import { DEMO_PEOPLE, type DemoPerson } from "../../src/demo/seed";
import { startDemoTenant, type DemoTenant } from "../../src/demo/server";

export interface Harness {
  tenant: DemoTenant;
  clock: FakeClock;
  client: Client;
  /** fetch against `${tenant.url}/v1.0${path}`, returning status, headers and parsed JSON (or undefined). */
  call(path: string, init?: { method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string }): Promise<CallResult>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw wire JSON whose shape is exactly what the tests assert
  body: any;
}

export const START = "2026-11-28T12:00:00.000Z";

/** Starts a tenant at START on port 0. */
export async function startHarness(): Promise<Harness> {
  const clock = new FakeClock(START);
  const tenant = await startDemoTenant({ clock, port: 0 });
  const client = Client.initWithMiddleware({ baseUrl: tenant.url, defaultVersion: "v1.0", middleware: new HTTPMessageHandler() });
  const call: Harness["call"] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(`${tenant.url}/v1.0${path}`, { method: init.method ?? "GET", headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text.length > 0 ? JSON.parse(text) : undefined };
  };
  return { tenant, clock, client, call };
}

/** A cast member by key. */
export function person(key: string): DemoPerson {
  const p = DEMO_PEOPLE.find((d) => d.key === key);
  if (!p) throw new Error(`no demo person ${key}`);
  return p;
}

/** The path of a person's pass collection. */
export const tapPath = (key: string): string => `/users/${person(key).id}/authentication/temporaryAccessPassMethods`;

/** The `value` array of a collection response, typed for the assertion at hand. */
export const valueOf = <T = Record<string, unknown>>(page: unknown): T[] => (page as { value: T[] }).value;

/** The `responses` array of a $batch response body. */
export const responsesOf = (body: unknown): { id: string; status: number; body?: unknown }[] =>
  (body as { responses: { id: string; status: number; body?: unknown }[] }).responses;
