import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics, staffUsers } from "../clinics/tables";
import { patients } from "../patients/tables";

/** The local outbox adapter's store: what would have been sent, shown at /dev/outbox. */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id"),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    to: text("to").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("outbox_messages_created_idx").on(t.createdAt)],
);

export const messageStatuses = [
  "scheduled",
  "queued",
  "sending",
  "sent",
  "delivered",
  "failed",
  "suppressed",
  "received",
  "cancelled",
] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export const messageCategories = ["reminder", "automated", "staff", "transactional"] as const;

/** Every message to or from a patient, with its delivery status; the patient timeline and the inbox read it. */
export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    direction: text("direction", { enum: ["outbound", "inbound"] }).notNull(),
    /** "portal": written by the patient on their portal page (inbound only; nothing is sent). Type only: SQLite has no CHECK. */
    channel: text("channel", { enum: ["sms", "email", "portal"] }).notNull(),
    category: text("category", { enum: messageCategories }).notNull(),
    purpose: text("purpose"),
    /** The reason a message exists ("reminder:a1:48:..."): the same reason never sends twice. */
    dedupeKey: text("dedupe_key"),
    appointmentId: text("appointment_id"),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address"),
    subject: text("subject"),
    body: text("body").notNull(),
    segments: integer("segments"),
    status: text("status", { enum: messageStatuses }).notNull(),
    suppressedReason: text("suppressed_reason"),
    sendAt: integer("send_at").notNull(),
    provider: text("provider"),
    providerMessageId: text("provider_message_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    intent: text("intent"),
    sentBy: text("sent_by").references(() => staffUsers.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("messages_dedupe_unique").on(t.clinicId, t.dedupeKey),
    uniqueIndex("messages_provider_id_unique").on(t.provider, t.providerMessageId),
    index("messages_clinic_patient_idx").on(t.clinicId, t.patientId, t.createdAt),
    index("messages_clinic_status_idx").on(t.clinicId, t.status, t.sendAt),
    index("messages_patient_sent_idx").on(t.patientId, t.direction, t.category, t.sendAt),
  ],
);

/** One conversation per patient in the shared inbox. */
export const messageThreads = sqliteTable(
  "message_threads",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    status: text("status", { enum: ["open", "done"] }).notNull(),
    assigneeId: text("assignee_id").references(() => staffUsers.id),
    unreadCount: integer("unread_count").notNull().default(0),
    lastMessageAt: integer("last_message_at").notNull(),
  },
  (t) => [
    uniqueIndex("message_threads_patient_unique").on(t.clinicId, t.patientId),
    index("message_threads_clinic_idx").on(t.clinicId, t.status, t.lastMessageAt),
  ],
);

/** Clinic overrides of the default templates, per purpose, language and channel. */
export const messageTemplates = sqliteTable(
  "message_templates",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    purpose: text("purpose").notNull(),
    language: text("language", { enum: ["en", "es"] }).notNull(),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("message_templates_unique").on(t.clinicId, t.purpose, t.language, t.channel)],
);

/** Inbound webhook deliveries already handled (Twilio MessageSid): a retry does nothing new. */
export const inboundReceipts = sqliteTable("inbound_receipts", {
  key: text("key").primaryKey(),
  receivedAt: integer("received_at").notNull(),
});
