import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { episodes } from "../episodes/tables";
import { patients } from "../patients/tables";
import type { Db } from "../platform/db";
import type { Deps } from "../platform/env";
import { appointments } from "../scheduling/tables";
import { findReferralSource } from "./repo";
import { referralSources } from "./tables";

/** The episodes a source referred, with the patient's name and visits attended: one statement. */
export function referredEpisodes(db: Db, clinicId: string, sourceId: string) {
  return db
    .select({
      episodeId: episodes.id,
      startDate: episodes.startDate,
      status: episodes.status,
      dischargeReason: episodes.dischargeReason,
      bodyRegion: episodes.bodyRegion,
      patient: { id: patients.id, givenName: patients.givenName, familyName: patients.familyName },
      attended: sql<number>`(SELECT count(*) FROM ${appointments} a WHERE a.clinic_id = ${episodes.clinicId}
        AND a.episode_id = ${episodes.id} AND a.status = 'attended')`,
    })
    .from(episodes)
    .innerJoin(patients, and(eq(patients.id, episodes.patientId), eq(patients.clinicId, episodes.clinicId)))
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.referralSourceId, sourceId)))
    .orderBy(desc(episodes.startDate), desc(episodes.id));
}

/** Names of the given sources (for an episode card), in one statement. */
export function referralSourceNames(db: Db, clinicId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: string; name: string }[]);
  return db
    .select({ id: referralSources.id, name: referralSources.name })
    .from(referralSources)
    .where(and(eq(referralSources.clinicId, clinicId), inArray(referralSources.id, ids)));
}

/**
 * A source with the patients it sent and the same counts as the list (referred, converted to an
 * attended first visit, completed with goals met or plan completed); undefined for another clinic's id.
 */
export async function referralSourceDetail(deps: Deps, clinicId: string, sourceId: string) {
  const [source, rows] = await Promise.all([
    findReferralSource(deps.db, clinicId, sourceId),
    referredEpisodes(deps.db, clinicId, sourceId),
  ]);
  if (!source) return undefined;
  const referred = rows.map((r) => ({ ...r, attended: Number(r.attended) }));
  return {
    source,
    referred,
    stats: {
      referred: referred.length,
      converted: referred.filter((r) => r.attended > 0).length,
      completed: referred.filter((r) => r.dischargeReason === "goals_met" || r.dischargeReason === "plan_completed").length,
    },
  };
}
