import { appointmentResource } from "../ehr/fhir-out/appointment";
import { carePlanResource } from "../ehr/fhir-out/care-plan";
import type { FhirJson } from "../ehr/fhir-out/common";
import { communicationResource } from "../ehr/fhir-out/communication";
import { encounterResource } from "../ehr/fhir-out/encounter";
import { observationResource } from "../ehr/fhir-out/observation";
import { patientResource } from "../ehr/fhir-out/patient";
import { questionnaireResponseResource } from "../ehr/fhir-out/questionnaire-response";
import type { Db } from "../platform/db";
import * as repo from "./fhir-repo";
import type { FhirResourceType, SearchQuery } from "./fhir-search";

export interface FhirResult {
  resources: FhirJson[];
  total: number;
  /** The patient each resource concerns, in order (for the audit row of a read). */
  patientIds: string[];
}

/** Runs a parsed search in the key's clinic and serializes the page. */
export async function searchFhir(db: Db, clinicId: string, q: SearchQuery): Promise<FhirResult> {
  switch (q.type) {
    case "Patient": {
      const { rows, total } = await repo.searchPatients(db, clinicId, q);
      const identifiers = await repo.identifiersOf(
        db,
        clinicId,
        rows.map((p) => p.id),
      );
      const resources = rows.map((p) =>
        patientResource(
          p,
          identifiers.filter((i) => i.patientId === p.id),
        ),
      );
      return { resources, total, patientIds: rows.map((p) => p.id) };
    }
    case "Appointment":
    case "Encounter": {
      const encounters = q.type === "Encounter";
      const { rows, total } = await repo.searchAppointments(db, clinicId, q, encounters);
      const resources = rows.map((a) => (encounters ? encounterResource(a) : appointmentResource(a)));
      return { resources, total, patientIds: rows.map((a) => a.patientId) };
    }
    case "Observation":
    case "QuestionnaireResponse": {
      const { rows, total } = await repo.searchResponses(db, clinicId, q);
      const resources = rows.map((r) => (q.type === "Observation" ? observationResource(r) : questionnaireResponseResource(r)));
      return { resources, total, patientIds: rows.map((r) => r.patientId) };
    }
    case "CarePlan": {
      const { rows, total } = await repo.searchEpisodes(db, clinicId, q);
      return { resources: rows.map(carePlanResource), total, patientIds: rows.map((e) => e.patientId) };
    }
    case "Communication": {
      const { rows, total } = await repo.searchMessages(db, clinicId, q);
      return { resources: rows.map(communicationResource), total, patientIds: rows.map((m) => m.patientId) };
    }
  }
}

/** One resource by our id, or null (another clinic's id is simply not found). */
export async function readFhir(db: Db, clinicId: string, type: FhirResourceType, id: string) {
  const found = await searchFhir(db, clinicId, { type, clauses: [{ param: "_id", values: [id] }], page: { offset: 0, count: 1 } });
  const resource = found.resources[0];
  return resource ? { resource, patientId: found.patientIds[0] ?? null } : null;
}

/**
 * The one patient a search was about (a single `patient`, or Patient `_id`, value), for the audit row;
 * only when it found something, so a guessed id of another clinic's patient is never written down.
 */
export function searchedPatient(q: SearchQuery, found: FhirResult): string | null {
  const param = q.type === "Patient" ? "_id" : "patient";
  const clauses = q.clauses.filter((c) => c.param === param);
  const only = clauses.length === 1 ? clauses[0]?.values : undefined;
  const id = only?.length === 1 ? only[0] : undefined;
  return typeof id === "string" && found.patientIds.includes(id) ? id : null;
}
