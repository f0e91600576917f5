/**
 * The clinic's KPIs: what each one means, and the arithmetic from additive counts to the number shown.
 * Pure: the queries return counts per (period, therapist, referral source); everything here adds them up
 * and divides, so the same definitions serve the page, the CSV export, /api/v1/kpis and the tests.
 * compare.ts holds the comparison with the previous period and the formatting.
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
  /**
   * Home-exercise sessions prescribed on the days in the range when an episode was in care, by the HEP's
   * own rule (src/hep/model.ts sessionsPrescribed): the patient-facing 14-day adherence, over the range.
   */
  hepSessionsPrescribed: number;
  /** ... of them logged by the patient (sessionsLogged, capped per day and per episode at what was prescribed). */
  hepSessionsDone: number;
  /** Discharge survey answers given in the range ("how likely are you to recommend us", 0-10). */
  surveyAnswers: number;
  /** ... of them promoters (PROMOTER_MIN_SCORE and up). */
  promoters: number;
  /** ... of them detractors (DETRACTOR_MAX_SCORE and down). */
  detractors: number;
  /** Promoters sent the clinic's review link in the range. */
  reviewsAsked: number;
  /** Review links opened in the range (whenever they were sent). */
  reviewsOpened: number;
}

/**
 * Net Promoter Score bands: 9-10 promoters, 7-8 passives, 0-6 detractors (the standard NPS bands).
 * src/surveys/model.ts sorts answers with the same bands for the survey's own follow-up (review link,
 * recovery task); analytics keeps its own copy so the report does not depend on the survey domain's
 * code. Change both together.
 */
export const PROMOTER_MIN_SCORE = 9;
export const DETRACTOR_MAX_SCORE = 6;

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
  "hepSessionsPrescribed",
  "hepSessionsDone",
  "surveyAnswers",
  "promoters",
  "detractors",
  "reviewsAsked",
  "reviewsOpened",
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
  | "hepAdherence"
  | "nps"
  | "reviewsAsked"
  | "reviewsOpened"
  | "reactivations"
  | "revenuePerEpisode";

/** "score": a Net Promoter Score, -100 to 100. */
export type KpiKind = "rate" | "number" | "days" | "count" | "money" | "score";

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
      "Automated messages (reminders and journey messages) sent in the range that the patient answered within 48 hours, over all sent. " +
      "By therapist and referral source, a message belongs to the episode of the visit it is about, or else to the patient's episode in care " +
      "when it was sent (the latest started, if two were); messages sent outside any episode count for the clinic only.",
  },
  {
    id: "checkInAdherence",
    label: "Check-in adherence",
    kind: "rate",
    better: "higher",
    definition: "Whole weeks in care inside the range with at least one pain check-in, over all whole weeks in care inside the range.",
  },
  {
    id: "hepAdherence",
    label: "HEP adherence",
    kind: "rate",
    better: "higher",
    definition:
      "Home-exercise sessions logged over sessions prescribed, on the days in the range (up to today) when an episode was in care, " +
      "counted as the patient's 14-day adherence is: each exercise's times a day and days a week make the sessions due; " +
      "logs within two hours are one session; a day counts at most the sessions it asks for, and an episode at most what it was prescribed.",
  },
  {
    id: "nps",
    label: "NPS",
    kind: "score",
    better: "higher",
    definition: `Net Promoter Score of the discharge survey answers given in the range: the share of promoters (${PROMOTER_MIN_SCORE}-10) minus the share of detractors (0-${DETRACTOR_MAX_SCORE}), from -100 to 100. By the therapist and referral source of the episode answered about.`,
  },
  {
    id: "reviewsAsked",
    label: "Review requests",
    kind: "count",
    better: "higher",
    definition: "Promoters sent the clinic's review link in the range.",
  },
  {
    id: "reviewsOpened",
    label: "Review links opened",
    kind: "count",
    better: "higher",
    definition: "Review links opened through Rapport in the range, whenever they were sent.",
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
    hepAdherence: ratio(c.hepSessionsDone, c.hepSessionsPrescribed),
    nps: c.surveyAnswers > 0 ? ((c.promoters - c.detractors) / c.surveyAnswers) * 100 : null,
    reviewsAsked: c.reviewsAsked,
    reviewsOpened: c.reviewsOpened,
    reactivations: c.reactivations,
    revenuePerEpisode: visitsPerEpisode !== null && visitRate !== null ? visitsPerEpisode * visitRate : null,
  };
}
