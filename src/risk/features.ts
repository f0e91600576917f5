import { z } from "zod";

/**
 * What the dropout-risk model knows about one open episode of care at the scoring time.
 *
 * Every count and rate uses only what happened before the scoring time (a visit booked for later
 * is "next visit booked", never "attended"), so a later event can never change a score already
 * given. The D1 queries that fill this in live beside the scoring jobs; this file is the contract.
 *
 * Missing values: `null` means "not known for this patient" (no home program, fewer than two pain
 * check-ins, no follow-up questionnaire, no message that asked for a reply, no authorization). The
 * model then uses its stored mean for that input, so a gap adds neither risk nor reassurance, and
 * where the gap itself may say something about engagement (home program, messages) it also sets a
 * "not tracked" input whose default weight is 0 and which a clinic's own model may learn.
 */

/** "Recent" counts look at the episode's last this-many visits whose time has passed. */
export const RECENT_VISITS = 3;

export const riskFeaturesSchema = z.object({
  /** Visits attended in this episode before the scoring time (the evaluation counts). */
  visitsAttended: z.number().int().min(0),
  /** Visits in the plan of care. */
  visitsPrescribed: z.number().int().min(0),
  /** The number the patient's next visit has in this episode: visits attended + 1. */
  visitNumber: z.number().int().min(1),
  /** Visits a week the plan of care asks for; the cadence it implies is one visit every 7 / this many days. */
  plannedVisitsPerWeek: z.number().positive(),
  /** How many of the last RECENT_VISITS past visits exist (fewer early in care), whatever their status. */
  recentVisits: z.number().int().min(0).max(RECENT_VISITS),
  /** Of those recent visits, how many the patient cancelled. */
  recentCancellations: z.number().int().min(0).max(RECENT_VISITS),
  /** Of those recent visits, how many were no-shows. */
  recentNoShows: z.number().int().min(0).max(RECENT_VISITS),
  cancellationsTotal: z.number().int().min(0),
  noShowsTotal: z.number().int().min(0),
  /** Days since the last attended visit; when none was attended yet, days since the episode started. */
  daysSinceLastVisit: z.number().min(0),
  /** 1 when a visit is booked after the scoring time. */
  nextVisitBooked: z.union([z.literal(0), z.literal(1)]),
  /** Share of prescribed home-exercise sessions done in the last 14 days, 0-1; null: no home program. */
  hepAdherence14d: z.number().min(0).max(1).nullable(),
  /** Slope of the recent pain check-ins (0-10 scale), points per week, positive = worse; null: fewer than two. */
  painTrendPerWeek: z.number().nullable(),
  /**
   * Change in the episode's outcome measure since intake as a share of the measure's full range,
   * positive = better (0.2: a fifth of the scale better); null: no follow-up yet.
   */
  outcomeChange: z.number().min(-1).max(1).nullable(),
  /** Share of messages that asked for a reply and got one, 0-1; null: none asked. */
  messageResponseRate: z.number().min(0).max(1).nullable(),
  /** Median hours from such a message to the patient's reply; null: no reply yet. */
  medianReplyDelayHours: z.number().min(0).nullable(),
  /** Visits left on the episode's current authorization; null: no authorization tracked. */
  authorizationVisitsLeft: z.number().int().min(0).nullable(),
  /** 1 when the patient had an earlier episode of care at this clinic. */
  returningPatient: z.union([z.literal(0), z.literal(1)]),
});

export type RiskFeatures = z.infer<typeof riskFeaturesSchema>;

/** Days between visits the plan implies: twice a week is one visit every 3.5 days. */
export function plannedIntervalDays(plannedVisitsPerWeek: number): number {
  return 7 / Math.max(plannedVisitsPerWeek, 1 / 4);
}

/** Days since the last visit against the plan's cadence: 1 is on schedule, 4 is three visits overdue. */
export function cadenceRatio(f: Pick<RiskFeatures, "daysSinceLastVisit" | "plannedVisitsPerWeek">): number {
  return f.daysSinceLastVisit / plannedIntervalDays(f.plannedVisitsPerWeek);
}

/** Visits that were due so far: attended, cancelled or no-show. */
export function visitsBooked(f: Pick<RiskFeatures, "visitsAttended" | "cancellationsTotal" | "noShowsTotal">): number {
  return f.visitsAttended + f.cancellationsTotal + f.noShowsTotal;
}
