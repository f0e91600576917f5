import {
  type InstrumentDefinition,
  type ItemError,
  integerOptions,
  type Questionnaire,
  type QuestionnaireItem,
  questionnaireUrl,
  readChoice,
  round2,
  unknownKeyErrors,
} from "./common";

// Patient-Specific Functional Scale (Stratford et al., Physiother Can 1995;47:258-263).
// The patient names up to 5 activities and rates each 0 (unable to perform) to 10 (able to perform at the level
// before the problem). Score = mean of the rated activities (0-10), higher is better. At least one is required.
// Scores are only comparable over time when the same activities are re-rated.

export const PSFS_SLOTS = 5;
const slots = Array.from({ length: PSFS_SLOTS }, (_, i) => i + 1);
export const psfsActivityId = (n: number) => `psfs-${n}-activity`;
export const psfsRatingId = (n: number) => `psfs-${n}-rating`;

const questionnaire: Questionnaire = {
  resourceType: "Questionnaire",
  id: "psfs",
  url: questionnaireUrl("psfs"),
  name: "PSFS",
  title: "Patient-Specific Functional Scale",
  status: "active",
  language: "en",
  subjectType: ["Patient"],
  description:
    "Name up to 5 important activities that you are unable to do or are having difficulty with because of your problem, then rate each one.",
  copyright: "Free to use.",
  item: slots.flatMap((n): QuestionnaireItem[] => [
    { linkId: psfsActivityId(n), text: `Activity ${n}`, type: "string", required: n === 1, maxLength: 200 },
    {
      linkId: psfsRatingId(n),
      text: `Activity ${n}: rate from 0 (unable to perform the activity) to 10 (able to perform it at the same level as before your problem)`,
      type: "choice",
      required: n === 1,
      answerOption: integerOptions(0, 10),
      enableWhen: [{ question: psfsActivityId(n), operator: "exists", answerBoolean: true }],
    },
  ]),
};

const itemById = new Map(questionnaire.item.map((i) => [i.linkId, i]));

export const psfs: InstrumentDefinition = {
  id: "psfs",
  questionnaire,
  es: {
    title: "Escala funcional específica del paciente",
    items: Object.fromEntries(
      slots.flatMap((n) => [
        [psfsActivityId(n), `Actividad ${n}`],
        [
          psfsRatingId(n),
          `Actividad ${n}: califique de 0 (incapaz de realizar la actividad) a 10 (capaz de realizarla al mismo nivel que antes de su problema)`,
        ],
      ]),
    ),
  },
  license: questionnaire.copyright,
  unit: "points",
  interpretation: "better_is_higher",
  range: { min: 0, max: 10 },
  score(answers) {
    if (answers === null || typeof answers !== "object")
      return { ok: false, errors: [{ linkId: "", message: "Answers must be an object" }] };
    const errors: ItemError[] = unknownKeyErrors(questionnaire, answers);
    const ratings: number[] = [];
    for (const n of slots) {
      const name = answers[psfsActivityId(n)];
      const ratingItem = itemById.get(psfsRatingId(n)) as QuestionnaireItem;
      const rating = readChoice(ratingItem, answers[psfsRatingId(n)]);
      if (name !== null && name !== undefined && typeof name !== "string") {
        errors.push({ linkId: psfsActivityId(n), message: "Activity name must be text" });
        continue;
      }
      const named = typeof name === "string" && name.trim() !== "";
      if (rating !== null && typeof rating !== "number") errors.push(rating);
      else if (named && rating === null) errors.push({ linkId: psfsRatingId(n), message: "Rate this activity from 0 to 10" });
      else if (!named && rating !== null) errors.push({ linkId: psfsActivityId(n), message: "Name the activity being rated" });
      else if (rating !== null) ratings.push(rating);
    }
    if (errors.length === 0 && ratings.length === 0) {
      errors.push({ linkId: psfsActivityId(1), message: "Name and rate at least one activity" });
    }
    if (errors.length > 0) return { ok: false, errors };
    const sum = ratings.reduce((a, b) => a + b, 0);
    return {
      ok: true,
      score: round2(sum / ratings.length),
      unit: "points",
      interpretation: "better_is_higher",
      raw: { sum, max: 10 * ratings.length, answered: ratings.length },
    };
  },
};
