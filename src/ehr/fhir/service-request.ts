// FHIR ServiceRequest -> a referral: an episode of care opens for the patient. Pure.
import { z } from "zod";
import type { BodyRegion } from "../../episodes/tables";
import {
  clip,
  conceptShape,
  dateOf,
  invalid,
  type Mapped,
  mapped,
  quantityShape,
  readShape,
  referencedType,
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
  boundsPeriod: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
});

const serviceRequestShape = z.object({
  resourceType: z.literal("ServiceRequest"),
  status: z.string({ message: "status is required" }),
  code: conceptShape.optional(),
  reasonCode: z.array(conceptShape).optional(),
  bodySite: z.array(conceptShape).optional(),
  subject: referenceShape.optional(),
  requester: referenceShape.optional(),
  authoredOn: z.string().optional(),
  quantityQuantity: quantityShape.optional(),
  occurrenceTiming: z.object({ repeat: repeatShape.optional() }).optional(),
});

export interface ReferralFacts {
  subject: string;
  /** Who referred: a Practitioner reference becomes (or matches) a physician referral source. */
  requester: { reference: string | null; type: string | null; display: string | null } | null;
  /** Calendar date the referral was written, if given. */
  authoredOn: string | null;
  bodyRegion: BodyRegion;
  diagnosis: string;
  icd10Code: string | null;
  plan: PlanNumbers;
}

/** Statuses that mean "open an episode"; the rest describe a referral that is not (or no longer) live. */
const LIVE = new Set(["active", "on-hold"]);

export function mapServiceRequest(resource: unknown): Mapped<ReferralFacts> {
  const read = readShape(serviceRequestShape, resource);
  if (!read.ok) return invalid(read.reason);
  const s = read.data;
  if (!LIVE.has(s.status)) return skipped(`${s.status.slice(0, 20)} referral: no episode to open`);
  const subject = referenceOf(s.subject);
  if (!subject) return invalid("subject (the patient) is required");
  const requesterRef = referenceOf(s.requester);
  const concepts = [...(s.reasonCode ?? []), s.code, ...(s.bodySite ?? [])];
  return mapped({
    subject,
    requester: s.requester
      ? { reference: requesterRef, type: requesterRef ? referencedType(requesterRef) : null, display: clip(s.requester.display, 200) }
      : null,
    authoredOn: dateOf(s.authoredOn),
    bodyRegion: bodyRegionOf([...(s.bodySite ?? []), ...concepts]),
    diagnosis: diagnosisOf([...(s.reasonCode ?? []), s.code], "Referral from the EHR"),
    icd10Code: icd10Of(concepts),
    plan: planNumbersOf(s.occurrenceTiming?.repeat, s.quantityQuantity?.value),
  });
}
