import type { Actor } from "../../platform/audit";
import type { Deps } from "../../platform/env";

/** A FHIR resource as received (already JSON-parsed; each mapper validates its own shape with zod). */
export type FhirResource = { resourceType: string; id?: string; meta?: { versionId?: string; lastUpdated?: string } } & Record<
  string,
  unknown
>;

/** What a reference inside a delivery points to here, once resolved. */
export interface LocalRef {
  localType: string;
  localId: string;
}

/** Everything an applier needs: the integration acts, scoped to its clinic. */
export interface ApplyContext {
  deps: Deps;
  /** actorType "integration", actorId = the integration id: audit rows and domain events say so. */
  actor: Actor;
  clinicId: string;
  clinicTimeZone: string;
  integrationId: string;
  /**
   * Resolves a FHIR reference: "urn:uuid:..." (a fullUrl in this delivery), "Type/id" (this delivery or
   * earlier-ingested, via ehr_links), or a conditional "Type?identifier=system|value". Null: unknown.
   */
  resolve(reference: string): Promise<LocalRef | null>;
}

/** The result of applying one resource; failures are words for clinic staff, never patient data. */
export type ApplyOutcome =
  | { result: "applied" | "unchanged"; local: LocalRef; note?: string }
  | { result: "skipped"; note: string }
  | { result: "failed"; reason: string };

/** One per resource type: validate with the pure mapper, then write through the domain services. */
export type Applier = (ctx: ApplyContext, resource: FhirResource) => Promise<ApplyOutcome>;
