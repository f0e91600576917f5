/**
 * The clinic's KPIs: what each one means, and the arithmetic from additive counts to the number shown.
 * Pure: the queries return counts per (period, therapist, referral source); everything here adds them up
 * and divides, so the same definitions serve the page, the CSV export and the tests.
 */

/** Additive counts for one group in one period. Every KPI is a ratio or a sum of these. */
export interface KpiCounts {
  /** Visits due in the range (scheduled to start in it) that the patient came to (attended or arrived). */
  attended: number;
  /** Visits due in the range marked no-show. */
  noShow: number;
  /** Visits due in the range that were cancelled (by anyone, at any time before the visit). */
  cancelled: number;
  /** Episodes discharged in the range. */
  discharged: number;
  /** ... of them discharged because the goals were met or the plan of care was completed. */
  completed: number;
  /** ... of them discharged as dropped out. */
  droppedOut: number;
  /** Attended visits of the episodes discharged in the range, over their whole episode. */
  dischargedVisits: number;
  /** Episodes of care that started (start date) in the range: the referrals that became episodes. */
  started: number;
  /** ... of them that have had an attended visit (their evaluation), up to now. */
  seen: number;
  /** ... of them discharged with goals met or the plan of care completed, up to now. */
  startedCompleted: number;
  /** Episodes started in the range that came from a referral source. */
  referred: number;
  /** ... of them that have had an attended visit. */
  referredSeen: number;
  /** Sum, over started episodes that had a first attended visit, of the days from start date to that visit. */
  daysToFirstVisit: number;
  /** Episodes started in the range by a patient with an earlier discharged episode. */
  reactivations: number;
  /** Whole weeks in care inside the range, over all episodes open during it. */
  checkInWeeks: number;
  /** ... of those weeks with at least one pain check-in. */
  checkInWeeksDone: number;
  /** Automated outbound messages (reminders and journey messages) sent in the range. */
  messagesSent: number;
  /** ... of them followed by a message from the patient within 48 hours. */
  messagesAnswered: number;
}

export const countKeys = [
  "attended",
  "noShow",
  "cancelled",
  "discharged",
  "completed",
  "droppedOut",
  "dischargedVisits",
  "started",
  "seen",
  "startedCompleted",
  "referred",
  "referredSeen",
  "daysToFirstVisit",
  "reactivations",
  "checkInWeeks",
  "checkInWeeksDone",
  "messagesSent",
  "messagesAnswered",
] as const satisfies readonly (keyof KpiCounts)[];

export function emptyCounts(): KpiCounts {
  return Object.fromEntries(countKeys.map((k) => [k, 0])) as unknown as KpiCounts;
}

/** Adds a partial row of counts into `into` (queries return only the columns they know). */
export function addCounts(into: KpiCounts, row: Partial<KpiCounts>): KpiCounts {
  for (const key of countKeys) into[key] += Number(row[key] ?? 0);
  return into;
}

export type KpiId =
  | "arrivalRate"
  | "cancellationRate"
  | "noShowRate"
  | "completionRate"
  | "dropoutRate"
  | "visitsPerEpisode"
  | "daysToFirstVisit"
  | "referralConversion"
  | "messageResponseRate"
  | "checkInAdherence"
  | "reactivations"
  | "revenuePerEpisode";

export type KpiKind = "rate" | "number" | "days" | "count" | "money";

export interface KpiDefinition {
  id: KpiId;
  label: string;
  kind: KpiKind;
  /** Which way is good, for the comparison with the previous period. */
  better: "higher" | "lower";
  /** Shown on the page under the tables, in the clinic's words. */
  definition: string;
}

export const kpiDefinitions: readonly KpiDefinition[] = [
  {
    id: "arrivalRate",
    label: "Arrival rate",
    kind: "rate",
    better: "higher",
    definition:
      "Visits scheduled to start in the range that the patient came to, over those attended, no-show or cancelled (visits still booked are left out).",
  },
  {
    id: "cancellationRate",
    label: "Cancellation rate",
    kind: "rate",
    better: "lower",
    definition: "Cancelled visits over the same visits as the arrival rate.",
  },
  {
    id: "noShowRate",
    label: "No-show rate",
    kind: "rate",
    better: "lower",
    definition: "No-show visits over the same visits as the arrival rate.",
  },
  {
    id: "completionRate",
    label: "Plan-of-care completion",
    kind: "rate",
    better: "higher",
    definition: "Episodes discharged in the range with goals met or the plan of care completed, over all episodes discharged in the range.",
  },
  {
    id: "dropoutRate",
    label: "Dropout rate",
    kind: "rate",
    better: "lower",
    definition: "Episodes discharged in the range as dropped out, over all episodes discharged in the range.",
  },
  {
    id: "visitsPerEpisode",
    label: "Visits per episode",
    kind: "number",
    better: "higher",
    definition: "Attended visits of the episodes discharged in the range, over those episodes.",
  },
  {
    id: "daysToFirstVisit",
    label: "Days from referral to first visit",
    kind: "days",
    better: "lower",
    definition:
      "For episodes starting in the range that have had a visit: days from the episode's start date to its first attended visit, averaged.",
  },
  {
    id: "referralConversion",
    label: "Referral conversion",
    kind: "rate",
    better: "higher",
    definition: "Episodes starting in the range with a referral source that have had an attended visit, over all such episodes.",
  },
  {
    id: "messageResponseRate",
    label: "Message response rate",
    kind: "rate",
    better: "higher",
    definition:
      "Automated messages (reminders and journey messages) sent in the range that the patient answered within 48 hours, over all sent. Clinic-wide only.",
  },
  {
    id: "checkInAdherence",
    label: "Check-in adherence",
    kind: "rate",
    better: "higher",
    definition: "Whole weeks in care inside the range with at least one pain check-in, over all whole weeks in care inside the range.",
  },
  {
    id: "reactivations",
    label: "Reactivations",
    kind: "count",
    better: "higher",
    definition: "Episodes starting in the range for a patient who had an earlier episode discharged.",
  },
  {
    id: "revenuePerEpisode",
    label: "Revenue per episode",
    kind: "money",
    better: "higher",
    definition: "Visits per episode times the clinic's visit rate.",
  },
];

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Every KPI of one group; null when there is nothing to divide by (shown as a dash). */
export function computeKpis(c: KpiCounts, visitRate: number | null): Record<KpiId, number | null> {
  const due = c.attended + c.noShow + c.cancelled;
  const visitsPerEpisode = ratio(c.dischargedVisits, c.discharged);
  return {
    arrivalRate: ratio(c.attended, due),
    cancellationRate: ratio(c.cancelled, due),
    noShowRate: ratio(c.noShow, due),
    completionRate: ratio(c.completed, c.discharged),
    dropoutRate: ratio(c.droppedOut, c.discharged),
    visitsPerEpisode,
    daysToFirstVisit: ratio(c.daysToFirstVisit, c.seen),
    referralConversion: ratio(c.referredSeen, c.referred),
    messageResponseRate: ratio(c.messagesAnswered, c.messagesSent),
    checkInAdherence: ratio(c.checkInWeeksDone, c.checkInWeeks),
    reactivations: c.reactivations,
    revenuePerEpisode: visitsPerEpisode !== null && visitRate !== null ? visitsPerEpisode * visitRate : null,
  };
}

export interface KpiComparison {
  current: number | null;
  previous: number | null;
  /** current - previous, or null when either is missing. */
  change: number | null;
  /** Whether the change is good, bad or neither, by the KPI's `better` direction. */
  verdict: "better" | "worse" | "same" | "unknown";
}

export function compare(def: KpiDefinition, current: number | null, previous: number | null): KpiComparison {
  if (current === null || previous === null) return { current, previous, change: null, verdict: "unknown" };
  const change = current - previous;
  // Rounding noise (0.1 + 0.2) must not read as a trend.
  if (Math.abs(change) < 1e-9) return { current, previous, change: 0, verdict: "same" };
  const up = change > 0;
  return { current, previous, change, verdict: up === (def.better === "higher") ? "better" : "worse" };
}

/** The number as the page and CSV show it: rates in percent, one decimal. */
export function formatKpi(kind: KpiKind, value: number | null): string {
  if (value === null) return "—";
  if (kind === "rate") return `${(value * 100).toFixed(1)}%`;
  if (kind === "count") return String(Math.round(value));
  if (kind === "money") return value.toFixed(2);
  return value.toFixed(1);
}

/** The change as shown beside it: percentage points for rates. */
export function formatChange(kind: KpiKind, change: number | null): string {
  if (change === null) return "—";
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  const size = Math.abs(change);
  if (kind === "rate") return `${sign}${(size * 100).toFixed(1)} pts`;
  if (kind === "count") return `${sign}${Math.round(size)}`;
  if (kind === "money") return `${sign}${size.toFixed(2)}`;
  return `${sign}${size.toFixed(1)}`;
}
