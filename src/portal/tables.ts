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
  },
  (t) => [uniqueIndex("patient_links_hash_unique").on(t.tokenHash), index("patient_links_patient_idx").on(t.clinicId, t.patientId)],
);
