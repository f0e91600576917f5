import { and, asc, eq, gte, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import { hepLogs, hepProgramItems } from "./tables";

export type ProgramItemRow = typeof hepProgramItems.$inferSelect;
export type HepLogRow = typeof hepLogs.$inferSelect;

/** The patient's program rows still open or ending on or after `since`, in program order (oldest first). */
export function programRows(db: Db, clinicId: string, patientId: string, since: string) {
  return db
    .select()
    .from(hepProgramItems)
    .where(
      and(
        eq(hepProgramItems.clinicId, clinicId),
        eq(hepProgramItems.patientId, patientId),
        or(isNull(hepProgramItems.endDate), gte(hepProgramItems.endDate, since)),
      ),
    )
    .orderBy(asc(hepProgramItems.createdAt), asc(hepProgramItems.id));
}

/** The patient's logs dated on or after `since` (local calendar dates). */
export function logRows(db: Db, clinicId: string, patientId: string, since: string) {
  return db
    .select()
    .from(hepLogs)
    .where(and(eq(hepLogs.clinicId, clinicId), eq(hepLogs.patientId, patientId), gte(hepLogs.date, since)))
    .orderBy(asc(hepLogs.loggedAt));
}

/** Rows staff have not ended: the current program, in program order. */
export function openRows(db: Db, clinicId: string, patientId: string) {
  return db
    .select()
    .from(hepProgramItems)
    .where(and(eq(hepProgramItems.clinicId, clinicId), eq(hepProgramItems.patientId, patientId), isNull(hepProgramItems.endedAt)))
    .orderBy(asc(hepProgramItems.createdAt), asc(hepProgramItems.id));
}

/** One program row, only if it is this patient's in this clinic. */
export function findItem(db: Db, clinicId: string, patientId: string, itemId: string) {
  return db
    .select()
    .from(hepProgramItems)
    .where(and(eq(hepProgramItems.clinicId, clinicId), eq(hepProgramItems.patientId, patientId), eq(hepProgramItems.id, itemId)))
    .get();
}

export const insertItem = (db: Db, row: typeof hepProgramItems.$inferInsert) => db.insert(hepProgramItems).values(row);

/** Ends a row that staff have not ended yet (a no-op otherwise, which the guard below turns into a failure). */
export const endItem = (db: Db, clinicId: string, itemId: string, endDate: string, endedAt: number) =>
  db
    .update(hepProgramItems)
    .set({ endDate, endedAt })
    .where(and(eq(hepProgramItems.clinicId, clinicId), eq(hepProgramItems.id, itemId), isNull(hepProgramItems.endedAt)));

export const insertLog = (db: Db, row: typeof hepLogs.$inferInsert) => db.insert(hepLogs).values(row);

// Guards: conditions checked inside the write batch, so two requests at once cannot both pass a read.

/** The row is still open (no one ended it between our read and this write). */
export const itemIsOpen = (clinicId: string, itemId: string): SQL =>
  sql`EXISTS (SELECT 1 FROM ${hepProgramItems} WHERE clinic_id = ${clinicId} AND id = ${itemId} AND ended_at IS NULL)`;

/** Exactly one open row for this exercise after the write: adding or changing never duplicates it. */
export const oneOpenRowFor = (clinicId: string, patientId: string, exerciseId: string): SQL =>
  sql`(SELECT COUNT(*) FROM ${hepProgramItems} WHERE clinic_id = ${clinicId} AND patient_id = ${patientId}
       AND exercise_id = ${exerciseId} AND ended_at IS NULL) = 1`;

/** No log of this exercise (or "session") since `since`, epoch ms: a double tap writes nothing. */
export const noLogSince = (clinicId: string, patientId: string, exerciseId: string, since: number): SQL =>
  sql`NOT EXISTS (SELECT 1 FROM ${hepLogs} WHERE clinic_id = ${clinicId} AND patient_id = ${patientId}
      AND exercise_id = ${exerciseId} AND logged_at > ${since})`;
