import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import type { Buckets } from "./buckets";
import type { KpiCounts } from "./kpis";
import type { PeriodBounds } from "./range";

/**
 * The analytics page's reads: one set-based statement per fact, each covering the range and the previous
 * period at once (a `periods` table of two rows) and grouped by period, therapist and referral source, so
 * the page costs the same few statements for a clinic of any size. Sums are additive: the service adds the
 * groups up for the overall, therapist and source tables. Every statement is scoped to the clinic.
 * The facts dated by an instant (visits, discharges here; messages and surveys) count into Buckets
 * instead, so the nightly rollup stores them per day with these same statements (rollup.ts).
 * Visits, discharges, starts and check-ins are here; messages, surveys and home exercise in
 * engagement-queries.ts; the charts' series in chart-queries.ts.
 */

export type PeriodName = "current" | "previous";

export interface GroupedCounts extends Partial<KpiCounts> {
  /** The bucket: a period on the page, a local date in the rollup. */
  period: string;
  therapist_id: string | null;
  source_id: string | null;
  /** 1 for counts that belong to no episode (messages sent outside care): the clinic row only, no therapist or source. */
  unattributed?: number;
}

export interface Scope {
  clinicId: string;
  current: PeriodBounds;
  previous: PeriodBounds;
  /**
   * The clinic zone's offset from UTC (ms) at the end of the range, to turn instants into local dates in
   * SQL. Only times within an hour of midnight across a DST change can land on the wrong day, and
   * visits are not booked then.
   */
  offsetMs: number;
  /** The clinic's IANA zone, for the few results turned into local dates in code rather than SQL. */
  timeZone: string;
  now: number;
}

// D1 binds JS numbers as REAL, so every division that must be whole is CAST to INTEGER.
export const WEEK_MS = 7 * 86_400_000;
export const ATTENDED = sql.raw("('attended','arrived')");
export const COMPLETED = sql.raw("('goals_met','plan_completed')");

/** The two periods as a table: join it to count each row in the period it falls in. */
export function periods(s: Scope): SQL {
  const row = (name: PeriodName, p: PeriodBounds) => sql`(${name}, ${p.fromMs}, ${p.toMs}, ${p.from}, ${p.to})`;
  return sql`periods(period, from_ms, to_ms, from_date, to_date) AS (VALUES ${row("current", s.current)}, ${row("previous", s.previous)})`;
}

/** Local midnight of a start date (YYYY-MM-DD column) as epoch ms. */
export const startMs = (s: { offsetMs: number }, column: SQL) =>
  sql`(CAST((julianday(${column}) - 2440587.5) * 86400000 AS INTEGER) - ${s.offsetMs})`;
/** The local calendar date of an epoch-ms column. */
export const localDate = (s: Scope, column: SQL) => sql`date((${column} + ${s.offsetMs}) / 1000, 'unixepoch')`;

/**
 * An episode belongs to the therapist of its first attended visit, or else of its first booked visit:
 * the evaluating therapist is the one who owns the plan of care.
 */
export const episodeTherapist = sql`(SELECT a.therapist_id FROM appointments a
  WHERE a.clinic_id = e.clinic_id AND a.episode_id = e.id
  ORDER BY a.status IN ${ATTENDED} DESC, a.starts_at LIMIT 1)`;

/**
 * Where the facts dated by an instant are counted: the clinic, its zone's offset (to compare instants
 * with local start dates), and the buckets (the page's two periods, or the rollup's days).
 */
export interface FactScope {
  clinicId: string;
  offsetMs: number;
  buckets: Buckets;
}

const inSpan = (b: Buckets, column: SQL) => sql`${column} >= ${b.fromMs} AND ${column} < ${b.toMs}`;

/** Visits scheduled to start in each bucket, by the visit's therapist and its episode's referral source. */
export function visitCounts(db: Db, s: FactScope) {
  return db.all<GroupedCounts>(sql`SELECT ${s.buckets.of(sql`a.starts_at`)} AS period,
      a.therapist_id AS therapist_id, e.referral_source_id AS source_id,
      SUM(a.status IN ${ATTENDED}) AS attended,
      SUM(a.status = 'no_show') AS noShow,
      SUM(a.status = 'cancelled') AS cancelled
    FROM appointments a
    LEFT JOIN episodes e ON e.clinic_id = a.clinic_id AND e.id = a.episode_id
    WHERE a.clinic_id = ${s.clinicId} AND ${inSpan(s.buckets, sql`a.starts_at`)}
    GROUP BY period, a.therapist_id, e.referral_source_id`);
}

/** Episodes discharged in each bucket: why, and how many visits they had. */
export function dischargeCounts(db: Db, s: FactScope) {
  return db.all<GroupedCounts>(sql`WITH d AS (
      SELECT ${s.buckets.of(sql`e.discharged_at`)} AS period, e.referral_source_id AS source_id, e.discharge_reason AS reason,
        ${episodeTherapist} AS therapist_id,
        (SELECT COUNT(*) FROM appointments a
          WHERE a.clinic_id = e.clinic_id AND a.episode_id = e.id AND a.status IN ${ATTENDED}) AS visits
      FROM episodes e
      WHERE e.clinic_id = ${s.clinicId} AND e.status = 'discharged' AND ${inSpan(s.buckets, sql`e.discharged_at`)})
    SELECT period, therapist_id, source_id,
      COUNT(*) AS discharged,
      SUM(reason IN ${COMPLETED}) AS completed,
      SUM(reason = 'dropped_out') AS droppedOut,
      SUM(visits) AS dischargedVisits
    FROM d GROUP BY period, therapist_id, source_id`);
}

/** Episodes started in each period: seen yet, completed yet, how fast, and whether the patient came back. */
export function startCounts(db: Db, s: Scope) {
  // The unary + keep SQLite off an index that would walk the whole clinic for every episode (MIN by
  // starts_at, status = 'discharged'): the per-episode and per-patient indexes find a few rows instead.
  // MATERIALIZED runs the per-episode subqueries once, not once for each use of first_ms below.
  return db.all<GroupedCounts>(sql`WITH ${periods(s)}, st AS MATERIALIZED (
      SELECT p.period AS period, e.start_date AS start_date, e.referral_source_id AS source_id,
        ${episodeTherapist} AS therapist_id,
        (SELECT MIN(+a.starts_at) FROM appointments a
          WHERE a.clinic_id = e.clinic_id AND a.episode_id = e.id AND a.status IN ${ATTENDED}) AS first_ms,
        (e.status = 'discharged' AND e.discharge_reason IN ${COMPLETED}) AS done,
        EXISTS (SELECT 1 FROM episodes q
          WHERE q.clinic_id = e.clinic_id AND q.patient_id = e.patient_id AND q.id <> e.id
            AND +q.status = 'discharged' AND ${localDate(s, sql`q.discharged_at`)} <= e.start_date) AS came_back
      FROM episodes e
      JOIN periods p ON e.start_date >= p.from_date AND e.start_date <= p.to_date
      WHERE e.clinic_id = ${s.clinicId})
    SELECT period, therapist_id, source_id,
      COUNT(*) AS started,
      SUM(first_ms IS NOT NULL) AS seen,
      SUM(done) AS startedCompleted,
      SUM(source_id IS NOT NULL) AS referred,
      SUM(source_id IS NOT NULL AND first_ms IS NOT NULL) AS referredSeen,
      SUM(CASE WHEN first_ms IS NULL THEN 0
        ELSE MAX(0, julianday(${localDate(s, sql`first_ms`)}) - julianday(start_date)) END) AS daysToFirstVisit,
      SUM(came_back) AS reactivations
    FROM st GROUP BY period, therapist_id, source_id`);
}

/**
 * Check-in adherence: each episode's time in care inside a period, cut into whole weeks from the day care
 * (or the period) began; a week counts as done when the patient sent a pain check-in in it.
 */
export function checkInCounts(db: Db, s: Scope) {
  const start = startMs(s, sql`e.start_date`);
  return db.all<GroupedCounts>(sql`WITH ${periods(s)}, c AS (
      SELECT p.period AS period, e.patient_id AS patient_id, e.referral_source_id AS source_id,
        ${episodeTherapist} AS therapist_id,
        MAX(p.from_ms, ${start}) AS care_from,
        MIN(p.to_ms, COALESCE(e.discharged_at, ${s.now}), ${s.now}) AS care_to
      FROM episodes e
      JOIN periods p ON ${start} < p.to_ms AND (e.discharged_at IS NULL OR e.discharged_at > p.from_ms)
      WHERE e.clinic_id = ${s.clinicId}),
    w AS (SELECT c.*, CAST((care_to - care_from) / ${WEEK_MS} AS INTEGER) AS weeks FROM c WHERE care_to - care_from >= ${WEEK_MS})
    SELECT period, therapist_id, source_id,
      SUM(weeks) AS checkInWeeks,
      SUM((SELECT COUNT(DISTINCT CAST((r.authored_at - w.care_from) / ${WEEK_MS} AS INTEGER)) FROM questionnaire_responses r
        WHERE r.clinic_id = ${s.clinicId} AND r.patient_id = w.patient_id AND r.kind = 'check_in'
          AND r.authored_at >= w.care_from AND r.authored_at < w.care_from + w.weeks * ${WEEK_MS})) AS checkInWeeksDone
    FROM w GROUP BY period, therapist_id, source_id`);
}

/** Names for the tables: the clinic's staff and referral sources. */
export function groupNames(db: Db, clinicId: string) {
  return db.all<{ kind: "therapist" | "source"; id: string; name: string }>(sql`
    SELECT 'therapist' AS kind, id, name FROM staff_users WHERE clinic_id = ${clinicId}
    UNION ALL
    SELECT 'source' AS kind, id, name FROM referral_sources WHERE clinic_id = ${clinicId}`);
}
