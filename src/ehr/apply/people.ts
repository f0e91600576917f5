// Who a visit is for and with: references resolved to a patient here and a therapist here.
import { localTypes } from "../links";
import { therapistFor } from "./therapist";
import type { ApplyContext } from "./types";

export interface People {
  patientId: string | null;
  therapistId: string | null;
}

/**
 * Resolves a visit's references. The first that is a patient is the patient; the first practitioner is the
 * therapist (made a therapist here if needed). Missing ones are null: the caller decides if that is a failure.
 */
export async function resolvePeople(ctx: ApplyContext, references: string[]): Promise<People> {
  let patientId: string | null = null;
  let practitionerId: string | null = null;
  for (const reference of references) {
    const local = await ctx.resolve(reference);
    if (local?.localType === localTypes.patient) patientId ??= local.localId;
    if (local?.localType === localTypes.practitioner) practitionerId ??= local.localId;
  }
  const therapistId = practitionerId ? await therapistFor(ctx, practitionerId) : null;
  return { patientId, therapistId };
}

export const NO_PATIENT = "its patient is not known here (send the Patient first, or in the same bundle)";
export const NO_THERAPIST = "no practitioner among its participants is known here (send the Practitioner first, or in the same bundle)";
