import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { staffUsers } from "../clinics/tables";
import { patients } from "../patients/tables";
import type { Db } from "../platform/db";
import { occupyingStatuses } from "./model";
import { appointmentChanges, appointments, availability, waitlistEntries } from "./tables";

export type AppointmentRow = typeof appointments.$inferSelect;

export function listTherapists(db: Db, clinicId: string) {
  return db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.role, "therapist"), eq(staffUsers.active, true)))
    .orderBy(asc(staffUsers.name));
}

export function findTherapist(db: Db, clinicId: string, therapistId: string) {
  return db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(
      and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, therapistId), eq(staffUsers.role, "therapist"), eq(staffUsers.active, true)),
    )
    .get();
}

export function listAvailability(db: Db, clinicId: string, therapistIds: string[]) {
  if (therapistIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(availability)
    .where(and(eq(availability.clinicId, clinicId), inArray(availability.therapistId, therapistIds)))
    .orderBy(asc(availability.weekday), asc(availability.startTime));
}

export const deleteAvailability = (db: Db, clinicId: string, therapistId: string) =>
  db.delete(availability).where(and(eq(availability.clinicId, clinicId), eq(availability.therapistId, therapistId)));

export const insertAvailability = (db: Db, rows: (typeof availability.$inferInsert)[]) => db.insert(availability).values(rows);

export function findAppointment(db: Db, clinicId: string, appointmentId: string) {
  return db
    .select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, appointmentId)))
    .get();
}

/** Appointments holding a therapist's time around a range: what a booking must not overlap. */
export function therapistAppointmentsBetween(db: Db, clinicId: string, therapistId: string, from: number, to: number) {
  return db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.therapistId, therapistId),
        lt(appointments.startsAt, to),
        gte(appointments.endsAt, from),
        inArray(appointments.status, [...occupyingStatuses]),
      ),
    );
}

/** A day or week of the schedule with the patient's name: one statement, whatever the size. */
export function scheduleBetween(db: Db, clinicId: string, from: number, to: number, therapistId?: string) {
  const where = [eq(appointments.clinicId, clinicId), gte(appointments.startsAt, from), lt(appointments.startsAt, to)];
  if (therapistId) where.push(eq(appointments.therapistId, therapistId));
  return db
    .select({
      appointment: appointments,
      patient: { id: patients.id, givenName: patients.givenName, familyName: patients.familyName, phone: patients.phone },
    })
    .from(appointments)
    .innerJoin(patients, and(eq(patients.id, appointments.patientId), eq(patients.clinicId, appointments.clinicId)))
    .where(and(...where))
    .orderBy(asc(appointments.startsAt), asc(appointments.therapistId));
}

export function patientAppointments(db: Db, clinicId: string, patientId: string) {
  return db
    .select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId)))
    .orderBy(asc(appointments.startsAt));
}

const overlapExists = (clinicId: string, therapistId: string, startsAt: number, endsAt: number, excludeId: string | null) =>
  sql`EXISTS (SELECT 1 FROM ${appointments} o WHERE o.clinic_id = ${clinicId} AND o.therapist_id = ${therapistId}
    AND o.status IN ('booked', 'confirmed', 'arrived', 'attended') AND o.starts_at < ${endsAt} AND o.ends_at > ${startsAt}
    AND (${excludeId} IS NULL OR o.id <> ${excludeId}))`;

/**
 * Inserts the appointment only if nothing overlaps it, in one statement: two desks booking
 * the same slot at the same instant cannot both win (D1 has no interactive transactions).
 */
export function insertAppointmentIfFree(row: typeof appointments.$inferInsert) {
  return sql`INSERT INTO ${appointments}
    (id, clinic_id, patient_id, therapist_id, episode_id, starts_at, ends_at, duration_minutes, type, status, outside_availability, created_at, updated_at)
    SELECT ${row.id}, ${row.clinicId}, ${row.patientId}, ${row.therapistId}, ${row.episodeId ?? null}, ${row.startsAt}, ${row.endsAt},
      ${row.durationMinutes}, ${row.type}, 'booked', ${row.outsideAvailability ? 1 : 0}, ${row.createdAt}, ${row.updatedAt}
    WHERE NOT ${overlapExists(row.clinicId, row.therapistId, row.startsAt, row.endsAt, null)}`;
}

/** Moves a visit that has not happened yet, only if the new time is free. */
export function moveAppointmentIfFree(a: {
  clinicId: string;
  id: string;
  therapistId: string;
  startsAt: number;
  endsAt: number;
  durationMinutes: number;
  outsideAvailability: boolean;
  updatedAt: number;
}) {
  return sql`UPDATE ${appointments} SET starts_at = ${a.startsAt}, ends_at = ${a.endsAt}, duration_minutes = ${a.durationMinutes},
      outside_availability = ${a.outsideAvailability ? 1 : 0}, updated_at = ${a.updatedAt}
    WHERE clinic_id = ${a.clinicId} AND id = ${a.id} AND status IN ('booked', 'confirmed')
      AND NOT ${overlapExists(a.clinicId, a.therapistId, a.startsAt, a.endsAt, a.id)}`;
}

/** Changes status only from the status we read, so two clicks cannot both apply. */
export const updateStatusFrom = (
  db: Db,
  clinicId: string,
  id: string,
  from: AppointmentRow["status"],
  set: { status: AppointmentRow["status"]; cancelReason?: string | null; updatedAt: number },
) =>
  db
    .update(appointments)
    .set(set)
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id), eq(appointments.status, from)))
    .returning({ id: appointments.id });

export const insertChange = (db: Db, row: typeof appointmentChanges.$inferInsert) => db.insert(appointmentChanges).values(row);

export function appointmentHistory(db: Db, clinicId: string, appointmentId: string) {
  return db
    .select()
    .from(appointmentChanges)
    .where(and(eq(appointmentChanges.clinicId, clinicId), eq(appointmentChanges.appointmentId, appointmentId)))
    .orderBy(asc(appointmentChanges.at));
}

/** Attended visits per episode, for many episodes in one statement. */
export function attendedCounts(db: Db, clinicId: string, episodeIds: string[]) {
  if (episodeIds.length === 0) return Promise.resolve([] as { episodeId: string | null; attended: number }[]);
  return db
    .select({ episodeId: appointments.episodeId, attended: sql<number>`count(*)` })
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), inArray(appointments.episodeId, episodeIds), eq(appointments.status, "attended")))
    .groupBy(appointments.episodeId);
}

export function listWaitlist(db: Db, clinicId: string) {
  return db
    .select({ entry: waitlistEntries, patient: { id: patients.id, givenName: patients.givenName, familyName: patients.familyName } })
    .from(waitlistEntries)
    .innerJoin(patients, and(eq(patients.id, waitlistEntries.patientId), eq(patients.clinicId, waitlistEntries.clinicId)))
    .where(and(eq(waitlistEntries.clinicId, clinicId), eq(waitlistEntries.status, "waiting")))
    .orderBy(asc(waitlistEntries.createdAt));
}

export const insertWaitlistEntry = (db: Db, row: typeof waitlistEntries.$inferInsert) => db.insert(waitlistEntries).values(row);

export const setWaitlistStatus = (db: Db, clinicId: string, id: string, status: "booked" | "removed") =>
  db
    .update(waitlistEntries)
    .set({ status })
    .where(and(eq(waitlistEntries.clinicId, clinicId), eq(waitlistEntries.id, id), eq(waitlistEntries.status, "waiting")))
    .returning({ id: waitlistEntries.id, patientId: waitlistEntries.patientId });
