import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";
import { episodes } from "../episodes/tables";
import { patients } from "../patients/tables";

export const surveyChannels = ["portal", "sms", "email", "staff"] as const;

/**
 * The discharge satisfaction survey: "how likely are you to recommend us, 0-10" (Net Promoter Score).
 * One answer per episode of care; a later answer for the same episode replaces the score (the patient
 * changed their mind) but keeps what was done about the first one (the review link, the recovery task).
 */
export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    episodeId: text("episode_id")
      .notNull()
      .references(() => episodes.id),
    /** 0-10: promoters 9-10, passives 7-8, detractors 0-6. */
    score: integer("score").notNull(),
    comment: text("comment"),
    channel: text("channel", { enum: surveyChannels }).notNull(),
    answeredAt: integer("answered_at").notNull(),
    /** When a promoter was sent the clinic's review link (null: not asked). */
    reviewAskedAt: integer("review_asked_at"),
    /** When the patient opened the review link through Rapport (null: not opened). */
    reviewOpenedAt: integer("review_opened_at"),
    /** The service-recovery task opened for a detractor. */
    recoveryTaskId: text("recovery_task_id"),
  },
  (t) => [
    uniqueIndex("survey_answers_episode_unique").on(t.clinicId, t.episodeId),
    index("survey_answers_clinic_idx").on(t.clinicId, t.answeredAt),
  ],
);
