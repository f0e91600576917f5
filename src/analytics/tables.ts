import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";

/**
 * The nightly rollup: for each closed local day of a clinic, the additive counts of the facts that are
 * dated by an event (visits by their start, discharges, automated messages by their send time, survey
 * answers and review links), by therapist and referral source, exactly as the page's raw statements
 * count them. The analytics page reads these rows for rolled days and raw rows only for the days after.
 */
export const analyticsDays = sqliteTable(
  "analytics_days",
  {
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    /** The local calendar date (YYYY-MM-DD) in the clinic's zone. */
    day: text("day").notNull(),
    /** '' for none (no visit yet): part of the primary key, which SQLite would not match on NULL. */
    therapistId: text("therapist_id").notNull(),
    /** '' for none (no referral source). */
    sourceId: text("source_id").notNull(),
    /** 1 for messages sent outside any episode: counted for the clinic only. */
    unattributed: integer("unattributed").notNull(),
    attended: integer("attended").notNull(),
    noShow: integer("no_show").notNull(),
    cancelled: integer("cancelled").notNull(),
    discharged: integer("discharged").notNull(),
    completed: integer("completed").notNull(),
    droppedOut: integer("dropped_out").notNull(),
    dischargedVisits: integer("discharged_visits").notNull(),
    messagesSent: integer("messages_sent").notNull(),
    messagesAnswered: integer("messages_answered").notNull(),
    surveyAnswers: integer("survey_answers").notNull(),
    promoters: integer("promoters").notNull(),
    detractors: integer("detractors").notNull(),
    reviewsAsked: integer("reviews_asked").notNull(),
    reviewsOpened: integer("reviews_opened").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.day, t.therapistId, t.sourceId, t.unattributed] })],
);

/** Per clinic: the last local day the rollup covers (every day up to it is rolled), and when it ran. */
export const analyticsRollups = sqliteTable("analytics_rollups", {
  clinicId: text("clinic_id")
    .primaryKey()
    .references(() => clinics.id),
  rolledThrough: text("rolled_through").notNull(),
  rolledAt: integer("rolled_at").notNull(),
});
