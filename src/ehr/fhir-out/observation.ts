import { getInstrument, type InstrumentId, instrumentIds } from "../../outcomes/questionnaires";
import type { questionnaireResponses } from "../../outcomes/tables";
import { type FhirJson, instant, patientReference, prune, systems } from "./common";

export type ResponseRow = typeof questionnaireResponses.$inferSelect;

/** LOINC "Pain severity - 0-10 verbal numeric rating [Score] - Reported": every NPRS answer, check-in or questionnaire. */
export const PAIN_SCORE_LOINC = "72514-3";
const PAIN_SCORE_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";

/**
 * The Observation code of a score. Pain (NPRS) has a LOINC code; the other instruments' total scores
 * are coded in Rapport's own outcome-score system (code = the instrument id), not guessed into LOINC.
 */
export function observationCode(instrumentId: InstrumentId) {
  if (instrumentId === "nprs") return { system: systems.loinc, code: PAIN_SCORE_LOINC, display: PAIN_SCORE_DISPLAY };
  return { system: systems.outcomeScore, code: instrumentId, display: `${getInstrument(instrumentId).questionnaire.title} score` };
}

/** The instruments a searched code (system and code; a null system means any) stands for. */
export function instrumentsForCode(system: string | null, code: string): InstrumentId[] {
  return instrumentIds.filter((id) => {
    const c = observationCode(id);
    return c.code === code && (system === null || system === c.system);
  });
}

/**
 * A pain check-in or a questionnaire's total score as an Observation, derived from the stored
 * QuestionnaireResponse (same id, another resource type). A check-in's note is the patient's own
 * words about their pain, so it travels as the observation's note.
 */
export function observationResource(r: ResponseRow): FhirJson {
  const unit = getInstrument(r.instrumentId).unit;
  return prune({
    resourceType: "Observation",
    id: r.id,
    meta: { lastUpdated: instant(r.authoredAt) },
    status: "final",
    category: [{ coding: [{ system: systems.observationCategory, code: "survey", display: "Survey" }] }],
    code: { coding: [observationCode(r.instrumentId)], text: observationCode(r.instrumentId).display },
    subject: patientReference(r.patientId),
    effectiveDateTime: instant(r.authoredAt),
    issued: instant(r.authoredAt),
    valueQuantity:
      unit === "percent"
        ? { value: r.score, unit: "%", system: systems.ucum, code: "%" }
        : { value: r.score, unit: "score", system: systems.ucum, code: "{score}" },
    note: r.kind === "check_in" && r.note ? [{ text: r.note }] : null,
    derivedFrom: [{ reference: `QuestionnaireResponse/${r.id}` }],
  });
}
