import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics, staffUsers } from "../clinics/tables";

export const integrationKinds = ["ehr", "crm"] as const;
export type IntegrationKind = (typeof integrationKinds)[number];
/** How inbound webhooks are signed: Standard Webhooks (default), `X-Hub-Signature` (athenahealth), Medplum's `X-Signature`. */
export const signatureSchemes = ["standard_webhooks", "hub_signature", "medplum"] as const;
export type SignatureScheme = (typeof signatureSchemes)[number];
export const apiScopes = ["fhir:read", "api:read", "api:write"] as const;
export type ApiScope = (typeof apiScopes)[number];

/**
 * A connected EHR or CRM. The signing secret must be readable to verify and sign HMACs, so it is
 * kept as is (like a provider's auth token); after a rotation the previous one still verifies for 24 h.
 */
export const integrations = sqliteTable(
  "integrations",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: integrationKinds }).notNull(),
    signatureScheme: text("signature_scheme", { enum: signatureSchemes }).notNull(),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: integer("previous_secret_expires_at"),
    /** Where outbound webhooks go (https); null: none are sent. */
    deliveryUrl: text("delivery_url"),
    /** JSON array of outbound event types this integration subscribes to. */
    subscribedEvents: text("subscribed_events").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    disabledAt: integer("disabled_at"),
  },
  (t) => [index("integrations_clinic_idx").on(t.clinicId, t.name)],
);

/** Per-clinic API keys: only the SHA-256 of the key is stored; the prefix identifies it on screen. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    integrationId: text("integration_id").references(() => integrations.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    /** JSON array of ApiScope. */
    scopes: text("scopes").notNull(),
    createdBy: text("created_by").references(() => staffUsers.id),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_unique").on(t.keyHash), index("api_keys_clinic_idx").on(t.clinicId, t.createdAt)],
);

export const outboundEventTypes = [
  "patient.at_risk",
  "patient.lapsed",
  "episode.discharged",
  "survey.answered",
  "appointment.confirmed",
  "appointment.cancelled",
] as const;
export type OutboundEventType = (typeof outboundEventTypes)[number];
export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;

/** Outbound webhooks to an integration: one row per (integration, source event), so a re-run sends nothing twice. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id),
    eventType: text("event_type", { enum: outboundEventTypes }).notNull(),
    /** The domain event (or journey transition) it came from. */
    sourceEventId: text("source_event_id").notNull(),
    patientId: text("patient_id"),
    /** The exact JSON body that is signed and sent (ids and facts, no clinical free text). */
    payload: text("payload").notNull(),
    status: text("status", { enum: webhookDeliveryStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    lastAttemptAt: integer("last_attempt_at"),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_source_unique").on(t.integrationId, t.sourceEventId, t.eventType),
    index("webhook_deliveries_clinic_idx").on(t.clinicId, t.integrationId, t.createdAt),
  ],
);
