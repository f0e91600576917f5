import { and, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../platform/db";
import { integrations, webhookDeliveries } from "../tables";

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewDelivery = typeof webhookDeliveries.$inferInsert;

/** D1 binds at most 100 parameters per statement: a delivery row binds 8. */
const INSERT_CHUNK = 10;

/** The clinic's integrations that can receive webhooks now: not disabled, with a delivery URL. */
export function receivingIntegrations(db: Db, clinicId: string) {
  return db
    .select({ id: integrations.id, subscribedEvents: integrations.subscribedEvents })
    .from(integrations)
    .where(and(eq(integrations.clinicId, clinicId), isNull(integrations.disabledAt), isNotNull(integrations.deliveryUrl)))
    .all();
}

/** Inserts deliveries; one that exists already (same integration, source event and type) is left as it is. */
export async function insertDeliveries(db: Db, rows: NewDelivery[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insert(webhookDeliveries)
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflictDoNothing({ target: [webhookDeliveries.integrationId, webhookDeliveries.sourceEventId, webhookDeliveries.eventType] });
  }
}

/**
 * Deliveries from these source events that no consumer has tried yet: enqueued after an insert,
 * and again if the first run failed before its enqueue (the consumer's claim makes a second message harmless).
 */
export async function untriedDeliveries(
  db: Db,
  clinicId: string,
  integrationIds: string[],
  sourceEventIds: string[],
): Promise<{ id: string }[]> {
  const out: { id: string }[] = [];
  // The rest of D1's 100 parameters, after the clinic, the status and the integration ids.
  const chunk = Math.max(1, 96 - integrationIds.length);
  for (let i = 0; i < sourceEventIds.length; i += chunk) {
    const rows = await db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.clinicId, clinicId),
          // The integration leads the unique index (integration, source event, type): this reads a few rows.
          inArray(webhookDeliveries.integrationId, integrationIds),
          inArray(webhookDeliveries.sourceEventId, sourceEventIds.slice(i, i + chunk)),
          eq(webhookDeliveries.status, "pending"),
          isNull(webhookDeliveries.lastAttemptAt),
        ),
      )
      .all();
    out.push(...rows);
  }
  return out;
}

/**
 * Takes a pending delivery for one attempt: counts it and stamps the attempt time. A delivery attempted
 * less than `leaseMs` ago is being sent by another consumer, so two messages never send at once.
 */
export function claimDelivery(db: Db, id: string, now: number, leaseMs: number) {
  return db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now })
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.status, "pending"),
        or(isNull(webhookDeliveries.lastAttemptAt), lte(webhookDeliveries.lastAttemptAt, now - leaseMs)),
      ),
    )
    .returning()
    .get();
}

/** The queue's message names a delivery by id only; its clinic comes from the row, never from the message. */
export function findDelivery(db: Db, id: string) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();
}

export function findDeliveryInClinic(db: Db, clinicId: string, integrationId: string, id: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.clinicId, clinicId), eq(webhookDeliveries.integrationId, integrationId), eq(webhookDeliveries.id, id)))
    .get();
}

export function findIntegration(db: Db, clinicId: string, id: string) {
  return db
    .select()
    .from(integrations)
    .where(and(eq(integrations.clinicId, clinicId), eq(integrations.id, id)))
    .get();
}

type Outcome = Partial<Pick<DeliveryRow, "status" | "lastStatusCode" | "lastError" | "deliveredAt">>;

/** Records an attempt's outcome; a delivery already marked delivered is never moved back. */
export function recordOutcome(db: Db, id: string, outcome: Outcome) {
  return db
    .update(webhookDeliveries)
    .set(outcome)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, "pending")));
}

/** Back to pending for a replay: untried, so the next message claims it at once. */
export function resetForReplay(db: Db, clinicId: string, id: string) {
  return db
    .update(webhookDeliveries)
    .set({ status: "pending", lastAttemptAt: null, deliveredAt: null })
    .where(and(eq(webhookDeliveries.clinicId, clinicId), eq(webhookDeliveries.id, id)));
}

/** The log: newest first; `before` (a delivery id, made from its creation time so ids sort the same way) pages back. */
export function listDeliveries(db: Db, clinicId: string, integrationId: string, limit: number, before?: string) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.clinicId, clinicId),
        eq(webhookDeliveries.integrationId, integrationId),
        before ? lt(webhookDeliveries.id, before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit)
    .all();
}
