import { MINUTE } from "../platform/clock";
import { addDays, minutesOf } from "../platform/time";
import type { AvailabilityWindow } from "../scheduling/model";
import { type Condition, conditions } from "./catalog";
import type { Random } from "./random";

/** How an episode ends up: still open (three ways) or discharged (five). */
export type Outcome = "active" | "fresh" | "lapsing" | "goals_met" | "plan_completed" | "dropped_out" | "moved" | "other";

export const openOutcomes: readonly Outcome[] = ["active", "fresh", "lapsing"];

export interface CareQuotas {
  /** Patients registered but never treated. */
  withoutEpisode: number;
  /** Patients who came back with a second problem (the first one discharged). */
  twoEpisodes: number;
  /** Open, in progress, next visits booked. */
  active: number;
  /** Open, evaluation in the coming days. */
  fresh: number;
  /** Open, stopped coming: no visit booked. */
  lapsing: number;
}

/** Everything decided about an episode before its visits are booked. */
export interface EpisodePlan {
  id: string;
  patientIndex: number;
  therapistIndex: number;
  outcome: Outcome;
  condition: Condition;
  goals: string;
  referralSourceIndex: number;
  /** Local dates: intake, first day an evaluation is sought, last day a visit may be booked. */
  startDate: string;
  firstVisitDate: string;
  deadline: string;
  visitsPrescribed: number;
  frequencyPerWeek: number;
  durationWeeks: number;
  weekdays: number[];
  preferredMinute: number;
  /** Attended visits at which the patient stops coming. */
  target: number;
  createdAt: number;
}

export interface PlanInput {
  clinicId: string;
  patients: number;
  quotas: CareQuotas;
  therapists: { hours: readonly AvailabilityWindow[]; weight: number }[];
  referralWeights: readonly number[];
  today: string;
  now: number;
  instant: (date: string, minute: number) => number;
}

const dischargedOutcomes: readonly (readonly [Outcome, number])[] = [
  ["goals_met", 36],
  ["plan_completed", 34],
  ["dropped_out", 20],
  ["moved", 5],
  ["other", 5],
];

/**
 * Who has which episodes, and when: quotas fix how many are open (so the schedule and the
 * worklist look the same every day), dates spread the discharged ones over the last six months.
 */
export function planEpisodes(rnd: Random, input: PlanInput): EpisodePlan[] {
  const order = rnd.shuffle(Array.from({ length: input.patients }, (_, i) => i));
  const { withoutEpisode, twoEpisodes, active, fresh, lapsing } = input.quotas;
  const treated = order.slice(withoutEpisode);
  const twice = new Set(treated.slice(0, twoEpisodes));
  // The latest episode of each treated patient: the first ones in this order are still open.
  const latest = rnd.shuffle(treated);
  const outcomeOf = new Map<number, Outcome>();
  latest.forEach((patientIndex, i) => {
    const outcome: Outcome =
      i < active ? "active" : i < active + fresh ? "fresh" : i < active + fresh + lapsing ? "lapsing" : rnd.weighted(dischargedOutcomes);
    outcomeOf.set(patientIndex, outcome);
  });
  let n = 0;
  const nextId = () => `${input.clinicId}-e${(n++).toString(36).padStart(6, "0")}`;
  const pickTherapist = () => rnd.weighted(input.therapists.map((t, i) => [i, t.weight] as const));
  const plans: EpisodePlan[] = [];
  for (const patientIndex of [...treated].sort((a, b) => a - b)) {
    const outcome = outcomeOf.get(patientIndex) ?? "goals_met";
    const current = plan(rnd, input, patientIndex, pickTherapist(), outcome, twice.has(patientIndex) ? 100 : 182);
    if (twice.has(patientIndex)) {
      // The earlier problem, treated and discharged well before the current one began.
      const earlier = plan(rnd, input, patientIndex, pickTherapist(), rnd.weighted(dischargedOutcomes), 182, current.startDate);
      earlier.id = nextId();
      plans.push(earlier);
    }
    current.id = nextId();
    plans.push(current);
  }
  return plans;
}

function plan(
  rnd: Random,
  input: PlanInput,
  patientIndex: number,
  therapistIndex: number,
  outcome: Outcome,
  earliestDaysAgo: number,
  beforeDate?: string,
): EpisodePlan {
  const { today } = input;
  const condition = rnd.weighted(conditions);
  const frequencyPerWeek = rnd.chance(0.6) ? 2 : 3;
  const durationWeeks = rnd.int(condition.weeks[0], condition.weeks[1]);
  const visitsPrescribed = Math.max(8, Math.min(24, frequencyPerWeek * durationWeeks - (rnd.chance(0.3) ? 1 : 0)));
  const therapist = input.therapists[therapistIndex] ?? { hours: [], weight: 1 };
  let startDate: string;
  let firstVisitDate: string;
  let deadline: string;
  let target = visitsPrescribed;
  const lag = rnd.chance(0.55) ? 0 : rnd.int(1, 4);
  if (outcome === "active") {
    const elapsed = rnd.int(6, Math.max(8, Math.min(durationWeeks * 7 - 6, 60)));
    startDate = addDays(today, -elapsed);
    firstVisitDate = addDays(startDate, Math.min(lag, elapsed - 3));
    deadline = addDays(today, rnd.pick([2, 3, 4, 5, 6, 7, 7, 8, 9, 11, 13]));
  } else if (outcome === "fresh") {
    startDate = addDays(today, -rnd.int(0, 3));
    firstVisitDate = addDays(today, rnd.int(0, 6));
    deadline = addDays(today, 7);
  } else if (outcome === "lapsing") {
    startDate = addDays(today, -rnd.int(40, 80));
    firstVisitDate = addDays(startDate, lag);
    deadline = addDays(today, -rnd.int(14, 30));
    target = rnd.int(3, 8);
  } else {
    if (beforeDate) {
      startDate = addDays(today, -rnd.int(130, 182));
      deadline = addDays(beforeDate, -7);
    } else {
      // Long enough ago for the plan to have run its course (with the usual slippage).
      const latestDaysAgo = Math.min(earliestDaysAgo - 7, durationWeeks * 7 + 5);
      startDate = addDays(today, -rnd.int(latestDaysAgo, earliestDaysAgo));
      deadline = addDays(today, -2);
    }
    firstVisitDate = addDays(startDate, lag);
    target = targetFor(rnd, outcome, visitsPrescribed);
  }
  // The referral came in and the episode was opened a day or three before it starts, in office hours.
  const intake = Math.min(
    input.instant(addDays(startDate, -rnd.int(1, 3)), rnd.int(8 * 60 + 30, 17 * 60)),
    input.now - rnd.int(30, 240) * MINUTE,
  );
  return {
    id: "",
    patientIndex,
    therapistIndex,
    outcome,
    condition,
    goals: rnd.shuffle(condition.goals).slice(0, rnd.int(2, 3)).join("\n"),
    referralSourceIndex: rnd.weighted(input.referralWeights.map((w, i) => [i, w] as const)),
    startDate,
    firstVisitDate,
    deadline,
    visitsPrescribed,
    frequencyPerWeek,
    durationWeeks,
    weekdays: rnd.pick(cadences(therapist.hours, frequencyPerWeek)),
    preferredMinute: preferredStart(rnd, therapist.hours),
    target,
    createdAt: intake,
  };
}

function targetFor(rnd: Random, outcome: Outcome, prescribed: number): number {
  switch (outcome) {
    case "plan_completed":
      // Now and then a plan runs a visit or two over before anyone updates it.
      return prescribed + (rnd.chance(0.06) ? rnd.int(1, 2) : 0);
    case "goals_met":
      return Math.max(6, prescribed - rnd.int(1, 4));
    case "dropped_out":
      return rnd.int(2, Math.max(3, Math.floor(prescribed / 2)));
    case "moved":
      return rnd.int(3, 8);
    default:
      return rnd.int(2, 6);
  }
}

const cadenceMemo = new WeakMap<readonly AvailabilityWindow[], Map<number, number[][]>>();

/** Weekly visit days a patient can keep with this therapist: spread out, as a front desk would book them. */
function cadences(hours: readonly AvailabilityWindow[], perWeek: number): number[][] {
  const memo = cadenceMemo.get(hours) ?? new Map<number, number[][]>();
  cadenceMemo.set(hours, memo);
  const known = memo.get(perWeek);
  if (known) return known;
  const found = cadencesFor(hours, perWeek);
  memo.set(perWeek, found);
  return found;
}

function cadencesFor(hours: readonly AvailabilityWindow[], perWeek: number): number[][] {
  const days = [...new Set(hours.map((h) => h.weekday))].sort((a, b) => a - b);
  const all: number[][] = [];
  const walk = (from: number, picked: number[]) => {
    if (picked.length === perWeek) {
      all.push(picked);
      return;
    }
    for (let i = from; i < days.length; i++) walk(i + 1, [...picked, days[i] as number]);
  };
  walk(0, []);
  const spread = all.filter((c) => c.every((d, i) => i === 0 || d - (c[i - 1] as number) >= 2));
  return spread.length > 0 ? spread : all.length > 0 ? all : [days];
}

/** A usual visit time inside the therapist's hours, on the 15-minute grid. */
function preferredStart(rnd: Random, hours: readonly AvailabilityWindow[]): number {
  const weekday = hours.filter((h) => h.weekday <= 5);
  const w = rnd.pick(weekday.length > 0 ? weekday : hours);
  if (!w) return 9 * 60;
  const from = minutesOf(w.startTime);
  const to = minutesOf(w.endTime) - 45;
  return from + 15 * rnd.int(0, Math.max(0, Math.floor((to - from) / 15)));
}
