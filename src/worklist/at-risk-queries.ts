import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../platform/db";
import { type riskCurrent, riskOutreach } from "../risk/tables";

/** The at-risk worklist's reads and writes: every statement takes the clinic id. */

export type RiskBand = (typeof riskCurrent.$inferSelect)["band"];
export type OutreachOutcome = NonNullable<(typeof riskOutreach.$inferSelect)["outcome"]>;
export type OutreachRow = typeof riskOutreach.$inferSelect;

/** The dedupe key of an outreach's message: it also finds a suppressed message (and its reason) again. */
export const outreachMessageKey = (outreachId: string) => `at_risk_outreach:${outreachId}`;

export interface AtRiskRow {
  episode_id: string;
  patient_id: string;
  given_name: string;
  family_name: string;
  score: number;
  band: RiskBand;
  /** JSON: [{ factor, text, contribution }]. */
  reasons: string;
  computed_at: number;
  last_contact_at: number | null;
  next_visit_at: number | null;
  outreach_id: string | null;
  outreach_started_at: number | null;
  outreach_outcome: OutreachOutcome | null;
  outreach_outcome_at: number | null;
  outreach_returned_at: number | null;
  outreach_message_id: string | null;
  message_status: string | null;
  suppressed_reason: string | null;
}

/**
 * One statement for the whole list, whatever the clinic's size: open episodes with a current score in
 * these bands, highest score first, with the patient's last contact (the journey's projection or the
 * latest message that actually went or came, whichever is later), the next booked visit, and the
 * episode's latest outreach with its message's fate.
 */
export function listAtRisk(db: Db, clinicId: string, bands: readonly RiskBand[], now: number, limit: number, episodeId?: string) {
  return db.all<AtRiskRow>(sql`
    SELECT rc.episode_id, rc.patient_id, p.given_name, p.family_name, rc.score, rc.band, rc.reasons, rc.computed_at,
      max(
        coalesce(jp.last_contact_at, 0), coalesce(jp.last_inbound_at, 0),
        coalesce((SELECT max(m.created_at) FROM messages m
          WHERE m.clinic_id = rc.clinic_id AND m.patient_id = rc.patient_id
            AND m.status IN ('queued', 'sending', 'sent', 'delivered', 'received')), 0)
      ) AS last_contact_at,
      (SELECT min(a.starts_at) FROM appointments a
        WHERE a.clinic_id = rc.clinic_id AND a.patient_id = rc.patient_id
          AND a.status IN ('booked', 'confirmed') AND a.starts_at >= ${now}) AS next_visit_at,
      ro.id AS outreach_id, ro.started_at AS outreach_started_at, ro.outcome AS outreach_outcome,
      ro.outcome_at AS outreach_outcome_at, ro.returned_at AS outreach_returned_at, ro.message_id AS outreach_message_id,
      om.status AS message_status, om.suppressed_reason
    FROM risk_current rc
    JOIN episodes e ON e.clinic_id = rc.clinic_id AND e.id = rc.episode_id AND e.status = 'open'
    JOIN patients p ON p.clinic_id = rc.clinic_id AND p.id = rc.patient_id
    LEFT JOIN journey_projections jp ON jp.clinic_id = rc.clinic_id AND jp.patient_id = rc.patient_id
    LEFT JOIN risk_outreach ro ON ro.id = (
      SELECT o.id FROM risk_outreach o WHERE o.clinic_id = rc.clinic_id AND o.episode_id = rc.episode_id
      ORDER BY o.started_at DESC, o.id DESC LIMIT 1)
    LEFT JOIN messages om ON om.clinic_id = rc.clinic_id AND om.dedupe_key = 'at_risk_outreach:' || ro.id
    WHERE rc.clinic_id = ${clinicId} AND rc.band IN (SELECT value FROM json_each(${JSON.stringify(bands)}))
      ${episodeId ? sql`AND rc.episode_id = ${episodeId}` : sql``}
    ORDER BY rc.score DESC, rc.episode_id
    LIMIT ${limit}`);
}

/** The current score of one of the clinic's open episodes (what an outreach starts from). */
export function openEpisodeRisk(db: Db, clinicId: string, episodeId: string) {
  return db.get<{ episode_id: string; patient_id: string; score: number; band: RiskBand; reasons: string } | undefined>(sql`
    SELECT rc.episode_id, rc.patient_id, rc.score, rc.band, rc.reasons FROM risk_current rc
    JOIN episodes e ON e.clinic_id = rc.clinic_id AND e.id = rc.episode_id AND e.status = 'open'
    WHERE rc.clinic_id = ${clinicId} AND rc.episode_id = ${episodeId}`);
}

/** True while the episode has an outreach with no outcome yet (a second one would double the calls). */
export const noOpenOutreach = (clinicId: string, episodeId: string) =>
  sql`NOT EXISTS (SELECT 1 FROM risk_outreach WHERE clinic_id = ${clinicId} AND episode_id = ${episodeId} AND outcome IS NULL)`;

export async function hasOpenOutreach(db: Db, clinicId: string, episodeId: string): Promise<boolean> {
  const row = await db
    .select({ id: riskOutreach.id })
    .from(riskOutreach)
    .where(and(eq(riskOutreach.clinicId, clinicId), eq(riskOutreach.episodeId, episodeId), isNull(riskOutreach.outcome)))
    .get();
  return Boolean(row);
}

export const outcomeStillOpen = (clinicId: string, id: string) =>
  sql`EXISTS (SELECT 1 FROM risk_outreach WHERE clinic_id = ${clinicId} AND id = ${id} AND outcome IS NULL)`;

export const insertOutreach = (db: Db, row: typeof riskOutreach.$inferInsert) => db.insert(riskOutreach).values(row);

export function findOutreach(db: Db, clinicId: string, id: string) {
  return db
    .select()
    .from(riskOutreach)
    .where(and(eq(riskOutreach.clinicId, clinicId), eq(riskOutreach.id, id)))
    .get();
}

export const setOutreachMessage = (db: Db, clinicId: string, id: string, messageId: string) =>
  db
    .update(riskOutreach)
    .set({ messageId })
    .where(and(eq(riskOutreach.clinicId, clinicId), eq(riskOutreach.id, id)));

/** Records the outcome only if none was recorded yet: two staff pressing at once keep the first. */
export const setOutcomeOnce = (db: Db, clinicId: string, id: string, outcome: OutreachOutcome, at: number) =>
  db
    .update(riskOutreach)
    .set({ outcome, outcomeAt: at })
    .where(and(eq(riskOutreach.clinicId, clinicId), eq(riskOutreach.id, id), isNull(riskOutreach.outcome)));

/**
 * "Came back": one set-based statement for the whole clinic. Each outreach still waiting gets the start
 * of the patient's first attended visit after the outreach started; those with none stay null. Only
 * outreach started since `since` is still watched, so the statement stays small as years of it pile up.
 */
export function markReturnsStatement(clinicId: string, since: number) {
  const firstVisit = sql`(SELECT min(a.starts_at) FROM appointments a
    WHERE a.clinic_id = risk_outreach.clinic_id AND a.patient_id = risk_outreach.patient_id
      AND a.status = 'attended' AND a.starts_at > risk_outreach.started_at)`;
  return sql`UPDATE risk_outreach SET returned_at = ${firstVisit}
    WHERE clinic_id = ${clinicId} AND started_at >= ${since} AND returned_at IS NULL AND ${firstVisit} IS NOT NULL`;
}

export interface OutreachSummary {
  started: number;
  reached: number;
  rebooked: number;
  no_answer: number;
  declined: number;
  pending: number;
  came_back: number;
}

/** Outreach started since `since`: how many, by outcome, and how many patients came back. */
export async function outreachSummary(db: Db, clinicId: string, since: number): Promise<OutreachSummary> {
  const row = await db.get<OutreachSummary | undefined>(sql`
    SELECT count(*) AS started,
      coalesce(sum(outcome = 'reached'), 0) AS reached, coalesce(sum(outcome = 'rebooked'), 0) AS rebooked,
      coalesce(sum(outcome = 'no_answer'), 0) AS no_answer, coalesce(sum(outcome = 'declined'), 0) AS declined,
      coalesce(sum(outcome IS NULL), 0) AS pending, coalesce(sum(returned_at IS NOT NULL), 0) AS came_back
    FROM risk_outreach WHERE clinic_id = ${clinicId} AND started_at >= ${since}`);
  return row ?? { started: 0, reached: 0, rebooked: 0, no_answer: 0, declined: 0, pending: 0, came_back: 0 };
}
