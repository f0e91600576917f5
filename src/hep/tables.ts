import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics, staffUsers } from "../clinics/tables";
import { episodes } from "../episodes/tables";
import { patients } from "../patients/tables";

/**
 * A patient's home exercise program, one row per prescribed exercise. Changing a dose or removing an
 * exercise ends the row (end_date) and, for a change, starts a new one: adherence over past days keeps
 * counting against what was prescribed then.
 */
export const hepProgramItems = sqliteTable(
  "hep_program_items",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    episodeId: text("episode_id").references(() => episodes.id),
    /** An id from the exercise library (src/hep/library.ts). */
    exerciseId: text("exercise_id").notNull(),
    sets: integer("sets").notNull(),
    reps: integer("reps").notNull(),
    holdSeconds: integer("hold_seconds").notNull(),
    timesPerDay: integer("times_per_day").notNull(),
    daysPerWeek: integer("days_per_week").notNull(),
    /** Clinic-local calendar dates, YYYY-MM-DD, both inclusive. */
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    note: text("note"),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by").references(() => staffUsers.id),
    endedAt: integer("ended_at"),
  },
  (t) => [index("hep_program_items_patient_idx").on(t.clinicId, t.patientId, t.startDate)],
);

/** What the patient logged as done: one exercise, or "session" for the whole session. */
export const hepLogs = sqliteTable(
  "hep_logs",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    exerciseId: text("exercise_id").notNull(),
    /** The patient's local calendar date, YYYY-MM-DD. */
    date: text("date").notNull(),
    loggedAt: integer("logged_at").notNull(),
  },
  (t) => [index("hep_logs_patient_date_idx").on(t.clinicId, t.patientId, t.date)],
);
