import { codedOptions, type InstrumentDefinition, type Questionnaire, questionnaireUrl, sumScale } from "./common";

// Lower Extremity Functional Scale (Binkley et al., Phys Ther 1999;79:371-383).
// 20 activities, each 0 (extreme difficulty / unable) to 4 (no difficulty); total 0-80, higher is better.
// The original publication gives no rule for prorating blank items, so every item is required.

const activities: [en: string, es: string][] = [
  [
    "Any of your usual work, housework or school activities",
    "Cualquiera de sus actividades habituales de trabajo, de la casa o de la escuela",
  ],
  ["Your usual hobbies, recreational or sporting activities", "Sus pasatiempos habituales, actividades recreativas o deportivas"],
  ["Getting into or out of the bath", "Entrar o salir de la bañera"],
  ["Walking between rooms", "Caminar de una habitación a otra"],
  ["Putting on your shoes or socks", "Ponerse los zapatos o los calcetines"],
  ["Squatting", "Ponerse en cuclillas"],
  ["Lifting an object, like a bag of groceries from the floor", "Levantar un objeto del suelo, como una bolsa de la compra"],
  ["Performing light activities around your home", "Realizar actividades ligeras en su casa"],
  ["Performing heavy activities around your home", "Realizar actividades pesadas en su casa"],
  ["Getting into or out of a car", "Entrar o salir de un coche"],
  ["Walking 2 blocks", "Caminar 2 cuadras"],
  ["Walking a mile", "Caminar una milla"],
  ["Going up or down 10 stairs (about 1 flight of stairs)", "Subir o bajar 10 escalones (aproximadamente 1 tramo de escaleras)"],
  ["Standing for 1 hour", "Estar de pie durante 1 hora"],
  ["Sitting for 1 hour", "Estar sentado durante 1 hora"],
  ["Running on even ground", "Correr en terreno plano"],
  ["Running on uneven ground", "Correr en terreno irregular"],
  ["Making sharp turns while running fast", "Hacer giros bruscos mientras corre rápido"],
  ["Hopping", "Saltar en un pie"],
  ["Rolling over in bed", "Darse la vuelta en la cama"],
];

const optionsEn = [
  "Extreme difficulty or unable to perform activity",
  "Quite a bit of difficulty",
  "Moderate difficulty",
  "A little bit of difficulty",
  "No difficulty",
];
const optionsEs = [
  "Dificultad extrema o incapaz de realizar la actividad",
  "Bastante dificultad",
  "Dificultad moderada",
  "Un poco de dificultad",
  "Ninguna dificultad",
];

const questionnaire: Questionnaire = {
  resourceType: "Questionnaire",
  id: "lefs",
  url: questionnaireUrl("lefs"),
  name: "LEFS",
  title: "Lower Extremity Functional Scale",
  status: "active",
  language: "en",
  subjectType: ["Patient"],
  description: "Today, do you or would you have any difficulty at all with the following activities because of your lower limb problem?",
  copyright: "© Binkley et al. 1999. Free for clinical use.",
  item: activities.map(([text], i) => ({
    linkId: `lefs-${i + 1}`,
    text,
    type: "choice",
    required: true,
    answerOption: codedOptions("lefs", optionsEn),
  })),
};

export const lefs: InstrumentDefinition = {
  id: "lefs",
  questionnaire,
  es: {
    title: "Escala funcional de la extremidad inferior",
    items: Object.fromEntries(activities.map(([, es], i) => [`lefs-${i + 1}`, es])),
    answers: Object.fromEntries(optionsEs.map((d, i) => [String(i), d])),
  },
  license: questionnaire.copyright,
  unit: "points",
  interpretation: "better_is_higher",
  range: { min: 0, max: 80 },
  score(answers) {
    const r = sumScale(questionnaire, answers, 0);
    if (!r.ok) return r;
    return {
      ok: true,
      score: r.sum,
      unit: "points",
      interpretation: "better_is_higher",
      raw: { sum: r.sum, max: 80, answered: r.answered },
    };
  },
};
