import { addDays, daysBetween } from "../platform/time";
import type { Discharge } from "./episodes";
import type { Random } from "./random";
import type { Habit, PainCourse } from "./traits";
import { type EpisodeState, isBookedAhead } from "./visits";

export type { Habit, PainCourse } from "./traits";

export interface Engagement {
  /** The first attended visit (the evaluation), where the portal and the program were handed out; null when none yet. */
  evaluation: EpisodeState["visits"][number] | null;
  /** Given a home exercise program (most evaluated patients are). */
  hasProgram: boolean;
  habit: Habit;
  /** Share of prescribed sessions done, before any fading. */
  rate: number;
  /** Fading only: from this local date on the patient does less, and nothing `fadeDays` later. */
  fadeFrom: string | null;
  fadeDays: number;
  /** Taps each exercise as done rather than "whole session done". */
  logsEach: boolean;
  pain: PainCourse;
  /** Last local date the patient still answers check-ins. */
  lastActive: string;
}

export interface EngagementInput {
  states: readonly EpisodeState[];
  discharges: readonly (Discharge | null)[];
  /** The clinic's local date at `now`. */
  today: string;
  /** The clinic's local date of an instant. */
  localDate: (at: number) => string;
}

const rates: Record<Habit, readonly [number, number]> = {
  steady: [0.86, 0.98],
  partial: [0.5, 0.7],
  low: [0.2, 0.4],
  fading: [0.65, 0.85],
};

/**
 * Each episode's portal habits, from its patient's traits (traits.ts), so that exercise logs, check-ins
 * and questionnaires tell the same story as the visits: patients who stopped coming (lapsing, dropped
 * out) stopped exercising first.
 */
export function planEngagement(rnd: Random, input: EngagementInput): Engagement[] {
  const { states, discharges } = input;
  const out = states.map((s, i) => engagementOf(rnd, s, discharges[i] ?? null, input));
  // At least one patient in active care reports more pain than at intake (their check-in opened a pain task).
  const candidates = out
    .map((e, i) => ({ e, s: states[i] }))
    .filter(({ e, s }) => s && isBookedAhead(s) && e.evaluation && s.attended >= 3 && e.habit !== "fading");
  if (!candidates.some(({ e }) => e.pain === "worse")) {
    const [pick] = rnd.shuffle(candidates);
    if (pick) pick.e.pain = "worse";
  }
  return out;
}

function engagementOf(rnd: Random, s: EpisodeState, discharge: Discharge | null, input: EngagementInput): Engagement {
  const { today } = input;
  const attended = s.visits.filter((v) => v.status === "attended");
  const evaluation = attended[0] ?? null;
  const lastVisit = attended.at(-1)?.date ?? s.plan.startDate;
  const reason = discharge?.reason ?? null;
  let habit: Habit = s.plan.traits.habit;
  let fadeFrom: string | null = null;
  let fadeDays = rnd.int(10, 16);
  let lastActive = today;
  if (s.plan.outcome === "lapsing") {
    habit = "fading";
    fadeFrom = addDays(lastVisit, -rnd.int(3, 10));
    lastActive = addDays(lastVisit, rnd.int(3, 10));
  } else if (reason === "dropped_out" || (discharge && reason !== "goals_met" && reason !== "plan_completed")) {
    // On the way out: whatever their habit was, they stop a week or two before their last visit.
    if (habit !== "low") habit = "fading";
    fadeFrom = addDays(lastVisit, -rnd.int(7, 14));
    lastActive = addDays(lastVisit, rnd.int(0, 7));
  } else if (isBookedAhead(s)) {
    // Doing less lately, but not from the very start: a new patient starts at their own pace.
    const lately = addDays(today, -rnd.int(14, 20));
    const settled = evaluation ? addDays(evaluation.date, 10) : today;
    fadeFrom = maxDate(lately, settled);
    fadeDays = rnd.int(18, 28);
  } else if (habit === "fading") {
    // Feeling better, doing less towards the end of the plan.
    fadeFrom = addDays(lastVisit, -rnd.int(14, 24));
    fadeDays = rnd.int(18, 28);
  }
  if (discharge) lastActive = minDate(lastActive, input.localDate(discharge.at));
  const [lo, hi] = rates[habit];
  return {
    evaluation,
    hasProgram: evaluation !== null && (s.plan.outcome === "lapsing" || rnd.chance(0.9)),
    habit,
    rate: lo + (hi - lo) * rnd.next(),
    fadeFrom: habit === "fading" ? fadeFrom : null,
    fadeDays,
    logsEach: rnd.chance(0.12),
    pain: s.plan.traits.pain,
    lastActive: minDate(lastActive, today),
  };
}

/** The share of sessions a patient does on `date`: their rate, tapering off to nothing when fading. */
export function rateOn(e: Engagement, date: string): number {
  if (e.fadeFrom === null || date < e.fadeFrom) return e.rate;
  return e.rate * Math.max(0, 1 - daysBetween(e.fadeFrom, date) / e.fadeDays);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a < b ? b : a);
