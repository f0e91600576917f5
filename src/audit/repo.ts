import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../platform/db";
import { auditEvents } from "./tables";

export type AuditRow = typeof auditEvents.$inferInsert;

/** Only inserts exist here: the app never updates or deletes audit rows. */
export function auditInsert(db: Db, row: AuditRow) {
  return db.insert(auditEvents).values(row);
}

export interface AuditFilter {
  actorId?: string;
  patientId?: string;
  action?: string;
  from?: number;
  to?: number;
  before?: string;
}

export function listAuditEvents(db: Db, clinicId: string, filter: AuditFilter, limit: number) {
  const where: SQL[] = [eq(auditEvents.clinicId, clinicId)];
  if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.patientId) where.push(eq(auditEvents.patientId, filter.patientId));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.from !== undefined) where.push(gte(auditEvents.at, filter.from));
  if (filter.to !== undefined) where.push(lt(auditEvents.at, filter.to));
  if (filter.before) where.push(lt(auditEvents.id, filter.before));
  return db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}
