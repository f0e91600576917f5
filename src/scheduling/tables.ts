import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics, staffUsers } from "../clinics/tables";
import { episodes } from "../episodes/tables";
import { patients } from "../patients/tables";

export const appointmentTypes = ["evaluation", "follow_up", "re_evaluation", "discharge"] as const;
export type AppointmentType = (typeof appointmentTypes)[number];
export const appointmentStatuses = ["booked", "confirmed", "arrived", "attended", "cancelled", "no_show"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** A therapist's weekly working hours, as local wall-clock times in the clinic's time zone. */
export const availability = sqliteTable(
  "availability",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    therapistId: text("therapist_id")
      .notNull()
      .references(() => staffUsers.id),
    /** 1 = Monday ... 7 = Sunday (ISO). */
    weekday: integer("weekday").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
  },
  (t) => [index("availability_clinic_therapist_idx").on(t.clinicId, t.therapistId, t.weekday)],
);

export const appointments = sqliteTable(
  "appointments",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    therapistId: text("therapist_id")
      .notNull()
      .references(() => staffUsers.id),
    episodeId: text("episode_id").references(() => episodes.id),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    type: text("type", { enum: appointmentTypes }).notNull(),
    status: text("status", { enum: appointmentStatuses }).notNull().default("booked"),
    /** Staff booked it outside the therapist's hours on purpose. */
    outsideAvailability: integer("outside_availability", { mode: "boolean" }).notNull().default(false),
    cancelReason: text("cancel_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("appointments_clinic_therapist_start_idx").on(t.clinicId, t.therapistId, t.startsAt),
    index("appointments_clinic_patient_start_idx").on(t.clinicId, t.patientId, t.startsAt),
    index("appointments_clinic_start_idx").on(t.clinicId, t.startsAt),
    index("appointments_clinic_episode_idx").on(t.clinicId, t.episodeId, t.status),
  ],
);

/** Every status or time change of an appointment, and who made it. */
export const appointmentChanges = sqliteTable(
  "appointment_changes",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    appointmentId: text("appointment_id")
      .notNull()
      .references(() => appointments.id),
    fromStatus: text("from_status", { enum: appointmentStatuses }),
    toStatus: text("to_status", { enum: appointmentStatuses }).notNull(),
    fromStartsAt: integer("from_starts_at"),
    toStartsAt: integer("to_starts_at").notNull(),
    actorType: text("actor_type", { enum: ["staff", "patient", "integration", "system"] }).notNull(),
    actorId: text("actor_id"),
    at: integer("at").notNull(),
  },
  (t) => [index("appointment_changes_appointment_idx").on(t.clinicId, t.appointmentId, t.at)],
);

export const waitlistStatuses = ["waiting", "booked", "removed"] as const;

/** Patients who want an earlier slot, with when they can come. */
export const waitlistEntries = sqliteTable(
  "waitlist_entries",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    therapistId: text("therapist_id").references(() => staffUsers.id),
    /** JSON array of ISO weekdays (1-7) the patient can come. */
    preferredWeekdays: text("preferred_weekdays").notNull(),
    preferredFrom: text("preferred_from").notNull(),
    preferredTo: text("preferred_to").notNull(),
    note: text("note"),
    status: text("status", { enum: waitlistStatuses }).notNull().default("waiting"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("waitlist_clinic_status_idx").on(t.clinicId, t.status, t.createdAt)],
);
