import { sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import { DETRACTOR_MAX_SCORE, PROMOTER_MIN_SCORE } from "./kpis";
import { episodeTherapist, type FactScope, type GroupedCounts, type Scope, startMs } from "./queries";

/**
 * The patient's side of care, read for the analytics page: answers to messages, the discharge survey and
 * home exercise. Like queries.ts, one statement per fact for both periods, scoped to the clinic, grouped
 * by the therapist and referral source of the episode each row belongs to.
 */

const ANSWER_WINDOW_MS = 48 * 3_600_000;

/**
 * Automated messages sent in each bucket and how many the patient answered within 48 hours.
 *
 * A message belongs to an episode when it can be told without guessing: the episode of the visit it is
 * about (a reminder names its appointment, so the evaluation's reminder belongs to its episode even before
 * the start date), or else the patient's episode in care when it was sent (the latest started when two
 * overlap). A message sent outside any episode (before the first, after discharge) is counted for the
 * clinic only: `unattributed` rows never reach the therapist or source tables.
 */
export function messageCounts(db: Db, s: FactScope) {
  const start = startMs(s, sql`e.start_date`);
  return db.all<GroupedCounts>(sql`WITH sent AS (
      SELECT ${s.buckets.of(sql`m.send_at`)} AS period,
        COALESCE(
          (SELECT a.episode_id FROM appointments a WHERE a.clinic_id = m.clinic_id AND a.id = m.appointment_id),
          (SELECT e.id FROM episodes e
            WHERE e.clinic_id = m.clinic_id AND e.patient_id = m.patient_id
              AND ${start} <= m.send_at AND (e.discharged_at IS NULL OR e.discharged_at > m.send_at)
            ORDER BY e.start_date DESC, e.id DESC LIMIT 1)) AS episode_id,
        EXISTS (SELECT 1 FROM messages r
          WHERE r.clinic_id = m.clinic_id AND r.patient_id = m.patient_id AND r.direction = 'inbound'
            AND r.created_at > m.send_at AND r.created_at <= m.send_at + ${ANSWER_WINDOW_MS}) AS answered
      FROM messages m
      WHERE m.clinic_id = ${s.clinicId} AND m.direction = 'outbound'
        AND m.category IN ('reminder', 'automated') AND m.status IN ('sent', 'delivered')
        AND m.send_at >= ${s.buckets.fromMs} AND m.send_at < ${s.buckets.toMs}),
    -- Per episode first, so each episode's therapist is looked up once, not once for each of its messages.
    per_episode AS (
      SELECT period, episode_id, COUNT(*) AS sent_count, SUM(answered) AS answered_count
      FROM sent GROUP BY period, episode_id),
    attributed AS (
      SELECT pe.period AS period, pe.sent_count AS sent_count, pe.answered_count AS answered_count,
        e.id IS NULL AS unattributed, e.referral_source_id AS source_id, ${episodeTherapist} AS therapist_id
      FROM per_episode pe LEFT JOIN episodes e ON e.clinic_id = ${s.clinicId} AND e.id = pe.episode_id)
    SELECT period, unattributed, therapist_id, source_id,
      SUM(sent_count) AS messagesSent,
      SUM(answered_count) AS messagesAnswered
    FROM attributed GROUP BY period, unattributed, therapist_id, source_id`);
}

/**
 * Discharge survey answers given in each bucket (with promoters and detractors), and review links sent
 * and opened in each bucket, by the answered episode's therapist and referral source. Each of the three
 * is counted by its own time, so one answer can count in one period and its opened link in the next.
 */
export function surveyCounts(db: Db, s: FactScope) {
  const { buckets: b } = s;
  const within = (column: string) => sql`(${sql.raw(column)} >= ${b.fromMs} AND ${sql.raw(column)} < ${b.toMs})`;
  // MATERIALIZED: each answer's therapist is looked up once, not once for each of the three events.
  return db.all<GroupedCounts>(sql`WITH answers AS MATERIALIZED (
      SELECT sa.score AS score, sa.answered_at AS answered_at, sa.review_asked_at AS review_asked_at,
        sa.review_opened_at AS review_opened_at, e.referral_source_id AS source_id, ${episodeTherapist} AS therapist_id
      FROM survey_answers sa
      JOIN episodes e ON e.clinic_id = sa.clinic_id AND e.id = sa.episode_id
      WHERE sa.clinic_id = ${s.clinicId}
        AND (${within("sa.answered_at")} OR ${within("sa.review_asked_at")} OR ${within("sa.review_opened_at")})),
    events AS (
      SELECT ${b.of(sql`answered_at`)} AS period, therapist_id, source_id, 1 AS answer,
        score >= ${PROMOTER_MIN_SCORE} AS promoter, score <= ${DETRACTOR_MAX_SCORE} AS detractor, 0 AS asked, 0 AS opened
      FROM answers WHERE ${within("answered_at")}
      UNION ALL
      SELECT ${b.of(sql`review_asked_at`)}, therapist_id, source_id, 0, 0, 0, 1, 0 FROM answers WHERE ${within("review_asked_at")}
      UNION ALL
      SELECT ${b.of(sql`review_opened_at`)}, therapist_id, source_id, 0, 0, 0, 0, 1 FROM answers WHERE ${within("review_opened_at")})
    SELECT period, therapist_id, source_id,
      SUM(answer) AS surveyAnswers,
      SUM(promoter) AS promoters,
      SUM(detractor) AS detractors,
      SUM(asked) AS reviewsAsked,
      SUM(opened) AS reviewsOpened
    FROM events GROUP BY period, therapist_id, source_id`);
}

export interface HepEpisodeRow {
  episode_id: string;
  start_date: string;
  discharged_at: number | null;
  therapist_id: string | null;
  source_id: string | null;
  /** JSON array of program items: ProgramItem fields. */
  items: string;
  /** JSON array of [date, loggedAt, exerciseId] logs. */
  logs: string;
}

/**
 * Every episode in care during either period that had a home-exercise program, with the program (its own
 * items and those given outside any episode, as the risk features count them) and the patient's logs from
 * the episode's start, as JSON. Adherence is then counted in code by the HEP's own pure rules
 * (hep-adherence.ts): its sessions (logs within two hours are one) and the layered "times a day on any N
 * days a week" are not sensibly written in SQL, and a second copy would drift from what patients see.
 */
export function hepEpisodes(db: Db, s: Scope) {
  const { current, previous } = s;
  return db.all<HepEpisodeRow>(sql`WITH care AS (
      SELECT e.id AS episode_id, e.patient_id AS patient_id, e.start_date AS start_date, e.discharged_at AS discharged_at,
        e.referral_source_id AS source_id, ${episodeTherapist} AS therapist_id
      FROM episodes e
      WHERE e.clinic_id = ${s.clinicId} AND e.start_date <= ${current.to}
        AND (e.discharged_at IS NULL OR e.discharged_at >= ${previous.fromMs})),
    hep AS (
      SELECT care.*,
        (SELECT json_group_array(json_object('exerciseId', i.exercise_id, 'sets', i.sets, 'reps', i.reps,
            'holdSeconds', i.hold_seconds, 'timesPerDay', i.times_per_day, 'daysPerWeek', i.days_per_week,
            'startDate', i.start_date, 'endDate', i.end_date))
          FROM hep_program_items i
          WHERE i.clinic_id = ${s.clinicId} AND i.patient_id = care.patient_id
            AND (i.episode_id = care.episode_id OR i.episode_id IS NULL)
            AND i.start_date <= ${current.to} AND (i.end_date IS NULL OR i.end_date >= MAX(care.start_date, ${previous.from}))) AS items,
        (SELECT json_group_array(json_array(l.date, l.logged_at, l.exercise_id))
          FROM hep_logs l
          WHERE l.clinic_id = ${s.clinicId} AND l.patient_id = care.patient_id
            AND l.date >= MAX(care.start_date, ${previous.from}) AND l.date <= ${current.to}) AS logs
      FROM care)
    SELECT episode_id, start_date, discharged_at, therapist_id, source_id, items, logs FROM hep WHERE items <> '[]'`);
}
