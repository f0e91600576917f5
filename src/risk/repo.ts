import { and, asc, desc, eq, gt, type SQL, sql } from "drizzle-orm";
import { clinics } from "../clinics/tables";
import { episodes } from "../episodes/tables";
import type { Db } from "../platform/db";
import { newId } from "../platform/ids";
import type { RiskBand } from "./score";
import { riskCurrent, riskModels, riskScores } from "./tables";

/** Risk tables: every query takes the clinic id. */

/** One page of a clinic's open episodes, by id (the cron walks them without loading all at once). */
export function openEpisodePage(db: Db, clinicId: string, afterId: string | null, limit: number) {
  return db
    .select({ id: episodes.id })
    .from(episodes)
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.status, "open"), afterId ? gt(episodes.id, afterId) : undefined))
    .orderBy(asc(episodes.id))
    .limit(limit);
}

export function clinicSettingsJson(db: Db, clinicId: string) {
  return db.select({ settings: clinics.settings }).from(clinics).where(eq(clinics.id, clinicId)).get();
}

/** The clinic's model in use, newest first (training marks at most one; the newest wins if not). */
export function modelInUse(db: Db, clinicId: string) {
  return db
    .select({ model: riskModels.model })
    .from(riskModels)
    .where(and(eq(riskModels.clinicId, clinicId), eq(riskModels.inUse, true)))
    .orderBy(desc(riskModels.trainedAt))
    .limit(1)
    .get();
}

/**
 * The band each episode had in its latest score before `asOf`. Read from the history, not from
 * risk_current, so a re-run of the same chunk (whose current row already holds this run's band)
 * still sees the band before it and decides the same way.
 */
export async function bandsBefore(db: Db, clinicId: string, episodeIds: readonly string[], asOf: number): Promise<Map<string, RiskBand>> {
  if (episodeIds.length === 0) return new Map();
  const rows = await db.all<{ episode_id: string; band: RiskBand }>(sql`
    SELECT s.episode_id, s.band FROM risk_scores s
    WHERE s.clinic_id = ${clinicId} AND s.episode_id IN (SELECT value FROM json_each(${JSON.stringify(episodeIds)}))
      AND s.computed_at = (
        SELECT max(p.computed_at) FROM risk_scores p
        WHERE p.clinic_id = s.clinic_id AND p.episode_id = s.episode_id AND p.computed_at < ${asOf}
      )`);
  return new Map(rows.map((r) => [r.episode_id, r.band]));
}

export interface ScoreRow {
  episodeId: string;
  patientId: string;
  score: number;
  band: RiskBand;
  /** JSON of the reasons. */
  reasons: string;
  /** JSON of the features. */
  features: string;
  modelVersion: string;
}

/**
 * Two statements for a whole chunk (rows travel as one JSON parameter): the history row, once per
 * episode and scoring time; and the current row, replaced only by a score at least as recent (an old
 * retried chunk never overwrites a newer score).
 */
export function writeScoreStatements(clinicId: string, computedAt: number, rows: readonly ScoreRow[]): SQL[] {
  if (rows.length === 0) return [];
  const json = JSON.stringify(
    rows.map((r) => [newId(computedAt), r.episodeId, r.patientId, r.score, r.band, r.reasons, r.features, r.modelVersion]),
  );
  const history = sql`
    INSERT INTO ${riskScores} (id, clinic_id, episode_id, patient_id, score, band, reasons, features, model_version, computed_at)
    SELECT value ->> 0, ${clinicId}, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, ${computedAt}
    FROM json_each(${json}) AS j
    WHERE NOT EXISTS (
      SELECT 1 FROM risk_scores s WHERE s.clinic_id = ${clinicId} AND s.episode_id = j.value ->> 1 AND s.computed_at = ${computedAt}
    )`;
  const current = sql`
    INSERT INTO ${riskCurrent} (clinic_id, episode_id, patient_id, score, band, reasons, model_version, computed_at)
    SELECT ${clinicId}, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 7, ${computedAt}
    FROM json_each(${json}) WHERE true
    ON CONFLICT (clinic_id, episode_id) DO UPDATE SET
      patient_id = excluded.patient_id, score = excluded.score, band = excluded.band, reasons = excluded.reasons,
      model_version = excluded.model_version, computed_at = excluded.computed_at
    WHERE excluded.computed_at >= risk_current.computed_at`;
  return [history, current];
}

/** Current rows of episodes no longer open in the chunk: lists read only open care. */
export function dropClosedStatement(clinicId: string, closedEpisodeIds: readonly string[]): SQL | null {
  if (closedEpisodeIds.length === 0) return null;
  return sql`DELETE FROM ${riskCurrent} WHERE clinic_id = ${clinicId}
    AND episode_id IN (SELECT value FROM json_each(${JSON.stringify(closedEpisodeIds)}))`;
}

/** The current risk of each patient: their open episode with the highest score. */
export async function currentRiskOfPatients(db: Db, clinicId: string, patientIds: readonly string[]) {
  if (patientIds.length === 0) return new Map<string, typeof riskCurrent.$inferSelect>();
  const rows = await db
    .select()
    .from(riskCurrent)
    // One JSON parameter: a page of 100 patients plus the clinic would pass D1's 100 bound parameters.
    .where(
      and(
        eq(riskCurrent.clinicId, clinicId),
        sql`${riskCurrent.patientId} IN (SELECT value FROM json_each(${JSON.stringify(patientIds)}))`,
      ),
    )
    .orderBy(desc(riskCurrent.score));
  const out = new Map<string, typeof riskCurrent.$inferSelect>();
  for (const r of rows) if (!out.has(r.patientId)) out.set(r.patientId, r);
  return out;
}
