import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import type { WeekRow } from "./chart-queries";
import type { KpiCounts } from "./kpis";
import type { GroupedCounts } from "./queries";
import type { PeriodBounds } from "./range";
import { analyticsDays } from "./tables";

/** The rollup table's reads and writes (tables.ts: analytics_days, analytics_rollups). */

/** The counts a day row holds, in the order the job's JSON rows carry them (after the key). */
const rolledCountKeys = [
  "attended",
  "noShow",
  "cancelled",
  "discharged",
  "completed",
  "droppedOut",
  "dischargedVisits",
  "messagesSent",
  "messagesAnswered",
  "surveyAnswers",
  "promoters",
  "detractors",
  "reviewsAsked",
  "reviewsOpened",
] as const satisfies readonly (keyof KpiCounts & keyof typeof analyticsDays.$inferSelect)[];

/** [count, SQL column] pairs, the column names as the drizzle schema has them. */
export const rolledCountColumns = rolledCountKeys.map((key) => [key, analyticsDays[key].name] as const);

/** One stored row: a day, its group, and its counts in rolledCountColumns order. */
export interface RolledRow {
  day: string;
  therapistId: string;
  sourceId: string;
  unattributed: 0 | 1;
  counts: number[];
}

const columnList = sql.raw(rolledCountColumns.map(([, column]) => column).join(", "));

/** The last day rolled for the clinic, or null before its first nightly run. */
export async function rolledThrough(db: Db, clinicId: string): Promise<string | null> {
  const rows = await db.all<{ through: string }>(
    sql`SELECT rolled_through AS through FROM analytics_rollups WHERE clinic_id = ${clinicId}`,
  );
  return rows[0]?.through ?? null;
}

/** The page's rolled part: counts per period and group for the days from `previous.from` to `through`. */
export function rolledCounts(db: Db, clinicId: string, current: PeriodBounds, previous: PeriodBounds, through: string) {
  const sums = sql.raw(rolledCountColumns.map(([key, column]) => `SUM(${column}) AS ${key}`).join(", "));
  return db.all<GroupedCounts>(sql`SELECT CASE WHEN day >= ${current.from} THEN 'current' ELSE 'previous' END AS period,
      NULLIF(therapist_id, '') AS therapist_id, NULLIF(source_id, '') AS source_id, unattributed, ${sums}
    FROM analytics_days
    WHERE clinic_id = ${clinicId} AND day >= ${previous.from} AND day <= ${through}
    GROUP BY 1, 2, 3, 4`);
}

/** The weekly chart's rolled part: visits per week of the current range, weeks from its first day. */
export function rolledWeeks(db: Db, clinicId: string, current: PeriodBounds, through: string) {
  return db.all<WeekRow>(sql`SELECT CAST((julianday(day) - julianday(${current.from})) / 7 AS INTEGER) AS week,
      SUM(attended) AS attended, SUM(cancelled) AS cancelled, SUM(no_show) AS noShow
    FROM analytics_days
    WHERE clinic_id = ${clinicId} AND day >= ${current.from} AND day <= ${through}
    GROUP BY week`);
}

/** The job's side: the stored rows of a span of days, to compare with what the raw rows say now. */
export async function storedRows(db: Db, clinicId: string, from: string, to: string): Promise<RolledRow[]> {
  const rows = await db.all<Record<string, string | number>>(sql`SELECT day, therapist_id, source_id, unattributed, ${columnList}
    FROM analytics_days WHERE clinic_id = ${clinicId} AND day >= ${from} AND day <= ${to}`);
  return rows.map((r) => ({
    day: String(r.day),
    therapistId: String(r.therapist_id),
    sourceId: String(r.source_id),
    unattributed: Number(r.unattributed) ? 1 : 0,
    counts: rolledCountColumns.map(([, column]) => Number(r[column] ?? 0)),
  }));
}

/** Writes (insert or replace) the given rows. One JSON parameter: D1 allows 100 bound values per statement. */
export function upsertRowsStatement(clinicId: string, rows: RolledRow[]): SQL {
  const json = JSON.stringify(rows.map((r) => [r.day, r.therapistId, r.sourceId, r.unattributed, ...r.counts]));
  const values = sql.raw(rolledCountColumns.map((_, i) => `j.value ->> ${i + 4}`).join(", "));
  return sql`INSERT OR REPLACE INTO analytics_days (clinic_id, day, therapist_id, source_id, unattributed, ${columnList})
    SELECT ${clinicId}, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, ${values} FROM json_each(${json}) AS j`;
}

/** Deletes the given keys: groups that had counts on a day and have none now (a moved or re-attributed visit). */
export function deleteRowsStatement(clinicId: string, from: string, to: string, rows: RolledRow[]): SQL {
  const json = JSON.stringify(rows.map((r) => [r.day, r.therapistId, r.sourceId, r.unattributed]));
  return sql`DELETE FROM analytics_days
    WHERE clinic_id = ${clinicId} AND day >= ${from} AND day <= ${to}
      AND EXISTS (SELECT 1 FROM json_each(${json}) AS j
        WHERE j.value ->> 0 = day AND j.value ->> 1 = therapist_id AND j.value ->> 2 = source_id AND j.value ->> 3 = unattributed)`;
}

/** Deletes the clinic's day rows outside [first, through]: nothing can be counted there any more. */
export function clearOutsideStatement(clinicId: string, first: string, through: string): SQL {
  return sql`DELETE FROM analytics_days WHERE clinic_id = ${clinicId} AND (day < ${first} OR day > ${through})`;
}

export function markRolledStatement(clinicId: string, through: string, at: number): SQL {
  return sql`INSERT INTO analytics_rollups (clinic_id, rolled_through, rolled_at) VALUES (${clinicId}, ${through}, ${at})
    ON CONFLICT (clinic_id) DO UPDATE SET rolled_through = excluded.rolled_through, rolled_at = excluded.rolled_at`;
}

/**
 * The clinic's first local day with anything the rollup counts (a visit, a discharge, an automated
 * message, a survey answer), or null. Run once a night: each MIN reads an index or the clinic's rows once.
 */
export async function firstFactMs(db: Db, clinicId: string): Promise<number | null> {
  const rows = await db.all<{ first: number | null }>(sql`SELECT MIN(x) AS first FROM (
      SELECT MIN(starts_at) AS x FROM appointments WHERE clinic_id = ${clinicId}
      UNION ALL SELECT MIN(discharged_at) FROM episodes WHERE clinic_id = ${clinicId} AND status = 'discharged'
      UNION ALL SELECT MIN(send_at) FROM messages WHERE clinic_id = ${clinicId} AND direction = 'outbound'
      UNION ALL SELECT MIN(answered_at) FROM survey_answers WHERE clinic_id = ${clinicId})`);
  const first = rows[0]?.first;
  return first === null || first === undefined ? null : Number(first);
}
