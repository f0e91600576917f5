import type { Article } from "../library";

/** Articles for the hip, knee, ankle and foot. */
export const lowerBody: Article[] = [
  {
    slug: "stairs-and-chairs",
    regions: ["knee", "hip"],
    weeks: { from: 1, to: 6 },
    en: {
      title: "Stairs and getting up from a chair",
      summary: "Easier ways to manage everyday moves with a sore knee or hip.",
      body: [
        "Stairs and low chairs are often the hardest parts of the day when your knee or hip is sore. A few techniques can make them easier and safer.",
        "On stairs, use the handrail. A simple rule is “up with the good, down with the sore”: step up first with your stronger leg, and step down first with your sore leg. Take one step at a time until you feel more confident.",
        "To stand up from a chair, move to the front edge, place your feet slightly back, lean forward so your nose is over your toes, and push through both legs, using the armrests if you need them. Choose higher, firm chairs while you recover. As you get stronger, your therapist will help you practice these moves more normally.",
      ],
    },
    es: {
      title: "Escaleras y levantarse de una silla",
      summary: "Formas más fáciles de hacer movimientos cotidianos con dolor de rodilla o cadera.",
      body: [
        "Las escaleras y las sillas bajas suelen ser lo más difícil del día cuando le duele la rodilla o la cadera. Algunas técnicas pueden hacerlas más fáciles y seguras.",
        "En las escaleras, use el pasamanos. Una regla sencilla es «sube la buena, baja la adolorida»: al subir, dé el primer paso con la pierna más fuerte, y al bajar, con la pierna adolorida. Suba un escalón a la vez hasta que se sienta más seguro.",
        "Para levantarse de una silla, acérquese al borde, ponga los pies un poco hacia atrás, inclínese hacia delante hasta que la nariz quede sobre los dedos de los pies y empuje con ambas piernas, usando los apoyabrazos si lo necesita. Mientras se recupera, elija sillas firmes y más altas. A medida que se fortalezca, su terapeuta le ayudará a practicar estos movimientos de forma más normal.",
      ],
    },
  },
  {
    slug: "leg-swelling",
    regions: ["knee", "ankle_foot", "hip"],
    weeks: { from: 1, to: 4 },
    en: {
      title: "Managing swelling in your leg",
      summary: "Simple steps to keep swelling down after activity.",
      body: [
        "Some swelling around a sore knee, ankle or foot is common, especially at the end of the day or after you have been on your feet. Keeping it under control can make movement easier.",
        "Raise your leg when you rest, ideally with your foot higher than your heart, for 15 to 20 minutes a few times a day. While resting, gently pump your ankle up and down to help fluid move. Ice wrapped in a thin towel can also help. Spread your standing and walking through the day instead of doing it all at once.",
        "Seek medical care the same day if your calf becomes painful, warm, red or swollen, especially on one side only, or if you feel short of breath. These signs need to be checked quickly.",
      ],
    },
    es: {
      title: "Controlar la hinchazón de la pierna",
      summary: "Pasos sencillos para reducir la hinchazón después de la actividad.",
      body: [
        "Es frecuente tener algo de hinchazón alrededor de una rodilla, un tobillo o un pie adolorido, sobre todo al final del día o después de estar mucho de pie. Mantenerla bajo control puede facilitar el movimiento.",
        "Cuando descanse, eleve la pierna, idealmente con el pie más alto que el corazón, de 15 a 20 minutos varias veces al día. Mientras descansa, mueva el tobillo suavemente hacia arriba y hacia abajo para ayudar a mover el líquido. El hielo envuelto en una toalla delgada también puede ayudar. Reparta el tiempo de pie y caminando a lo largo del día en vez de hacerlo todo de una vez.",
        "Busque atención médica el mismo día si la pantorrilla se pone dolorida, caliente, roja o hinchada, sobre todo de un solo lado, o si siente falta de aire. Estas señales deben revisarse pronto.",
      ],
    },
  },
  {
    slug: "shoes-and-surfaces",
    regions: ["ankle_foot"],
    weeks: { from: 1, to: 8 },
    en: {
      title: "Shoes and walking surfaces",
      summary: "Footwear choices that support a recovering ankle or foot.",
      body: [
        "The right shoes can make walking more comfortable and help protect a sore ankle or foot while it gets stronger.",
        "Choose shoes with a firm heel, good cushioning, and laces or straps that hold your foot securely. Avoid high heels, worn-out shoes and loose slippers or flip-flops for now. Wear your shoes around the house too, especially on stairs and hard floors.",
        "Start walking on smooth, level surfaces. Uneven ground like grass, gravel or trails asks more of your ankle, so add it gradually as your balance improves. Good lighting at night and clear floors at home lower the risk of tripping. Ask your therapist whether an insole or a brace would help you.",
      ],
    },
    es: {
      title: "Zapatos y superficies para caminar",
      summary: "Elegir calzado que apoye un tobillo o pie en recuperación.",
      body: [
        "Los zapatos adecuados pueden hacer que caminar sea más cómodo y ayudan a proteger un tobillo o pie adolorido mientras se fortalece.",
        "Elija zapatos con talón firme, buena amortiguación y cordones o correas que sujeten bien el pie. Por ahora, evite los tacones altos, los zapatos gastados y las pantuflas sueltas o chanclas. Use sus zapatos también dentro de casa, sobre todo en escaleras y suelos duros.",
        "Empiece a caminar sobre superficies lisas y planas. El terreno irregular, como el césped, la grava o los senderos, exige más al tobillo, así que añádalo poco a poco a medida que mejore su equilibrio. Una buena iluminación por la noche y suelos despejados en casa reducen el riesgo de tropezar. Pregunte a su terapeuta si una plantilla o una tobillera le ayudaría.",
      ],
    },
  },
  {
    slug: "leg-strength",
    regions: ["knee", "hip", "ankle_foot"],
    weeks: { from: 4, to: 12 },
    en: {
      title: "Building strength for daily life",
      summary: "Why leg strength matters and how to keep building it.",
      body: [
        "Strong legs make everyday life easier: climbing stairs, getting up from the floor, carrying groceries and keeping your balance. Strength also protects your joints by sharing the load.",
        "Muscles get stronger when they are asked to do a little more than they are used to. As your exercises start to feel easy, your therapist may add a few repetitions, a band, a weight or a harder version. Feeling your muscles work, or a little tired the next day, is a normal sign of this.",
        "Strength takes weeks to build, so consistency matters more than intensity. Two or three sessions a week, done steadily, will bring results. Keep going even on days when progress feels slow.",
      ],
    },
    es: {
      title: "Ganar fuerza para la vida diaria",
      summary: "Por qué importa la fuerza de las piernas y cómo seguir ganándola.",
      body: [
        "Unas piernas fuertes facilitan la vida diaria: subir escaleras, levantarse del suelo, cargar las compras y mantener el equilibrio. La fuerza también protege las articulaciones porque reparte la carga.",
        "Los músculos se fortalecen cuando se les pide un poco más de lo que están acostumbrados. Cuando sus ejercicios empiecen a resultarle fáciles, su terapeuta puede añadir algunas repeticiones, una banda, un peso o una versión más difícil. Notar que los músculos trabajan, o sentirlos algo cansados al día siguiente, es una señal normal de esto.",
        "La fuerza tarda semanas en construirse, así que la constancia importa más que la intensidad. Dos o tres sesiones por semana, hechas con regularidad, darán resultados. Siga adelante incluso los días en que el progreso parezca lento.",
      ],
    },
  },
];
