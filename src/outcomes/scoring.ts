// Scoring, minimal clinically important differences and FHIR QuestionnaireResponse building for outcome instruments.
import {
  type Answers,
  type InstrumentId,
  type ItemError,
  instruments,
  isInstrumentId,
  optionValue,
  type ScoreResult,
} from "./questionnaires";

export function score(instrumentId: InstrumentId, answers: Answers): ScoreResult {
  if (!isInstrumentId(instrumentId)) return { ok: false, errors: [{ linkId: "", message: `Unknown instrument: ${String(instrumentId)}` }] };
  return instruments[instrumentId].score(answers);
}

/**
 * Minimal clinically important difference per instrument, in the unit of `score()`:
 * - NPRS: 2 points. Childs JD et al., Spine 2005;30:1331-1334 (low back pain).
 * - PSFS: 2 points on the average score. Stratford P et al., Physiother Can 1995;47:258-263.
 * - LEFS: 9 points (of 80). Binkley JM et al., Phys Ther 1999;79:371-383.
 * - ODI: 10 percentage points. Ostelo RWJG et al., Spine 2008;33:90-94.
 * - NDI: 7.5 raw points of 50, i.e. 15 percentage points on the percent score used here.
 *   Young BA et al., Spine J 2009;9:802-808 (MCID 7.5 points, MDC 10.2 points, both on the 0-50 scale);
 *   MacDermid JC et al., J Orthop Sports Phys Ther 2009;39:400-417 (review: reported MCIDs vary by population).
 */
export const MCID: Record<InstrumentId, number> = { nprs: 2, psfs: 2, lefs: 9, odi: 10, ndi: 15 };

export const mcid = (instrumentId: InstrumentId): number => MCID[instrumentId];

export type Change = "improved" | "worsened" | "no_meaningful_change";

/** Classifies the change between two scores (from `score()`), honouring the scale's direction. A change equal to the MCID counts. */
export function changeIsMeaningful(instrumentId: InstrumentId, baseline: number, latest: number): Change {
  const def = instruments[instrumentId];
  if (!def) throw new RangeError(`Unknown instrument: ${String(instrumentId)}`);
  for (const v of [baseline, latest]) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < def.range.min || v > def.range.max) {
      throw new RangeError(`${def.questionnaire.name} score must be between ${def.range.min} and ${def.range.max}`);
    }
  }
  const gain = def.interpretation === "better_is_higher" ? latest - baseline : baseline - latest;
  const threshold = MCID[instrumentId] - 1e-9;
  if (gain >= threshold) return "improved";
  if (-gain >= threshold) return "worsened";
  return "no_meaningful_change";
}

/** FHIR R4 QuestionnaireResponse (subset). */
export interface QuestionnaireResponse {
  resourceType: "QuestionnaireResponse";
  questionnaire: string;
  status: "completed";
  subject: { reference: string };
  authored: string;
  item: {
    linkId: string;
    text: string;
    answer: ({ valueInteger: number } | { valueCoding: { system: string; code: string; display: string } } | { valueString: string })[];
  }[];
}

export class OutcomeValidationError extends Error {
  constructor(readonly errors: ItemError[]) {
    super(`Invalid questionnaire answers: ${errors.map((e) => `${e.linkId}: ${e.message}`).join("; ")}`);
    this.name = "OutcomeValidationError";
  }
}

// FHIR dateTime with a time part must carry seconds and a time zone.
const FHIR_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const REFERENCE = /^Patient\/[A-Za-z0-9\-.]{1,64}$/;

/**
 * Builds a completed QuestionnaireResponse from valid answers. Throws OutcomeValidationError when the answers
 * would not score, and RangeError for a malformed patient reference or authored time. Blank items are omitted.
 */
export function toQuestionnaireResponse(
  instrumentId: InstrumentId,
  answers: Answers,
  opts: { patientReference: string; authored: string | Date },
): QuestionnaireResponse {
  const result = score(instrumentId, answers);
  if (!result.ok) throw new OutcomeValidationError(result.errors);
  if (!REFERENCE.test(opts.patientReference)) throw new RangeError("patientReference must look like Patient/<id>");
  const authored = opts.authored instanceof Date ? opts.authored.toISOString() : opts.authored;
  if (!FHIR_DATE_TIME.test(authored) || Number.isNaN(Date.parse(authored))) {
    throw new RangeError("authored must be an ISO date-time with seconds and a time zone");
  }
  const q = instruments[instrumentId].questionnaire;
  const item: QuestionnaireResponse["item"] = [];
  for (const qi of q.item) {
    const value = answers[qi.linkId];
    if (value === null || value === undefined) continue;
    if (qi.type === "string") {
      const text = String(value).trim();
      if (text !== "") item.push({ linkId: qi.linkId, text: qi.text, answer: [{ valueString: text }] });
      continue;
    }
    const option = (qi.answerOption ?? []).find((o) => optionValue(o) === value);
    if (!option) continue; // unreachable: score() already rejected it
    item.push({
      linkId: qi.linkId,
      text: qi.text,
      answer: ["valueCoding" in option ? { valueCoding: { ...option.valueCoding } } : { valueInteger: option.valueInteger }],
    });
  }
  return {
    resourceType: "QuestionnaireResponse",
    questionnaire: q.url,
    status: "completed",
    subject: { reference: opts.patientReference },
    authored,
    item,
  };
}
