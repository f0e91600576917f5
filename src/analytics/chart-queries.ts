import { sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import { ATTENDED, COMPLETED, type Scope, WEEK_MS } from "./queries";
import type { DateRange } from "./range";

/** The series behind the page's charts, each one statement scoped to the clinic. */

export interface WeekRow {
  week: number;
  attended: number;
  cancelled: number;
  noShow: number;
}

/** Visits of the current range per week, weeks counted from the range's first day; only those from `sinceMs` (the rest are rolled up). */
export function weeklyVisits(db: Db, s: Scope, sinceMs = s.current.fromMs) {
  const { fromMs, toMs } = s.current;
  return db.all<WeekRow>(sql`SELECT CAST((a.starts_at - ${fromMs}) / ${WEEK_MS} AS INTEGER) AS week,
      SUM(a.status IN ${ATTENDED}) AS attended,
      SUM(a.status = 'cancelled') AS cancelled,
      SUM(a.status = 'no_show') AS noShow
    FROM appointments a
    WHERE a.clinic_id = ${s.clinicId} AND a.starts_at >= ${Math.max(fromMs, sinceMs)} AND a.starts_at < ${toMs}
    GROUP BY week ORDER BY week`);
}

export interface StartMonthRow {
  /** YYYY-MM of the episodes' start date. */
  month: string;
  started: number;
  completed: number;
  inCare: number;
  droppedOut: number;
  otherDischarge: number;
}

/**
 * Episodes by the month they started (start dates from `span.from` to `span.to`, local dates), and where
 * each stands now: completed (goals met or plan completed), still in care, dropped out, or discharged for
 * another reason (moved, other).
 */
export function startMonths(db: Db, clinicId: string, span: DateRange) {
  return db.all<StartMonthRow>(sql`SELECT substr(e.start_date, 1, 7) AS month,
      COUNT(*) AS started,
      SUM(e.status = 'discharged' AND e.discharge_reason IN ${COMPLETED}) AS completed,
      SUM(e.status = 'open') AS inCare,
      SUM(e.status = 'discharged' AND e.discharge_reason = 'dropped_out') AS droppedOut,
      SUM(e.status = 'discharged' AND (e.discharge_reason IS NULL OR (e.discharge_reason NOT IN ${COMPLETED} AND e.discharge_reason <> 'dropped_out'))) AS otherDischarge
    FROM episodes e
    WHERE e.clinic_id = ${clinicId} AND e.start_date >= ${span.from} AND e.start_date <= ${span.to}
    GROUP BY month ORDER BY month`);
}
