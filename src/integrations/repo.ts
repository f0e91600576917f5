import { and, asc, desc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { type EhrDeliveryStatus, ehrDeliveries } from "../ehr/tables";
import type { Db } from "../platform/db";
import { apiKeys, integrations } from "./tables";

export type IntegrationRow = typeof integrations.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

// Every query takes the clinic id: another clinic's id is simply not found.

export function listIntegrations(db: Db, clinicId: string) {
  return db.select().from(integrations).where(eq(integrations.clinicId, clinicId)).orderBy(asc(integrations.name), asc(integrations.id));
}

export function findIntegration(db: Db, clinicId: string, id: string) {
  return db
    .select()
    .from(integrations)
    .where(and(eq(integrations.clinicId, clinicId), eq(integrations.id, id)))
    .get();
}

export function findIntegrationByName(db: Db, clinicId: string, name: string) {
  return db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.clinicId, clinicId), sql`lower(${integrations.name}) = lower(${name})`))
    .get();
}

export const insertIntegration = (db: Db, row: typeof integrations.$inferInsert) => db.insert(integrations).values(row);

export const updateIntegrationRow = (db: Db, clinicId: string, id: string, set: Partial<typeof integrations.$inferInsert>) =>
  db
    .update(integrations)
    .set(set)
    .where(and(eq(integrations.clinicId, clinicId), eq(integrations.id, id)));

export function listApiKeys(db: Db, clinicId: string) {
  return db.select().from(apiKeys).where(eq(apiKeys.clinicId, clinicId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export function findApiKey(db: Db, clinicId: string, id: string) {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.clinicId, clinicId), eq(apiKeys.id, id)))
    .get();
}

export const insertApiKey = (db: Db, row: typeof apiKeys.$inferInsert) => db.insert(apiKeys).values(row);

/** Revocation is once: a second revoke changes nothing (the first time stays on record). */
export const revokeApiKeyRow = (db: Db, clinicId: string, id: string, now: number) =>
  db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.clinicId, clinicId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));

export interface DeliveryCursor {
  receivedAt: number;
  id: string;
}

/** An integration's inbound deliveries, newest first, without the payload (it can be large and is read apart). */
export function listDeliveries(
  db: Db,
  clinicId: string,
  integrationId: string,
  filter: { status?: EhrDeliveryStatus; before?: DeliveryCursor },
  limit: number,
) {
  const where: SQL[] = [eq(ehrDeliveries.clinicId, clinicId), eq(ehrDeliveries.integrationId, integrationId)];
  if (filter.status) where.push(eq(ehrDeliveries.status, filter.status));
  const b = filter.before;
  if (b) {
    const older = or(
      lt(ehrDeliveries.receivedAt, b.receivedAt),
      and(eq(ehrDeliveries.receivedAt, b.receivedAt), lt(ehrDeliveries.id, b.id)),
    );
    if (older) where.push(older);
  }
  return db
    .select({
      id: ehrDeliveries.id,
      format: ehrDeliveries.format,
      summary: ehrDeliveries.summary,
      status: ehrDeliveries.status,
      reason: ehrDeliveries.reason,
      outcome: ehrDeliveries.outcome,
      attempts: ehrDeliveries.attempts,
      receivedAt: ehrDeliveries.receivedAt,
      processedAt: ehrDeliveries.processedAt,
    })
    .from(ehrDeliveries)
    .where(and(...where))
    .orderBy(desc(ehrDeliveries.receivedAt), desc(ehrDeliveries.id))
    .limit(limit);
}

export async function countDeliveriesByStatus(db: Db, clinicId: string, integrationId: string) {
  const rows = await db
    .select({ status: ehrDeliveries.status, n: sql<number>`count(*)` })
    .from(ehrDeliveries)
    .where(and(eq(ehrDeliveries.clinicId, clinicId), eq(ehrDeliveries.integrationId, integrationId)))
    .groupBy(ehrDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<EhrDeliveryStatus, number>>;
}

export function findDelivery(db: Db, clinicId: string, integrationId: string, id: string) {
  return db
    .select()
    .from(ehrDeliveries)
    .where(and(eq(ehrDeliveries.clinicId, clinicId), eq(ehrDeliveries.integrationId, integrationId), eq(ehrDeliveries.id, id)))
    .get();
}
