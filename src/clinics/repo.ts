import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import { clinics, staffUsers } from "./tables";

export function findClinic(db: Db, clinicId: string) {
  return db.select().from(clinics).where(eq(clinics.id, clinicId)).get();
}

/** Every clinic id, in order: the nightly and hourly jobs run for each clinic separately. */
export async function allClinicIds(db: Db): Promise<string[]> {
  return (await db.select({ id: clinics.id }).from(clinics).orderBy(asc(clinics.id))).map((c) => c.id);
}

export const updateClinicRow = (db: Db, clinicId: string, set: Partial<typeof clinics.$inferInsert>) =>
  db.update(clinics).set(set).where(eq(clinics.id, clinicId));

export function listStaff(db: Db, clinicId: string) {
  return db.select().from(staffUsers).where(eq(staffUsers.clinicId, clinicId)).orderBy(asc(staffUsers.name));
}

export function findStaff(db: Db, clinicId: string, userId: string) {
  return db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, userId)))
    .get();
}

export function findStaffByEmail(db: Db, email: string) {
  return db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email)).get();
}

export const insertStaff = (db: Db, row: typeof staffUsers.$inferInsert) => db.insert(staffUsers).values(row);

export const updateStaffRow = (db: Db, clinicId: string, userId: string, set: Partial<typeof staffUsers.$inferInsert>) =>
  db
    .update(staffUsers)
    .set(set)
    .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, userId)));

/** Active owners other than this user: a clinic must always keep one. */
export async function countOtherActiveOwners(db: Db, clinicId: string, userId: string): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(staffUsers)
    .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.role, "owner"), eq(staffUsers.active, true), ne(staffUsers.id, userId)))
    .get();
  return row?.n ?? 0;
}
