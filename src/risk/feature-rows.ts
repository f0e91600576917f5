import { localDateIn } from "../clinics/model";
import type { BodyRegion } from "../episodes/tables";
import { adherence, type ProgramItem } from "../hep/model";
import { instrumentForRegion } from "../outcomes/plan";
import { type InstrumentId, instruments, isInstrumentId } from "../outcomes/questionnaires";
import { DAY, HOUR } from "../platform/clock";
import { zonedToUtc } from "../platform/time";
import { RECENT_VISITS, type RiskFeatures } from "./features";

/**
 * Rows of one chunk (read by feature-queries.ts) -> RiskFeatures per episode. Pure: the rows already
 * hold only what was known at `asOf`; this file decides what each number means.
 */

/** A reply counts when it comes within this long of the message that asked for it. */
export const REPLY_WINDOW_MS = 72 * HOUR;

/** Messages that ask the patient to answer: the reminder ("Reply C to confirm"), outreach and staff replies. */
export const REPLY_ASKING_PURPOSES = ["visit_reminder", "missed_visit_outreach", "at_risk_outreach", "staff_reply"] as const;

export interface EpisodeRow {
  id: string;
  patient_id: string;
  start_date: string;
  visits_prescribed: number;
  frequency_per_week: number;
  body_region: BodyRegion;
  time_zone: string;
  returning_patient: number;
}
export interface AppointmentRow {
  episode_id: string;
  starts_at: number;
  status: string;
  /** JSON [from_status, from_starts_at] of the first change at or after asOf; null when none. */
  before_change: string | null;
}
export interface AuthorizationRow {
  episode_id: string;
  visits_authorized: number;
  start_date: string;
  end_date: string;
}
export interface HepItemRow {
  patient_id: string;
  episode_id: string | null;
  exercise_id: string;
  sets: number;
  reps: number;
  hold_seconds: number;
  times_per_day: number;
  days_per_week: number;
  start_date: string;
  end_date: string | null;
}
export interface HepLogRow {
  patient_id: string;
  exercise_id: string;
  date: string;
  logged_at: number;
}
export interface ResponseRow {
  patient_id: string;
  episode_id: string | null;
  instrument_id: string;
  kind: "check_in" | "questionnaire";
  score: number;
  authored_at: number;
}
export interface MessageRow {
  patient_id: string;
  direction: "inbound" | "outbound";
  send_at: number;
  created_at: number;
}

export interface ChunkRows {
  episodes: EpisodeRow[];
  appointments: AppointmentRow[];
  authorizations: AuthorizationRow[];
  hepItems: HepItemRow[];
  hepLogs: HepLogRow[];
  responses: ResponseRow[];
  messages: MessageRow[];
}

const ATTENDED = new Set(["attended", "arrived"]);
const BOOKED = new Set(["booked", "confirmed"]);

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The appointment as it stood at asOf: a later change is undone by the state it started from. */
function atAsOf(a: AppointmentRow): { startsAt: number; status: string } {
  if (!a.before_change) return { startsAt: a.starts_at, status: a.status };
  const [fromStatus, fromStartsAt] = JSON.parse(a.before_change) as [string | null, number | null];
  return { startsAt: fromStartsAt ?? a.starts_at, status: fromStatus ?? a.status };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Least-squares slope of (time, score) in points per week; null below two check-ins or when all share one instant. */
export function slopePerWeek(points: readonly { at: number; score: number }[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const meanT = points.reduce((s, p) => s + p.at, 0) / n;
  const meanY = points.reduce((s, p) => s + p.score, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.at - meanT) * (p.score - meanY);
    sxx += (p.at - meanT) ** 2;
  }
  if (sxx === 0) return null;
  return Math.round((sxy / sxx) * 7 * DAY * 100) / 100;
}

/**
 * Outcome change since intake on the episode's measure: the body region's instrument when it has a
 * follow-up, else PSFS, else any instrument with two responses. A share of the scale, + = better.
 */
function outcomeChange(region: BodyRegion, responses: readonly ResponseRow[]): number | null {
  const byInstrument = groupBy(
    responses.filter((r) => r.kind === "questionnaire" && isInstrumentId(r.instrument_id) && r.instrument_id !== "nprs"),
    (r) => r.instrument_id as InstrumentId,
  );
  const preferred = [instrumentForRegion(region), "psfs" as const, ...byInstrument.keys()];
  for (const id of preferred) {
    const rows = id ? byInstrument.get(id) : undefined;
    if (!id || !rows || rows.length < 2) continue;
    const sorted = [...rows].sort((a, b) => a.authored_at - b.authored_at);
    const first = (sorted[0] as ResponseRow).score;
    const last = (sorted[sorted.length - 1] as ResponseRow).score;
    const def = instruments[id];
    const gain = def.interpretation === "better_is_higher" ? last - first : first - last;
    const share = gain / (def.range.max - def.range.min);
    return Math.max(-1, Math.min(1, Math.round(share * 1000) / 1000));
  }
  return null;
}

/** Share of asking messages answered within the window, and the median hours to answer. */
function replies(messages: readonly MessageRow[], since: number): Pick<RiskFeatures, "messageResponseRate" | "medianReplyDelayHours"> {
  const asked = messages.filter((m) => m.direction === "outbound" && m.send_at >= since);
  if (asked.length === 0) return { messageResponseRate: null, medianReplyDelayHours: null };
  const inbound = messages
    .filter((m) => m.direction === "inbound")
    .map((m) => m.created_at)
    .sort((a, b) => a - b);
  const delays: number[] = [];
  for (const m of asked) {
    const reply = inbound.find((at) => at > m.send_at);
    if (reply !== undefined && reply - m.send_at <= REPLY_WINDOW_MS) delays.push((reply - m.send_at) / HOUR);
  }
  const delay = median(delays);
  return {
    messageResponseRate: Math.round((delays.length / asked.length) * 1000) / 1000,
    medianReplyDelayHours: delay === null ? null : Math.round(delay * 10) / 10,
  };
}

/** Visits left on the authorization in force today (the latest begun); 0 once it has ended; null without one. */
function authorizationLeft(auths: readonly AuthorizationRow[], attendedDates: readonly string[], today: string): number | null {
  const begun = auths.filter((a) => a.start_date <= today).sort((a, b) => (a.start_date < b.start_date ? 1 : -1));
  const current = begun[0];
  if (!current) return null;
  if (current.end_date < today) return 0;
  const used = attendedDates.filter((d) => d >= current.start_date && d <= current.end_date).length;
  return Math.max(0, current.visits_authorized - used);
}

function hepAdherence(items: readonly HepItemRow[], logs: readonly HepLogRow[], episodeId: string, today: string): number | null {
  // The patient's program for this episode, plus items given outside any episode.
  const program: ProgramItem[] = items
    .filter((i) => i.episode_id === null || i.episode_id === episodeId)
    .map((i) => ({
      exerciseId: i.exercise_id,
      sets: i.sets,
      reps: i.reps,
      holdSeconds: i.hold_seconds,
      timesPerDay: i.times_per_day,
      daysPerWeek: i.days_per_week,
      startDate: i.start_date,
      endDate: i.end_date,
    }));
  if (program.length === 0) return null;
  const ratio = adherence(
    { items: program },
    logs.map((l) => ({ date: l.date, exerciseId: l.exercise_id, at: l.logged_at })),
    today,
  );
  return ratio === null ? null : Math.round(ratio * 1000) / 1000;
}

export function featuresFromRows(rows: ChunkRows, asOf: number): { episodeId: string; patientId: string; features: RiskFeatures }[] {
  const appointments = groupBy(rows.appointments, (a) => a.episode_id);
  const auths = groupBy(rows.authorizations, (a) => a.episode_id);
  const hepItems = groupBy(rows.hepItems, (i) => i.patient_id);
  const hepLogs = groupBy(rows.hepLogs, (l) => l.patient_id);
  const responses = groupBy(rows.responses, (r) => r.patient_id);
  const messages = groupBy(rows.messages, (m) => m.patient_id);

  return rows.episodes.map((e) => {
    const tz = e.time_zone;
    const today = localDateIn(asOf, tz);
    const startedAt = zonedToUtc(e.start_date, "00:00", tz);
    const all = (appointments.get(e.id) ?? []).map(atAsOf);
    const past = all.filter((a) => a.startsAt < asOf).sort((a, b) => a.startsAt - b.startsAt);
    const attended = past.filter((a) => ATTENDED.has(a.status));
    const recent = past.slice(-RECENT_VISITS);
    const lastAttended = attended[attended.length - 1];
    const patientResponses = responses.get(e.patient_id) ?? [];
    const checkIns = patientResponses
      .filter((r) => r.kind === "check_in" && r.authored_at >= startedAt)
      .map((r) => ({ at: r.authored_at, score: r.score }));

    const features: RiskFeatures = {
      visitsAttended: attended.length,
      visitsPrescribed: e.visits_prescribed,
      visitNumber: attended.length + 1,
      plannedVisitsPerWeek: e.frequency_per_week > 0 ? e.frequency_per_week : 1,
      recentVisits: recent.length,
      recentCancellations: recent.filter((a) => a.status === "cancelled").length,
      recentNoShows: recent.filter((a) => a.status === "no_show").length,
      cancellationsTotal: past.filter((a) => a.status === "cancelled").length,
      noShowsTotal: past.filter((a) => a.status === "no_show").length,
      daysSinceLastVisit: Math.max(0, Math.round(((asOf - (lastAttended?.startsAt ?? startedAt)) / DAY) * 10) / 10),
      nextVisitBooked: all.some((a) => a.startsAt >= asOf && BOOKED.has(a.status)) ? 1 : 0,
      hepAdherence14d: hepAdherence(hepItems.get(e.patient_id) ?? [], hepLogs.get(e.patient_id) ?? [], e.id, today),
      painTrendPerWeek: slopePerWeek(checkIns),
      outcomeChange: outcomeChange(
        e.body_region,
        patientResponses.filter((r) => r.episode_id === e.id),
      ),
      ...replies(messages.get(e.patient_id) ?? [], startedAt),
      authorizationVisitsLeft: authorizationLeft(
        auths.get(e.id) ?? [],
        attended.map((a) => localDateIn(a.startsAt, tz)),
        today,
      ),
      returningPatient: e.returning_patient ? 1 : 0,
    };
    return { episodeId: e.id, patientId: e.patient_id, features };
  });
}
