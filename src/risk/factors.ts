import { cadenceRatio, plannedIntervalDays, type RiskFeatures, visitsBooked } from "./features";

/**
 * The model's inputs: each turns the features into one number (NaN when the feature is missing,
 * which the model reads as its stored mean) and says in the clinic's words why it raises this
 * patient's risk. The words are only shown when the factor does raise it (a contribution above the
 * average patient's), so each phrase describes the risky side.
 */

export const RISK_FACTORS = [
  "early_care",
  "plan_progress",
  "recent_no_shows",
  "recent_cancellations",
  "no_show_rate",
  "cancellation_rate",
  "visit_gap",
  "no_next_visit",
  "hep_adherence",
  "hep_not_tracked",
  "pain_trend",
  "outcome_change",
  "message_response",
  "messages_not_tracked",
  "reply_delay",
  "authorization_running_out",
  "new_patient",
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/**
 * Factors that say the same thing to staff share a topic: a patient who missed 2 of the last 3
 * visits gets that one reason, not a second one about their no-show rate. A reason's weight is its
 * topic's summed contribution; its words are the largest member's.
 */
export type ReasonTopic =
  | "stage"
  | "no_shows"
  | "cancellations"
  | "gap"
  | "next_visit"
  | "hep"
  | "pain"
  | "outcome"
  | "messages"
  | "authorization"
  | "new_patient";

interface FactorDefinition {
  topic: ReasonTopic;
  input(f: RiskFeatures): number;
  words(f: RiskFeatures): string;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const orMissing = (x: number | null) => (x === null ? Number.NaN : x);
const percent = (x: number) => `${Math.round(x * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The plan's cadence as a therapist says it: "every 3–4 days", "every week", "5 visits a week". */
export function cadenceWords(plannedVisitsPerWeek: number): string {
  if (plannedVisitsPerWeek >= 4) return `${plannedVisitsPerWeek} visits a week`;
  const days = plannedIntervalDays(plannedVisitsPerWeek);
  if (days === 7) return "every week";
  if (days > 7) return `every ${Math.round(days / 7)} weeks`;
  if (Number.isInteger(days)) return `every ${days} days`;
  return `every ${Math.floor(days)}–${Math.ceil(days)} days`;
}

/** "missed 2 of the last 3 visits", or "missed the last visit" when there was only one. */
function ofLastVisits(verb: string, count: number, recent: number): string {
  if (count === recent) return count === 1 ? `${verb} the last visit` : `${verb} all of the last ${recent} visits`;
  return `${verb} ${count} of the last ${recent} visits`;
}

function hoursWords(hours: number): string {
  if (hours >= 48) return plural(Math.round(hours / 24), "day");
  return plural(Math.max(1, Math.round(hours)), "hour");
}

export const FACTORS: Record<RiskFactor, FactorDefinition> = {
  early_care: {
    topic: "stage",
    input: (f) => (f.visitNumber <= 3 ? 1 : 0),
    words: (f) => `early in care: next is visit ${f.visitNumber} of ${f.visitsPrescribed}`,
  },
  plan_progress: {
    topic: "stage",
    // Capped: a plan exceeded by half is as reassuring as it gets.
    input: (f) => (f.visitsPrescribed > 0 ? Math.min(f.visitsAttended / f.visitsPrescribed, 1.5) : Number.NaN),
    words: (f) => `${f.visitsAttended} of ${f.visitsPrescribed} planned visits done`,
  },
  recent_no_shows: {
    topic: "no_shows",
    input: (f) => f.recentNoShows,
    words: (f) => ofLastVisits("missed", f.recentNoShows, f.recentVisits),
  },
  recent_cancellations: {
    topic: "cancellations",
    input: (f) => f.recentCancellations,
    words: (f) => ofLastVisits("cancelled", f.recentCancellations, f.recentVisits),
  },
  no_show_rate: {
    topic: "no_shows",
    input: (f) => (visitsBooked(f) > 0 ? f.noShowsTotal / visitsBooked(f) : Number.NaN),
    words: (f) => `no-show at ${f.noShowsTotal} of ${plural(visitsBooked(f), "visit")} so far`,
  },
  cancellation_rate: {
    topic: "cancellations",
    input: (f) => (visitsBooked(f) > 0 ? f.cancellationsTotal / visitsBooked(f) : Number.NaN),
    words: (f) => `cancelled ${f.cancellationsTotal} of ${plural(visitsBooked(f), "visit")} so far`,
  },
  visit_gap: {
    topic: "gap",
    // Capped at eight intervals: past that the patient is simply gone, and one outlier must not dominate a fit.
    input: (f) => Math.min(cadenceRatio(f), 8),
    words: (f) => {
      const days = plural(Math.round(f.daysSinceLastVisit), "day");
      return f.visitsAttended > 0
        ? `${days} since the last visit (plan: ${cadenceWords(f.plannedVisitsPerWeek)})`
        : `${days} since the episode started, no visit attended yet`;
    },
  },
  no_next_visit: {
    topic: "next_visit",
    input: (f) => 1 - f.nextVisitBooked,
    words: () => "no next visit booked",
  },
  hep_adherence: {
    topic: "hep",
    input: (f) => orMissing(f.hepAdherence14d),
    words: (f) => `did ${percent(f.hepAdherence14d ?? 0)} of home exercises in the last 14 days`,
  },
  hep_not_tracked: {
    topic: "hep",
    input: (f) => (f.hepAdherence14d === null ? 1 : 0),
    words: () => "no home exercise program tracked",
  },
  pain_trend: {
    topic: "pain",
    input: (f) => (f.painTrendPerWeek === null ? Number.NaN : clamp(f.painTrendPerWeek, -3, 3)),
    words: (f) => {
      const slope = f.painTrendPerWeek ?? 0;
      return slope >= 0.05 ? `pain up ${slope.toFixed(1)} points a week in recent check-ins` : "pain not improving in recent check-ins";
    },
  },
  outcome_change: {
    topic: "outcome",
    input: (f) => orMissing(f.outcomeChange),
    words: (f) => {
      const change = f.outcomeChange ?? 0;
      if (change <= -0.005) return `outcome score ${percent(-change)} worse than at intake`;
      if (change < 0.005) return "no improvement in the outcome score since intake";
      return `outcome score only ${percent(change)} better than at intake`;
    },
  },
  message_response: {
    topic: "messages",
    input: (f) => orMissing(f.messageResponseRate),
    words: (f) => `replied to ${percent(f.messageResponseRate ?? 0)} of messages`,
  },
  messages_not_tracked: {
    topic: "messages",
    input: (f) => (f.messageResponseRate === null ? 1 : 0),
    words: () => "no message has asked for a reply yet",
  },
  reply_delay: {
    topic: "messages",
    // Log hours: the step from 1 hour to a day matters far more than from 3 days to 4.
    input: (f) => (f.medianReplyDelayHours === null ? Number.NaN : Math.log1p(Math.min(f.medianReplyDelayHours, 336))),
    words: (f) => `takes about ${hoursWords(f.medianReplyDelayHours ?? 0)} to reply to messages`,
  },
  authorization_running_out: {
    topic: "authorization",
    // No authorization tracked is no limit (0), not unknown; the risk climbs over the last three visits.
    input: (f) => (f.authorizationVisitsLeft === null ? 0 : clamp((3 - f.authorizationVisitsLeft) / 3, 0, 1)),
    words: (f) =>
      f.authorizationVisitsLeft === 0 ? "no authorized visits left" : `${plural(f.authorizationVisitsLeft ?? 0, "authorized visit")} left`,
  },
  new_patient: {
    topic: "new_patient",
    input: (f) => 1 - f.returningPatient,
    words: () => "new to the clinic",
  },
};

/** The inputs as a plain array: a keyed lookup per factor per patient costs more than the inputs themselves. */
const INPUTS = RISK_FACTORS.map((f) => FACTORS[f].input);

/** Every input for one episode, in RISK_FACTORS order (NaN: missing), written into `out` when given. */
export function factorInputs(f: RiskFeatures, out: Float64Array = new Float64Array(RISK_FACTORS.length)): Float64Array {
  for (let j = 0; j < INPUTS.length; j++) out[j] = (INPUTS[j] as (f: RiskFeatures) => number)(f);
  return out;
}
