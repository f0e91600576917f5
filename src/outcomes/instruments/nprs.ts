import { type InstrumentDefinition, integerOptions, type Questionnaire, questionnaireUrl, sumScale } from "./common";

// Numeric Pain Rating Scale: one 11-point item, 0 = no pain, 10 = worst pain imaginable. Lower is better.
const questionnaire: Questionnaire = {
  resourceType: "Questionnaire",
  id: "nprs",
  url: questionnaireUrl("nprs"),
  name: "NPRS",
  title: "Numeric Pain Rating Scale",
  status: "active",
  language: "en",
  subjectType: ["Patient"],
  description: "Single-item 0-10 pain intensity rating.",
  copyright: "Public domain; free to use.",
  item: [
    {
      linkId: "nprs-pain",
      text: "Please rate your pain right now from 0 (no pain) to 10 (worst pain imaginable).",
      type: "choice",
      required: true,
      answerOption: integerOptions(0, 10),
    },
  ],
};

export const nprs: InstrumentDefinition = {
  id: "nprs",
  questionnaire,
  es: {
    title: "Escala numérica de calificación del dolor",
    items: { "nprs-pain": "Califique su dolor en este momento de 0 (sin dolor) a 10 (el peor dolor imaginable)." },
  },
  license: questionnaire.copyright,
  unit: "points",
  interpretation: "better_is_lower",
  range: { min: 0, max: 10 },
  score(answers) {
    const r = sumScale(questionnaire, answers, 0);
    if (!r.ok) return r;
    return { ok: true, score: r.sum, unit: "points", interpretation: "better_is_lower", raw: { sum: r.sum, max: 10, answered: 1 } };
  },
};
