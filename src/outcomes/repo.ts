import { and, asc, desc, eq } from "drizzle-orm";
import { episodes } from "../episodes/tables";
import type { Db } from "../platform/db";
import { tasks } from "../worklist/tables";
import type { ResponseRow } from "./progress";
import { questionnaireResponses } from "./tables";

export const insertResponse = (db: Db, row: typeof questionnaireResponses.$inferInsert) => db.insert(questionnaireResponses).values(row);

/** The patient's open episode (the latest if several), which new responses belong to. */
export function openEpisodeOf(db: Db, clinicId: string, patientId: string) {
  return db
    .select({ id: episodes.id, bodyRegion: episodes.bodyRegion })
    .from(episodes)
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.patientId, patientId), eq(episodes.status, "open")))
    .orderBy(desc(episodes.startDate), desc(episodes.id))
    .get();
}

/** The first NPRS score of the episode (of all time when there is no episode): the pain baseline. */
export async function firstPainScore(db: Db, clinicId: string, patientId: string, episodeId: string | null): Promise<number | null> {
  const where = [
    eq(questionnaireResponses.clinicId, clinicId),
    eq(questionnaireResponses.patientId, patientId),
    eq(questionnaireResponses.instrumentId, "nprs"),
  ];
  if (episodeId) where.push(eq(questionnaireResponses.episodeId, episodeId));
  const row = await db
    .select({ score: questionnaireResponses.score })
    .from(questionnaireResponses)
    .where(and(...where))
    .orderBy(asc(questionnaireResponses.authoredAt), asc(questionnaireResponses.id))
    .get();
  return row?.score ?? null;
}

const responseColumns = {
  id: questionnaireResponses.id,
  instrumentId: questionnaireResponses.instrumentId,
  kind: questionnaireResponses.kind,
  score: questionnaireResponses.score,
  note: questionnaireResponses.note,
  authoredAt: questionnaireResponses.authoredAt,
  episodeId: questionnaireResponses.episodeId,
};

/** Charts read this many responses at most (years of weekly check-ins); the newest are kept. */
export const RESPONSES_SHOWN = 300;

/** The patient's responses without their resources, newest first: one statement for charts and lists. */
export function patientResponses(db: Db, clinicId: string, patientId: string, limit = RESPONSES_SHOWN): Promise<ResponseRow[]> {
  return db
    .select(responseColumns)
    .from(questionnaireResponses)
    .where(and(eq(questionnaireResponses.clinicId, clinicId), eq(questionnaireResponses.patientId, patientId)))
    .orderBy(desc(questionnaireResponses.authoredAt), desc(questionnaireResponses.id))
    .limit(limit);
}

/** One response of this patient (another patient's id finds nothing). */
export function findResponse(db: Db, clinicId: string, patientId: string, id: string) {
  return db
    .select({ ...responseColumns, resource: questionnaireResponses.resource })
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.clinicId, clinicId),
        eq(questionnaireResponses.patientId, patientId),
        eq(questionnaireResponses.id, id),
      ),
    )
    .get();
}

/** The rule task a response opened, if any. */
export function ruleTaskOf(db: Db, clinicId: string, patientId: string, ruleKey: string) {
  return db
    .select({ id: tasks.id, status: tasks.status })
    .from(tasks)
    .where(and(eq(tasks.clinicId, clinicId), eq(tasks.patientId, patientId), eq(tasks.ruleKey, ruleKey)))
    .get();
}

/** The newest response of one kind for one instrument (what a double tap already stored). */
export const latestResponse = (db: Db, clinicId: string, patientId: string, instrumentId: string, kind: "check_in" | "questionnaire") =>
  db
    .select({ id: questionnaireResponses.id, score: questionnaireResponses.score })
    .from(questionnaireResponses)
    .where(
      and(
        eq(questionnaireResponses.clinicId, clinicId),
        eq(questionnaireResponses.patientId, patientId),
        eq(questionnaireResponses.instrumentId, instrumentId as "nprs"),
        eq(questionnaireResponses.kind, kind),
      ),
    )
    .orderBy(desc(questionnaireResponses.authoredAt))
    .get();
