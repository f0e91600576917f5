// Shared shapes and helpers for outcome instruments. Pure: no I/O, no framework imports.

export type InstrumentId = "nprs" | "psfs" | "lefs" | "odi" | "ndi";
export type ScoreUnit = "points" | "percent";
export type Interpretation = "better_is_higher" | "better_is_lower";
export type AnswerValue = number | string | null | undefined;
export type Answers = Record<string, AnswerValue>;

export interface ItemError {
  linkId: string;
  message: string;
}

export type ScoreResult =
  | { ok: true; score: number; unit: ScoreUnit; interpretation: Interpretation; raw: { sum: number; max: number; answered: number } }
  | { ok: false; errors: ItemError[] };

/** FHIR R4 Coding (subset). */
export interface Coding {
  system: string;
  code: string;
  display: string;
}

/** FHIR R4 Questionnaire.item.answerOption (subset). */
export type AnswerOption = { valueCoding: Coding } | { valueInteger: number };

/** FHIR R4 Questionnaire.item (subset used here). */
export interface QuestionnaireItem {
  linkId: string;
  text: string;
  type: "choice" | "integer" | "string";
  required: boolean;
  answerOption?: AnswerOption[];
  enableWhen?: { question: string; operator: "exists"; answerBoolean: boolean }[];
  maxLength?: number;
}

/** FHIR R4 Questionnaire (subset). */
export interface Questionnaire {
  resourceType: "Questionnaire";
  id: InstrumentId;
  url: string;
  name: string;
  title: string;
  status: "active";
  language: "en";
  subjectType: ["Patient"];
  description: string;
  copyright: string;
  item: QuestionnaireItem[];
}

/** Rapport wrapper: the FHIR resource plus what FHIR does not carry (Spanish text, scoring, license). */
export interface InstrumentDefinition {
  id: InstrumentId;
  questionnaire: Questionnaire;
  /** Spanish title and item texts keyed by linkId; `answers` keyed by answer code where the option set is shared. */
  es: { title: string; items: Record<string, string>; answers?: Record<string, string> };
  license: string;
  unit: ScoreUnit;
  interpretation: Interpretation;
  /** Range of the reported score. */
  range: { min: number; max: number };
  score: (answers: Answers) => ScoreResult;
}

export const questionnaireUrl = (id: InstrumentId) => `https://rapport.example/fhir/Questionnaire/${id}`;
export const answerSystem = (id: InstrumentId) => `https://rapport.example/fhir/CodeSystem/${id}-answers`;

export const integerOptions = (min: number, max: number): AnswerOption[] =>
  Array.from({ length: max - min + 1 }, (_, i) => ({ valueInteger: min + i }));

export const codedOptions = (id: InstrumentId, displays: string[]): AnswerOption[] =>
  displays.map((display, i) => ({ valueCoding: { system: answerSystem(id), code: String(i), display } }));

/** Numeric value an answer option stands for (valueInteger, or the integer code of a valueCoding). */
export const optionValue = (o: AnswerOption): number => ("valueInteger" in o ? o.valueInteger : Number(o.valueCoding.code));

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Errors for answer keys that are not items of the questionnaire. */
export function unknownKeyErrors(q: Questionnaire, answers: Answers): ItemError[] {
  const known = new Set(q.item.map((i) => i.linkId));
  return Object.keys(answers)
    .filter((k) => !known.has(k))
    .map((linkId) => ({ linkId, message: "Unknown item for this questionnaire" }));
}

/** Validates one answer to a choice item; returns the number, null when blank, or an error. */
export function readChoice(item: QuestionnaireItem, value: AnswerValue): number | null | ItemError {
  if (value === null || value === undefined) return null;
  const allowed = (item.answerOption ?? []).map(optionValue);
  const min = Math.min(...allowed);
  const max = Math.max(...allowed);
  if (typeof value !== "number" || !Number.isFinite(value)) return { linkId: item.linkId, message: "Answer must be a number" };
  if (!Number.isInteger(value) || !allowed.includes(value)) {
    return { linkId: item.linkId, message: `Answer must be a whole number from ${min} to ${max}` };
  }
  return value;
}

/**
 * Sums every choice item of a fixed-length scale (LEFS, ODI, NDI, NPRS), allowing at most `maxMissing` blanks.
 * Blank items beyond the allowance are each reported.
 */
export function sumScale(
  q: Questionnaire,
  answers: Answers,
  maxMissing: number,
): { ok: true; sum: number; answered: number; itemMax: number } | { ok: false; errors: ItemError[] } {
  if (answers === null || typeof answers !== "object") return { ok: false, errors: [{ linkId: "", message: "Answers must be an object" }] };
  const errors = unknownKeyErrors(q, answers);
  const missing: string[] = [];
  let sum = 0;
  let answered = 0;
  let itemMax = 0;
  for (const item of q.item) {
    const v = readChoice(item, answers[item.linkId]);
    itemMax = Math.max(itemMax, ...(item.answerOption ?? []).map(optionValue));
    if (v === null) missing.push(item.linkId);
    else if (typeof v === "number") {
      sum += v;
      answered++;
    } else errors.push(v);
  }
  if (missing.length > maxMissing) {
    const allowance = maxMissing === 0 ? "every item must be answered" : `at most ${maxMissing} may be left blank`;
    for (const linkId of missing) errors.push({ linkId, message: `Answer required (${allowance})` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sum, answered, itemMax };
}

/**
 * Six-statement (0-5) section indexes scored as a percentage of the answered maximum (ODI, NDI):
 * score = sum / (5 × answered sections) × 100, with at most one blank section.
 */
export function percentOfAnswered(q: Questionnaire, answers: Answers): ScoreResult {
  const r = sumScale(q, answers, 1);
  if (!r.ok) return r;
  const max = r.itemMax * r.answered;
  return {
    ok: true,
    score: round2((r.sum * 100) / max),
    unit: "percent",
    interpretation: "better_is_lower",
    raw: { sum: r.sum, max, answered: r.answered },
  };
}

/**
 * Placeholder statement labels for the 0-5 sections of ODI/NDI. The published statements are copyrighted and
 * must be taken verbatim from the licensed form (and its validated Spanish version) before patients see them.
 */
export const sectionOptionsEn = ["0 – least limitation", "1", "2", "3", "4", "5 – greatest limitation"];
export const sectionOptionsEs = ["0 – menor limitación", "1", "2", "3", "4", "5 – mayor limitación"];
