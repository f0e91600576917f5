import { and, asc, eq, exists, gte, inArray, lte, notExists, sql } from "drizzle-orm";
import { localDateIn } from "../clinics/model";
import { staffUsers } from "../clinics/tables";
import { episodes } from "../episodes/tables";
import { patients } from "../patients/tables";
import { type Actor, auditStatement } from "../platform/audit";
import type { Db } from "../platform/db";
import type { Deps } from "../platform/env";
import { localParts } from "../platform/time";
import { scheduleFor } from "../scheduling/service";
import { type AppointmentStatus, appointments } from "../scheduling/tables";
import { listTasks } from "../worklist/repo";
import { tasks } from "../worklist/tables";

/** How many due tasks and unbooked patients the page lists (the counts are always complete). */
export const TODAY_TASK_LIMIT = 50;
export const UNBOOKED_LIMIT = 10;

/** Visits that still hold a place in the future: what "has a next visit booked" means. */
const upcomingStatuses: AppointmentStatus[] = ["booked", "confirmed"];

/**
 * Patients with an open episode and no upcoming visit, in one set-based statement;
 * `total` (a window count) is the size of the whole set, whatever the limit.
 */
function unbookedPatients(db: Db, clinicId: string, now: number, limit: number) {
  const openEpisode = db
    .select({ one: sql`1` })
    .from(episodes)
    .where(and(eq(episodes.clinicId, clinicId), eq(episodes.patientId, patients.id), eq(episodes.status, "open")));
  const upcomingVisit = db
    .select({ one: sql`1` })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.patientId, patients.id),
        gte(appointments.startsAt, now),
        inArray(appointments.status, upcomingStatuses),
      ),
    );
  return db
    .select({
      id: patients.id,
      givenName: patients.givenName,
      familyName: patients.familyName,
      total: sql<number>`count(*) over ()`,
    })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), exists(openEpisode), notExists(upcomingVisit)))
    .orderBy(asc(patients.searchName), asc(patients.id))
    .limit(limit);
}

/** Open tasks due today or before: how many, and how many of them are overdue. */
function dueTaskCounts(db: Db, clinicId: string, today: string) {
  return db
    .select({
      due: sql<number>`count(*)`,
      overdue: sql<number>`coalesce(sum(case when ${tasks.dueDate} < ${today} then 1 else 0 end), 0)`,
    })
    .from(tasks)
    .where(and(eq(tasks.clinicId, clinicId), eq(tasks.status, "open"), lte(tasks.dueDate, today)));
}

export interface VisitCounts {
  visits: number;
  notConfirmed: number;
  confirmed: number;
  arrived: number;
  attended: number;
  noShows: number;
  cancellations: number;
}

/** Counts for the day's visits; a cancelled visit is not a visit, but is counted as a cancellation. */
export function countVisits(statuses: AppointmentStatus[]): VisitCounts {
  const n = (s: AppointmentStatus) => statuses.filter((x) => x === s).length;
  return {
    visits: statuses.filter((s) => s !== "cancelled").length,
    notConfirmed: n("booked"),
    confirmed: n("confirmed"),
    arrived: n("arrived"),
    attended: n("attended"),
    noShows: n("no_show"),
    cancellations: n("cancelled"),
  };
}

/**
 * Everything the Today page shows, in three parallel round trips and six statements whatever
 * the clinic's size: the day's schedule, the due tasks, and one batch with staff names, task
 * counts, the unbooked patients and the audit row of this view.
 */
export async function todayOverview(deps: Deps, actor: Actor, timeZone: string) {
  const { db } = deps;
  const clinicId = actor.clinicId;
  const now = deps.clock.now();
  const today = localDateIn(now, timeZone);
  const [schedule, dueTasks, [staff, counts, unbooked]] = await Promise.all([
    scheduleFor(deps, clinicId, timeZone, today, 1),
    // Not in the batch: drizzle maps a batched join by column name, and tasks.id and patients.id collide.
    listTasks(db, clinicId, { status: "open", dueOnOrBefore: today }, TODAY_TASK_LIMIT),
    db.batch([
      db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.clinicId, clinicId)),
      dueTaskCounts(db, clinicId, today),
      unbookedPatients(db, clinicId, now, UNBOOKED_LIMIT),
      auditStatement(deps, actor, "today.view"),
    ]),
  ]);
  return {
    now,
    today,
    localTime: localParts(now, timeZone),
    schedule,
    staffNames: new Map(staff.map((s) => [s.id, s.name])),
    visitCounts: countVisits(schedule.map((r) => r.appointment.status)),
    taskCounts: { due: Number(counts[0]?.due ?? 0), overdue: Number(counts[0]?.overdue ?? 0) },
    dueTasks,
    unbooked: { total: Number(unbooked[0]?.total ?? 0), patients: unbooked },
  };
}
