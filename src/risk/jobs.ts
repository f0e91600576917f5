import { allClinicIds } from "../clinics/repo";
import { HOUR } from "../platform/clock";
import type { Deps } from "../platform/env";
import { MAX_CHUNK_EPISODES } from "./feature-queries";
import * as repo from "./repo";
import type { RiskChunk } from "./service";

/** Episode ids read per statement while walking a clinic's open episodes. */
const PAGE = 5_000;
/** Messages per sendBatch call (the Queues limit is 100 messages and 256 KB; a chunk is about 3 KB). */
const SEND_BATCH = 50;

/**
 * The scoring time of a run: the top of the hour. Every chunk of one hourly run shares it, and a
 * re-run within the same hour (a retried cron) produces the very same chunks, whose scores and
 * journey events are then recognised as already made.
 */
export const scoringTimeOf = (now: number) => Math.floor(now / HOUR) * HOUR;

/**
 * Hourly cron: selects every clinic's open episodes (ids only) and enqueues them in chunks on
 * risk-scoring; the consumer does the work. One statement per 5,000 episodes and one queue call per
 * 50 chunks, so 100,000 open episodes are about 20 reads and 20 queue calls.
 */
export async function enqueueRiskScoring(deps: Deps): Promise<{ chunks: number; episodes: number }> {
  const asOf = scoringTimeOf(deps.clock.now());
  let chunks = 0;
  let episodes = 0;
  for (const clinicId of await allClinicIds(deps.db)) {
    const run = await enqueueClinicScoring(deps, clinicId, asOf);
    chunks += run.chunks;
    episodes += run.episodes;
  }
  deps.logger.info("risk.enqueued", { job: "risk-scoring", chunks, episodes });
  return { chunks, episodes };
}

/**
 * One clinic's open episodes, in chunks on risk-scoring as of `asOf`: the hourly run's part for the
 * clinic, and a run of its own when the clinic changes its band cut-offs.
 */
export async function enqueueClinicScoring(deps: Deps, clinicId: string, asOf: number): Promise<{ chunks: number; episodes: number }> {
  let chunks = 0;
  let episodes = 0;
  let after: string | null = null;
  let pending: RiskChunk[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    await deps.queues.risk.sendBatch(pending.map((body) => ({ body })));
    chunks += pending.length;
    pending = [];
  };
  for (;;) {
    const page = await repo.openEpisodePage(deps.db, clinicId, after, PAGE);
    for (let i = 0; i < page.length; i += MAX_CHUNK_EPISODES) {
      const episodeIds = page.slice(i, i + MAX_CHUNK_EPISODES).map((e) => e.id);
      pending.push({ v: 1, clinicId, episodeIds, asOf });
      episodes += episodeIds.length;
      if (pending.length >= SEND_BATCH) await flush();
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.id ?? null;
  }
  await flush();
  return { chunks, episodes };
}
