/** The portal's navigation and the step-up check. */
export const nav = {
  en: {
    navHome: "My visits",
    navExercises: "Exercises",
    navCheckIn: "How I feel",
    navProgress: "Progress",
    navQuestionnaires: "Questionnaires",
    navLearn: "Learn",
    navMessages: "Messages",
    navPreferences: "Preferences",
    navLabel: "My page",
  },
  es: {
    navHome: "Mis citas",
    navExercises: "Ejercicios",
    navCheckIn: "Cómo me siento",
    navProgress: "Progreso",
    navQuestionnaires: "Cuestionarios",
    navLearn: "Aprender",
    navMessages: "Mensajes",
    navPreferences: "Preferencias",
    navLabel: "Mi página",
  },
} as const;
