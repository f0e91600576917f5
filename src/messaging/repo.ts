import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import { newId } from "../platform/ids";
import { messages, messageThreads } from "./tables";

export type MessageRow = typeof messages.$inferSelect;

/** Inserts unless a message with the same reason (dedupe key) exists; returns the id it stored, if any. */
export async function insertMessageOnce(db: Db, row: typeof messages.$inferInsert): Promise<string | null> {
  const inserted = await db
    .insert(messages)
    .values(row)
    .onConflictDoNothing({ target: [messages.clinicId, messages.dedupeKey] })
    .returning({ id: messages.id })
    .get();
  return inserted?.id ?? null;
}

/** A message from the patient (text or portal): opens the thread, or reopens a done one, with one more unread. */
export function threadReceived(db: Db, clinicId: string, patientId: string, now: number) {
  return db
    .insert(messageThreads)
    .values({ id: newId(now), clinicId, patientId, status: "open", unreadCount: 1, lastMessageAt: now })
    .onConflictDoUpdate({
      target: [messageThreads.clinicId, messageThreads.patientId],
      set: { status: "open", unreadCount: sql`${messageThreads.unreadCount} + 1`, lastMessageAt: now },
    });
}

export function findMessage(db: Db, id: string) {
  return db.select().from(messages).where(eq(messages.id, id)).get();
}

/** Send times of a patient's outbound messages in a cap group that are sent or on their way. */
export async function recentSendTimes(
  db: Db,
  clinicId: string,
  patientId: string,
  categories: MessageRow["category"][],
  from: number,
  to: number,
) {
  const rows = await db
    .select({ at: messages.sendAt })
    .from(messages)
    .where(
      and(
        eq(messages.clinicId, clinicId),
        eq(messages.patientId, patientId),
        eq(messages.direction, "outbound"),
        inArray(messages.category, categories),
        inArray(messages.status, ["scheduled", "queued", "sent", "delivered"]),
        gte(messages.sendAt, from),
        lte(messages.sendAt, to),
      ),
    );
  return rows.map((r) => r.at);
}

/**
 * Claims a message for sending: only one consumer can move it out of scheduled/queued, so a
 * redelivered queue message finds it claimed (or sent) and never calls the provider twice.
 */
export function claimForSending(db: Db, id: string, now: number) {
  return db
    .update(messages)
    .set({ status: "sending", attempts: sql`${messages.attempts} + 1`, updatedAt: now })
    .where(and(eq(messages.id, id), inArray(messages.status, ["scheduled", "queued"])))
    .returning()
    .get();
}

export const setMessageStatus = (db: Db, id: string, set: Partial<typeof messages.$inferInsert>) =>
  db.update(messages).set(set).where(eq(messages.id, id));

/** STOP: every automated or staff SMS not yet sent to this patient is cancelled. */
export const cancelPendingMessages = (db: Db, clinicId: string, patientId: string, channel: "sms" | "email", now: number) =>
  db
    .update(messages)
    .set({ status: "cancelled", suppressedReason: "patient opted out", updatedAt: now })
    .where(
      and(
        eq(messages.clinicId, clinicId),
        eq(messages.patientId, patientId),
        eq(messages.channel, channel),
        eq(messages.direction, "outbound"),
        // The opt-out confirmation itself (transactional) must still go out.
        ne(messages.category, "transactional"),
        inArray(messages.status, ["scheduled", "queued"]),
      ),
    );

export function findByProviderId(db: Db, provider: string, providerMessageId: string) {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.provider, provider), eq(messages.providerMessageId, providerMessageId)))
    .get();
}

export function patientMessages(db: Db, clinicId: string, patientId: string, limit = 200) {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.clinicId, clinicId), eq(messages.patientId, patientId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
}

/** Messages whose send time passed a while ago but are still waiting: re-enqueued by the sweeper. */
export function stuckMessages(db: Db, olderThan: number, limit = 500) {
  return db
    .select({ id: messages.id })
    .from(messages)
    .where(and(inArray(messages.status, ["scheduled", "queued"]), lte(messages.sendAt, olderThan)))
    .orderBy(asc(messages.sendAt))
    .limit(limit);
}
