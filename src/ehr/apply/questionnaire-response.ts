// QuestionnaireResponse to one of our instruments: recorded and scored like a portal questionnaire.
import { toInstant } from "../fhir/common";
import { mapQuestionnaireResponse } from "../fhir/questionnaire-response";
import { linkOf, localTypes } from "../links";
import { recordOutcome } from "./outcomes";
import { NO_PATIENT } from "./people";
import type { Applier, ApplyOutcome } from "./types";

export const applyQuestionnaireResponse: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const m = mapQuestionnaireResponse(resource);
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
  const authoredAt = toInstant(facts.authored, ctx.clinicTimeZone);
  if (authoredAt === null) return { result: "failed", reason: "authored is not a valid date" };
  return recordOutcome(ctx, resource, link, {
    patientId: patient.localId,
    instrumentId: facts.instrumentId,
    kind: "questionnaire",
    answers: facts.answers,
    score: facts.score,
    authoredAt,
  });
};
