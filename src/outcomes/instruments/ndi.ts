import {
  codedOptions,
  type InstrumentDefinition,
  percentOfAnswered,
  type Questionnaire,
  questionnaireUrl,
  sectionOptionsEn,
  sectionOptionsEs,
} from "./common";

// Neck Disability Index (Vernon & Mior, J Manipulative Physiol Ther 1991;14:409-415).
// 10 sections, each 0-5; raw total 0-50, reported as sum / (5 × answered) × 100 %, at most one blank; higher is worse.

const sections: [en: string, es: string][] = [
  ["Pain intensity", "Intensidad del dolor"],
  ["Personal care (washing, dressing, etc.)", "Cuidados personales (lavarse, vestirse, etc.)"],
  ["Lifting", "Levantar peso"],
  ["Reading", "Leer"],
  ["Headaches", "Dolores de cabeza"],
  ["Concentration", "Concentración"],
  ["Work", "Trabajo"],
  ["Driving", "Conducir"],
  ["Sleeping", "Dormir"],
  ["Recreation", "Actividades recreativas"],
];

const questionnaire: Questionnaire = {
  resourceType: "Questionnaire",
  id: "ndi",
  url: questionnaireUrl("ndi"),
  name: "NDI",
  title: "Neck Disability Index",
  status: "active",
  language: "en",
  subjectType: ["Patient"],
  description:
    "How your neck pain affects your ability to manage in everyday life. Choose the one statement in each section that best describes you today.",
  copyright: "© Howard Vernon. Free for clinical use.",
  item: sections.map(([text], i) => ({
    linkId: `ndi-${i + 1}`,
    text,
    type: "choice",
    required: true,
    answerOption: codedOptions("ndi", sectionOptionsEn),
  })),
};

export const ndi: InstrumentDefinition = {
  id: "ndi",
  questionnaire,
  es: {
    title: "Índice de discapacidad cervical",
    items: Object.fromEntries(sections.map(([, es], i) => [`ndi-${i + 1}`, es])),
    answers: Object.fromEntries(sectionOptionsEs.map((d, i) => [String(i), d])),
  },
  license: questionnaire.copyright,
  unit: "percent",
  interpretation: "better_is_lower",
  range: { min: 0, max: 100 },
  score: (answers) => percentOfAnswered(questionnaire, answers),
};
