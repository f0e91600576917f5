import type { Article } from "../library";

/** Articles for the back, neck, shoulder, elbow and hand. */
export const upperBody: Article[] = [
  {
    slug: "moving-with-a-sore-back",
    regions: ["low_back", "thoracic"],
    weeks: { from: 1, to: 6 },
    en: {
      title: "Moving with a sore back",
      summary: "Everyday movement that helps your back settle.",
      body: [
        "Most back pain improves with time, and staying gently active usually helps more than resting in bed. Your back is strong, and careful movement is part of recovery.",
        "Change position often: if you sit for a long time, get up and walk around every 30 to 45 minutes. When lifting, keep the object close to your body, bend at the hips and knees, and avoid twisting while you lift. Getting out of bed by rolling onto your side first and pushing up with your arms is often more comfortable.",
        "Seek urgent care if you have numbness around the groin or buttocks, new trouble controlling your bladder or bowels, or weakness in your legs that is getting worse. These are rare but need to be checked right away.",
      ],
    },
    es: {
      title: "Moverse con dolor de espalda",
      summary: "Movimientos cotidianos que ayudan a que su espalda se calme.",
      body: [
        "La mayoría de los dolores de espalda mejoran con el tiempo, y mantenerse activo con suavidad suele ayudar más que quedarse en cama. Su espalda es fuerte, y moverse con cuidado es parte de la recuperación.",
        "Cambie de posición a menudo: si pasa mucho tiempo sentado, levántese y camine un poco cada 30 a 45 minutos. Al levantar algo, manténgalo cerca del cuerpo, doble las caderas y las rodillas y evite girar mientras levanta. Para salir de la cama, suele ser más cómodo girarse primero de lado y empujarse con los brazos.",
        "Busque atención urgente si siente adormecimiento en la ingle o las nalgas, tiene problemas nuevos para controlar la orina o las heces, o una debilidad en las piernas que va a peor. Es poco frecuente, pero hay que revisarlo de inmediato.",
      ],
    },
  },
  {
    slug: "sleep-positions-back-hip",
    regions: ["low_back", "hip"],
    weeks: { from: 1, to: 4 },
    en: {
      title: "Sleep positions for a sore back or hip",
      summary: "Pillow tricks that can make nights more comfortable.",
      body: [
        "There is no single best sleeping position, but a few simple changes help many people with back or hip pain rest better.",
        "If you sleep on your back, try a pillow under your knees. If you sleep on your side, bend your knees slightly and put a pillow between them, so your top leg does not pull your hip and back out of line. For a sore hip, lying on the other side is often more comfortable. If you sleep on your stomach, a thin pillow under your belly can take strain off your lower back.",
        "A medium-firm mattress suits most people. Turn over in bed by bending your knees and rolling your body as one piece.",
      ],
    },
    es: {
      title: "Posiciones para dormir con dolor de espalda o de cadera",
      summary: "Trucos con almohadas que pueden hacer las noches más cómodas.",
      body: [
        "No hay una única posición ideal para dormir, pero algunos cambios sencillos ayudan a muchas personas con dolor de espalda o de cadera a descansar mejor.",
        "Si duerme boca arriba, pruebe a poner una almohada debajo de las rodillas. Si duerme de lado, doble un poco las rodillas y ponga una almohada entre ellas, para que la pierna de arriba no desalinee la cadera y la espalda. Con dolor de cadera, acostarse sobre el otro lado suele ser más cómodo. Si duerme boca abajo, una almohada delgada bajo el vientre puede aliviar la parte baja de la espalda.",
        "A la mayoría de las personas les conviene un colchón de firmeza media. Para darse la vuelta en la cama, doble las rodillas y gire el cuerpo como un solo bloque.",
      ],
    },
  },
  {
    slug: "neck-desk-and-phone",
    regions: ["neck", "thoracic"],
    weeks: { from: 1, to: 8 },
    en: {
      title: "Your neck at the desk and on the phone",
      summary: "Small set-up changes that ease neck and upper back strain.",
      body: [
        "Long periods in one position, especially looking down at a phone or laptop, can leave your neck and upper back sore. No single posture is perfect; the best posture is the next one, so change position often.",
        "Raise your screen so the top is about at eye level, and hold your phone higher instead of bending your head down to it. Sit with your back supported and your feet flat. Set a reminder to take a short break every half hour: roll your shoulders, gently turn your head side to side, and look into the distance.",
        "Call us if you notice numbness, tingling or weakness spreading into your arm or hand, or headaches that are new or getting worse.",
      ],
    },
    es: {
      title: "Su cuello en el escritorio y con el teléfono",
      summary: "Pequeños cambios que alivian la tensión del cuello y la parte alta de la espalda.",
      body: [
        "Pasar mucho tiempo en una misma posición, sobre todo mirando hacia abajo al teléfono o a la computadora portátil, puede dejar adolorido el cuello y la parte alta de la espalda. Ninguna postura es perfecta; la mejor postura es la siguiente, así que cambie de posición a menudo.",
        "Suba la pantalla para que la parte de arriba quede más o menos a la altura de los ojos, y sostenga el teléfono más alto en vez de bajar la cabeza hacia él. Siéntese con la espalda apoyada y los pies planos en el suelo. Ponga un recordatorio para hacer una pausa corta cada media hora: mueva los hombros en círculos, gire la cabeza suavemente de un lado a otro y mire a lo lejos.",
        "Llámenos si nota adormecimiento, hormigueo o debilidad que se extiende al brazo o la mano, o dolores de cabeza nuevos o que van a peor.",
      ],
    },
  },
  {
    slug: "sleeping-with-a-sore-shoulder",
    regions: ["shoulder"],
    weeks: { from: 1, to: 6 },
    en: {
      title: "Sleeping with a sore shoulder",
      summary: "Positions that protect your shoulder at night.",
      body: [
        "Shoulder pain is often worse at night, which can be tiring and frustrating. Support and position make a big difference.",
        "Try not to lie directly on the sore shoulder at first. On your back, place a small pillow under the elbow of the sore arm so the arm rests slightly forward of your body. On the other side, hug a pillow in front of you to rest the sore arm on, so it does not fall forward across your chest.",
        "Some people sleep better propped up on several pillows or in a recliner for a while. Gentle movement of the arm before bed, as your therapist showed you, can also ease stiffness. If night pain is not improving over a few weeks, let us know.",
      ],
    },
    es: {
      title: "Dormir con dolor de hombro",
      summary: "Posiciones que protegen su hombro por la noche.",
      body: [
        "El dolor de hombro suele empeorar por la noche, lo que puede ser agotador y frustrante. El apoyo y la posición marcan una gran diferencia.",
        "Al principio, trate de no acostarse directamente sobre el hombro adolorido. Boca arriba, ponga una almohada pequeña debajo del codo del brazo adolorido para que el brazo descanse un poco por delante del cuerpo. Sobre el otro lado, abrace una almohada delante de usted y apoye en ella el brazo adolorido, para que no caiga hacia delante sobre el pecho.",
        "Algunas personas duermen mejor semisentadas con varias almohadas o en un sillón reclinable durante un tiempo. Mover el brazo con suavidad antes de acostarse, como le enseñó su terapeuta, también puede aliviar la rigidez. Si el dolor nocturno no mejora en unas semanas, avísenos.",
      ],
    },
  },
  {
    slug: "reaching-and-lifting",
    regions: ["shoulder", "elbow"],
    weeks: { from: 3, to: 10 },
    en: {
      title: "Reaching and lifting again",
      summary: "Using your arm more as your shoulder or elbow improves.",
      body: [
        "As your arm gets stronger, using it in daily life is one of the best ways to keep improving. The aim is to use it more, a little at a time, rather than protecting it completely.",
        "Keep everyday items you use often on shelves between waist and shoulder height at first. Carry loads close to your body, and split heavy shopping into lighter bags in both hands. When reaching overhead, face what you are reaching for and use a step stool rather than stretching at an awkward angle.",
        "Gradually try higher shelves and slightly heavier objects as your therapist advises. Some tiredness in the arm is normal; sharp pain or pain that lasts into the next day means it is time to ease back a step.",
      ],
    },
    es: {
      title: "Volver a alcanzar y levantar cosas",
      summary: "Usar más el brazo a medida que mejora su hombro o su codo.",
      body: [
        "A medida que su brazo se fortalece, usarlo en la vida diaria es una de las mejores formas de seguir mejorando. La meta es usarlo más, poco a poco, en lugar de protegerlo por completo.",
        "Al principio, ponga los objetos que usa a menudo en estantes entre la cintura y la altura del hombro. Lleve las cargas cerca del cuerpo y reparta las compras pesadas en bolsas más ligeras en ambas manos. Para alcanzar algo por encima de la cabeza, póngase de frente y use un banquito en vez de estirarse en una postura incómoda.",
        "Pruebe poco a poco con estantes más altos y objetos algo más pesados, según le indique su terapeuta. Es normal sentir el brazo algo cansado; un dolor agudo o que dura hasta el día siguiente significa que es momento de retroceder un paso.",
      ],
    },
  },
  {
    slug: "hand-wrist-elbow-daily-tasks",
    regions: ["wrist_hand", "elbow"],
    weeks: { from: 1, to: 8 },
    en: {
      title: "Everyday tasks with a sore hand, wrist or elbow",
      summary: "Ways to keep using your hand while it heals.",
      body: [
        "Your hands are busy all day, so a sore hand, wrist or elbow can affect almost everything you do. Small changes can take the strain off while you recover.",
        "Use both hands to lift and carry, with your palms facing up when you can. Choose tools with thicker handles, or wrap a cloth around thin ones, so you do not need to grip as hard. Take short breaks from typing, phone use and repetitive tasks, and gently open and close your hand during the breaks.",
        "Avoid holding one position for long, such as gripping a steering wheel tightly. Call us if you notice new numbness or tingling in your fingers, increasing swelling, or changes in the color of your hand.",
      ],
    },
    es: {
      title: "Tareas diarias con dolor de mano, muñeca o codo",
      summary: "Formas de seguir usando la mano mientras se recupera.",
      body: [
        "Sus manos trabajan todo el día, así que el dolor de mano, muñeca o codo puede afectar casi todo lo que hace. Pequeños cambios pueden reducir el esfuerzo mientras se recupera.",
        "Use las dos manos para levantar y llevar cosas, con las palmas hacia arriba cuando pueda. Elija utensilios con mangos más gruesos, o envuelva los delgados con un paño, para no tener que apretar tan fuerte. Haga pausas cortas al escribir, al usar el teléfono y en tareas repetitivas, y abra y cierre la mano con suavidad durante las pausas.",
        "Evite mantener una misma posición mucho tiempo, como agarrar el volante con fuerza. Llámenos si nota adormecimiento u hormigueo nuevo en los dedos, más hinchazón o cambios de color en la mano.",
      ],
    },
  },
];
