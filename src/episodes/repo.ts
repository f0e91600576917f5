import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db";
import { authorizations, episodes } from "./tables";

export type EpisodeRow = typeof episodes.$inferSelect;
export type AuthorizationRow = typeof authorizations.$inferSelect;

export function findEpisode(db: Db, clinicId: string, episodeId: string) {
  return db
    .select()
    .from(episodes)
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.id, episodeId)))
    .get();
}

export function patientEpisodes(db: Db, clinicId: string, patientId: string) {
  return db
    .select()
    .from(episodes)
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.patientId, patientId)))
    .orderBy(desc(episodes.startDate), desc(episodes.id));
}

export const insertEpisode = (db: Db, row: typeof episodes.$inferInsert) => db.insert(episodes).values(row);

export const updateEpisodeRow = (db: Db, clinicId: string, episodeId: string, set: Partial<typeof episodes.$inferInsert>) =>
  db
    .update(episodes)
    .set(set)
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.id, episodeId)));

export function episodeAuthorizations(db: Db, clinicId: string, episodeIds: string[]) {
  if (episodeIds.length === 0) return Promise.resolve([] as AuthorizationRow[]);
  return db
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.clinicId, clinicId), inArray(authorizations.episodeId, episodeIds)))
    .orderBy(asc(authorizations.startDate));
}

export const insertAuthorization = (db: Db, row: typeof authorizations.$inferInsert) => db.insert(authorizations).values(row);
