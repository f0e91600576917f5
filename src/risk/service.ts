import { z } from "zod";
import { execBatch } from "../platform/db";
import type { Deps } from "../platform/env";
import { chunkFeatures, MAX_CHUNK_EPISODES } from "./feature-queries";
import * as repo from "./repo";
import {
  DEFAULT_MODEL,
  DEFAULT_THRESHOLDS,
  type RiskBand,
  type RiskModel,
  type RiskThresholds,
  riskModelSchema,
  riskThresholdsSchema,
  score,
} from "./score";

/** The risk-scoring queue's message: which of a clinic's open episodes to score, as of when. Ids only. */
export const riskEnvelopeSchema = z.object({
  v: z.literal(1),
  clinicId: z.string().min(1).max(80),
  episodeIds: z.array(z.string().min(1).max(80)).min(1).max(MAX_CHUNK_EPISODES),
  /** The scoring time, epoch ms: the features see nothing after it, and it names this run's scores and events. */
  asOf: z.number().int().positive(),
});
export type RiskChunk = z.infer<typeof riskEnvelopeSchema>;

export interface ClinicScoring {
  model: RiskModel;
  thresholds: RiskThresholds;
}

const safeJson = (text: string | null | undefined): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
};

/**
 * The clinic's model in use (its own, once training has shown it beats the default) and its band
 * thresholds (clinic settings `risk.thresholds`, { medium, high }). Anything missing or malformed
 * falls back to the default, so a bad setting never stops scoring.
 */
export async function clinicScoring(deps: Deps, clinicId: string): Promise<ClinicScoring> {
  const [stored, clinic] = await Promise.all([repo.modelInUse(deps.db, clinicId), repo.clinicSettingsJson(deps.db, clinicId)]);
  const model = riskModelSchema.safeParse(safeJson(stored?.model));
  const settings = safeJson(clinic?.settings) as { risk?: { thresholds?: unknown } } | null;
  const thresholds = riskThresholdsSchema.safeParse(settings?.risk?.thresholds);
  return { model: model.success ? model.data : DEFAULT_MODEL, thresholds: thresholds.success ? thresholds.data : DEFAULT_THRESHOLDS };
}

export interface ChunkResult {
  scored: number;
  /** Ids in the chunk that are no longer open episodes of this clinic. */
  skipped: number;
  /** Journeys told of a band change. */
  bandChanges: number;
}

/**
 * The journey hears of a band change only: a first score counts as a change from "low" (the band of
 * a patient nobody has flagged), so a first low score sends nothing and a first medium or high one does.
 * The journey alone decides what a band means for the patient's stage (machine.ts riskChanged).
 */
export const bandChanged = (before: RiskBand | undefined, after: RiskBand) => (before ?? "low") !== after;

/**
 * Scores one chunk: features as of `asOf`, the clinic's model and thresholds, the journey told of each
 * band change, then the history and the current scores written in one batch.
 *
 * Safe to run twice: the previous band comes from the history before `asOf` (so a re-run decides the
 * same), each journey event's id is `risk:<episode>:<asOf>` (the journey ignores an id it has seen),
 * and the history is written once per episode and time. Journeys are told before the write, so a
 * failure between the two is retried whole rather than leaving a change untold.
 */
export async function scoreChunk(deps: Deps, chunk: RiskChunk): Promise<ChunkResult> {
  const { clinicId, asOf } = chunk;
  const [{ model, thresholds }, episodes] = await Promise.all([
    clinicScoring(deps, clinicId),
    chunkFeatures(deps.db, clinicId, chunk.episodeIds, asOf),
  ]);
  const before = await repo.bandsBefore(
    deps.db,
    clinicId,
    episodes.map((e) => e.episodeId),
    asOf,
  );
  const rows: repo.ScoreRow[] = episodes.map((e) => {
    const s = score(e.features, model, thresholds);
    return {
      episodeId: e.episodeId,
      patientId: e.patientId,
      score: Math.round(s.score * 10_000) / 10_000,
      band: s.band,
      reasons: JSON.stringify(s.reasons),
      features: JSON.stringify(e.features),
      modelVersion: s.modelVersion,
    };
  });
  const changed = rows.filter((r) => bandChanged(before.get(r.episodeId), r.band));
  await Promise.all(changed.map((r) => tellJourney(deps, clinicId, r, asOf)));

  const open = new Set(rows.map((r) => r.episodeId));
  const closed = chunk.episodeIds.filter((id) => !open.has(id));
  const drop = repo.dropClosedStatement(clinicId, closed);
  await execBatch(deps.db, [...repo.writeScoreStatements(clinicId, asOf, rows), ...(drop ? [drop] : [])]);
  return { scored: rows.length, skipped: closed.length, bandChanges: changed.length };
}

async function tellJourney(deps: Deps, clinicId: string, row: repo.ScoreRow, asOf: number): Promise<void> {
  const stub = deps.journeys.get(deps.journeys.idFromName(row.patientId));
  const result = await stub.dispatch({
    clinicId,
    patientId: row.patientId,
    event: { type: "risk.changed", band: row.band, eventId: `risk:${row.episodeId}:${asOf}`, occurredAt: asOf },
  });
  // Rejected (not in care) and duplicate (a re-run) are expected; invalid means a contract bug.
  if (result.outcome === "invalid") deps.logger.warn("risk.journey_invalid", { clinicId, reason: result.reason });
}
