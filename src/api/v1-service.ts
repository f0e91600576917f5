import type { Deps } from "../platform/env";
import { addDays, zonedToUtc } from "../platform/time";
import { currentRiskOfPatients } from "../risk/repo";
import type { CursorKey } from "./cursor";
import { pageOf } from "./cursor";
import { identifiersOf } from "./fhir-repo";
import { nextTouches } from "./touches";
import * as repo from "./v1-repo";
import type { ApiJourney, ApiPatient, ApiPatientRisk } from "./v1-schemas";
import { apiAppointment, apiMessage, apiPatient, apiRisk, apiTask } from "./v1-views";

/** Read use cases of /api/v1. Each takes the key's clinic; nothing here knows about HTTP. */

export async function patientPage(deps: Deps, clinicId: string, cursor: CursorKey | null, limit: number) {
  const page = pageOf(await repo.listPatients(deps.db, clinicId, cursor, limit), limit, (r) => [r.patient.id, r.patient.id]);
  const ids = page.data.map((r) => r.patient.id);
  const [identifiers, risks] = await Promise.all([identifiersOf(deps.db, clinicId, ids), currentRiskOfPatients(deps.db, clinicId, ids)]);
  return {
    data: page.data.map((r) =>
      apiPatient(
        r.patient,
        identifiers.filter((i) => i.patientId === r.patient.id),
        r.journey,
        risks.get(r.patient.id),
      ),
    ),
    next_cursor: page.nextCursor,
  };
}

export async function patientDetail(deps: Deps, clinicId: string, patientId: string): Promise<ApiPatient | null> {
  const row = await repo.findPatientWithJourney(deps.db, clinicId, patientId);
  if (!row) return null;
  const [identifiers, risks] = await Promise.all([
    identifiersOf(deps.db, clinicId, [patientId]),
    currentRiskOfPatients(deps.db, clinicId, [patientId]),
  ]);
  return apiPatient(row.patient, identifiers, row.journey, risks.get(patientId));
}

/** The patient's current dropout risk (null when no open episode is scored); null when not this clinic's patient. */
export async function patientRisk(deps: Deps, clinicId: string, patientId: string): Promise<ApiPatientRisk | null> {
  const [row, risks] = await Promise.all([
    repo.findPatientWithJourney(deps.db, clinicId, patientId),
    currentRiskOfPatients(deps.db, clinicId, [patientId]),
  ]);
  if (!row) return null;
  return { patient_id: patientId, risk: apiRisk(risks.get(patientId)) };
}

/**
 * Stage and since come from the D1 projection (what lists show); the upcoming touches from the
 * patient's journey object, which holds the timers. A patient the journey has not seen yet is `new`
 * since their record was made, with nothing planned.
 */
export async function patientJourney(deps: Deps, clinicId: string, patientId: string): Promise<ApiJourney | null> {
  const row = await repo.findPatientWithJourney(deps.db, clinicId, patientId);
  if (!row) return null;
  if (!row.journey) return { patient_id: patientId, state: "new", since: new Date(row.patient.createdAt).toISOString(), next_touches: [] };
  const snapshot = await deps.journeys.get(deps.journeys.idFromName(patientId)).snapshot();
  // The object is named by patient id; its recorded identity must agree before its timers are shown.
  const timers = snapshot.clinicId === clinicId && snapshot.patientId === patientId ? snapshot.timers : [];
  return {
    patient_id: patientId,
    state: row.journey.stage as ApiJourney["state"],
    since: new Date(row.journey.since).toISOString(),
    next_touches: nextTouches(timers).map((t) => ({ kind: t.kind, at: new Date(t.at).toISOString(), appointment_id: t.appointmentId })),
  };
}

export async function taskPage(deps: Deps, clinicId: string, filter: repo.TaskFilter, cursor: CursorKey | null, limit: number) {
  const page = pageOf(await repo.listTasks(deps.db, clinicId, filter, cursor, limit), limit, (t) => [t.dueDate, t.id]);
  return { data: page.data.map(apiTask), next_cursor: page.nextCursor };
}

export async function messagePage(deps: Deps, clinicId: string, filter: { patientId?: string }, cursor: CursorKey | null, limit: number) {
  const page = pageOf(await repo.listMessages(deps.db, clinicId, filter, cursor, limit), limit, (m) => [m.createdAt, m.id]);
  return { data: page.data.map(apiMessage), next_cursor: page.nextCursor };
}

export async function appointmentPage(
  deps: Deps,
  clinicId: string,
  filter: repo.AppointmentFilter,
  cursor: CursorKey | null,
  limit: number,
) {
  const page = pageOf(await repo.listAppointments(deps.db, clinicId, filter, cursor, limit), limit, (a) => [a.startsAt, a.id]);
  return { data: page.data.map(apiAppointment), next_cursor: page.nextCursor };
}

/** A `from` / `to` bound: a date is that day in the clinic's time zone (`to` includes the whole day). */
export function boundOf(value: string, timeZone: string, end: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return zonedToUtc(end ? addDays(value, 1) : value, "00:00", timeZone);
  return Date.parse(value);
}
