// FHIR CarePlan -> the plan of care of the patient's open episode (visits, frequency, duration). Pure.
import { z } from "zod";
import type { BodyRegion } from "../../episodes/tables";
import {
  clip,
  conceptShape,
  dateOf,
  invalid,
  type Mapped,
  mapped,
  periodShape,
  quantityShape,
  readShape,
  referenceOf,
  referenceShape,
  skipped,
} from "./common";
import { bodyRegionOf, diagnosisOf, icd10Of, type PlanNumbers, planNumbersOf } from "./episode-facts";

const repeatShape = z.object({
  frequency: z.number().optional(),
  period: z.number().optional(),
  periodUnit: z.string().optional(),
  count: z.number().optional(),
  boundsDuration: quantityShape.optional(),
  boundsPeriod: periodShape.optional(),
});

const carePlanShape = z.object({
  resourceType: z.literal("CarePlan"),
  status: z.string({ message: "status is required" }),
  title: z.string().optional(),
  description: z.string().optional(),
  category: z.array(conceptShape).optional(),
  subject: referenceShape.optional(),
  period: periodShape.optional(),
  addresses: z.array(referenceShape).optional(),
  activity: z
    .array(
      z.object({
        detail: z
          .object({
            code: conceptShape.optional(),
            scheduledTiming: z.object({ repeat: repeatShape.optional() }).optional(),
            quantity: quantityShape.optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

export interface PlanOfCareFacts {
  subject: string;
  /** active: the open episode follows this plan; completed / revoked: the episode it opened is discharged. */
  state: "active" | "completed" | "revoked";
  startDate: string | null;
  endDate: string | null;
  bodyRegion: BodyRegion;
  diagnosis: string;
  icd10Code: string | null;
  plan: PlanNumbers;
  goals: string;
}

const STATES: Record<string, PlanOfCareFacts["state"] | null> = {
  active: "active",
  "on-hold": "active",
  completed: "completed",
  revoked: "revoked",
  draft: null,
  "entered-in-error": null,
  unknown: null,
};

export function mapCarePlan(resource: unknown): Mapped<PlanOfCareFacts> {
  const read = readShape(carePlanShape, resource);
  if (!read.ok) return invalid(read.reason);
  const c = read.data;
  if (!(c.status in STATES)) return invalid(`status "${c.status.slice(0, 20)}" is not a CarePlan status`);
  const state = STATES[c.status];
  if (!state) return skipped(`${c.status} plan of care: not in effect`);
  const subject = referenceOf(c.subject);
  if (!subject) return invalid("subject (the patient) is required");
  const details = (c.activity ?? []).map((a) => a.detail).filter((d) => d !== undefined);
  const timed = details.find((d) => d.scheduledTiming?.repeat);
  const concepts = [...(c.category ?? []), ...details.map((d) => d.code)];
  const addressed = (c.addresses ?? []).map((r) => (r.display ? { text: r.display } : undefined));
  return mapped({
    subject,
    state,
    startDate: dateOf(c.period?.start),
    endDate: dateOf(c.period?.end),
    bodyRegion: bodyRegionOf([...addressed, ...concepts]),
    diagnosis: clip(c.title, 200) ?? diagnosisOf([...addressed, ...(c.category ?? [])], "Plan of care from the EHR"),
    icd10Code: icd10Of(concepts),
    plan: planNumbersOf(
      timed?.scheduledTiming?.repeat,
      timed?.quantity?.value ?? details.find((d) => d.quantity)?.quantity?.value,
      c.period,
    ),
    goals: clip(c.description, 2000) ?? "",
  });
}
