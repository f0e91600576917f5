import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";

export const actorTypes = ["staff", "integration", "patient", "system"] as const;

/** Append-only: nothing in the app updates or deletes these rows. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    actorType: text("actor_type", { enum: actorTypes }).notNull(),
    actorId: text("actor_id"),
    patientId: text("patient_id"),
    action: text("action").notNull(),
    route: text("route").notNull(),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    at: integer("at").notNull(),
  },
  (t) => [
    index("audit_events_clinic_at_idx").on(t.clinicId, t.at),
    index("audit_events_clinic_patient_idx").on(t.clinicId, t.patientId, t.at),
    index("audit_events_clinic_actor_idx").on(t.clinicId, t.actorId, t.at),
  ],
);
