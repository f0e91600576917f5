// Observation LOINC 72514-3: a pain check-in (NPRS 0-10) from the EHR. Other observations are skipped.
import { toInstant } from "../fhir/common";
import { mapObservation } from "../fhir/observation";
import { localTypes } from "../links";
import { recordOutcome } from "./outcomes";
import { NO_PATIENT } from "./people";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyOutcome } from "./types";

export const applyObservation: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapObservation(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
  const patient = await ctx.resolve(facts.subject);
  if (patient?.localType !== localTypes.patient) return { result: "failed", reason: NO_PATIENT };
  const authoredAt = toInstant(facts.effective, ctx.clinicTimeZone);
  if (authoredAt === null) return { result: "failed", reason: "effective[x] is not a valid date" };
  return recordOutcome(ctx, resource, link, {
    patientId: patient.localId,
    instrumentId: "nprs",
    kind: "check_in",
    answers: { "nprs-pain": facts.score },
    score: facts.score,
    authoredAt,
  });
};
