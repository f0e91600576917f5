import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";
import { patients } from "../patients/tables";
import { referralSources } from "../referrals/tables";

export const bodyRegions = [
  "neck",
  "shoulder",
  "elbow",
  "wrist_hand",
  "thoracic",
  "low_back",
  "hip",
  "knee",
  "ankle_foot",
  "other",
] as const;
export type BodyRegion = (typeof bodyRegions)[number];

export const episodeStatuses = ["open", "discharged"] as const;
export const dischargeReasons = ["goals_met", "plan_completed", "dropped_out", "moved", "other"] as const;
export type DischargeReason = (typeof dischargeReasons)[number];

/** An episode of care: one problem, one plan of care, from evaluation to discharge. */
export const episodes = sqliteTable(
  "episodes",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    bodyRegion: text("body_region", { enum: bodyRegions }).notNull(),
    diagnosis: text("diagnosis").notNull(),
    icd10Code: text("icd10_code"),
    referralSourceId: text("referral_source_id").references(() => referralSources.id),
    referringPhysician: text("referring_physician"),
    /** Local calendar date (YYYY-MM-DD) in the clinic's time zone. */
    startDate: text("start_date").notNull(),
    // Plan of care.
    visitsPrescribed: integer("visits_prescribed").notNull(),
    frequencyPerWeek: integer("frequency_per_week").notNull(),
    durationWeeks: integer("duration_weeks").notNull(),
    goals: text("goals").notNull().default(""),
    status: text("status", { enum: episodeStatuses }).notNull().default("open"),
    dischargeReason: text("discharge_reason", { enum: dischargeReasons }),
    dischargedAt: integer("discharged_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("episodes_clinic_patient_idx").on(t.clinicId, t.patientId, t.startDate),
    index("episodes_clinic_status_idx").on(t.clinicId, t.status),
    index("episodes_clinic_referral_idx").on(t.clinicId, t.referralSourceId),
  ],
);

/** Payer authorizations: visits allowed within dates; use is counted from attended visits only. */
export const authorizations = sqliteTable(
  "authorizations",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    episodeId: text("episode_id")
      .notNull()
      .references(() => episodes.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    payer: text("payer").notNull(),
    visitsAuthorized: integer("visits_authorized").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("authorizations_clinic_episode_idx").on(t.clinicId, t.episodeId),
    index("authorizations_clinic_end_idx").on(t.clinicId, t.endDate),
  ],
);

export const coverageStatuses = ["active", "cancelled", "draft", "entered-in-error"] as const;

/** Who pays (FHIR Coverage from the EHR): the payer and member id, with the period it covers. */
export const coverages = sqliteTable(
  "coverages",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    payer: text("payer").notNull(),
    memberId: text("member_id"),
    status: text("status", { enum: coverageStatuses }).notNull(),
    /** Local calendar dates (YYYY-MM-DD); null: open-ended. */
    periodStart: text("period_start"),
    periodEnd: text("period_end"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("coverages_clinic_patient_idx").on(t.clinicId, t.patientId)],
);
