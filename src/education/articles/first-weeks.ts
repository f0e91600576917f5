import type { Article } from "../library";

/** General articles for the first weeks of care. */
export const firstWeeks: Article[] = [
  {
    slug: "what-to-expect",
    regions: ["any"],
    weeks: { from: 1, to: 2 },
    en: {
      title: "What to expect in your first weeks",
      summary: "How physical therapy usually goes at the start, and how you can help.",
      body: [
        "The first weeks of physical therapy are about getting to know your body and building a plan together. Your therapist will check how you move, ask what matters most to you, and teach you a few exercises to do at home.",
        "It is normal to feel a little sore after a visit or after new exercises. This usually settles within a day. Progress is rarely a straight line: some days feel better than others, and that is expected.",
        "You help most by coming to your visits, doing your home exercises most days, and telling us what works and what does not. Write down questions as they come up and bring them to your next visit. If something worries you, call us.",
      ],
    },
    es: {
      title: "Qué esperar en las primeras semanas",
      summary: "Cómo suele empezar la fisioterapia y cómo puede ayudar usted.",
      body: [
        "Las primeras semanas de fisioterapia sirven para conocer cómo se mueve su cuerpo y hacer un plan juntos. Su terapeuta revisará cómo se mueve, le preguntará qué es lo más importante para usted y le enseñará algunos ejercicios para hacer en casa.",
        "Es normal sentir algo de molestia después de una cita o de ejercicios nuevos. Por lo general pasa en un día. El progreso casi nunca es en línea recta: algunos días se sentirá mejor que otros, y eso es de esperar.",
        "Lo que más ayuda es venir a sus citas, hacer sus ejercicios en casa la mayoría de los días y contarnos qué le funciona y qué no. Anote sus preguntas cuando le surjan y tráigalas a su próxima cita. Si algo le preocupa, llámenos.",
      ],
    },
  },
  {
    slug: "hurt-versus-harm",
    regions: ["any"],
    weeks: { from: 1, to: 4 },
    en: {
      title: "Hurt does not always mean harm",
      summary: "Why some discomfort during exercise is okay, and when to ease off.",
      body: [
        "When you have been in pain, it is natural to worry that moving will make things worse. But pain is the body's alarm system, and after an injury the alarm often becomes extra sensitive. Feeling some discomfort during exercise usually does not mean you are causing damage.",
        "A simple guide: mild discomfort during an exercise that settles within an hour or so, and is no worse the next morning, is generally fine. If pain is sharp, keeps building while you exercise, or is clearly worse the next day, do less next time: fewer repetitions, a smaller movement or a slower pace.",
        "Call us if you notice new numbness, weakness, swelling that keeps growing, or pain that wakes you and does not ease.",
      ],
    },
    es: {
      title: "Dolor no siempre significa daño",
      summary: "Por qué algo de molestia al hacer ejercicio está bien, y cuándo bajar el ritmo.",
      body: [
        "Cuando ha tenido dolor, es natural preocuparse de que moverse empeore las cosas. Pero el dolor es la alarma del cuerpo, y después de una lesión esa alarma suele volverse más sensible. Sentir algo de molestia durante el ejercicio normalmente no significa que se esté haciendo daño.",
        "Una guía sencilla: una molestia leve durante un ejercicio, que se calma en más o menos una hora y que no está peor a la mañana siguiente, por lo general está bien. Si el dolor es agudo, sigue aumentando mientras hace el ejercicio o está claramente peor al día siguiente, haga menos la próxima vez: menos repeticiones, un movimiento más pequeño o un ritmo más lento.",
        "Llámenos si nota adormecimiento nuevo, debilidad, una hinchazón que sigue creciendo o un dolor que le despierta y no se calma.",
      ],
    },
  },
  {
    slug: "ice-or-heat",
    regions: ["any"],
    weeks: { from: 1, to: 4 },
    en: {
      title: "Ice or heat?",
      summary: "Simple ways to ease pain and stiffness at home.",
      body: [
        "Both ice and heat can help you feel more comfortable. Neither one heals an injury by itself, but they can make it easier to move and to do your exercises.",
        "Ice is often more comfortable when an area is swollen, warm, or sore after activity. Heat often helps with stiffness and tight muscles, for example before your exercises in the morning. Many people simply use what feels better to them.",
        "Use either one for 10 to 20 minutes at a time. Always put a thin towel between your skin and the ice pack or heating pad, and check your skin every few minutes. Do not use ice or heat on areas where you have poor feeling, and never fall asleep on a heating pad.",
      ],
    },
    es: {
      title: "¿Hielo o calor?",
      summary: "Formas sencillas de aliviar el dolor y la rigidez en casa.",
      body: [
        "Tanto el hielo como el calor pueden ayudarle a sentirse más cómodo. Ninguno cura una lesión por sí solo, pero pueden hacer que le sea más fácil moverse y hacer sus ejercicios.",
        "El hielo suele sentirse mejor cuando una zona está hinchada, caliente o adolorida después de una actividad. El calor suele ayudar con la rigidez y los músculos tensos, por ejemplo antes de sus ejercicios por la mañana. Muchas personas simplemente usan lo que les hace sentir mejor.",
        "Use cualquiera de los dos de 10 a 20 minutos cada vez. Ponga siempre una toalla delgada entre la piel y la bolsa de hielo o la almohadilla térmica, y revise su piel cada pocos minutos. No use hielo ni calor en zonas donde tenga poca sensibilidad, y nunca se quede dormido sobre una almohadilla térmica.",
      ],
    },
  },
  {
    slug: "exercise-habit",
    regions: ["any"],
    weeks: { from: 1, to: 3 },
    en: {
      title: "Making your exercises a habit",
      summary: "Small tricks that help you keep doing your home program.",
      body: [
        "Home exercises work best when they are done regularly, a little at a time. Most people find it easier to keep going when exercises are tied to something they already do every day.",
        "Try pairing your exercises with a daily routine: after brushing your teeth, while the coffee brews, or during a favorite TV show. Keep any equipment, like a band or a towel, where you can see it. Ticking off each session in this portal can also help you see your progress.",
        "If you miss a day, simply start again the next day; there is no need to double up. If an exercise is confusing, too easy or too hard, tell us at your next visit so we can adjust it.",
      ],
    },
    es: {
      title: "Hacer de sus ejercicios un hábito",
      summary: "Pequeños trucos para mantener su programa en casa.",
      body: [
        "Los ejercicios en casa funcionan mejor cuando se hacen con regularidad, un poco cada vez. A la mayoría de las personas les resulta más fácil seguir cuando los ejercicios van unidos a algo que ya hacen todos los días.",
        "Pruebe a hacer sus ejercicios junto con una rutina diaria: después de cepillarse los dientes, mientras se prepara el café o durante su programa de televisión favorito. Deje el material, como una banda o una toalla, donde pueda verlo. Marcar cada sesión en este portal también le ayuda a ver su progreso.",
        "Si se salta un día, simplemente vuelva a empezar al día siguiente; no hace falta hacer el doble. Si un ejercicio le resulta confuso, demasiado fácil o demasiado difícil, díganoslo en su próxima cita para ajustarlo.",
      ],
    },
  },
  {
    slug: "sleep-well",
    regions: ["any"],
    weeks: { from: 1, to: 4 },
    en: {
      title: "Sleeping better while you recover",
      summary: "Habits that make rest easier when you are sore.",
      body: [
        "Good sleep helps your body recover and can make pain easier to manage. When you are sore, though, getting comfortable at night can be hard.",
        "Pillows are your friends: use them to support the sore area so your muscles can relax. Keep a regular bedtime and wake time, and try to avoid screens, heavy meals and caffeine in the hours before bed. Gentle movement during the day, such as a short walk, often helps sleep at night.",
        "If you wake up stiff, move gently for a few minutes before getting out of bed. If pain regularly keeps you awake, or wakes you every night, let us know so we can help.",
      ],
    },
    es: {
      title: "Dormir mejor mientras se recupera",
      summary: "Hábitos que facilitan el descanso cuando tiene molestias.",
      body: [
        "Dormir bien ayuda a su cuerpo a recuperarse y puede hacer que el dolor sea más fácil de manejar. Pero cuando tiene molestias, ponerse cómodo por la noche puede ser difícil.",
        "Las almohadas son sus aliadas: úselas para apoyar la zona adolorida y que los músculos se relajen. Mantenga un horario regular para acostarse y levantarse, y trate de evitar pantallas, comidas pesadas y cafeína en las horas antes de dormir. Moverse suavemente durante el día, como dar un paseo corto, suele ayudar a dormir por la noche.",
        "Si se despierta con rigidez, muévase con suavidad unos minutos antes de levantarse. Si el dolor no le deja dormir con frecuencia, o le despierta todas las noches, avísenos para poder ayudarle.",
      ],
    },
  },
  {
    slug: "pacing",
    regions: ["any"],
    weeks: { from: 2, to: 6 },
    en: {
      title: "Pacing: a bit, often",
      summary: "How to stay active without paying for it the next day.",
      body: [
        "On a good day it is tempting to do everything at once: clean the whole house, work in the garden, catch up on errands. Often the result is a painful day or two afterwards. Pacing helps you avoid this boom-and-bust cycle.",
        "Break big jobs into smaller pieces and take short breaks before you need them. Switch between different kinds of tasks, for example sitting, standing and walking. Find an amount of activity you can manage on both good and bad days, and start from there.",
        "Then increase slowly, by about ten percent each week, such as a few more minutes of walking. Steady small steps add up to big gains over time.",
      ],
    },
    es: {
      title: "Dosificar: poco a poco, con frecuencia",
      summary: "Cómo mantenerse activo sin pagarlo al día siguiente.",
      body: [
        "En un buen día es tentador hacerlo todo a la vez: limpiar toda la casa, trabajar en el jardín, ponerse al día con los mandados. Muchas veces el resultado es uno o dos días de dolor después. Dosificar la actividad le ayuda a evitar ese ciclo de mucho y luego nada.",
        "Divida las tareas grandes en partes más pequeñas y tome descansos cortos antes de necesitarlos. Alterne distintos tipos de tareas, por ejemplo estar sentado, de pie y caminando. Encuentre una cantidad de actividad que pueda hacer tanto en días buenos como en días malos, y empiece desde ahí.",
        "Luego aumente poco a poco, más o menos un diez por ciento cada semana, como unos minutos más de caminata. Los pasos pequeños y constantes se convierten en grandes avances con el tiempo.",
      ],
    },
  },
  {
    slug: "walking",
    regions: ["any"],
    weeks: { from: 2, to: 8 },
    en: {
      title: "Walking as part of your recovery",
      summary: "An easy, free way to keep your whole body moving.",
      body: [
        "For most people, walking is one of the simplest and safest ways to stay active during recovery. It gets the blood flowing, eases stiffness, lifts your mood and helps with sleep.",
        "Start with a distance that feels comfortable, even if it is only five or ten minutes. Walk on level ground at first and wear supportive shoes. If a longer walk is too much, try two or three short walks spread through the day.",
        "Add a few minutes every few days as you feel able. It is fine to feel a little tired or mildly sore afterwards. If walking makes your pain clearly worse, or you feel unsteady on your feet, talk with your therapist before going further.",
      ],
    },
    es: {
      title: "Caminar como parte de su recuperación",
      summary: "Una forma fácil y gratuita de mantener todo el cuerpo en movimiento.",
      body: [
        "Para la mayoría de las personas, caminar es una de las formas más sencillas y seguras de mantenerse activas durante la recuperación. Mejora la circulación, alivia la rigidez, levanta el ánimo y ayuda a dormir.",
        "Empiece con una distancia que le resulte cómoda, aunque sean solo cinco o diez minutos. Camine primero sobre terreno plano y use zapatos que sujeten bien. Si una caminata larga es demasiado, pruebe con dos o tres caminatas cortas repartidas durante el día.",
        "Añada unos minutos cada pocos días según se sienta capaz. Es normal sentirse un poco cansado o con una molestia leve después. Si caminar empeora claramente su dolor, o se siente inestable al caminar, hable con su terapeuta antes de ir más lejos.",
      ],
    },
  },
];
