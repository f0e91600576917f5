// Pure helpers shared by the FHIR R4 serializers: no I/O, no framework. Rows in, FHIR JSON out.

/** A FHIR resource as JSON: the serializers build plain objects, the routes stringify them. */
export type FhirJson = { resourceType: string; id?: string } & Record<string, unknown>;

/** Where Rapport's own code systems and identifier systems live (the same base the questionnaires use). */
export const RAPPORT_FHIR = "https://rapport.example/fhir";

export const systems = {
  /** Our staff ids, for therapists: we do not serve Practitioner, so references carry an identifier, not a URL. */
  staff: `${RAPPORT_FHIR}/sid/staff`,
  visitType: `${RAPPORT_FHIR}/CodeSystem/visit-type`,
  outcomeScore: `${RAPPORT_FHIR}/CodeSystem/outcome-score`,
  messageCategory: `${RAPPORT_FHIR}/CodeSystem/message-category`,
  loinc: "http://loinc.org",
  ucum: "http://unitsofmeasure.org",
  icd10cm: "http://hl7.org/fhir/sid/icd-10-cm",
  language: "urn:ietf:bcp:47",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  participationType: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
  participationMode: "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  issueType: "http://hl7.org/fhir/issue-type",
} as const;

/** FHIR `instant` (and `dateTime`): ISO 8601 with seconds and a zone. */
export const instant = (ms: number) => new Date(ms).toISOString();

export const meta = (updatedAt: number) => ({ lastUpdated: instant(updatedAt) });

export const patientReference = (patientId: string) => ({ reference: `Patient/${patientId}` });

/** A therapist as a reference: identifier and name (Practitioner is not a resource this server serves). */
export function staffReference(staffId: string, name: string | null) {
  return { identifier: { system: systems.staff, value: staffId }, ...(name ? { display: name } : {}) };
}

/** The primary performer participant type (the treating therapist). */
export const primaryPerformer = [{ coding: [{ system: systems.participationType, code: "PPRF", display: "primary performer" }] }];

const visitTypeNames: Record<string, string> = {
  evaluation: "Evaluation",
  follow_up: "Follow-up visit",
  re_evaluation: "Re-evaluation",
  discharge: "Discharge visit",
};

export function visitTypeConcept(type: string) {
  const display = visitTypeNames[type] ?? type;
  return { coding: [{ system: systems.visitType, code: type, display }], text: display };
}

/**
 * FHIR JSON never carries empty values: drops null, undefined, "", [] and {} (recursively), so
 * serializers can write optional fields plainly. Numbers (0 included) and booleans stay.
 */
export function prune<T>(value: T): T {
  return pruneValue(value) as T;
}

function pruneValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(pruneValue).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const pruned = pruneValue(v);
      if (pruned !== undefined) out[k] = pruned;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (value === null || value === undefined || value === "") return undefined;
  return value;
}
