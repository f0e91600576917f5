import { MINUTE } from "../platform/clock";
import { addDays, localParts, weekdayOf } from "../platform/time";
import type { AppointmentStatus } from "../scheduling/tables";
import type { EpisodePlan } from "./care";
import type { TherapistDiary } from "./diary";
import type { Random } from "./random";

export interface Visit {
  state: EpisodeState;
  therapistIndex: number;
  date: string;
  /** Local minute of the day the visit starts. */
  start: number;
  minutes: number;
  startsAt: number;
  endsAt: number;
  status: AppointmentStatus;
}

export interface EpisodeState {
  plan: EpisodePlan;
  visits: Visit[];
  attended: number;
  /** A visit under way at `now` (checked in): counts as done for planning. */
  arrived: number;
  /** Visits booked after `now`. */
  future: number;
  finished: boolean;
  /** The last visit was missed (or could not be booked): take the next free day, whatever the usual weekdays. */
  makeUp: boolean;
  /** Visits a patient about to stop still has booked, and misses (no-show or cancelled), before they stop. */
  trailing: number;
}

export interface SimulationInput {
  now: number;
  /** The clinic's local date at `now`. */
  today: string;
  timeZone: string;
  plans: EpisodePlan[];
  diaries: TherapistDiary[];
  instant: (date: string, minute: number) => number;
}

/** How far ahead visits are booked. */
export const HORIZON_DAYS = 14;

/**
 * Books every episode's visits day by day over the clinic's history and the next two weeks,
 * as a front desk would: evaluation first, then the patient's usual weekdays and time, make-up
 * visits after a miss, nothing where the therapist is busy or off. Past visits get their outcome.
 */
export function simulateVisits(rnd: Random, input: SimulationInput): EpisodeState[] {
  const { today } = input;
  const states: EpisodeState[] = input.plans.map((plan) => ({
    plan,
    visits: [],
    attended: 0,
    arrived: 0,
    future: 0,
    finished: false,
    makeUp: false,
    trailing: 0,
  }));
  const first = [today, ...states.map((s) => s.plan.firstVisitDate)].sort()[0] ?? today;
  const last = addDays(today, HORIZON_DAYS - 1);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const due = states.filter((s) => !s.finished && s.plan.firstVisitDate <= date);
    for (const s of rnd.shuffle(due)) step(rnd, input, s, date, weekday);
  }
  fillToday(rnd, input, states, today);
  for (const s of states) if (isBookedAhead(s) && s.future === 0) bookNextVisit(rnd, input, s, today);
  for (const s of states) s.visits.sort((a, b) => a.startsAt - b.startsAt);
  return states;
}

/** Open episodes that keep coming: their next visits are in the diary. */
export const isBookedAhead = (s: EpisodeState) => s.plan.outcome === "active" || s.plan.outcome === "fresh";

/** Outcomes whose patients stop coming before the plan is done; most miss a visit or two on the way out. */
const stopsEarly = new Set(["dropped_out", "lapsing", "moved", "other"]);

function step(rnd: Random, input: SimulationInput, s: EpisodeState, date: string, weekday: number) {
  const p = s.plan;
  if (date > p.deadline || p.outcome === "never_seen") {
    s.finished = true;
    return;
  }
  const needsEvaluation = s.attended + s.arrived === 0;
  // A new patient's follow-ups are booked at the evaluation, not before it.
  if (needsEvaluation && s.future > 0) return;
  if (!needsEvaluation && !s.makeUp && !p.weekdays.includes(weekday)) return;
  // An irregular patient lets a usual day go by unbooked now and then: a gap longer than the plan's rhythm.
  if (!needsEvaluation && !s.makeUp && s.trailing === 0 && date < input.today && rnd.chance(p.traits.skipsDays)) return;
  const minutes = needsEvaluation ? 60 : 45;
  let therapistIndex = p.therapistIndex;
  let start = input.diaries[therapistIndex]?.find(date, minutes, p.preferredMinute) ?? null;
  if (start === null && date < input.today && rnd.chance(0.35)) {
    // Another therapist covers now and then.
    for (const [i, diary] of input.diaries.entries()) {
      if (i === p.therapistIndex || start !== null) continue;
      start = diary.find(date, minutes, p.preferredMinute);
      if (start !== null) therapistIndex = i;
    }
  }
  if (start === null) {
    s.makeUp = true;
    return;
  }
  const startsAt = input.instant(date, start);
  if (startsAt < input.now) {
    // Keep the last prescribed visit of an open plan for the coming days.
    if (isBookedAhead(s) && s.attended >= p.visitsPrescribed - 1) return;
  } else if (!isBookedAhead(s) || s.attended + s.arrived + s.future >= p.visitsPrescribed) {
    return;
  }
  const wasTrailing = s.trailing > 0;
  const visit = book(rnd, input, s, therapistIndex, date, start, minutes);
  if (wasTrailing) {
    s.trailing--;
    if (s.trailing === 0) s.finished = true;
  } else if (visit.status === "attended" && !isBookedAhead(s) && s.attended >= p.target) {
    const misses = stopsEarly.has(p.outcome) && rnd.chance(p.outcome === "dropped_out" || p.outcome === "lapsing" ? 0.6 : 0.3);
    if (misses) s.trailing = rnd.chance(0.35) ? 2 : 1;
    else s.finished = true;
  }
}

function book(
  rnd: Random,
  input: SimulationInput,
  s: EpisodeState,
  therapistIndex: number,
  date: string,
  start: number,
  minutes: number,
): Visit {
  input.diaries[therapistIndex]?.take(date, start, minutes);
  const startsAt = input.instant(date, start);
  const endsAt = startsAt + minutes * MINUTE;
  const status = startsAt >= input.now ? "booked" : outcomeOf(rnd, s, endsAt, input.now);
  const visit: Visit = { state: s, therapistIndex, date, start, minutes, startsAt, endsAt, status };
  s.visits.push(visit);
  if (status === "booked") s.future++;
  if (status === "attended") s.attended++;
  if (status === "arrived") s.arrived++;
  s.makeUp = status === "cancelled" || status === "no_show";
  return visit;
}

/**
 * Each patient misses and cancels at their own rate (traits.ts: about 9% cancelled and 4% no-show over
 * the clinic), a little more in the first visits of a plan; a patient on the way out misses what is left.
 */
function outcomeOf(rnd: Random, s: EpisodeState, endsAt: number, now: number): AppointmentStatus {
  if (endsAt > now) return "arrived";
  if (s.trailing > 0) return rnd.chance(0.6) ? "no_show" : "cancelled";
  const early = s.visits.length < 3;
  const { cancel, noShow } = s.plan.traits;
  const r = rnd.next();
  if (r < cancel * (early ? 1.3 : 1)) return "cancelled";
  if (r < cancel * (early ? 1.3 : 1) + noShow * (early ? 1.5 : 1)) return "no_show";
  return "attended";
}

/** Today's diary is (nearly) full: open slots go to patients in the middle of their plan. */
function fillToday(rnd: Random, input: SimulationInput, states: EpisodeState[], today: string) {
  const candidates = states.filter((s) => s.plan.outcome === "active" && s.attended > 0);
  for (const [therapistIndex, diary] of input.diaries.entries()) {
    const own = candidates.filter((s) => s.plan.therapistIndex === therapistIndex);
    const others = candidates.filter((s) => s.plan.therapistIndex !== therapistIndex);
    // One slot is left open: a real day has a gap or two for a call-in.
    while (diary.freeStarts(today, 45).length > 1) {
      const start = diary.find(today, 45, diary.freeStarts(today, 45)[0] ?? 0);
      if (start === null) break;
      const inPast = input.instant(today, start) < input.now;
      const fits = (s: EpisodeState) =>
        !s.visits.some((v) => v.date === today) &&
        s.attended + s.arrived + s.future < s.plan.visitsPrescribed - (inPast ? 1 : 0) &&
        (inPast ? s.attended < s.plan.visitsPrescribed - 1 : true);
      const s = rnd.shuffle(own).find(fits) ?? rnd.shuffle(others).find(fits);
      if (!s) break;
      book(rnd, input, s, therapistIndex, today, start, 45);
    }
  }
}

/** Every patient still coming has their next visit booked within two weeks. */
function bookNextVisit(rnd: Random, input: SimulationInput, s: EpisodeState, today: string) {
  const nowMinute = localParts(input.now, input.timeZone).minutes;
  const minutes = s.attended + s.arrived === 0 ? 60 : 45;
  const order = [s.plan.therapistIndex, ...input.diaries.keys()];
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const date = addDays(today, d);
    if (s.visits.some((v) => v.date === date)) continue;
    for (const therapistIndex of order) {
      const earliest = d === 0 ? Math.ceil((nowMinute + 1) / 15) * 15 : 0;
      const start = input.diaries[therapistIndex]?.find(date, minutes, s.plan.preferredMinute, earliest) ?? null;
      if (start === null || input.instant(date, start) <= input.now) continue;
      book(rnd, input, s, therapistIndex, date, start, minutes);
      return;
    }
  }
}
