import { type FhirJson, instant, patientReference, prune } from "./common";
import type { ResponseRow } from "./observation";

/**
 * Elements that would point at resources this server does not hold (an EHR's encounter or author
 * ids, when the response came in from the EHR): dropped rather than left dangling.
 */
const foreignReferences = ["encounter", "basedOn", "partOf", "author", "source", "contained", "text"];

/**
 * The stored QuestionnaireResponse, with our id, the patient as we know them and the authored time we
 * recorded. The answers are served exactly as stored.
 */
export function questionnaireResponseResource(r: ResponseRow): FhirJson {
  const stored = parseStored(r.resource);
  for (const key of foreignReferences) delete stored[key];
  return prune({
    ...stored,
    resourceType: "QuestionnaireResponse",
    id: r.id,
    meta: { lastUpdated: instant(r.authoredAt) },
    status: typeof stored.status === "string" ? stored.status : "completed",
    subject: patientReference(r.patientId),
    authored: instant(r.authoredAt),
  });
}

function parseStored(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  } catch {
    return {};
  }
}
