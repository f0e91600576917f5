import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";
import { episodes } from "../episodes/tables";
import { patients } from "../patients/tables";

export const riskBands = ["low", "medium", "high"] as const;

/** Every score ever computed for an open episode: the features it saw, so a score can be explained later. */
export const riskScores = sqliteTable(
  "risk_scores",
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
    score: real("score").notNull(),
    band: text("band", { enum: riskBands }).notNull(),
    /** JSON: the top reasons, [{ factor, text, contribution }]. */
    reasons: text("reasons").notNull(),
    /** JSON: the RiskFeatures the score was computed from (as of computed_at, nothing after). */
    features: text("features").notNull(),
    modelVersion: text("model_version").notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [index("risk_scores_episode_idx").on(t.clinicId, t.episodeId, t.computedAt)],
);

/** The latest score per open episode: what lists, the worklist and the API read (one row per episode). */
export const riskCurrent = sqliteTable(
  "risk_current",
  {
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    episodeId: text("episode_id")
      .notNull()
      .references(() => episodes.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    score: real("score").notNull(),
    band: text("band", { enum: riskBands }).notNull(),
    reasons: text("reasons").notNull(),
    modelVersion: text("model_version").notNull(),
    computedAt: integer("computed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.episodeId] }), index("risk_current_band_idx").on(t.clinicId, t.band, t.score)],
);

/** A clinic's trained models and how each did on held-out episodes beside the default. */
export const riskModels = sqliteTable(
  "risk_models",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    version: text("version").notNull(),
    /** JSON: the model (riskModelSchema in score.ts). */
    model: text("model").notNull(),
    /** JSON: { episodes, heldOut, clinic: { auroc, brier }, default: { auroc, brier } }. */
    metrics: text("metrics").notNull(),
    /** Whether scoring uses it (enough episodes and better than the default on held-out data). */
    inUse: integer("in_use", { mode: "boolean" }).notNull().default(false),
    trainedAt: integer("trained_at").notNull(),
  },
  (t) => [
    index("risk_models_clinic_idx").on(t.clinicId, t.trainedAt),
    // One row per clinic and training version: a re-run the same day cannot store a second.
    uniqueIndex("risk_models_version_unique").on(t.clinicId, t.version),
  ],
);

export const outreachOutcomes = ["reached", "rebooked", "no_answer", "declined"] as const;

/** Outreach started from the at-risk worklist, what came of it, and whether the patient came back. */
export const riskOutreach = sqliteTable(
  "risk_outreach",
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
    /** The score that prompted it, as shown on the worklist then. */
    score: real("score").notNull(),
    taskId: text("task_id"),
    messageId: text("message_id"),
    startedBy: text("started_by").notNull(),
    startedAt: integer("started_at").notNull(),
    outcome: text("outcome", { enum: outreachOutcomes }),
    outcomeAt: integer("outcome_at"),
    /** When the patient next attended a visit after the outreach started (null: not yet). */
    returnedAt: integer("returned_at"),
  },
  (t) => [index("risk_outreach_clinic_idx").on(t.clinicId, t.startedAt), index("risk_outreach_episode_idx").on(t.clinicId, t.episodeId)],
);
