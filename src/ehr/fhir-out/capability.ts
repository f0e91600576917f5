import { type FhirJson, instant } from "./common";

export type SearchParamType = "token" | "string" | "date" | "reference";

export interface SupportedSearchParam {
  name: string;
  type: SearchParamType;
  documentation: string;
}

export interface SupportedResource {
  type: string;
  searchParams: SupportedSearchParam[];
}

export interface CapabilityInput {
  /** The FHIR base URL of this server. */
  base: string;
  version: string;
  /** When this statement was produced (the server answers it live, so "now"). */
  now: number;
  resources: SupportedResource[];
}

/**
 * The CapabilityStatement: exactly the resources, interactions (read, search-type) and search
 * parameters the server answers, built from the same table the search parser uses, so the two
 * cannot disagree. JSON only; API keys (bearer) with the fhir:read scope.
 */
export function capabilityStatement(input: CapabilityInput): FhirJson {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: instant(input.now),
    publisher: "Rapport",
    kind: "instance",
    software: { name: "Rapport", version: input.version },
    implementation: { description: "Rapport FHIR R4 read API", url: input.base },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json", "json"],
    rest: [
      {
        mode: "server",
        documentation: "Read and search only. Searches page with _count (default 20, at most 100) and _offset.",
        security: {
          cors: false,
          description:
            "Send a clinic API key with the fhir:read scope as 'Authorization: Bearer <key>'. Every read is recorded in the clinic's audit log.",
        },
        resource: input.resources.map((r) => ({
          type: r.type,
          interaction: [{ code: "read" }, { code: "search-type" }],
          versioning: "no-version",
          readHistory: false,
          updateCreate: false,
          searchParam: [
            { name: "_id", type: "token", documentation: "The resource id (several, comma-separated)." },
            ...r.searchParams.map((p) => ({ name: p.name, type: p.type, documentation: p.documentation })),
          ],
        })),
      },
    ],
  };
}
