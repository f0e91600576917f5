import type { Random } from "./random";

/** How a patient keeps up with their home program: most do some of it, a few all of it, some give up. */
export type Habit = "steady" | "partial" | "low" | "fading";
export type PainCourse = "improving" | "flat" | "worse";

/**
 * What kind of patient an episode has, decided before any visit is booked: how often they miss or
 * cancel, whether they keep the plan's rhythm, do their exercises, get better, answer texts, and
 * whether their insurance covers the whole plan. The visits, exercise logs, check-ins and messages
 * are then generated from these, and whether a closed episode ended in a dropout is drawn from them
 * too (see dropoutChance), so the demo clinic's history holds the signals a dropout model can learn.
 */
export interface Traits {
  /** Chance that a visit is a no-show, and that it is cancelled (a little more in the first visits). */
  noShow: number;
  cancel: number;
  /** Chance of letting a usual visit day pass without booking it: gaps longer than the plan's rhythm. */
  skipsDays: number;
  habit: Habit;
  pain: PainCourse;
  /** Chance of answering a text that asks for a reply (a visit reminder, a missed-visit text). */
  replies: number;
  /** Insurance authorized fewer visits than the plan and was not renewed: the visits run out mid-plan. */
  shortAuthorization: boolean;
}

type Reliability = "reliable" | "average" | "unreliable";

const attendance: Record<Reliability, { noShow: number; cancel: number; weight: number; logOdds: number }> = {
  reliable: { noShow: 0.015, cancel: 0.04, weight: 55, logOdds: 0 },
  average: { noShow: 0.035, cancel: 0.08, weight: 33, logOdds: 0.8 },
  unreliable: { noShow: 0.08, cancel: 0.14, weight: 12, logOdds: 1.7 },
};

const habits: readonly (readonly [Habit, number])[] = [
  ["steady", 30],
  ["partial", 42],
  ["low", 14],
  ["fading", 14],
];
const painCourses: readonly (readonly [PainCourse, number])[] = [
  ["improving", 78],
  ["flat", 17],
  ["worse", 5],
];

/**
 * The generating model: log-odds of dropping out for each trait, on top of DROPOUT_BASE. Sizes follow
 * the default model's priors (src/risk/score.ts): missed visits and a lapsing rhythm weigh most, then
 * running out of covered visits, the home program, pain and answering the clinic.
 */
const HABIT_LOG_ODDS: Record<Habit, number> = { steady: -0.7, partial: 0, low: 0.8, fading: 1.2 };
const PAIN_LOG_ODDS: Record<PainCourse, number> = { improving: 0, flat: 0.7, worse: 1.2 };
const IRREGULAR_LOG_ODDS = 1.0;
const SHORT_AUTHORIZATION_LOG_ODDS = 1.5;
const NEW_PATIENT_LOG_ODDS = 0.4;
/** Per unit of reply chance above the typical 0.6. */
const REPLIES_LOG_ODDS = -2;
const DROPOUT_BASE = -2.15;

export interface DrawnTraits extends Traits {
  reliability: Reliability;
}

/** An ordinary patient's traits, each drawn on its own. */
export function drawTraits(rnd: Random, hasAuthorization: boolean): DrawnTraits {
  const reliability = rnd.weighted(Object.entries(attendance).map(([k, v]) => [k as Reliability, v.weight] as const));
  const { noShow, cancel } = attendance[reliability];
  const kind = rnd.next();
  return {
    reliability,
    noShow,
    cancel,
    skipsDays: rnd.chance(0.22) ? 0.2 + 0.2 * rnd.next() : 0,
    habit: rnd.weighted(habits),
    pain: rnd.weighted(painCourses),
    replies: kind < 0.6 ? 0.75 + 0.2 * rnd.next() : kind < 0.85 ? 0.4 + 0.3 * rnd.next() : 0.05 + 0.2 * rnd.next(),
    shortAuthorization: hasAuthorization && rnd.chance(0.12),
  };
}

/** A patient who has stopped coming while their episode is still open: the at-risk list's clearest cases. */
export function lapsingTraits(rnd: Random, hasAuthorization: boolean): DrawnTraits {
  const t = drawTraits(rnd, hasAuthorization);
  const reliability: Reliability = rnd.chance(0.6) ? "unreliable" : "average";
  return {
    ...t,
    reliability,
    noShow: attendance[reliability].noShow,
    cancel: attendance[reliability].cancel,
    habit: "fading",
    pain: rnd.chance(0.6) ? "flat" : t.pain,
    replies: 0.05 + 0.25 * rnd.next(),
  };
}

/** Probability that an episode with these traits ends in a dropout (before discharges for moving or the like). */
export function dropoutChance(t: DrawnTraits, returning: boolean): number {
  const logit =
    DROPOUT_BASE +
    attendance[t.reliability].logOdds +
    (t.skipsDays > 0 ? IRREGULAR_LOG_ODDS : 0) +
    HABIT_LOG_ODDS[t.habit] +
    PAIN_LOG_ODDS[t.pain] +
    REPLIES_LOG_ODDS * (t.replies - 0.6) +
    (t.shortAuthorization ? SHORT_AUTHORIZATION_LOG_ODDS : 0) +
    (returning ? 0 : NEW_PATIENT_LOG_ODDS);
  return 1 / (1 + Math.exp(-logit));
}
