// What one scan of the tenant's passes reads from Graph, as plain data: the scanner's detectors (pure) work on this.
// Produced by collectScanInput (./collect.ts) through the TapScanReader port; never holds a pass value.
import type { Check, MethodKind, MethodPolicy, TapInfo, TapPolicy } from "../triage/snapshot";

/** A person who holds (or may hold) a pass, with the names the source gave us (the report and audit log carry them). */
export interface HolderRef {
  userId: string;
  displayName?: string;
  userPrincipalName?: string;
}

/** Where the scan learned that someone holds a pass. */
export type HolderSource = "report" | "audit" | "bot";

/** A pass created or deleted, from the directory audit log (service "Authentication Methods"). */
export interface TapAuditEvent {
  userId: string;
  userPrincipalName?: string;
  /** The person's name as the entry's target carries it. */
  displayName?: string;
  kind: "registered" | "deleted";
  at: Date;
  /** Who did it (UPN or app name), when the event says. */
  initiatedBy?: string;
}

/** A change to an authentication methods configuration, from the audit log ("Authentication Methods Policy Update"). */
export interface PolicyChangeEvent {
  /** e.g. "TemporaryAccessPass", "Fido2". */
  configurationId: string;
  at: Date;
  /** Who changed it (UPN or app name), when the event says. */
  initiatedBy?: string;
  /** The changed settings as the event lists them (values as Graph wrote them, JSON text). */
  changes: Array<{ name: string; oldValue?: string; newValue?: string }>;
}

/** A permanent sign-in method the person registered (the guide: once they have one, remove the pass). */
export interface PermanentMethod {
  kind: Extract<MethodKind, "fido2" | "microsoftAuthenticator" | "windowsHelloForBusiness" | "platformCredential">;
  createdAt?: Date;
}

/** One holder read once: GET /users/{id}/authentication/methods lists the pass (with its state) beside the other methods. */
export interface HolderMethods extends HolderRef {
  /** The person's passes (Graph allows one); empty when the pass is gone by the time we read. */
  taps: TapInfo[];
  permanentMethods: PermanentMethod[];
  /** Only the pass could be read (no UserAuthenticationMethod.Read.All): whether a permanent method exists is unknown. */
  permanentMethodsUnknown?: boolean;
  sources: HolderSource[];
}

/** A failed sign-in with a pass-related error (AADSTS 1305xx). */
export interface TapSignInFailure {
  userId: string;
  userPrincipalName?: string;
  errorCode: number;
  at: Date;
}

/** How much the scan cost, and what it could not see. */
export interface ScanFigures {
  /** HTTP requests sent to Graph (a $batch counts once). */
  graphRequests: number;
  reportPages: number;
  auditPages: number;
  /** Pages of sign-in logs read for pass-related failures. */
  signInPages?: number;
  methodBatches: number;
  /** Distinct people read. */
  holdersRead: number;
  startedAt: Date;
  finishedAt: Date;
}

export interface ScanInput {
  /** The time the reads were made (the scanner's "now"). */
  at: Date;
  holders: HolderMethods[];
  /** People whose methods couldn't be read, and why ("throttled", "not found", "needs UserAuthenticationMethod.Read.All"). */
  unreadable: Array<HolderRef & { reason: string }>;
  /** The TAP policy now. */
  tapPolicy: Check<TapPolicy>;
  /** Fido2 and MicrosoftAuthenticator configurations now (and others the tenant returns). */
  methodConfigs: Check<MethodPolicy[]>;
  /** Authentication methods policy changes in the audit log's window (who changed what); absent when not read. */
  policyChanges?: Check<PolicyChangeEvent[]>;
  /** Pass-related sign-in failures since the previous scan (or the burst window, whichever is longer ago). */
  tapFailures: Check<TapSignInFailure[]>;
  /** What each source answered: the report needs P1 and is hours stale; the audit log covers what is newer. */
  sources: { report: Check<number>; audit: Check<number>; bot: number };
  /** Honest gaps for the digest and `scan now`, e.g. "couldn't read the registration report: needs Entra ID P1". */
  gaps: string[];
  figures: ScanFigures;
}
