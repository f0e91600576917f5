import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";
import { patients } from "../patients/tables";

export const linkPurposes = ["reminder", "outreach", "survey", "general"] as const;
export type LinkPurpose = (typeof linkPurposes)[number];

/**
 * Magic links in messages: `/p/{token}`. Only the SHA-256 of the token is stored; a link is bound
 * to one patient, clinic and purpose, expires, can be revoked, and locks after five wrong step-up answers.
 */
export const patientLinks = sqliteTable(
  "patient_links",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    purpose: text("purpose", { enum: linkPurposes }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
    failedStepUps: integer("failed_step_ups").notNull().default(0),
    lockedAt: integer("locked_at"),
    /** "Close my page" ends every session opened from this link before this instant (ms). */
    sessionsEndedAt: integer("sessions_ended_at"),
  },
  (t) => [uniqueIndex("patient_links_hash_unique").on(t.tokenHash), index("patient_links_patient_idx").on(t.clinicId, t.patientId)],
);

/**
 * Devices that passed the step-up check (date of birth or an SMS code): the browser keeps a random
 * token in an HttpOnly cookie, only its hash is stored, and the device is trusted for 30 days.
 */
export const portalDevices = sqliteTable(
  "portal_devices",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    method: text("method", { enum: ["date_of_birth", "sms_code"] }).notNull(),
    verifiedAt: integer("verified_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [uniqueIndex("portal_devices_hash_unique").on(t.tokenHash), index("portal_devices_patient_idx").on(t.clinicId, t.patientId)],
);

/** One-time 6-digit step-up codes sent by SMS: hash only, 10 minutes, single use. */
export const portalStepUpCodes = sqliteTable(
  "portal_step_up_codes",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    linkId: text("link_id")
      .notNull()
      .references(() => patientLinks.id),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("portal_step_up_codes_link_idx").on(t.linkId, t.createdAt)],
);
