/** Short articles: the Learn section. */
export const learn = {
  en: {
    learnTitle: "Learn",
    learnIntro: "Short articles chosen for week {week} of your care.",
    learnIntroGeneral: "Short articles with general advice for your recovery.",
    learnForYou: "For you now",
    learnAll: "All articles",
    learnBack: "Back to all articles",
    learnDisclaimer: "This is general information, not advice about your own condition. If you are unsure, ask your therapist.",
    learnNotFound: "We couldn't find that article.",
  },
  es: {
    learnTitle: "Aprender",
    learnIntro: "Artículos breves elegidos para la semana {week} de su tratamiento.",
    learnIntroGeneral: "Artículos breves con consejos generales para su recuperación.",
    learnForYou: "Para usted ahora",
    learnAll: "Todos los artículos",
    learnBack: "Volver a todos los artículos",
    learnDisclaimer: "Esta es información general, no un consejo sobre su caso concreto. Si tiene dudas, pregunte a su terapeuta.",
    learnNotFound: "No encontramos ese artículo.",
  },
} as const;
