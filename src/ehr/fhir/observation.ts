// FHIR Observation LOINC 72514-3 (pain severity 0-10) -> a pain check-in. Other observations are not ours. Pure.
import { z } from "zod";
import {
  conceptShape,
  hasCode,
  invalid,
  LOINC_SYSTEM,
  type Mapped,
  mapped,
  periodShape,
  readShape,
  referenceOf,
  referenceShape,
  skipped,
} from "./common";

export const PAIN_SEVERITY_LOINC = "72514-3";

const observationShape = z.object({
  resourceType: z.literal("Observation"),
  status: z.string({ message: "status is required" }),
  code: conceptShape,
  subject: referenceShape.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: periodShape.optional(),
  effectiveInstant: z.string().optional(),
  issued: z.string().optional(),
  valueQuantity: z.object({ value: z.number().optional() }).optional(),
  valueInteger: z.number().optional(),
});

export interface PainFacts {
  subject: string;
  /** NPRS 0-10: the EHR's value rounded to the whole point the scale has. */
  score: number;
  /** When the patient said it (FHIR dateTime as written). */
  effective: string;
}

const USABLE = new Set(["final", "amended", "corrected", "preliminary"]);

export function mapObservation(resource: unknown): Mapped<PainFacts> {
  const read = readShape(observationShape, resource);
  if (!read.ok) return invalid(read.reason);
  const o = read.data;
  if (!hasCode(o.code, LOINC_SYSTEM, PAIN_SEVERITY_LOINC))
    return skipped("observation not used by Rapport (only LOINC 72514-3 pain scores are)");
  if (!USABLE.has(o.status)) return skipped(`${o.status.slice(0, 20)} pain score: not a result`);
  const subject = referenceOf(o.subject);
  if (!subject) return invalid("subject (the patient) is required");
  const value = o.valueQuantity?.value ?? o.valueInteger;
  if (value === undefined || !Number.isFinite(value) || value < 0 || value > 10) return invalid("a pain score needs a value from 0 to 10");
  const effective = o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? o.issued;
  if (!effective) return invalid("effective[x] (when the score was given) is required");
  return mapped({ subject, score: Math.round(value), effective });
}
