import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";

export const referralSourceKinds = ["physician", "practice", "self", "other"] as const;

/** Physicians and practices who send patients; the clinic's growth channel. */
export const referralSources = sqliteTable(
  "referral_sources",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: referralSourceKinds }).notNull(),
    npi: text("npi"),
    practice: text("practice"),
    phone: text("phone"),
    fax: text("fax"),
    email: text("email"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("referral_sources_clinic_idx").on(t.clinicId, t.name)],
);
