// Outcome questionnaires as data: FHIR R4 Questionnaire resources wrapped with Spanish text, license and scoring.
// Pure module (no I/O) for the patient portal.
import type { InstrumentDefinition, InstrumentId } from "./instruments/common";
import { lefs } from "./instruments/lefs";
import { ndi } from "./instruments/ndi";
import { nprs } from "./instruments/nprs";
import { odi } from "./instruments/odi";
import { psfs } from "./instruments/psfs";

export type {
  AnswerOption,
  Answers,
  AnswerValue,
  InstrumentDefinition,
  InstrumentId,
  Interpretation,
  ItemError,
  Questionnaire,
  QuestionnaireItem,
  ScoreResult,
  ScoreUnit,
} from "./instruments/common";
export { optionValue, questionnaireUrl } from "./instruments/common";
export { PSFS_SLOTS, psfsActivityId, psfsRatingId } from "./instruments/psfs";

export const instruments: Record<InstrumentId, InstrumentDefinition> = { nprs, psfs, lefs, odi, ndi };
export const instrumentIds = Object.keys(instruments) as InstrumentId[];

export const isInstrumentId = (id: unknown): id is InstrumentId => typeof id === "string" && Object.hasOwn(instruments, id);

export const getInstrument = (id: InstrumentId): InstrumentDefinition => instruments[id];
