import type { DischargeReason } from "../episodes/tables";
import { DAY, HOUR, MINUTE } from "../platform/clock";
import type { Random } from "./random";
import type { EpisodeRow, ReferralSourceRow } from "./types";
import type { EpisodeState } from "./visits";

export interface Discharge {
  reason: DischargeReason;
  at: number;
}

/**
 * How a closed episode was discharged, from what actually happened: a plan that fell far short
 * of its goal was a drop-out whatever was intended; a patient who stopped coming is discharged
 * a couple of weeks later, when staff give up calling.
 */
export function dischargeOf(rnd: Random, s: EpisodeState, now: number, nextCreatedAt: number | null): Discharge | null {
  const p = s.plan;
  if (p.outcome === "active" || p.outcome === "fresh" || p.outcome === "lapsing") return null;
  // A referral that never came in is closed as "other" once the calls go unanswered.
  let reason: DischargeReason = p.outcome === "never_seen" ? "other" : p.outcome;
  if (reason === "goals_met" || reason === "plan_completed") {
    if (s.attended < Math.ceil(p.target * 0.5)) reason = "dropped_out";
    else if (reason === "plan_completed" && s.attended < p.visitsPrescribed) reason = "goals_met";
  }
  const last = s.visits.at(-1)?.endsAt ?? p.createdAt;
  const completed = reason === "goals_met" || reason === "plan_completed";
  let at = completed ? last + rnd.int(20, 240) * MINUTE : last + rnd.int(10, 25) * DAY + rnd.int(0, 8) * HOUR;
  at = Math.min(at, now - rnd.int(1, 6) * HOUR);
  if (nextCreatedAt !== null) at = Math.min(at, nextCreatedAt - DAY);
  return { reason, at: Math.max(at, last + MINUTE) };
}

export function episodeRow(
  s: EpisodeState,
  clinicId: string,
  patientId: string,
  source: ReferralSourceRow | undefined,
  discharge: Discharge | null,
): EpisodeRow {
  const p = s.plan;
  return {
    id: p.id,
    clinicId,
    patientId,
    bodyRegion: p.condition.bodyRegion,
    diagnosis: p.condition.diagnosis,
    icd10Code: p.condition.icd10Code,
    referralSourceId: source?.id ?? null,
    referringPhysician: source?.kind === "physician" ? source.name : null,
    startDate: p.startDate,
    visitsPrescribed: p.visitsPrescribed,
    frequencyPerWeek: p.frequencyPerWeek,
    durationWeeks: p.durationWeeks,
    goals: p.goals,
    status: discharge ? "discharged" : "open",
    dischargeReason: discharge?.reason ?? null,
    dischargedAt: discharge?.at ?? null,
    createdAt: p.createdAt,
    updatedAt: discharge?.at ?? p.createdAt,
  };
}
