import { sql } from "drizzle-orm";
import type { DischargeReason } from "../episodes/tables";
import { DAY } from "../platform/clock";
import type { Db } from "../platform/db";
import { chunkStatements, FEATURE_STATEMENTS, featuresOfResults, MAX_CHUNK_EPISODES } from "./feature-queries";
import type { TrainingEpisode } from "./train";

/**
 * A clinic's closed episodes as training rows: how each ended (the label) and what the model would
 * have seen at a cut-off inside it (the features). The cut-off sits two weeks before discharge: at
 * the discharge itself the answer leaks in (a dropout has no next visit and a long gap by then,
 * which is what being discharged as dropped out means, not what predicts it).
 */

/** How long before discharge the features are taken. */
export const CUT_OFF_BEFORE_DISCHARGE_MS = 14 * DAY;
/** The newest closed episodes a nightly run reads per clinic: bounds its D1 reads and CPU, and keeps the fit to recent care. */
export const MAX_TRAINING_EPISODES = 3_000;
/** Chunks packed into one D1 batch (7 statements each): fewer round trips per clinic. */
const CHUNKS_PER_BATCH = 8;

/** What the nightly job read for one clinic. */
export interface TrainingData {
  episodes: (TrainingEpisode & { episodeId: string; cutOff: number })[];
  /** Closed episodes left out: no attended visit, or too short to have a cut-off inside them. */
  skipped: number;
}

/**
 * Dropped out: discharged as dropped out, or lapsed before completing the plan of care (ended for
 * another reason, moved included, with fewer visits attended than prescribed). Completed: goals met
 * or the plan completed, and any other ending once every prescribed visit was attended.
 */
export function droppedOut(reason: DischargeReason | null, attended: number, prescribed: number): boolean {
  if (reason === "dropped_out") return true;
  if (reason === "goals_met" || reason === "plan_completed") return false;
  return attended < prescribed;
}

/**
 * The scoring time of a training row: midnight UTC of the day two weeks before discharge (one time
 * per day lets a day's episodes share a chunk). Null when that is not after the first attended
 * visit: such an episode was never in care at a time the model scores.
 */
export function cutOffOf(dischargedAt: number, firstVisitAt: number | null): number | null {
  if (firstVisitAt === null) return null;
  const cutOff = Math.floor((dischargedAt - CUT_OFF_BEFORE_DISCHARGE_MS) / DAY) * DAY;
  return cutOff > firstVisitAt ? cutOff : null;
}

interface ClosedRow {
  id: string;
  discharge_reason: DischargeReason | null;
  discharged_at: number;
  visits_prescribed: number;
  first_visit_at: number | null;
  attended: number;
}

/** The clinic's newest closed episodes with their first attended visit and visits attended (index on clinic, episode, status). */
function closedEpisodes(db: Db, clinicId: string, now: number) {
  return db.all<ClosedRow>(sql`
    SELECT e.id, e.discharge_reason, e.discharged_at, e.visits_prescribed,
      (SELECT min(a.starts_at) FROM appointments a
       WHERE a.clinic_id = e.clinic_id AND a.episode_id = e.id AND a.status IN ('attended', 'arrived')) AS first_visit_at,
      (SELECT count(*) FROM appointments a
       WHERE a.clinic_id = e.clinic_id AND a.episode_id = e.id AND a.status IN ('attended', 'arrived')) AS attended
    FROM episodes e
    WHERE e.clinic_id = ${clinicId} AND e.status = 'discharged' AND e.discharged_at IS NOT NULL AND e.discharged_at <= ${now}
    ORDER BY e.discharged_at DESC, e.id
    LIMIT ${MAX_TRAINING_EPISODES}`);
}

/**
 * Reads a clinic's training rows: one statement for the closed episodes, then the features in
 * chunks of episodes sharing a cut-off day (each chunk the same FEATURE_STATEMENTS as scoring),
 * CHUNKS_PER_BATCH chunks per D1 batch.
 */
export async function trainingEpisodes(db: Db, clinicId: string, now: number): Promise<TrainingData> {
  const closed = await closedEpisodes(db, clinicId, now);
  const byCutOff = new Map<number, ClosedRow[]>();
  for (const row of closed) {
    const cutOff = cutOffOf(row.discharged_at, row.first_visit_at);
    if (cutOff === null) continue;
    const group = byCutOff.get(cutOff);
    if (group) group.push(row);
    else byCutOff.set(cutOff, [row]);
  }

  const chunks: { asOf: number; rows: ClosedRow[] }[] = [];
  for (const [asOf, rows] of byCutOff) {
    for (let i = 0; i < rows.length; i += MAX_CHUNK_EPISODES) chunks.push({ asOf, rows: rows.slice(i, i + MAX_CHUNK_EPISODES) });
  }

  const episodes: TrainingData["episodes"] = [];
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_BATCH) {
    const packed = chunks.slice(i, i + CHUNKS_PER_BATCH);
    const results = await db.$client.batch(
      packed.flatMap((c) =>
        chunkStatements(
          db,
          clinicId,
          c.rows.map((r) => r.id),
          c.asOf,
          { closed: true },
        ),
      ),
    );
    packed.forEach((chunk, k) => {
      const byId = new Map(chunk.rows.map((r) => [r.id, r]));
      const mine = results.slice(k * FEATURE_STATEMENTS, (k + 1) * FEATURE_STATEMENTS);
      for (const f of featuresOfResults(mine, chunk.asOf)) {
        const row = byId.get(f.episodeId);
        if (!row) continue;
        episodes.push({
          episodeId: f.episodeId,
          cutOff: chunk.asOf,
          features: f.features,
          dropped: droppedOut(row.discharge_reason, row.attended, row.visits_prescribed),
          endedAt: row.discharged_at,
        });
      }
    });
  }
  // Besides those without a cut-off, an episode created after its own cut-off (entered late, e.g. from an EHR import) had no features then.
  return { episodes, skipped: closed.length - episodes.length };
}
