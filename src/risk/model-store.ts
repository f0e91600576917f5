import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../platform/db";
import { riskModels } from "./tables";

/** The risk_models rows of the nightly training: what each run stored and how it judged the two models. Every query takes the clinic id. */

const modelMetricsSchema = z.object({ auroc: z.number().nullable(), brier: z.number().nullable() });

export const trainingReasons = ["no_clinic_model", "too_few_episodes", "held_out_one_outcome", "not_better", "better"] as const;

/** metrics JSON of a risk_models row (the table's comment names its core: episodes, heldOut, clinic, default). */
export const trainingMetricsSchema = z.object({
  /** Closed episodes with a cut-off inside them: the training rows. */
  episodes: z.number().int().min(0),
  /** Of those, ended as dropouts. */
  dropped: z.number().int().min(0),
  /** Closed episodes left out (no attended visit, or too short for a cut-off two weeks before discharge). */
  skipped: z.number().int().min(0),
  trainEpisodes: z.number().int().min(0),
  heldOut: z.number().int().min(0),
  /** Whether a clinic model could be fitted (the earlier episodes held both outcomes). */
  fitted: z.boolean(),
  chosen: z.enum(["clinic", "default"]),
  reason: z.enum(trainingReasons),
  minEpisodes: z.number().int().min(0),
  clinic: modelMetricsSchema.nullable(),
  default: modelMetricsSchema,
});
export type TrainingMetrics = z.infer<typeof trainingMetricsSchema>;

export function versionExists(db: Db, clinicId: string, version: string) {
  return db
    .select({ id: riskModels.id })
    .from(riskModels)
    .where(and(eq(riskModels.clinicId, clinicId), eq(riskModels.version, version)))
    .get();
}

/**
 * Two statements for one batch: the run's row, only if this version is not stored yet (a re-run the
 * same day, or two overlapping runs, store one row); then the in-use flags, only when that row is
 * the one just stored: it alone in use when chosen, otherwise none of the clinic's models (the latest
 * held-out episodes said the default does at least as well, so an older clinic model stops being used).
 */
export function storeTrainingStatements(row: {
  id: string;
  clinicId: string;
  version: string;
  model: string;
  metrics: string;
  inUse: boolean;
  trainedAt: number;
}): SQL[] {
  const insert = sql`
    INSERT INTO ${riskModels} (id, clinic_id, version, model, metrics, in_use, trained_at)
    SELECT ${row.id}, ${row.clinicId}, ${row.version}, ${row.model}, ${row.metrics}, ${row.inUse ? 1 : 0}, ${row.trainedAt}
    WHERE NOT EXISTS (SELECT 1 FROM risk_models WHERE clinic_id = ${row.clinicId} AND version = ${row.version})`;
  const flags = sql`
    UPDATE ${riskModels} SET in_use = (id = ${row.id} AND ${row.inUse ? 1 : 0})
    WHERE clinic_id = ${row.clinicId} AND EXISTS (SELECT 1 FROM risk_models WHERE id = ${row.id} AND clinic_id = ${row.clinicId})`;
  return [insert, flags];
}

/** The newest training and the model in use (null: the default), for Settings -> Risk model. */
export async function modelOverview(db: Db, clinicId: string) {
  const columns = {
    version: riskModels.version,
    model: riskModels.model,
    metrics: riskModels.metrics,
    inUse: riskModels.inUse,
    trainedAt: riskModels.trainedAt,
  };
  const [latest, inUse] = await Promise.all([
    db
      .select(columns)
      .from(riskModels)
      .where(eq(riskModels.clinicId, clinicId))
      .orderBy(desc(riskModels.trainedAt), desc(riskModels.id))
      .get(),
    db
      .select(columns)
      .from(riskModels)
      .where(and(eq(riskModels.clinicId, clinicId), eq(riskModels.inUse, true)))
      .orderBy(desc(riskModels.trainedAt))
      .get(),
  ]);
  return { latest: latest ?? null, inUse: inUse ?? null };
}
