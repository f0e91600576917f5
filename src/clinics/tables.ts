import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A clinic is the tenant: every patient-data row carries its id. */
export const clinics = sqliteTable(
  "clinics",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    phone: text("phone"),
    /** The clinic's SMS number (E.164): inbound texts to it belong to this clinic. */
    smsNumber: text("sms_number"),
    /** JSON: { mon: [["08:00","18:00"]], ... } in the clinic's time zone. */
    businessHours: text("business_hours").notNull(),
    /** JSON: ClinicSettings (see clinics/model.ts); parsed with defaults on read. */
    settings: text("settings").notNull().default("{}"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("clinics_sms_number_unique").on(t.smsNumber)],
);

export const staffRoles = ["owner", "admin", "therapist", "front_desk", "billing"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffUsers = sqliteTable(
  "staff_users",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: staffRoles }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    lastSignInAt: integer("last_sign_in_at"),
  },
  (t) => [
    // A staff member signs in with one address, so it is unique across clinics.
    uniqueIndex("staff_users_email_unique").on(t.email),
    index("staff_users_clinic_idx").on(t.clinicId, t.name),
  ],
);
