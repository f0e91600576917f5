import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";

/**
 * Domain events, written in the same batch as the change they describe (a transactional outbox).
 * The patient timeline reads them; the journey engine subscribes to them.
 */
export const domainEvents = sqliteTable(
  "domain_events",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id"),
    type: text("type").notNull(),
    /** JSON payload: ids and facts, never free text typed about the patient. */
    payload: text("payload").notNull(),
    actorType: text("actor_type", { enum: ["staff", "patient", "integration", "system"] }).notNull(),
    actorId: text("actor_id"),
    occurredAt: integer("occurred_at").notNull(),
    /** When subscribers (the journey) have been told; null until then. */
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    index("domain_events_clinic_patient_idx").on(t.clinicId, t.patientId, t.occurredAt),
    index("domain_events_undelivered_idx").on(t.deliveredAt, t.occurredAt),
  ],
);
