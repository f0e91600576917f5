import { DAY } from "../platform/clock";
import type { Db } from "../platform/db";
import { type ChunkRows, featuresFromRows, REPLY_ASKING_PURPOSES, REPLY_WINDOW_MS } from "./feature-rows";
import type { RiskFeatures } from "./features";

/**
 * The D1 side of the risk features: for one chunk of a clinic's open episodes, a fixed set of
 * statements (FEATURE_STATEMENTS, sent as one D1 batch) reads everything the features need, whatever
 * the chunk's size; the pure `featuresFromRows` turns the rows into RiskFeatures.
 *
 * Point in time: every statement reads only what existed before `asOf` (rows created, logged,
 * authored or sent before it), and an appointment's status and time are rolled back to what they
 * were at `asOf` with its change history, so a later cancellation, a later booking or a later
 * check-in never changes a score already given.
 *
 * The episode ids travel as one JSON parameter (json_each), so a chunk of any size binds the same
 * handful of parameters (D1 binds at most 100 per statement).
 */

/** Most episodes one chunk may hold: keeps each statement's result (a few thousand rows) well inside D1's limits. */
export const MAX_CHUNK_EPISODES = 100;

/** Check-ins this far back make the pain trend. */
export const PAIN_TREND_WINDOW_MS = 28 * DAY;

/** Statements per chunk, whatever its size (the bounded-work property a test checks). */
export const FEATURE_STATEMENTS = 7;

export interface EpisodeFeatures {
  episodeId: string;
  patientId: string;
  features: RiskFeatures;
}

/**
 * The chunk's episodes with their plan and clinic. Scoring reads open episodes; training reads
 * discharged ones as they were at a cut-off inside the episode (see training-data.ts).
 */
const episodesOf = (status: "open" | "discharged") => `
SELECT e.id, e.patient_id, e.start_date, e.visits_prescribed, e.frequency_per_week, e.body_region, c.time_zone,
  EXISTS (
    SELECT 1 FROM episodes p
    WHERE p.clinic_id = e.clinic_id AND p.patient_id = e.patient_id AND p.id <> e.id
      AND +p.status = 'discharged' AND p.discharged_at < ?3
  ) AS returning_patient
FROM episodes e JOIN clinics c ON c.id = e.clinic_id
WHERE e.id IN (SELECT value FROM json_each(?2)) AND +e.clinic_id = ?1 AND +e.status = '${status}' AND e.created_at < ?3`;
const EPISODES = episodesOf("open");
const CLOSED_EPISODES = episodesOf("discharged");

/** Each appointment that existed at asOf, with the state the first later change started from (null: unchanged since). */
const APPOINTMENTS = `
SELECT a.episode_id, a.starts_at, a.status,
  (SELECT json_array(ch.from_status, ch.from_starts_at) FROM appointment_changes ch
   WHERE ch.clinic_id = a.clinic_id AND ch.appointment_id = a.id AND ch.at >= ?3
   ORDER BY ch.at, ch.id LIMIT 1) AS before_change
FROM appointments a
WHERE a.clinic_id = ?1 AND a.episode_id IN (SELECT value FROM json_each(?2)) AND a.created_at < ?3`;

const AUTHORIZATIONS = `
SELECT episode_id, visits_authorized, start_date, end_date FROM authorizations
WHERE clinic_id = ?1 AND episode_id IN (SELECT value FROM json_each(?2)) AND created_at < ?3`;

const PATIENTS_OF_CHUNK = `SELECT patient_id FROM episodes WHERE id IN (SELECT value FROM json_each(?2)) AND +clinic_id = ?1`;

/** Program rows still open at asOf read as open: an end made later was not known then. */
const HEP_ITEMS = `
SELECT patient_id, episode_id, exercise_id, sets, reps, hold_seconds, times_per_day, days_per_week, start_date,
  CASE WHEN ended_at IS NOT NULL AND ended_at >= ?3 THEN NULL ELSE end_date END AS end_date
FROM hep_program_items
WHERE clinic_id = ?1 AND patient_id IN (${PATIENTS_OF_CHUNK}) AND created_at < ?3
  AND (end_date IS NULL OR end_date >= ?4 OR (ended_at IS NOT NULL AND ended_at >= ?3))`;

const HEP_LOGS = `
SELECT patient_id, exercise_id, date, logged_at FROM hep_logs
WHERE clinic_id = ?1 AND patient_id IN (${PATIENTS_OF_CHUNK}) AND logged_at < ?3 AND date >= ?4`;

/** Pain check-ins of the trend window, and every full questionnaire of the chunk's episodes. */
const RESPONSES = `
SELECT patient_id, episode_id, instrument_id, kind, score, authored_at FROM questionnaire_responses
WHERE clinic_id = ?1 AND patient_id IN (${PATIENTS_OF_CHUNK}) AND authored_at < ?3 AND (
  (kind = 'check_in' AND authored_at >= ?4)
  OR (kind = 'questionnaire' AND episode_id IN (SELECT value FROM json_each(?2)))
)`;

/**
 * Messages that asked for a reply and had their full reply window before asOf, and the patient's
 * replies before asOf. `?4` is the earliest episode start of the chunk: older messages belong to
 * earlier care.
 */
const MESSAGES = `
SELECT patient_id, direction, send_at, created_at FROM messages
WHERE clinic_id = ?1 AND patient_id IN (${PATIENTS_OF_CHUNK}) AND channel IN ('sms', 'email') AND (
  (direction = 'outbound' AND purpose IN (${REPLY_ASKING_PURPOSES.map((p) => `'${p}'`).join(", ")})
    AND status IN ('sent', 'delivered') AND send_at >= ?4 AND send_at <= ?3 - ${REPLY_WINDOW_MS})
  OR (direction = 'inbound' AND created_at < ?3 AND created_at >= ?4)
)`;

/**
 * How far back messages are read for the whole chunk; each episode then keeps those since its own
 * start. Open episodes older than this are rare, and their oldest messages add little to a reply rate.
 */
const MESSAGE_LOOKBACK_MS = 730 * DAY;

/**
 * The chunk's statements, for the query-plan test: each must find its rows through the chunk's ids
 * (primary key, episode or patient index), never by walking the whole clinic, or a run over a large
 * clinic costs more per chunk than over a small one.
 */
export const FEATURE_SQL = { EPISODES, CLOSED_EPISODES, APPOINTMENTS, AUTHORIZATIONS, HEP_ITEMS, HEP_LOGS, RESPONSES, MESSAGES };

export interface ChunkOptions {
  /**
   * Read discharged episodes instead of open ones, as they stood at `asOf` (a cut-off inside each
   * episode): the nightly training's rows. Everything else reads exactly as for scoring.
   */
  closed?: boolean;
}

/**
 * The FEATURE_STATEMENTS statements of one chunk, to send as (part of) one D1 batch. Training packs
 * several chunks (each with its own asOf) into one batch to keep a clinic's run to few round trips.
 */
export function chunkStatements(
  db: Db,
  clinicId: string,
  episodeIds: readonly string[],
  asOf: number,
  options: ChunkOptions = {},
): D1PreparedStatement[] {
  if (episodeIds.length > MAX_CHUNK_EPISODES) throw new RangeError(`at most ${MAX_CHUNK_EPISODES} episodes per chunk`);
  const ids = JSON.stringify(episodeIds);
  const d1 = db.$client;
  // Local dates: the window starts are compared with YYYY-MM-DD columns, one spare day for time zones.
  const hepFrom = new Date(asOf - 15 * DAY).toISOString().slice(0, 10);
  const messagesFrom = asOf - MESSAGE_LOOKBACK_MS;
  return [
    d1.prepare(options.closed ? CLOSED_EPISODES : EPISODES).bind(clinicId, ids, asOf),
    d1.prepare(APPOINTMENTS).bind(clinicId, ids, asOf),
    d1.prepare(AUTHORIZATIONS).bind(clinicId, ids, asOf),
    d1.prepare(HEP_ITEMS).bind(clinicId, ids, asOf, hepFrom),
    d1.prepare(HEP_LOGS).bind(clinicId, ids, asOf, hepFrom),
    d1.prepare(RESPONSES).bind(clinicId, ids, asOf, asOf - PAIN_TREND_WINDOW_MS),
    d1.prepare(MESSAGES).bind(clinicId, ids, asOf, messagesFrom),
  ];
}

/** The features of one chunk from the results of its chunkStatements, in the same order. */
export function featuresOfResults(results: readonly D1Result[], asOf: number): EpisodeFeatures[] {
  const rows = (i: number) => (results[i]?.results ?? []) as never[];
  const chunk: ChunkRows = {
    episodes: rows(0),
    appointments: rows(1),
    authorizations: rows(2),
    hepItems: rows(3),
    hepLogs: rows(4),
    responses: rows(5),
    messages: rows(6),
  };
  return featuresFromRows(chunk, asOf);
}

/**
 * Reads the rows of one chunk (at most MAX_CHUNK_EPISODES open episodes of one clinic) and returns
 * the features of each episode that is still open; ids of other clinics or closed episodes drop out
 * (with `closed`, the reverse: only discharged episodes).
 */
export async function chunkFeatures(
  db: Db,
  clinicId: string,
  episodeIds: readonly string[],
  asOf: number,
  options: ChunkOptions = {},
): Promise<EpisodeFeatures[]> {
  if (episodeIds.length === 0) return [];
  const results = await db.$client.batch(chunkStatements(db, clinicId, episodeIds, asOf, options));
  return featuresOfResults(results, asOf);
}
