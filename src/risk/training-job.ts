import { allClinicIds } from "../clinics/repo";
import { sendClinicJobs } from "../platform/clinic-jobs";
import { execBatch } from "../platform/db";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import { storeTrainingStatements, type TrainingMetrics, versionExists } from "./model-store";
import { DEFAULT_MODEL } from "./score";
import { MIN_CLOSED_EPISODES, trainAndChoose } from "./train";
import { trainingEpisodes } from "./training-data";

/**
 * Nightly: each clinic's own dropout model, fitted on its closed episodes and used only when it
 * beats the default on the latest of them (train.ts decides; this file reads and stores).
 */

/** One version per clinic per UTC day: what makes a re-run of the night's job store nothing new. */
export const modelVersionOf = (now: number) => `clinic-${new Date(now).toISOString().slice(0, 10)}`;

export interface ClinicTraining {
  version: string;
  /** False when this version was already stored (a re-run). */
  stored: boolean;
  chosen?: "clinic" | "default";
}

const rounded = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** `now` is the night's time: a retried queue message trains as of the same instant, under the same version. */
export async function trainClinicModel(deps: Deps, clinicId: string, now = deps.clock.now()): Promise<ClinicTraining> {
  const version = modelVersionOf(now);
  // Cheap check first: a re-run skips the reads and the fit; the conditional insert still guards a race.
  if (await versionExists(deps.db, clinicId, version)) return { version, stored: false };

  const data = await trainingEpisodes(deps.db, clinicId, now);
  const report = trainAndChoose(data.episodes, { version });
  const metrics: TrainingMetrics = {
    episodes: data.episodes.length,
    dropped: data.episodes.filter((e) => e.dropped).length,
    skipped: data.skipped,
    trainEpisodes: report.trainEpisodes,
    heldOut: report.heldOutEpisodes,
    fitted: report.clinicModel !== null,
    chosen: report.chosen,
    reason: report.reason,
    minEpisodes: MIN_CLOSED_EPISODES,
    clinic: report.clinic && { auroc: rounded(report.clinic.auroc), brier: rounded(report.clinic.brier) },
    default: { auroc: rounded(report.default.auroc), brier: rounded(report.default.brier) },
  };
  // Without a fitted model the row still records the run (Settings shows why); its model is the default's, never used from here.
  const model = report.clinicModel ?? DEFAULT_MODEL;
  const [inserted] = await execBatch(
    deps.db,
    storeTrainingStatements({
      id: newId(now),
      clinicId,
      version,
      model: JSON.stringify(model),
      metrics: JSON.stringify(metrics),
      inUse: report.chosen === "clinic",
      trainedAt: now,
    }),
  );
  const stored = (inserted?.meta.changes ?? 0) > 0;
  if (stored) deps.logger.info("risk.trained", { job: "risk-training", clinicId, count: metrics.episodes, reason: report.reason });
  return { version, stored, chosen: report.chosen };
}

/**
 * Daily cron step: one risk-training message per clinic; the consumer trains one clinic per
 * invocation. A clinic's training reads up to 3,000 closed episodes (about 200 D1 statements), so
 * training every clinic inside the cron would meet the per-invocation limit at a handful of clinics.
 */
export async function enqueueRiskTraining(deps: Deps): Promise<{ clinics: number }> {
  const ids = await allClinicIds(deps.db);
  await sendClinicJobs(deps.queues.training, ids, deps.clock.now());
  deps.logger.info("risk.training_enqueued", { job: "risk-training", count: ids.length });
  return { clinics: ids.length };
}
