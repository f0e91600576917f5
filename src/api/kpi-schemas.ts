import { z } from "zod";
import { type KpiDefinition, type KpiId, kpiDefinitions } from "../analytics/kpis";

/**
 * GET /api/v1/kpis: the /analytics page's KPIs as JSON. The KPI names, units and definitions come from
 * the analytics domain's definitions, so the contract cannot describe a KPI the page computes otherwise.
 */

export const kpiGroupings = ["overall", "therapist", "referral_source"] as const;
export type KpiGrouping = (typeof kpiGroupings)[number];

/** The JSON name of each KPI (snake_case, as everywhere in /api/v1). */
export const kpiJsonNames = {
  arrivalRate: "arrival_rate",
  cancellationRate: "cancellation_rate",
  noShowRate: "no_show_rate",
  completionRate: "completion_rate",
  dropoutRate: "dropout_rate",
  visitsPerEpisode: "visits_per_episode",
  daysToFirstVisit: "days_to_first_visit",
  referralConversion: "referral_conversion",
  messageResponseRate: "message_response_rate",
  checkInAdherence: "check_in_adherence",
  hepAdherence: "hep_adherence",
  nps: "nps",
  reviewsAsked: "reviews_asked",
  reviewsOpened: "reviews_opened",
  reactivations: "reactivations",
  revenuePerEpisode: "revenue_per_episode",
} as const satisfies Record<KpiId, string>;
export type KpiJsonName = (typeof kpiJsonNames)[KpiId];

const unitOf: Record<KpiDefinition["kind"], string> = {
  rate: "A fraction from 0 to 1 (0.25 is 25%); change is in the same unit.",
  number: "A plain number.",
  days: "Days.",
  count: "A count.",
  money: "In the clinic's currency; null while the clinic has not set its visit rate.",
  score: "From -100 to 100 (percentage points); null when there are no answers; change is in points.",
};

const calendarDate = z.iso.date().describe("Calendar date (YYYY-MM-DD) in the clinic's time zone");

const kpiValueSchema = (def: KpiDefinition) =>
  z
    .object({
      value: z.number().nullable().describe("This period; null when there is nothing to compute it from"),
      previous: z.number().nullable().describe("The period of the same length just before"),
      change: z.number().nullable().describe("value - previous; null when either is null"),
      verdict: z
        .enum(["better", "worse", "same", "unknown"])
        .describe(`Whether the change is good for the clinic (${def.better} is better); unknown when change is null`),
    })
    .describe(`${def.label}. ${def.definition} ${unitOf[def.kind]}`);

const kpisShape = Object.fromEntries(kpiDefinitions.map((def) => [kpiJsonNames[def.id], kpiValueSchema(def)])) as Record<
  KpiJsonName,
  ReturnType<typeof kpiValueSchema>
>;

export const kpiGroupSchema = z.object({
  key: z
    .string()
    .nullable()
    .describe(
      "'overall'; or the therapist's staff id / the referral source's id; null for the group of visits with no therapist or episodes with no referral source",
    ),
  label: z.string().describe("The name the analytics page shows for the group"),
  volume: z
    .object({
      visits_due: z.number().int().describe("Visits due in the range: attended, no-show or cancelled"),
      episodes_discharged: z.number().int(),
      episodes_started: z.number().int(),
      survey_answers: z.number().int().describe("Discharge survey answers given in the range: what the NPS rests on"),
    })
    .describe("How much this period's rates rest on"),
  kpis: z.object(kpisShape),
});

export const kpiReportSchema = z
  .object({
    from: calendarDate,
    to: calendarDate.describe("Last day of the range, inclusive"),
    previous: z.object({ from: calendarDate, to: calendarDate }).describe("The period of the same length that ends the day before from"),
    group: z.enum(kpiGroupings),
    visit_rate: z.number().nullable().describe("The clinic's charge per visit, used for revenue; null when not set"),
    groups: z
      .array(kpiGroupSchema)
      .describe(
        "One group for overall. By therapist or referral source, the groups with activity in either period, by name; " +
          "messages sent outside any episode count in the overall group only",
      ),
    retention: z
      .array(
        z.object({
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .describe("Calendar month (YYYY-MM) of the episodes' start date; the last is cut at the range's last day"),
          episodes_started: z.number().int(),
          completed: z.number().int().describe("Discharged with goals met or the plan of care completed"),
          in_care: z.number().int().describe("Still open now"),
          dropped_out: z.number().int().describe("Discharged as dropped out"),
          other_discharge: z.number().int().describe("Discharged for another reason (moved, other)"),
        }),
      )
      .describe("Retention by start month: the 12 calendar months up to the range's last day, oldest first, whatever the group"),
  })
  .describe("The clinic's KPIs for a date range against the previous period, as on the analytics page");

export const kpisQuerySchema = z.strictObject({
  from: z.iso.date().optional().describe("First day (YYYY-MM-DD, clinic time zone); default 27 days before to"),
  to: z.iso.date().optional().describe("Last day, inclusive; default today, or from + 27 days when only from is given"),
  group: z.enum(kpiGroupings).default("overall").describe("overall, therapist or referral_source"),
});

export type ApiKpiReport = z.infer<typeof kpiReportSchema>;
export type ApiKpiGroup = z.infer<typeof kpiGroupSchema>;
