// Builds the graph-client Client with our own middleware chain: auth (unless the demo tenant needs none),
// correlation id, clock-driven retry, per-attempt logging, then the HTTP call itself.
import { AuthenticationHandler, Client, HTTPMessageHandler, type Middleware } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import type { Clock } from "../clock";
import type { GraphAuth } from "../config";
import type { Logger } from "../log";
import { RetryMiddleware, type RetryOptions } from "./retry";
import { CallLogMiddleware, CorrelationMiddleware } from "./telemetry";

/** App-only tokens ask for every application permission the app registration was granted. */
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/** What the client needs; `credential` lets a test or host supply its own token source. */
export interface GraphClientOptions {
  /** `{GRAPH_BASE_URL}` without a version, e.g. `https://graph.microsoft.com` or the demo tenant's loopback URL. */
  baseUrl: string;
  auth: GraphAuth;
  clock: Clock;
  logger: Logger;
  retry?: RetryOptions;
  credential?: TokenCredential;
  /** Makes client-request-id values predictable in tests. */
  newRequestId?: () => string;
}

/** The credential for an app-only Graph token, or undefined for the demo tenant ("none": no Authorization header at all). */
export function createCredential(auth: GraphAuth): TokenCredential | undefined {
  switch (auth.kind) {
    case "none":
      return undefined;
    case "clientSecret":
      return new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret);
    case "clientCertificate":
      return new ClientCertificateCredential(auth.tenantId, auth.clientId, auth.certificatePath);
    case "managedIdentity":
      return auth.clientId ? new ManagedIdentityCredential({ clientId: auth.clientId }) : new ManagedIdentityCredential();
  }
}

/** A Client whose requests go to `{baseUrl}/v1.0/...` through our middleware chain. */
export function createGraphClient(options: GraphClientOptions): Client {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const chain: Middleware[] = [];
  const credential = options.auth.kind === "none" ? undefined : (options.credential ?? createCredential(options.auth));
  if (credential) {
    chain.push(new AuthenticationHandler(new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] })));
  }
  chain.push(
    new CorrelationMiddleware(options.newRequestId),
    new RetryMiddleware(options.clock, options.retry, options.logger),
    new CallLogMiddleware(options.clock, options.logger),
    new HTTPMessageHandler(),
  );
  return Client.initWithMiddleware({
    baseUrl: `${baseUrl}/`,
    defaultVersion: "v1.0",
    middleware: chain,
    // The auth handler only attaches tokens to known Graph hosts; a sovereign or proxy base URL is named here.
    customHosts: new Set([new URL(baseUrl).hostname]),
  });
}
