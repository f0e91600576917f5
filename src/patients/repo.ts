import { and, asc, desc, eq, getTableColumns, inArray, or, type SQL, sql } from "drizzle-orm";
import { journeyProjections } from "../journey/tables";
import type { Db } from "../platform/db";
import { escapeLike, type SearchPlan } from "./model";
import { consents, patientIdentifiers, patients } from "./tables";

export type PatientRow = typeof patients.$inferSelect;
export type IdentifierRow = typeof patientIdentifiers.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;

/** Every query here takes the clinic id: a patient of another clinic simply does not exist. */
export function searchPatients(db: Db, clinicId: string, plan: SearchPlan, offset: number, limit: number) {
  const any: SQL[] = [];
  if (plan.nameTokens.length > 0) {
    const perToken = plan.nameTokens.map((t) => {
      const e = escapeLike(t);
      return or(sql`${patients.searchName} LIKE ${`${e}%`} ESCAPE '\\'`, sql`${patients.searchName} LIKE ${`% ${e}%`} ESCAPE '\\'`) as SQL;
    });
    any.push(and(...perToken) as SQL);
  }
  if (plan.phoneDigits) any.push(sql`${patients.phone} LIKE ${`%${escapeLike(plan.phoneDigits)}`} ESCAPE '\\'`);
  if (plan.dateOfBirth) any.push(eq(patients.dateOfBirth, plan.dateOfBirth));
  if (plan.identifier) {
    any.push(
      inArray(
        patients.id,
        db
          .select({ id: patientIdentifiers.patientId })
          .from(patientIdentifiers)
          .where(and(eq(patientIdentifiers.clinicId, clinicId), eq(patientIdentifiers.value, plan.identifier))),
      ),
    );
  }
  const filter = any.length > 0 ? and(eq(patients.clinicId, clinicId), or(...any)) : eq(patients.clinicId, clinicId);
  // The journey stage comes from the D1 projection, never from a DO per row.
  return db
    .select({ ...getTableColumns(patients), journeyStage: journeyProjections.stage })
    .from(patients)
    .leftJoin(journeyProjections, and(eq(journeyProjections.patientId, patients.id), eq(journeyProjections.clinicId, patients.clinicId)))
    .where(filter)
    .orderBy(asc(patients.searchName), asc(patients.id))
    .limit(limit)
    .offset(offset);
}

export function findPatient(db: Db, clinicId: string, patientId: string) {
  return db
    .select()
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)))
    .get();
}

/** The patient with identifiers and consent history, in one round trip. */
export async function loadPatientRecord(db: Db, clinicId: string, patientId: string) {
  const [patient, identifiers, consentHistory] = await db.batch([
    db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId))),
    db
      .select()
      .from(patientIdentifiers)
      .where(and(eq(patientIdentifiers.clinicId, clinicId), eq(patientIdentifiers.patientId, patientId)))
      .orderBy(asc(patientIdentifiers.system)),
    db
      .select()
      .from(consents)
      .where(and(eq(consents.clinicId, clinicId), eq(consents.patientId, patientId)))
      .orderBy(desc(consents.recordedAt), desc(consents.id)),
  ]);
  const row = patient[0];
  return row ? { patient: row, identifiers, consentHistory } : undefined;
}

export function findIdentifierOwner(db: Db, clinicId: string, system: string, value: string) {
  return db
    .select({ patientId: patientIdentifiers.patientId })
    .from(patientIdentifiers)
    .where(and(eq(patientIdentifiers.clinicId, clinicId), eq(patientIdentifiers.system, system), eq(patientIdentifiers.value, value)))
    .get();
}

export const insertPatient = (db: Db, row: typeof patients.$inferInsert) => db.insert(patients).values(row);

export const updatePatientRow = (db: Db, clinicId: string, patientId: string, set: Partial<typeof patients.$inferInsert>) =>
  db
    .update(patients)
    .set(set)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));

export const insertIdentifier = (db: Db, row: typeof patientIdentifiers.$inferInsert) => db.insert(patientIdentifiers).values(row);

export const deleteIdentifier = (db: Db, clinicId: string, patientId: string, identifierId: string) =>
  db
    .delete(patientIdentifiers)
    .where(
      and(eq(patientIdentifiers.clinicId, clinicId), eq(patientIdentifiers.patientId, patientId), eq(patientIdentifiers.id, identifierId)),
    );

export const insertConsent = (db: Db, row: typeof consents.$inferInsert) => db.insert(consents).values(row);
