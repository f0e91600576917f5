import { and, asc, eq, isNull, lte, type SQL } from "drizzle-orm";
import { staffUsers } from "../clinics/tables";
import { patients } from "../patients/tables";
import type { Db } from "../platform/db";
import { type TaskType, tasks } from "./tables";

export type TaskRow = typeof tasks.$inferSelect;

export const insertTask = (db: Db, row: typeof tasks.$inferInsert) => db.insert(tasks).values(row);

/** Rule-made tasks carry a key; firing the same rule twice leaves one task. */
export const insertRuleTask = (db: Db, row: typeof tasks.$inferInsert & { ruleKey: string }) =>
  db
    .insert(tasks)
    .values(row)
    .onConflictDoNothing({ target: [tasks.clinicId, tasks.ruleKey] });

export function findTask(db: Db, clinicId: string, id: string) {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.clinicId, clinicId), eq(tasks.id, id)))
    .get();
}

export interface TaskFilter {
  status?: TaskRow["status"];
  assigneeId?: string | "unassigned";
  type?: TaskType;
  dueOnOrBefore?: string;
  patientId?: string;
}

/** The worklist with patient and assignee names: one statement, whatever the size. */
export function listTasks(db: Db, clinicId: string, filter: TaskFilter, limit = 200) {
  const where: SQL[] = [eq(tasks.clinicId, clinicId), eq(tasks.status, filter.status ?? "open")];
  if (filter.assigneeId === "unassigned") where.push(isNull(tasks.assigneeId));
  else if (filter.assigneeId) where.push(eq(tasks.assigneeId, filter.assigneeId));
  if (filter.type) where.push(eq(tasks.type, filter.type));
  if (filter.dueOnOrBefore) where.push(lte(tasks.dueDate, filter.dueOnOrBefore));
  if (filter.patientId) where.push(eq(tasks.patientId, filter.patientId));
  return db
    .select({
      task: tasks,
      patient: { id: patients.id, givenName: patients.givenName, familyName: patients.familyName },
      assigneeName: staffUsers.name,
    })
    .from(tasks)
    .leftJoin(patients, and(eq(patients.id, tasks.patientId), eq(patients.clinicId, tasks.clinicId)))
    .leftJoin(staffUsers, and(eq(staffUsers.id, tasks.assigneeId), eq(staffUsers.clinicId, tasks.clinicId)))
    .where(and(...where))
    .orderBy(asc(tasks.dueDate), asc(tasks.createdAt))
    .limit(limit);
}

export const updateTaskRow = (db: Db, clinicId: string, id: string, set: Partial<typeof tasks.$inferInsert>) =>
  db
    .update(tasks)
    .set(set)
    .where(and(eq(tasks.clinicId, clinicId), eq(tasks.id, id)));
