import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics, staffUsers } from "../clinics/tables";

export const sexes = ["female", "male", "other", "unknown"] as const;
export const languages = ["en", "es"] as const;
export const channels = ["sms", "email"] as const;
export const consentStatuses = ["granted", "revoked"] as const;
export const consentSources = ["staff", "patient", "sms_keyword", "ehr", "import"] as const;

export const patients = sqliteTable(
  "patients",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    /** Lower-cased "family given" for prefix search. */
    searchName: text("search_name").notNull(),
    dateOfBirth: text("date_of_birth").notNull(),
    sex: text("sex", { enum: sexes }).notNull(),
    phone: text("phone"),
    email: text("email"),
    preferredLanguage: text("preferred_language", { enum: languages }).notNull().default("en"),
    timeZone: text("time_zone"),
    /** The channel the patient chose in the portal; null: SMS first, then email. */
    preferredChannel: text("preferred_channel", { enum: channels }),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    city: text("city"),
    region: text("region"),
    postalCode: text("postal_code"),
    country: text("country"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("patients_clinic_name_idx").on(t.clinicId, t.searchName),
    index("patients_clinic_phone_idx").on(t.clinicId, t.phone),
    index("patients_clinic_dob_idx").on(t.clinicId, t.dateOfBirth),
  ],
);

/** External identifiers (MRN, EHR ids) as FHIR-style system + value pairs. */
export const patientIdentifiers = sqliteTable(
  "patient_identifiers",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    system: text("system").notNull(),
    value: text("value").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("patient_identifiers_unique").on(t.clinicId, t.system, t.value),
    index("patient_identifiers_value_idx").on(t.clinicId, t.value),
    index("patient_identifiers_patient_idx").on(t.patientId),
  ],
);

/** Append-only consent history; the newest row per channel is the current consent. */
export const consents = sqliteTable(
  "consents",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    channel: text("channel", { enum: channels }).notNull(),
    status: text("status", { enum: consentStatuses }).notNull(),
    source: text("source", { enum: consentSources }).notNull(),
    recordedAt: integer("recorded_at").notNull(),
    recordedBy: text("recorded_by").references(() => staffUsers.id),
  },
  (t) => [index("consents_patient_idx").on(t.clinicId, t.patientId, t.channel, t.recordedAt)],
);
