import { and, asc, count, eq, getTableColumns, inArray, type SQL } from "drizzle-orm";
import { staffUsers } from "../clinics/tables";
import { encounterAppointmentStatuses } from "../ehr/fhir-out/encounter";
import { episodes } from "../episodes/tables";
import { messages } from "../messaging/tables";
import { questionnaireResponses } from "../outcomes/tables";
import { patientIdentifiers, patients } from "../patients/tables";
import type { Db } from "../platform/db";
import { appointments } from "../scheduling/tables";
import {
  appointmentCondition,
  carePlanCondition,
  idAndPatientCondition,
  inList,
  patientCondition,
  responseCondition,
} from "./fhir-conditions";
import type { SearchQuery } from "./fhir-search";

/**
 * The FHIR read API's queries. Every statement starts from the key's clinic: another clinic's rows
 * are not filtered out afterwards, they are never selected. Each search is one D1 batch: the page
 * and the total together.
 */

export async function searchPatients(db: Db, clinicId: string, q: SearchQuery) {
  const where = and(eq(patients.clinicId, clinicId), ...q.clauses.map((c) => patientCondition(clinicId, c)));
  const [rows, total] = await db.batch([
    db.select().from(patients).where(where).orderBy(asc(patients.searchName), asc(patients.id)).limit(q.page.count).offset(q.page.offset),
    db.select({ n: count() }).from(patients).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** The identifiers of a page of patients: one statement (the ids travel as one JSON parameter). */
export function identifiersOf(db: Db, clinicId: string, patientIds: string[]) {
  if (patientIds.length === 0) return Promise.resolve([]);
  return db
    .select({ patientId: patientIdentifiers.patientId, system: patientIdentifiers.system, value: patientIdentifiers.value })
    .from(patientIdentifiers)
    .where(and(eq(patientIdentifiers.clinicId, clinicId), inList(patientIdentifiers.patientId, patientIds)))
    .orderBy(asc(patientIdentifiers.system), asc(patientIdentifiers.value));
}

/** Visits (Appointment) or, with `encountersOnly`, the visits a patient came to (Encounter). */
export async function searchAppointments(db: Db, clinicId: string, q: SearchQuery, encountersOnly: boolean) {
  const conditions: SQL[] = [eq(appointments.clinicId, clinicId), ...q.clauses.map(appointmentCondition)];
  if (encountersOnly) conditions.push(inArray(appointments.status, encounterAppointmentStatuses));
  const where = and(...conditions);
  const [rows, total] = await db.batch([
    db
      .select({ ...getTableColumns(appointments), therapistName: staffUsers.name })
      .from(appointments)
      .leftJoin(staffUsers, and(eq(staffUsers.id, appointments.therapistId), eq(staffUsers.clinicId, appointments.clinicId)))
      .where(where)
      .orderBy(asc(appointments.startsAt), asc(appointments.id))
      .limit(q.page.count)
      .offset(q.page.offset),
    db.select({ n: count() }).from(appointments).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** Questionnaire responses (and the scores derived from them, for Observation). */
export async function searchResponses(db: Db, clinicId: string, q: SearchQuery) {
  const where = and(eq(questionnaireResponses.clinicId, clinicId), ...q.clauses.map(responseCondition));
  const [rows, total] = await db.batch([
    db
      .select()
      .from(questionnaireResponses)
      .where(where)
      .orderBy(asc(questionnaireResponses.authoredAt), asc(questionnaireResponses.id))
      .limit(q.page.count)
      .offset(q.page.offset),
    db.select({ n: count() }).from(questionnaireResponses).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

export async function searchEpisodes(db: Db, clinicId: string, q: SearchQuery) {
  const where = and(eq(episodes.clinicId, clinicId), ...q.clauses.map(carePlanCondition));
  const [rows, total] = await db.batch([
    db.select().from(episodes).where(where).orderBy(asc(episodes.startDate), asc(episodes.id)).limit(q.page.count).offset(q.page.offset),
    db.select({ n: count() }).from(episodes).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

export async function searchMessages(db: Db, clinicId: string, q: SearchQuery) {
  const where = and(eq(messages.clinicId, clinicId), ...q.clauses.map((c) => idAndPatientCondition(messages.id, messages.patientId, c)));
  const [rows, total] = await db.batch([
    db.select().from(messages).where(where).orderBy(asc(messages.createdAt), asc(messages.id)).limit(q.page.count).offset(q.page.offset),
    db.select({ n: count() }).from(messages).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}
