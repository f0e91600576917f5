/**
 * Seed library of common physical-therapy home exercises, in English and Spanish. Data only: no images.
 * Ids are stable kebab-case keys that prescriptions and logs refer to: never rename one.
 * `defaults` is the usual starting dose; the therapist adjusts it when prescribing.
 */
import type { Dose } from "./model";

export const BODY_REGIONS = [
  "neck",
  "shoulder",
  "elbow",
  "wrist_hand",
  "thoracic",
  "low_back",
  "hip",
  "knee",
  "ankle_foot",
  "other",
] as const;

export type BodyRegion = (typeof BODY_REGIONS)[number];

export interface Exercise {
  id: string;
  name: string;
  nameEs: string;
  bodyRegions: readonly BodyRegion[];
  instructions: string;
  instructionsEs: string;
  defaults: Dose;
}

/** Closing safety sentence every instruction carries (some add a reason of their own after it). */
export const SAFETY_EN = "Stop if pain is sharp or increases";
export const SAFETY_ES = "Pare si el dolor es agudo o aumenta";

const dose = (sets: number, reps: number, holdSeconds: number, timesPerDay: number, daysPerWeek: number): Dose => ({
  sets,
  reps,
  holdSeconds,
  timesPerDay,
  daysPerWeek,
});

export const EXERCISES: readonly Exercise[] = [
  {
    id: "chin-tuck",
    name: "Chin tucks",
    nameEs: "Retracción de mentón",
    bodyRegions: ["neck"],
    instructions:
      "Sit or stand tall and look straight ahead. Gently draw your chin straight back, as if making a double chin, without tipping your head down. Hold, then relax. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese o párese derecho y mire al frente. Lleve el mentón suavemente hacia atrás, como si hiciera papada, sin bajar la cabeza. Mantenga y luego relaje. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 5, 2, 7),
  },
  {
    id: "upper-trapezius-stretch",
    name: "Upper trapezius stretch",
    nameEs: "Estiramiento del trapecio superior",
    bodyRegions: ["neck", "shoulder"],
    instructions:
      "Sit tall and hold the edge of the chair with one hand. Tilt your ear toward the opposite shoulder until you feel a gentle stretch. Hold, then switch sides. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese derecho y sujete el borde de la silla con una mano. Incline la oreja hacia el hombro contrario hasta sentir un estiramiento suave. Mantenga y luego cambie de lado. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 3, 30, 2, 7),
  },
  {
    id: "scapular-retraction",
    name: "Shoulder blade squeeze (scapular retraction)",
    nameEs: "Juntar los omóplatos (retracción escapular)",
    bodyRegions: ["shoulder", "thoracic"],
    instructions:
      "Sit or stand tall with your arms relaxed. Squeeze your shoulder blades back and down, without shrugging. Hold, then relax. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese o párese derecho con los brazos relajados. Junte los omóplatos hacia atrás y hacia abajo, sin subir los hombros. Mantenga y luego relaje. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 5, 2, 7),
  },
  {
    id: "pendulum",
    name: "Pendulum",
    nameEs: "Péndulo",
    bodyRegions: ["shoulder"],
    instructions:
      "Lean forward and rest your good hand on a table. Let your sore arm hang down loosely. Gently rock your body so the arm swings in small circles, forward and back, and side to side. Stop if pain is sharp or increases.",
    instructionsEs:
      "Inclínese hacia adelante y apoye la mano sana en una mesa. Deje colgar el brazo adolorido, relajado. Mueva suavemente el cuerpo para que el brazo se balancee en círculos pequeños, adelante y atrás, y de lado a lado. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 3, 7),
  },
  {
    id: "wall-slide",
    name: "Wall slides",
    nameEs: "Deslizamientos en la pared",
    bodyRegions: ["shoulder"],
    instructions:
      "Stand facing a wall with your forearms resting on it. Slowly slide your arms up the wall as far as is comfortable. Slide them back down with control. Stop if pain is sharp or increases.",
    instructionsEs:
      "Párese frente a una pared con los antebrazos apoyados en ella. Deslice los brazos lentamente hacia arriba hasta donde le resulte cómodo. Bájelos de nuevo con control. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 7),
  },
  {
    id: "external-rotation-band",
    name: "External rotation with band",
    nameEs: "Rotación externa con banda elástica",
    bodyRegions: ["shoulder"],
    instructions:
      "Hold a band with both hands, elbows bent and tucked at your sides. Keeping your elbows in, slowly rotate your forearms outward. Return slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Sujete una banda elástica con ambas manos, con los codos doblados y pegados al cuerpo. Sin separar los codos, gire lentamente los antebrazos hacia afuera. Regrese despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(3, 10, 0, 1, 5),
  },
  {
    id: "doorway-pec-stretch",
    name: "Doorway chest stretch",
    nameEs: "Estiramiento de pecho en el marco de la puerta",
    bodyRegions: ["shoulder", "thoracic"],
    instructions:
      "Stand in a doorway and place your forearms on the frame, elbows at shoulder height. Step one foot forward until you feel a gentle stretch across your chest. Hold, then step back. Stop if pain is sharp or increases.",
    instructionsEs:
      "Párese en el marco de una puerta y apoye los antebrazos en el marco, con los codos a la altura de los hombros. Dé un paso adelante hasta sentir un estiramiento suave en el pecho. Mantenga y luego regrese. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 3, 30, 2, 7),
  },
  {
    id: "wrist-flexor-stretch",
    name: "Wrist flexor stretch",
    nameEs: "Estiramiento de flexores de muñeca",
    bodyRegions: ["wrist_hand", "elbow"],
    instructions:
      "Hold your arm straight in front of you, palm up. With your other hand, gently bend your wrist back until you feel a stretch in your forearm. Hold, then relax. Stop if pain is sharp or increases.",
    instructionsEs:
      "Extienda el brazo al frente con la palma hacia arriba. Con la otra mano, doble suavemente la muñeca hacia atrás hasta sentir un estiramiento en el antebrazo. Mantenga y luego relaje. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 3, 30, 2, 7),
  },
  {
    id: "cat-cow",
    name: "Cat-cow",
    nameEs: "Gato-vaca",
    bodyRegions: ["low_back", "thoracic"],
    instructions:
      "Start on your hands and knees. Slowly round your back up toward the ceiling, then let it sag gently as you lift your head. Move within a comfortable range. Stop if pain is sharp or increases.",
    instructionsEs:
      "Colóquese en cuatro puntos, apoyado en manos y rodillas. Arquee lentamente la espalda hacia el techo y luego déjela bajar suavemente mientras levanta la cabeza. Muévase dentro de un rango cómodo. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 7),
  },
  {
    id: "bird-dog",
    name: "Bird dog",
    nameEs: "Bird dog (brazo y pierna contrarios)",
    bodyRegions: ["low_back", "hip"],
    instructions:
      "Start on your hands and knees with your back flat. Slowly reach one arm forward and the opposite leg back, keeping your hips level. Hold, then switch sides. Stop if pain is sharp or increases.",
    instructionsEs:
      "Colóquese en cuatro puntos con la espalda recta. Estire lentamente un brazo hacia adelante y la pierna contraria hacia atrás, sin girar la cadera. Mantenga y luego cambie de lado. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 5, 1, 5),
  },
  {
    id: "pelvic-tilt",
    name: "Pelvic tilt",
    nameEs: "Inclinación pélvica",
    bodyRegions: ["low_back"],
    instructions:
      "Lie on your back with your knees bent and feet flat. Tighten your stomach and gently press your low back into the floor. Hold, then relax. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con las rodillas dobladas y los pies apoyados. Apriete el abdomen y presione suavemente la parte baja de la espalda contra el piso. Mantenga y luego relaje. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 5, 2, 7),
  },
  {
    id: "bridge",
    name: "Bridge",
    nameEs: "Puente",
    bodyRegions: ["low_back", "hip"],
    instructions:
      "Lie on your back with your knees bent and feet flat. Squeeze your buttocks and lift your hips until your body is in a straight line from shoulders to knees. Hold, then lower slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con las rodillas dobladas y los pies apoyados. Apriete los glúteos y levante la cadera hasta formar una línea recta de los hombros a las rodillas. Mantenga y luego baje despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 3, 1, 5),
  },
  {
    id: "clamshell",
    name: "Clamshell",
    nameEs: "Almeja",
    bodyRegions: ["hip"],
    instructions:
      "Lie on your side with your knees bent and heels together. Keeping your feet touching, lift your top knee without rolling your hips back. Lower slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese de lado con las rodillas dobladas y los talones juntos. Sin separar los pies, levante la rodilla de arriba sin girar la cadera hacia atrás. Bájela despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 15, 0, 1, 5),
  },
  {
    id: "prone-press-up",
    name: "Prone press-up",
    nameEs: "Extensión boca abajo",
    bodyRegions: ["low_back"],
    instructions:
      "Lie on your stomach with your hands under your shoulders. Keep your hips down and slowly straighten your arms to lift your chest. Hold briefly, then lower. Stop if pain is sharp or increases, or if it spreads down your leg.",
    instructionsEs:
      "Acuéstese boca abajo con las manos debajo de los hombros. Mantenga la cadera en el piso y estire lentamente los brazos para levantar el pecho. Mantenga un momento y baje. Pare si el dolor es agudo o aumenta, o si baja por la pierna.",
    defaults: dose(1, 10, 2, 3, 7),
  },
  {
    id: "knee-to-chest",
    name: "Knee to chest",
    nameEs: "Rodilla al pecho",
    bodyRegions: ["low_back", "hip"],
    instructions:
      "Lie on your back with your knees bent. Gently pull one knee toward your chest with both hands until you feel a stretch in your low back. Hold, then switch legs. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con las rodillas dobladas. Con ambas manos, lleve suavemente una rodilla hacia el pecho hasta sentir un estiramiento en la parte baja de la espalda. Mantenga y luego cambie de pierna. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 3, 30, 2, 7),
  },
  {
    id: "piriformis-stretch",
    name: "Piriformis stretch",
    nameEs: "Estiramiento del piriforme",
    bodyRegions: ["hip", "low_back"],
    instructions:
      "Lie on your back with your knees bent. Cross one ankle over the opposite knee, then gently pull the bottom thigh toward your chest. Hold when you feel a stretch in your buttock, then switch sides. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con las rodillas dobladas. Cruce un tobillo sobre la rodilla contraria y lleve suavemente el muslo de abajo hacia el pecho. Mantenga al sentir el estiramiento en el glúteo y luego cambie de lado. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 3, 30, 2, 7),
  },
  {
    id: "hamstring-stretch",
    name: "Hamstring stretch",
    nameEs: "Estiramiento de isquiotibiales",
    bodyRegions: ["knee", "hip"],
    instructions:
      "Sit on the edge of a chair with one leg straight out and the heel on the floor. Keep your back straight and lean forward from your hips until you feel a stretch behind your thigh. Hold, then switch legs. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese en el borde de una silla con una pierna estirada y el talón en el piso. Con la espalda recta, inclínese hacia adelante desde la cadera hasta sentir un estiramiento detrás del muslo. Mantenga y luego cambie de pierna. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 3, 30, 2, 7),
  },
  {
    id: "quad-set",
    name: "Quad sets",
    nameEs: "Contracción de cuádriceps",
    bodyRegions: ["knee"],
    instructions:
      "Sit or lie with your leg straight. Tighten the muscle on top of your thigh, pressing the back of your knee down. Hold, then relax. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese o acuéstese con la pierna estirada. Apriete el músculo de la parte de arriba del muslo, empujando la parte de atrás de la rodilla hacia abajo. Mantenga y luego relaje. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 5, 3, 7),
  },
  {
    id: "straight-leg-raise",
    name: "Straight leg raise",
    nameEs: "Elevación de pierna recta",
    bodyRegions: ["knee", "hip"],
    instructions:
      "Lie on your back with one knee bent and the other leg straight. Tighten your thigh and lift the straight leg to the height of the bent knee. Lower slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con una rodilla doblada y la otra pierna estirada. Apriete el muslo y levante la pierna estirada hasta la altura de la rodilla doblada. Bájela despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 2, 7),
  },
  {
    id: "heel-slide",
    name: "Heel slides",
    nameEs: "Deslizamiento de talón",
    bodyRegions: ["knee"],
    instructions:
      "Lie on your back with your legs straight. Slowly slide one heel toward your buttocks, bending your knee as far as is comfortable. Slide it back out. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con las piernas estiradas. Deslice lentamente un talón hacia los glúteos, doblando la rodilla hasta donde le resulte cómodo. Vuelva a estirarla. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 3, 7),
  },
  {
    id: "short-arc-quad",
    name: "Short arc quad",
    nameEs: "Extensión de rodilla en arco corto",
    bodyRegions: ["knee"],
    instructions:
      "Lie on your back with a rolled towel under your knee. Tighten your thigh and straighten your knee, lifting your heel off the floor. Hold, then lower slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con una toalla enrollada debajo de la rodilla. Apriete el muslo y estire la rodilla, levantando el talón del piso. Mantenga y luego baje despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 3, 2, 7),
  },
  {
    id: "mini-squat",
    name: "Mini squat",
    nameEs: "Mini sentadilla",
    bodyRegions: ["knee", "hip"],
    instructions:
      "Stand with your feet hip-width apart, holding a counter for balance. Bend your knees a little, as if starting to sit, keeping your weight in your heels. Stand back up slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Párese con los pies separados al ancho de la cadera, sujetándose de un mostrador. Doble un poco las rodillas, como si fuera a sentarse, con el peso en los talones. Vuelva a pararse despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 5),
  },
  {
    id: "step-up",
    name: "Step-ups",
    nameEs: "Subir escalón",
    bodyRegions: ["knee", "hip"],
    instructions:
      "Stand facing a low step, holding a rail for balance. Step up with one foot, then bring the other foot up. Step back down slowly, one foot at a time. Stop if pain is sharp or increases.",
    instructionsEs:
      "Párese frente a un escalón bajo, sujetándose de un pasamanos. Suba un pie y luego el otro. Baje despacio, un pie a la vez. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 5),
  },
  {
    id: "sit-to-stand",
    name: "Sit to stand",
    nameEs: "Sentarse y pararse",
    bodyRegions: ["knee", "hip"],
    instructions:
      "Sit near the front of a sturdy chair with your feet flat. Lean forward and stand up, using your hands only if needed. Sit back down slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese cerca del borde de una silla firme con los pies apoyados. Inclínese hacia adelante y párese, usando las manos solo si lo necesita. Siéntese de nuevo despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 5),
  },
  {
    id: "calf-raise",
    name: "Calf raises",
    nameEs: "Elevación de talones",
    bodyRegions: ["ankle_foot"],
    instructions:
      "Stand holding a counter for balance. Rise up onto your toes, then lower your heels slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Párese sujetándose de un mostrador. Suba en puntas de pie y luego baje los talones despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 15, 0, 1, 5),
  },
  {
    id: "ankle-alphabet",
    name: "Ankle alphabet",
    nameEs: "Alfabeto con el tobillo",
    bodyRegions: ["ankle_foot"],
    instructions:
      "Sit with your leg supported and your foot off the floor. Trace the letters of the alphabet in the air with your big toe, moving only your ankle. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese con la pierna apoyada y el pie en el aire. Dibuje las letras del alfabeto con el dedo gordo, moviendo solo el tobillo. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 1, 0, 2, 7),
  },
  {
    id: "ankle-pump",
    name: "Ankle pumps",
    nameEs: "Bombeo de tobillo",
    bodyRegions: ["ankle_foot"],
    instructions:
      "Sit or lie with your legs straight. Point your toes away from you, then pull them back toward you. Keep the movement smooth. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese o acuéstese con las piernas estiradas. Apunte los dedos de los pies hacia adelante y luego llévelos hacia usted. Haga el movimiento suave y continuo. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 20, 0, 3, 7),
  },
  {
    id: "towel-scrunch",
    name: "Towel scrunches",
    nameEs: "Recoger la toalla con los dedos",
    bodyRegions: ["ankle_foot"],
    instructions:
      "Sit with a towel flat on the floor under your bare foot. Curl your toes to pull the towel toward you, keeping your heel down. Spread the towel out and repeat. Stop if pain is sharp or increases.",
    instructionsEs:
      "Siéntese con una toalla extendida en el piso bajo el pie descalzo. Encoja los dedos para jalar la toalla hacia usted, sin levantar el talón. Vuelva a extender la toalla y repita. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 7),
  },
  {
    id: "single-leg-balance",
    name: "Single-leg balance",
    nameEs: "Equilibrio en una pierna",
    bodyRegions: ["ankle_foot", "other"],
    instructions:
      "Stand next to a counter and hold on lightly. Lift one foot and balance on the other leg. Hold, then switch legs, using the counter whenever you need it. Stop if pain is sharp or increases, or if you feel unsteady.",
    instructionsEs:
      "Párese junto a un mostrador y sujétese ligeramente. Levante un pie y mantenga el equilibrio sobre la otra pierna. Mantenga y luego cambie de pierna, usando el mostrador cuando lo necesite. Pare si el dolor es agudo o aumenta, o si se siente inestable.",
    defaults: dose(1, 3, 30, 1, 7),
  },
  {
    id: "side-lying-hip-abduction",
    name: "Side-lying hip abduction",
    nameEs: "Abducción de cadera acostado de lado",
    bodyRegions: ["hip"],
    instructions:
      "Lie on your side with your bottom knee bent and your top leg straight. Lift the top leg toward the ceiling, keeping your toes pointed forward. Lower slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese de lado con la rodilla de abajo doblada y la pierna de arriba estirada. Levante la pierna de arriba hacia el techo, con los dedos apuntando al frente. Bájela despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 5),
  },
  {
    id: "hip-flexor-stretch",
    name: "Hip flexor stretch",
    nameEs: "Estiramiento de flexores de cadera",
    bodyRegions: ["hip"],
    instructions:
      "Kneel on one knee with the other foot flat in front of you, holding a chair for balance. Tighten your stomach and gently shift your hips forward until you feel a stretch at the front of your hip. Hold, then switch sides. Stop if pain is sharp or increases.",
    instructionsEs:
      "Arrodíllese sobre una rodilla con el otro pie apoyado al frente, sujetándose de una silla. Apriete el abdomen y lleve suavemente la cadera hacia adelante hasta sentir un estiramiento en la parte delantera de la cadera. Mantenga y luego cambie de lado. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 3, 30, 2, 7),
  },
  {
    id: "thoracic-extension-towel",
    name: "Upper back extension over a towel",
    nameEs: "Extensión de la espalda alta sobre una toalla",
    bodyRegions: ["thoracic"],
    instructions:
      "Lie on your back with a rolled towel across your upper back, under your shoulder blades. Support your head with your hands and gently let your upper back arch over the towel. Hold, then relax. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con una toalla enrollada atravesada bajo los omóplatos. Sostenga la cabeza con las manos y deje que la parte alta de la espalda se arquee suavemente sobre la toalla. Mantenga y luego relaje. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 10, 5, 1, 7),
  },
  {
    id: "open-book",
    name: "Open book",
    nameEs: "Libro abierto",
    bodyRegions: ["thoracic"],
    instructions:
      "Lie on your side with your knees bent and your arms straight out in front of you. Slowly open your top arm across your body, turning your chest toward the ceiling. Return slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese de lado con las rodillas dobladas y los brazos estirados al frente. Abra lentamente el brazo de arriba hacia el otro lado, girando el pecho hacia el techo. Regrese despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 3, 1, 7),
  },
  {
    id: "dead-bug",
    name: "Dead bug",
    nameEs: "Dead bug (brazo y pierna boca arriba)",
    bodyRegions: ["low_back", "other"],
    instructions:
      "Lie on your back with your arms toward the ceiling and your hips and knees bent up. Keep your low back flat and slowly lower one arm and the opposite leg. Return, then switch sides. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca arriba con los brazos hacia el techo y la cadera y las rodillas dobladas en el aire. Mantenga la espalda baja pegada al piso y baje lentamente un brazo y la pierna contraria. Regrese y cambie de lado. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 5),
  },
  {
    id: "modified-plank",
    name: "Plank (modified, on knees)",
    nameEs: "Plancha modificada (de rodillas)",
    bodyRegions: ["low_back", "other"],
    instructions:
      "Lie face down and prop yourself on your forearms and knees. Tighten your stomach and lift your hips so your body is straight from head to knees. Hold, then rest. Stop if pain is sharp or increases.",
    instructionsEs:
      "Acuéstese boca abajo y apóyese en los antebrazos y las rodillas. Apriete el abdomen y levante la cadera para que el cuerpo quede recto de la cabeza a las rodillas. Mantenga y luego descanse. Pare si el dolor es agudo o aumenta.",
    defaults: dose(1, 5, 20, 1, 5),
  },
  {
    id: "wall-push-up",
    name: "Wall push-up",
    nameEs: "Flexiones en la pared",
    bodyRegions: ["shoulder", "elbow"],
    instructions:
      "Stand an arm's length from a wall with your hands on it at shoulder height. Bend your elbows to bring your chest toward the wall, keeping your body straight. Push back out. Stop if pain is sharp or increases.",
    instructionsEs:
      "Párese a un brazo de distancia de la pared con las manos apoyadas a la altura de los hombros. Doble los codos para acercar el pecho a la pared, con el cuerpo recto. Empuje para volver. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 5),
  },
  {
    id: "bicep-curl-band",
    name: "Bicep curl with band",
    nameEs: "Flexión de codo con banda elástica",
    bodyRegions: ["elbow"],
    instructions:
      "Stand on one end of a band and hold the other end, palm up, elbow at your side. Bend your elbow to bring your hand toward your shoulder. Lower slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Pise un extremo de la banda elástica y sujete el otro con la palma hacia arriba y el codo pegado al cuerpo. Doble el codo para llevar la mano hacia el hombro. Baje despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 12, 0, 1, 5),
  },
  {
    id: "terminal-knee-extension",
    name: "Terminal knee extension with band",
    nameEs: "Extensión final de rodilla con banda elástica",
    bodyRegions: ["knee"],
    instructions:
      "Loop a band around a sturdy post and behind your knee, facing the post. Start with the knee slightly bent, then straighten it fully against the band. Hold, then relax slowly. Stop if pain is sharp or increases.",
    instructionsEs:
      "Coloque una banda elástica alrededor de un poste firme y detrás de la rodilla, mirando hacia el poste. Empiece con la rodilla un poco doblada y luego estírela por completo contra la banda. Mantenga y relaje despacio. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 15, 2, 1, 5),
  },
  {
    id: "monster-walk",
    name: "Monster walk with band",
    nameEs: "Caminata lateral con banda elástica",
    bodyRegions: ["hip"],
    instructions:
      "Place a band around your legs just above your knees. Bend your knees slightly and take small steps to the side, keeping tension on the band. Walk back the other way. Stop if pain is sharp or increases.",
    instructionsEs:
      "Coloque una banda elástica alrededor de las piernas, justo arriba de las rodillas. Doble un poco las rodillas y dé pasos cortos hacia el lado, manteniendo la banda tensa. Regrese hacia el otro lado. Pare si el dolor es agudo o aumenta.",
    defaults: dose(2, 10, 0, 1, 5),
  },
  {
    id: "heel-toe-walk",
    name: "Heel-to-toe walk",
    nameEs: "Caminar talón-punta",
    bodyRegions: ["ankle_foot", "other"],
    instructions:
      "Stand next to a counter or wall for support. Walk forward placing the heel of one foot right in front of the toes of the other. Look ahead, not at your feet. Stop if pain is sharp or increases, or if you feel unsteady.",
    instructionsEs:
      "Párese junto a un mostrador o una pared para apoyarse. Camine hacia adelante poniendo el talón de un pie justo delante de los dedos del otro. Mire al frente, no a los pies. Pare si el dolor es agudo o aumenta, o si se siente inestable.",
    defaults: dose(1, 3, 0, 1, 7),
  },
];

const byId = new Map(EXERCISES.map((e) => [e.id, e]));

export function exerciseById(id: string): Exercise | undefined {
  return byId.get(id);
}

export function exercisesForRegion(region: BodyRegion): Exercise[] {
  return EXERCISES.filter((e) => e.bodyRegions.includes(region));
}
