// FHIR Coverage -> who pays for the patient's care. Pure.
import { z } from "zod";
import type { coverageStatuses } from "../../episodes/tables";
import { clip, dateOf, identifierShape, invalid, type Mapped, mapped, periodShape, readShape, referenceOf, referenceShape } from "./common";

const coverageShape = z.object({
  resourceType: z.literal("Coverage"),
  status: z.string({ message: "status is required" }),
  identifier: z.array(identifierShape).optional(),
  subscriberId: z.string().optional(),
  beneficiary: referenceShape.optional(),
  payor: z.array(referenceShape).optional(),
  period: periodShape.optional(),
});

export interface CoverageFacts {
  beneficiary: string;
  payer: string;
  memberId: string | null;
  status: (typeof coverageStatuses)[number];
  periodStart: string | null;
  periodEnd: string | null;
}

const STATUSES = ["active", "cancelled", "draft", "entered-in-error"] as const;

export function mapCoverage(resource: unknown): Mapped<CoverageFacts> {
  const read = readShape(coverageShape, resource);
  if (!read.ok) return invalid(read.reason);
  const c = read.data;
  const status = STATUSES.find((s) => s === c.status);
  if (!status) return invalid(`status "${c.status.slice(0, 20)}" is not a Coverage status`);
  const beneficiary = referenceOf(c.beneficiary);
  if (!beneficiary) return invalid("beneficiary (the patient) is required");
  // The payer's name: the reference's display (filled in from an Organization sent alongside, when there is one).
  const payer = clip(
    c.payor?.map((p) => p.display).find((d) => d?.trim()),
    100,
  );
  if (!payer) return invalid("payor has no name (give payor.display or include the Organization)");
  const memberId = clip(c.subscriberId, 100) ?? clip(c.identifier?.find((i) => i.value?.trim())?.value, 100);
  return mapped({
    beneficiary,
    payer,
    memberId,
    status,
    periodStart: dateOf(c.period?.start),
    periodEnd: dateOf(c.period?.end),
  });
}
