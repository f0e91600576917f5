import { and, desc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { episodes } from "../episodes/tables";
import { messages } from "../messaging/tables";
import type { Db } from "../platform/db";
import { tasks } from "../worklist/tables";
import { surveyAnswers } from "./tables";

/** Queries of the discharge survey; every one is scoped by the clinic, except the review link's (see findAnswerById). */

export type SurveyAnswerRow = typeof surveyAnswers.$inferSelect;

export function findAnswerByEpisode(db: Db, clinicId: string, episodeId: string) {
  return db
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.clinicId, clinicId), eq(surveyAnswers.episodeId, episodeId)))
    .get();
}

/**
 * The answer a review link names. The link carries no clinic: its HMAC over the answer id (checked
 * before this runs) is what scopes it, as a magic link's hash does in src/portal/links.ts.
 */
export function findAnswerById(db: Db, answerId: string) {
  return db.select().from(surveyAnswers).where(eq(surveyAnswers.id, answerId)).get();
}

export function patientAnswers(db: Db, clinicId: string, patientId: string) {
  return db
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.clinicId, clinicId), eq(surveyAnswers.patientId, patientId)))
    .orderBy(desc(surveyAnswers.answeredAt));
}

/** One answer per episode: a later one replaces the score, comment, channel and time, and keeps what was done about the first. */
export function upsertAnswer(db: Db, row: typeof surveyAnswers.$inferInsert) {
  return db
    .insert(surveyAnswers)
    .values(row)
    .onConflictDoUpdate({
      target: [surveyAnswers.clinicId, surveyAnswers.episodeId],
      set: { score: row.score, comment: row.comment ?? null, channel: row.channel, answeredAt: row.answeredAt },
    });
}

/** Points the answer at its service-recovery task, only if that task was really inserted in this batch and none is set. */
export function linkRecoveryTask(db: Db, clinicId: string, episodeId: string, taskId: string) {
  return db
    .update(surveyAnswers)
    .set({ recoveryTaskId: taskId })
    .where(
      and(
        eq(surveyAnswers.clinicId, clinicId),
        eq(surveyAnswers.episodeId, episodeId),
        isNull(surveyAnswers.recoveryTaskId),
        sql`EXISTS (SELECT 1 FROM ${tasks} WHERE ${tasks.clinicId} = ${clinicId} AND ${tasks.id} = ${taskId})`,
      ),
    );
}

export function markReviewAsked(db: Db, clinicId: string, answerId: string, at: number) {
  return db
    .update(surveyAnswers)
    .set({ reviewAskedAt: at })
    .where(and(eq(surveyAnswers.clinicId, clinicId), eq(surveyAnswers.id, answerId), isNull(surveyAnswers.reviewAskedAt)));
}

/** The first open counts; later taps change nothing. */
export function markReviewOpened(db: Db, clinicId: string, answerId: string, at: number) {
  return db
    .update(surveyAnswers)
    .set({ reviewOpenedAt: at })
    .where(and(eq(surveyAnswers.clinicId, clinicId), eq(surveyAnswers.id, answerId), isNull(surveyAnswers.reviewOpenedAt)));
}

/** The patient's most recently discharged episode: the one the discharge survey asks about. */
export function latestDischargedEpisode(db: Db, clinicId: string, patientId: string) {
  return db
    .select({ id: episodes.id, dischargedAt: episodes.dischargedAt })
    .from(episodes)
    .where(
      and(
        eq(episodes.clinicId, clinicId),
        eq(episodes.patientId, patientId),
        eq(episodes.status, "discharged"),
        isNotNull(episodes.dischargedAt),
      ),
    )
    .orderBy(desc(episodes.dischargedAt), desc(episodes.id))
    .get();
}

/** Whether a discharge survey actually went out to the patient since `since` (sent or delivered, not just planned). */
export async function surveySentSince(db: Db, clinicId: string, patientId: string, since: number): Promise<boolean> {
  const row = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.clinicId, clinicId),
        eq(messages.patientId, patientId),
        eq(messages.direction, "outbound"),
        eq(messages.purpose, "discharge_survey"),
        inArray(messages.status, ["sent", "delivered"]),
        gte(messages.sendAt, since),
      ),
    )
    .get();
  return row !== undefined;
}
