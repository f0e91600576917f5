import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
