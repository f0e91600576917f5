import {
  codedOptions,
  type InstrumentDefinition,
  percentOfAnswered,
  type Questionnaire,
  questionnaireUrl,
  sectionOptionsEn,
  sectionOptionsEs,
} from "./common";

// Oswestry Disability Index 2.1a (Fairbank & Pynsent, Spine 2000;25:2940-2953).
// 10 sections, each 0-5; score = sum / (5 × answered) × 100 %, at least 9 of 10 answered; higher is worse.

const sections: [en: string, es: string][] = [
  ["Pain intensity", "Intensidad del dolor"],
  ["Personal care (washing, dressing, etc.)", "Cuidados personales (lavarse, vestirse, etc.)"],
  ["Lifting", "Levantar peso"],
  ["Walking", "Caminar"],
  ["Sitting", "Estar sentado"],
  ["Standing", "Estar de pie"],
  ["Sleeping", "Dormir"],
  ["Sex life (if applicable)", "Vida sexual (si corresponde)"],
  ["Social life", "Vida social"],
  ["Travelling", "Viajar"],
];

const questionnaire: Questionnaire = {
  resourceType: "Questionnaire",
  id: "odi",
  url: questionnaireUrl("odi"),
  name: "ODI",
  title: "Oswestry Disability Index 2.1a",
  status: "active",
  language: "en",
  subjectType: ["Patient"],
  description:
    "How your back (or leg) trouble affects your ability to manage in everyday life. Choose the one statement in each section that best describes you today.",
  copyright:
    "© Jeremy Fairbank. Free for clinical use in non-funded academic/clinical settings; commercial use requires permission via Mapi Research Trust.",
  item: sections.map(([text], i) => ({
    linkId: `odi-${i + 1}`,
    text,
    type: "choice",
    // Sex life is the section most often (legitimately) left blank; scoring tolerates any one blank section.
    required: i !== 7,
    answerOption: codedOptions("odi", sectionOptionsEn),
  })),
};

export const odi: InstrumentDefinition = {
  id: "odi",
  questionnaire,
  es: {
    title: "Índice de discapacidad de Oswestry 2.1a",
    items: Object.fromEntries(sections.map(([, es], i) => [`odi-${i + 1}`, es])),
    answers: Object.fromEntries(sectionOptionsEs.map((d, i) => [String(i), d])),
  },
  license: questionnaire.copyright,
  unit: "percent",
  interpretation: "better_is_lower",
  range: { min: 0, max: 100 },
  score: (answers) => percentOfAnswered(questionnaire, answers),
};
