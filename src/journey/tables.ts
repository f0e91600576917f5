import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";
import { patients } from "../patients/tables";

/** What the PatientJourney DO decided, copied to D1 so that lists never call a DO per row. */
export const journeyProjections = sqliteTable(
  "journey_projections",
  {
    patientId: text("patient_id")
      .primaryKey()
      .references(() => patients.id),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    stage: text("stage").notNull(),
    since: integer("since").notNull(),
    nextTouchAt: integer("next_touch_at"),
    lastContactAt: integer("last_contact_at"),
    lastInboundAt: integer("last_inbound_at"),
    riskBand: text("risk_band"),
    /** DO's event count when written: an older projection never overwrites a newer one. */
    version: integer("version").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("journey_projections_clinic_stage_idx").on(t.clinicId, t.stage)],
);
