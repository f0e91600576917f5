import { MINUTE } from "../platform/clock";
import { addDays, daysBetween } from "../platform/time";
import type { AvailabilityWindow } from "../scheduling/model";
import { cadences, preferredStart } from "./cadence";
import { type Condition, conditions } from "./catalog";
import type { Random } from "./random";
import { type DrawnTraits, drawTraits, dropoutChance, lapsingTraits } from "./traits";

/**
 * How an episode ends up: still open (three ways) or discharged (six: "never_seen" is a referral that
 * never came in for an evaluation, closed by staff as "other").
 */
export type Outcome = "active" | "fresh" | "lapsing" | "goals_met" | "plan_completed" | "dropped_out" | "moved" | "other" | "never_seen";

/** How far back the demo clinic's history goes: fifteen months of closed episodes. */
export const HISTORY_DAYS = 450;

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
  /** What kind of patient this is (see traits.ts): drives the visits, the portal, the messages and the outcome. */
  traits: DrawnTraits;
  /** Whether insurance authorized this episode's visits (about 60% do). */
  hasAuthorization: boolean;
  /** Visits the authorization covers (null without one): the plan's, or fewer when the traits say it runs short. */
  authorizedVisits: number | null;
  /** The patient had an earlier episode here, discharged before this one began. */
  returning: boolean;
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

/** Closed episodes that end for a reason of life rather than care (a move, a new job, surgery elsewhere). */
const LIFE_REASONS: readonly (readonly [Outcome, number])[] = [
  ["moved", 4],
  ["other", 3],
];
/** Share of referrals that never came in; and of episodes ended for a reason of life. */
const NEVER_SEEN_SHARE = 0.05;
const LIFE_SHARE = 0.03;

/**
 * How a closed episode ends: a referral that never came in, a reason of life, or, for the rest, a
 * dropout drawn from the patient's traits (traits.ts), else goals met or the plan completed.
 */
function closedOutcome(rnd: Random, traits: DrawnTraits, returning: boolean): Outcome {
  const r = rnd.next();
  if (r < NEVER_SEEN_SHARE) return "never_seen";
  if (r < NEVER_SEEN_SHARE + LIFE_SHARE) return rnd.weighted(LIFE_REASONS);
  if (rnd.chance(dropoutChance(traits, returning))) return "dropped_out";
  return rnd.chance(0.55) ? "goals_met" : "plan_completed";
}

/**
 * Who has which episodes, and when: quotas fix how many are open (so the schedule and the
 * worklist look the same every day), dates spread the discharged ones over the last HISTORY_DAYS.
 */
export function planEpisodes(rnd: Random, input: PlanInput): EpisodePlan[] {
  const order = rnd.shuffle(Array.from({ length: input.patients }, (_, i) => i));
  const { withoutEpisode, twoEpisodes, active, fresh, lapsing } = input.quotas;
  const treated = order.slice(withoutEpisode);
  const twice = new Set(treated.slice(0, twoEpisodes));
  // The latest episode of each treated patient: the first ones in this order are still open.
  const latest = rnd.shuffle(treated);
  const openOutcome = new Map<number, Outcome>();
  latest.forEach((patientIndex, i) => {
    if (i < active) openOutcome.set(patientIndex, "active");
    else if (i < active + fresh) openOutcome.set(patientIndex, "fresh");
    else if (i < active + fresh + lapsing) openOutcome.set(patientIndex, "lapsing");
  });
  let n = 0;
  const nextId = () => `${input.clinicId}-e${(n++).toString(36).padStart(6, "0")}`;
  const pickTherapist = () => rnd.weighted(input.therapists.map((t, i) => [i, t.weight] as const));
  const plans: EpisodePlan[] = [];
  for (const patientIndex of [...treated].sort((a, b) => a - b)) {
    const returning = twice.has(patientIndex);
    const current = plan(rnd, input, {
      patientIndex,
      therapistIndex: pickTherapist(),
      open: openOutcome.get(patientIndex) ?? null,
      returning,
    });
    if (returning) {
      // The earlier problem, treated and discharged well before the current one began.
      const earlier = plan(rnd, input, {
        patientIndex,
        therapistIndex: pickTherapist(),
        open: null,
        returning: false,
        beforeDate: current.startDate,
      });
      earlier.id = nextId();
      plans.push(earlier);
    }
    current.id = nextId();
    plans.push(current);
  }
  return plans;
}

interface PlanSpec {
  patientIndex: number;
  therapistIndex: number;
  /** How an open episode stands today; null for a closed one (its ending is drawn from its traits). */
  open: Outcome | null;
  returning: boolean;
  /** For a returning patient's earlier episode: the later one's start (this one ends well before). */
  beforeDate?: string;
}

/** Days from the referral (the episode's start date) to the evaluation: usually three to seven. */
const referralLags: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 3],
  [3, 5],
  [4, 5],
  [5, 4],
  [6, 3],
  [7, 2],
  [9, 1],
  [12, 1],
];

function plan(rnd: Random, input: PlanInput, spec: PlanSpec): EpisodePlan {
  const { today } = input;
  const condition = rnd.weighted(conditions);
  const frequencyPerWeek = rnd.chance(0.6) ? 2 : 3;
  const durationWeeks = rnd.int(condition.weeks[0], condition.weeks[1]);
  const visitsPrescribed = Math.max(8, Math.min(24, frequencyPerWeek * durationWeeks - (rnd.chance(0.3) ? 1 : 0)));
  const therapist = input.therapists[spec.therapistIndex] ?? { hours: [], weight: 1 };
  const hasAuthorization = rnd.chance(0.6);
  const traits = spec.open === "lapsing" ? lapsingTraits(rnd, hasAuthorization) : drawTraits(rnd, hasAuthorization);
  const outcome = spec.open ?? closedOutcome(rnd, traits, spec.returning);
  let startDate: string;
  let firstVisitDate: string;
  let deadline: string;
  let target = visitsPrescribed;
  const lag = rnd.weighted(referralLags);
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
    target = targetFor(rnd, outcome, visitsPrescribed);
    // The episode's end is spread evenly over the history, and its start set back by the time the patient
    // needs for their visits (with the usual slippage), plus, for those who stop coming, the weeks before
    // staff discharge them: so every stretch of the history holds completed plans as well as dropouts.
    const completes = outcome === "goals_met" || outcome === "plan_completed";
    const duration = Math.ceil((target / frequencyPerWeek) * 7 * 1.2) + lag + (completes ? 0 : 17);
    const lastEnd = HISTORY_DAYS - duration;
    let endAgo: number;
    if (spec.beforeDate) {
      // Well before the later episode, which began after this one was discharged.
      const before = -daysBetween(today, spec.beforeDate) + 7;
      endAgo = rnd.int(Math.min(before, lastEnd), Math.max(Math.min(before, lastEnd), Math.min(before + 150, lastEnd)));
      deadline = addDays(spec.beforeDate, -7);
    } else {
      // A returning patient's later episode leaves room before it for the earlier one.
      endAgo = rnd.int(3, Math.max(3, lastEnd - (spec.returning ? 150 : 0)));
      deadline = addDays(today, -2);
    }
    startDate = addDays(today, -(endAgo + duration));
    firstVisitDate = addDays(startDate, lag);
  }
  const authorizedVisits = !hasAuthorization
    ? null
    : traits.shortAuthorization
      ? Math.max(4, visitsPrescribed - rnd.int(3, 6))
      : visitsPrescribed;
  // A dropout whose covered visits run out mostly stops when they do.
  if (outcome === "dropped_out" && authorizedVisits !== null && authorizedVisits < visitsPrescribed && rnd.chance(0.7)) {
    target = authorizedVisits;
  }
  // The referral came in and the episode was opened a day or three before it starts, in office hours.
  const intake = Math.min(
    input.instant(addDays(startDate, -rnd.int(1, 3)), rnd.int(8 * 60 + 30, 17 * 60)),
    input.now - rnd.int(30, 240) * MINUTE,
  );
  return {
    id: "",
    patientIndex: spec.patientIndex,
    therapistIndex: spec.therapistIndex,
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
    traits,
    hasAuthorization,
    authorizedVisits,
    returning: spec.returning,
  };
}

function targetFor(rnd: Random, outcome: Outcome, prescribed: number): number {
  switch (outcome) {
    case "plan_completed":
      // Now and then a plan runs a visit or two over before anyone updates it.
      return prescribed + (rnd.chance(0.06) ? rnd.int(1, 2) : 0);
    case "goals_met":
      // Plans are written generously: many reach their goals with a third or more of the visits to spare.
      return Math.max(5, Math.round(prescribed * (0.5 + 0.45 * rnd.next())));
    case "dropped_out":
      // Many who drop out stop within the first few visits; the rest later, before feeling the benefit.
      return rnd.chance(0.35) ? rnd.int(1, 3) : rnd.int(4, Math.max(4, Math.ceil(prescribed * 0.7)));
    case "never_seen":
      return 0;
    case "moved":
      return rnd.int(3, 8);
    default:
      return rnd.int(2, 6);
  }
}
