import type { Article } from "../library";

/** General articles for the middle and end of care, and after discharge. */
export const laterWeeks: Article[] = [
  {
    slug: "flare-up-plan",
    regions: ["any"],
    weeks: { from: 2, to: 12 },
    en: {
      title: "Your flare-up plan",
      summary: "What to do when pain suddenly gets worse.",
      body: [
        "Flare-ups, when pain suddenly increases for a while, are common during recovery and do not usually mean you are back at the start. Having a plan ready makes them less stressful.",
        "During a flare-up: keep moving gently rather than resting completely, and cut your exercises down to an easier version instead of stopping them. Use ice or heat, whichever feels better. Spread your activity through the day and be kind to yourself. Most flare-ups settle within a few days.",
        "Think about what may have set it off, such as a long drive or a busy day, so you can plan for it next time. Call us if the flare-up lasts more than a week, keeps getting worse, or comes with new numbness or weakness. You can also tell us on the How I feel page.",
      ],
    },
    es: {
      title: "Su plan para las recaídas",
      summary: "Qué hacer cuando el dolor empeora de repente.",
      body: [
        "Las recaídas, cuando el dolor aumenta de pronto durante un tiempo, son frecuentes durante la recuperación y por lo general no significan que haya vuelto al principio. Tener un plan preparado hace que sean menos estresantes.",
        "Durante una recaída: siga moviéndose con suavidad en lugar de quedarse totalmente en reposo, y haga una versión más fácil de sus ejercicios en vez de dejarlos. Use hielo o calor, lo que le siente mejor. Reparta su actividad a lo largo del día y sea amable consigo mismo. La mayoría de las recaídas se calman en unos días.",
        "Piense en qué pudo provocarla, como un viaje largo en coche o un día muy ocupado, para planificarlo la próxima vez. Llámenos si la recaída dura más de una semana, sigue empeorando o viene con adormecimiento o debilidad nuevos. También puede contárnoslo en la página Cómo me siento.",
      ],
    },
  },
  {
    slug: "stress-and-pain",
    regions: ["any"],
    weeks: { from: 3, to: 10 },
    en: {
      title: "Stress, mood and pain",
      summary: "Why how you feel affects what you feel, and what helps.",
      body: [
        "Pain is not only about the body part that hurts. Stress, worry, low mood and poor sleep can all turn up the volume on pain, and pain in turn can make it harder to relax. This is a normal part of how the nervous system works, not a sign that the pain is imagined.",
        "Things that help many people: slow breathing for a few minutes, a short walk outside, keeping in touch with friends and family, and doing small activities you enjoy. Setting small, clear goals for the week can also give a sense of progress.",
        "If you feel low or anxious most days, please mention it to us or to your doctor. Support is available, and feeling better in your mood often helps your recovery too.",
      ],
    },
    es: {
      title: "Estrés, ánimo y dolor",
      summary: "Por qué cómo se siente influye en lo que siente, y qué ayuda.",
      body: [
        "El dolor no depende solo de la parte del cuerpo que duele. El estrés, la preocupación, el ánimo bajo y dormir mal pueden subir el volumen del dolor, y el dolor a su vez puede hacer más difícil relajarse. Es parte normal de cómo funciona el sistema nervioso, no una señal de que el dolor sea imaginario.",
        "Cosas que ayudan a muchas personas: respirar despacio unos minutos, dar un paseo corto al aire libre, mantener el contacto con amigos y familia, y hacer pequeñas actividades que disfruten. Ponerse metas pequeñas y claras para la semana también da sensación de progreso.",
        "Si se siente decaído o ansioso la mayoría de los días, coménteselo a nosotros o a su médico. Hay apoyo disponible, y sentirse mejor de ánimo a menudo también ayuda a su recuperación.",
      ],
    },
  },
  {
    slug: "back-to-activity",
    regions: ["any"],
    weeks: { from: 4, to: 12 },
    en: {
      title: "Returning to the things you enjoy",
      summary: "A step-by-step way back to sport, work and hobbies.",
      body: [
        "As you get stronger, you will want to return to the activities that matter to you, whether that is gardening, playing with grandchildren, a sport or a physical job. Going back step by step gives your body time to adapt.",
        "Start with a shorter or lighter version of the activity: nine holes instead of eighteen, half a shift of heavier tasks, or a gentle swim. If you feel fine that day and the next morning, do a little more next time. If you are clearly sorer the next day, go back one step for a few days.",
        "Your therapist can help you plan the steps and practice the movements your activity needs. Tell us about your goals so we can build them into your program.",
      ],
    },
    es: {
      title: "Volver a lo que le gusta hacer",
      summary: "Un camino paso a paso para volver al deporte, el trabajo y sus aficiones.",
      body: [
        "A medida que se fortalezca, querrá volver a las actividades que le importan, ya sea la jardinería, jugar con sus nietos, un deporte o un trabajo físico. Volver paso a paso le da tiempo a su cuerpo para adaptarse.",
        "Empiece con una versión más corta o más ligera de la actividad: nueve hoyos en vez de dieciocho, media jornada de tareas pesadas o una natación suave. Si se siente bien ese día y a la mañana siguiente, haga un poco más la próxima vez. Si al día siguiente tiene claramente más molestias, retroceda un paso durante unos días.",
        "Su terapeuta puede ayudarle a planificar los pasos y a practicar los movimientos que necesita su actividad. Cuéntenos sus metas para incluirlas en su programa.",
      ],
    },
  },
  {
    slug: "finishing-therapy",
    regions: ["any"],
    weeks: { from: 6, to: 16 },
    en: {
      title: "Getting ready to finish physical therapy",
      summary: "How to make sure your progress lasts after your last visit.",
      body: [
        "Finishing physical therapy does not mean your recovery stops. By now you have learned a lot about what helps your body, and the goal is for you to keep going on your own with confidence.",
        "Before your last visits, ask your therapist which exercises to keep doing, how often, and how to make them harder over time. Make sure you know what to do if you have a flare-up, and which signs mean you should call.",
        "Think about a simple weekly routine that fits your life, such as exercises three days a week and a walk on the other days. Writing it down or setting reminders on your phone makes it more likely to stick.",
      ],
    },
    es: {
      title: "Prepararse para terminar la fisioterapia",
      summary: "Cómo lograr que su progreso dure después de la última cita.",
      body: [
        "Terminar la fisioterapia no significa que su recuperación se detenga. A estas alturas ha aprendido mucho sobre lo que le ayuda, y el objetivo es que siga adelante por su cuenta con confianza.",
        "Antes de sus últimas citas, pregunte a su terapeuta qué ejercicios debe seguir haciendo, con qué frecuencia y cómo hacerlos más difíciles con el tiempo. Asegúrese de saber qué hacer si tiene una recaída y qué señales significan que debe llamar.",
        "Piense en una rutina semanal sencilla que encaje en su vida, como ejercicios tres días a la semana y una caminata los demás días. Escribirla o poner recordatorios en su teléfono hace más probable que la mantenga.",
      ],
    },
  },
  {
    slug: "staying-active",
    regions: ["any"],
    weeks: { from: 8, to: null },
    en: {
      title: "Staying active after physical therapy",
      summary: "Keeping the gains you worked for.",
      body: [
        "The strength and movement you gained in therapy last best when you keep using them. Regular activity also protects your heart, bones, mood and sleep.",
        "A common goal for adults is about 150 minutes of moderate activity a week, such as brisk walking, cycling or swimming, plus strengthening exercises on two days. If that sounds like a lot, start with what you can do and build up slowly. Any activity is better than none.",
        "Choose activities you enjoy and can do near home, and consider doing them with a friend. If an old problem starts to come back, return to the exercises from your program for a couple of weeks. If it does not settle, get in touch: we are happy to see you again.",
      ],
    },
    es: {
      title: "Mantenerse activo después de la fisioterapia",
      summary: "Conservar lo que tanto le costó lograr.",
      body: [
        "La fuerza y la movilidad que ganó en la terapia duran más cuando las sigue usando. La actividad regular también protege su corazón, sus huesos, su ánimo y su sueño.",
        "Una meta habitual para adultos es unos 150 minutos de actividad moderada a la semana, como caminar a paso ligero, andar en bicicleta o nadar, más ejercicios de fuerza dos días. Si le parece mucho, empiece con lo que pueda hacer y aumente poco a poco. Cualquier actividad es mejor que ninguna.",
        "Elija actividades que disfrute y pueda hacer cerca de casa, y piense en hacerlas con un amigo. Si un problema antiguo empieza a volver, retome los ejercicios de su programa durante un par de semanas. Si no mejora, póngase en contacto: con gusto le volveremos a ver.",
      ],
    },
  },
];
