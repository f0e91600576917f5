// Observation LOINC 72514-3: a pain check-in (NPRS 0-10) from the EHR. Other observations are skipped.
import { toInstant } from "../fhir/common";
import { mapObservation } from "../fhir/observation";
import { linkOf, localTypes } from "../links";
import { recordOutcome } from "./outcomes";
import { NO_PATIENT } from "./people";
import type { Applier, ApplyOutcome } from "./types";

export const applyObservation: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const m = mapObservation(resource);
  if (m.kind !== "mapped") return m.kind === "invalid" ? { result: "failed", reason: m.reason } : { result: "skipped", note: m.note };
  const facts = m.value;
  const { link, order } = await linkOf(ctx.deps.db, ctx, resource);
  if (link && order !== "newer") {
    return {
      result: "unchanged",
      local: { localType: link.localType, localId: link.localId },
      note: order === "older" ? "older version" : "already applied",
    };
  }
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
