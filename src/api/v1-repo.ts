import { and, asc, type Column, eq, getTableColumns, gt, gte, lt, or, type SQL } from "drizzle-orm";
import { staffUsers } from "../clinics/tables";
import { journeyProjections } from "../journey/tables";
import { messages } from "../messaging/tables";
import { patients } from "../patients/tables";
import type { Db } from "../platform/db";
import { type AppointmentStatus, appointments } from "../scheduling/tables";
import { tasks } from "../worklist/tables";
import type { CursorKey } from "./cursor";

/** /api/v1 queries: keyset pages (limit + 1 rows), every one scoped by the key's clinic. */

/** Rows after the cursor in (sort, id) order. */
function after(sort: Column, idColumn: Column, key: CursorKey | null): SQL | undefined {
  if (!key) return undefined;
  return or(gt(sort, key[0]), and(eq(sort, key[0]), gt(idColumn, key[1])));
}

function patientsQuery(db: Db) {
  return db
    .select({ patient: getTableColumns(patients), journey: getTableColumns(journeyProjections) })
    .from(patients)
    .leftJoin(journeyProjections, and(eq(journeyProjections.patientId, patients.id), eq(journeyProjections.clinicId, patients.clinicId)));
}

export function listPatients(db: Db, clinicId: string, cursor: CursorKey | null, limit: number) {
  return patientsQuery(db)
    .where(and(eq(patients.clinicId, clinicId), after(patients.id, patients.id, cursor)))
    .orderBy(asc(patients.id))
    .limit(limit + 1);
}

export function findPatientWithJourney(db: Db, clinicId: string, patientId: string) {
  return patientsQuery(db)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)))
    .get();
}

export interface TaskFilter {
  status?: (typeof tasks.$inferSelect)["status"];
  patientId?: string;
}

export function listTasks(db: Db, clinicId: string, filter: TaskFilter, cursor: CursorKey | null, limit: number) {
  return db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.clinicId, clinicId),
        filter.status ? eq(tasks.status, filter.status) : undefined,
        filter.patientId ? eq(tasks.patientId, filter.patientId) : undefined,
        after(tasks.dueDate, tasks.id, cursor),
      ),
    )
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .limit(limit + 1);
}

export function findTask(db: Db, clinicId: string, taskId: string) {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.clinicId, clinicId), eq(tasks.id, taskId)))
    .get();
}

export function listMessages(db: Db, clinicId: string, filter: { patientId?: string }, cursor: CursorKey | null, limit: number) {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.clinicId, clinicId),
        filter.patientId ? eq(messages.patientId, filter.patientId) : undefined,
        after(messages.createdAt, messages.id, cursor),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(limit + 1);
}

export interface AppointmentFilter {
  patientId?: string;
  status?: AppointmentStatus;
  from?: number;
  before?: number;
}

export function listAppointments(db: Db, clinicId: string, filter: AppointmentFilter, cursor: CursorKey | null, limit: number) {
  return db
    .select({ ...getTableColumns(appointments), therapistName: staffUsers.name })
    .from(appointments)
    .leftJoin(staffUsers, and(eq(staffUsers.id, appointments.therapistId), eq(staffUsers.clinicId, appointments.clinicId)))
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        filter.patientId ? eq(appointments.patientId, filter.patientId) : undefined,
        filter.status ? eq(appointments.status, filter.status) : undefined,
        filter.from !== undefined ? gte(appointments.startsAt, filter.from) : undefined,
        filter.before !== undefined ? lt(appointments.startsAt, filter.before) : undefined,
        after(appointments.startsAt, appointments.id, cursor),
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(limit + 1);
}
