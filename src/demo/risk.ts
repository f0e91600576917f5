import { eq } from "drizzle-orm";
import { clinics } from "../clinics/tables";
import type { Deps } from "../platform/env";
import { MAX_CHUNK_EPISODES } from "../risk/feature-queries";
import { scoringTimeOf } from "../risk/jobs";
import { modelOverview } from "../risk/model-store";
import { openEpisodePage } from "../risk/repo";
import { scoreChunk } from "../risk/service";
import { trainClinicModel } from "../risk/training-job";

/** Open episodes read per statement (as the hourly job pages them). */
const PAGE = 5_000;

export interface DemoRisk {
  clinicId: string;
  /** A model was trained on this start (none was stored yet). */
  trained: boolean;
  scored: number;
  bandChanges: number;
}

/**
 * The demo clinics' dropout risk on start, so that Settings -> Risk model shows a trained model and the
 * at-risk worklist is filled on first sign-in, without waiting for the nightly and hourly jobs: the
 * nightly training's own per-clinic step when the clinic has no stored model yet, then the hourly
 * scoring's own chunk step over its open episodes, with the real journeys told of band changes.
 *
 * Safe on every start: training runs only while nothing is stored (a later night trains again by
 * itself), and scoring uses the hour's scoring time, so a second start within the hour writes nothing
 * new and the journeys recognise their events; a later start scores afresh, as that hour's job would.
 */
export async function ensureDemoRisk(deps: Deps, clinicIds: readonly string[]): Promise<DemoRisk[]> {
  const out: DemoRisk[] = [];
  const asOf = scoringTimeOf(deps.clock.now());
  for (const clinicId of clinicIds) {
    const clinic = await deps.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.id, clinicId)).get();
    if (!clinic) continue;
    const { latest } = await modelOverview(deps.db, clinicId);
    const trained = latest === null && (await trainClinicModel(deps, clinicId)).stored;
    let scored = 0;
    let bandChanges = 0;
    let after: string | null = null;
    for (;;) {
      const page = await openEpisodePage(deps.db, clinicId, after, PAGE);
      for (let i = 0; i < page.length; i += MAX_CHUNK_EPISODES) {
        const episodeIds = page.slice(i, i + MAX_CHUNK_EPISODES).map((e) => e.id);
        const result = await scoreChunk(deps, { v: 1, clinicId, episodeIds, asOf });
        scored += result.scored;
        bandChanges += result.bandChanges;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.id ?? null;
    }
    out.push({ clinicId, trained, scored, bandChanges });
  }
  return out;
}
