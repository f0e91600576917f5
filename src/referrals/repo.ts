import { and, asc, eq, sql } from "drizzle-orm";
import { episodes } from "../episodes/tables";
import type { Db } from "../platform/db";
import { appointments } from "../scheduling/tables";
import { referralSources } from "./tables";

export function findReferralSource(db: Db, clinicId: string, id: string) {
  return db
    .select()
    .from(referralSources)
    .where(and(eq(referralSources.clinicId, clinicId), eq(referralSources.id, id)))
    .get();
}

export function listReferralSources(db: Db, clinicId: string) {
  return db.select().from(referralSources).where(eq(referralSources.clinicId, clinicId)).orderBy(asc(referralSources.name));
}

export const insertReferralSource = (db: Db, row: typeof referralSources.$inferInsert) => db.insert(referralSources).values(row);

export const updateReferralSourceRow = (db: Db, clinicId: string, id: string, set: Partial<typeof referralSources.$inferInsert>) =>
  db
    .update(referralSources)
    .set(set)
    .where(and(eq(referralSources.clinicId, clinicId), eq(referralSources.id, id)));

/**
 * Per source, in one statement: patients referred (episodes), converted (an attended first
 * visit) and completed (discharged with goals met or plan completed).
 */
export function referralStats(db: Db, clinicId: string) {
  return db
    .select({
      sourceId: episodes.referralSourceId,
      referred: sql<number>`count(*)`,
      // Qualified by hand: inside the subquery a bare "id" would mean the appointment's own id.
      converted: sql<number>`sum(CASE WHEN EXISTS (SELECT 1 FROM ${appointments} a WHERE a.clinic_id = "episodes"."clinic_id"
        AND a.episode_id = "episodes"."id" AND a.status = 'attended') THEN 1 ELSE 0 END)`,
      completed: sql<number>`sum(CASE WHEN ${episodes.dischargeReason} IN ('goals_met', 'plan_completed') THEN 1 ELSE 0 END)`,
    })
    .from(episodes)
    .where(and(eq(episodes.clinicId, clinicId), sql`${episodes.referralSourceId} IS NOT NULL`))
    .groupBy(episodes.referralSourceId);
}
