import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics, staffUsers } from "../clinics/tables";
import { integrations } from "../integrations/tables";
import { referralSources } from "../referrals/tables";

export const ehrPayloadFormats = ["fhir", "hl7v2"] as const;
export type EhrPayloadFormat = (typeof ehrPayloadFormats)[number];
export const ehrDeliveryStatuses = ["accepted", "processed", "skipped", "failed"] as const;
export type EhrDeliveryStatus = (typeof ehrDeliveryStatuses)[number];

/**
 * The inbound webhook inbox: the raw payload exactly as received, stored before the 202.
 * Unique per integration and delivery key (the sender's delivery id, else "sha256:" + body hash),
 * so a duplicate delivery is stored once and processed once.
 */
export const ehrDeliveries = sqliteTable(
  "ehr_deliveries",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id),
    deliveryKey: text("delivery_key").notNull(),
    format: text("format", { enum: ehrPayloadFormats }).notNull(),
    contentType: text("content_type").notNull(),
    body: text("body").notNull(),
    bodyHash: text("body_hash").notNull(),
    /** What the envelope says it is ("Bundle/transaction", "Patient", "SIU^S12"), for the events list. */
    summary: text("summary").notNull(),
    status: text("status", { enum: ehrDeliveryStatuses }).notNull().default("accepted"),
    /** Why it failed or was skipped, in words for staff (never patient data). */
    reason: text("reason"),
    /** JSON: per resource type, counts of applied / unchanged / skipped. */
    outcome: text("outcome"),
    attempts: integer("attempts").notNull().default(0),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
  },
  (t) => [
    uniqueIndex("ehr_deliveries_key_unique").on(t.integrationId, t.deliveryKey),
    index("ehr_deliveries_clinic_idx").on(t.clinicId, t.integrationId, t.receivedAt),
    // The sweeper's lookup of deliveries still waiting (across clinics, by status and age).
    index("ehr_deliveries_status_idx").on(t.status, t.receivedAt),
  ],
);

/**
 * What an EHR resource became here: (integration, type, logical id) -> local row, with the version
 * last applied so that an older delivery never overwrites a newer one.
 */
export const ehrLinks = sqliteTable(
  "ehr_links",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id),
    resourceType: text("resource_type").notNull(),
    externalId: text("external_id").notNull(),
    /** The local table the resource maps to ("patients", "appointments", ...), and its row id. */
    localType: text("local_type").notNull(),
    localId: text("local_id").notNull(),
    versionId: text("version_id"),
    /** meta.lastUpdated (epoch ms) of the version applied. */
    lastUpdated: integer("last_updated"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("ehr_links_external_unique").on(t.integrationId, t.resourceType, t.externalId),
    index("ehr_links_local_idx").on(t.clinicId, t.localType, t.localId),
  ],
);

/**
 * Practitioners known from the EHR (FHIR Practitioner, HL7 AIP/SCH persons). One becomes a therapist
 * (a staff user) when visits are booked with them, and a referral source when they refer patients.
 */
export const ehrPractitioners = sqliteTable(
  "ehr_practitioners",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    name: text("name").notNull(),
    npi: text("npi"),
    email: text("email"),
    phone: text("phone"),
    staffUserId: text("staff_user_id").references(() => staffUsers.id),
    referralSourceId: text("referral_source_id").references(() => referralSources.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("ehr_practitioners_clinic_npi_idx").on(t.clinicId, t.npi)],
);
