// QuestionnaireResponse to one of our instruments: recorded and scored like a portal questionnaire.
import { toInstant } from "../fhir/common";
import { mapQuestionnaireResponse } from "../fhir/questionnaire-response";
import { localTypes } from "../links";
import { recordOutcome } from "./outcomes";
import { NO_PATIENT } from "./people";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyOutcome } from "./types";

export const applyQuestionnaireResponse: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapQuestionnaireResponse(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
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
