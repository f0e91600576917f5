/**
 * Pure: the words and phrases that say what a reply means, in English and Spanish, read against
 * the normalised text (lower case, no accents: "mañana" is "manana"). Each list is tuned against
 * test/fixtures/replies/labelled.jsonl; run `npm run eval:intent` after changing one.
 */

const any = (patterns: RegExp[]) => (text: string) => patterns.some((re) => re.test(text));

const day =
  "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu|thurs?|fri|sat|sun|lunes|martes|miercoles|jueves|viernes|sabado|domingo)";
const bodyPart =
  "(?:back|lower back|knee|knees|neck|hip|hips|shoulder|ankle|foot|feet|leg|legs|arm|wrist|elbow|hand|espalda|rodilla|rodillas|cuello|cadera|hombro|tobillo|pie|pies|pierna|piernas|brazo|muneca|codo|mano)";
const when = new RegExp(
  `\\b(?:${day}|tomorrow|today|tonight|next week|this week|morning|afternoon|evening|noon|manana|hoy|tarde|semana|\\d{1,2}(?::\\d\\d)? ?(?:am|pm)?)\\b`,
);

/** Words that make a short reply no longer or shorter: "C thanks", "R please", "x perdón". */
export const filler = new Set(
  "thanks thank you please sorry sir ma'am maam mam gracias muchas por favor perdon disculpe disculpa senora senorita senor".split(" "),
);

/** "siii", "yesss", "okkk", "nooo": the same short answer, typed with feeling. */
export const unstretched = (word: string) =>
  word
    .replace(/^s+i+$/, "si")
    .replace(/^y+e+s+$/, "yes")
    .replace(/^o+k+$/, "ok")
    .replace(/^n+o+$/, "no")
    .replace(/^y+u+p+$/, "yup");

/** Replies made only of these words (after filler) answer the reminder by themselves. */
/** A reply that starts with the letter we asked for and then explains: "x - flight got moved up". */
export const codeLetters: Record<string, "confirm" | "cancel" | "reschedule"> = { c: "confirm", x: "cancel", r: "reschedule" };

export const shortAnswers: Record<"confirm" | "cancel" | "reschedule" | "opt_out", Set<string>> = {
  confirm: new Set(
    "c y yes yeah yep yup ok okay okey oki k kk sure perfect great confirm confirmed confirming si confirmo confirmado confirmada confirmar perfecto listo claro dale vale".split(
      " ",
    ),
  ),
  cancel: new Set("x n no nope cancel cancelar cancela cancelo".split(" ")),
  reschedule: new Set("r reschedule cambiar cambio reprogramar reagendar".split(" ")),
  opt_out: new Set("stop stopall unsubscribe end quit optout opt-out alto parar detener baja".split(" ")),
};

// "take me off your list", "please remove my number", but not "remove me from the waitlist" (a visit matter).
const removeMe = any([
  /\b(remove|take) (me|my number|my phone|my phone number|this number)\b.*\b(off|from|list)\b/,
  /\b(remove|delete|erase) (me|my (phone |cell )?number|this number)\b/,
]);

const saysStop = any([
  /\b(stop|quit|cease)\b( (sending|texting|messaging|contacting|calling|emailing|bothering))( me)?\b/,
  /\b(stop|quit|cease)\b (sending me |all |the |these |those |your |with the )*(texts?|messages?|reminders?|notifications?|alerts?|sms)\b/,
  /^(please )?stop( it)?( please)?$/,
  /\b(don'?t|do not|never) (text|message|contact|call|email|sms|bother)( me| us)\b/,
  /\b(don'?t|do not|no longer) (want|need|wish to receive) (these|the|your|any|more|any more)? ?(text |sms )?(texts?|messages?|reminders?|notifications?)/,
  /\bno more (texts?|messages?|reminders?|notifications?)\b/,
  /\bunsubscribe\b/,
  /\bopt(-| )?out\b/,
  /\b(ya )?no me (manden|mande|envien|envie|escriban|escriba|texteen|contacten|llamen)\b/,
  /\bno (enviarme|mandarme|escribirme|textearme|contactarme)\b|\b(don'?t|do not) send me\b/,
  /\b(deja|dejen|dejar|paren|parar) de (escribirme|mandarme|enviarme|textearme|contactarme|llamarme|mandar|enviar)\b/,
  /\bno (quiero|deseo) (recibir )?(mas )?(mensajes|textos|recordatorios|notificaciones)\b/,
  /\bno mas (mensajes|textos|recordatorios)\b/,
  /\bdar(me|nos)? de baja\b/,
  /\b(borren|borrar|quiten|quitar|saquen|sacar|eliminen|eliminar)(me)? de (la|su|sus) lista/,
]);

/** Plain-language "stop texting me", which carriers do not catch but the clinic must honour. */
export const asksToStopMessages = (text: string) => saysStop(text) || (removeMe(text) && !/\bwait(ing)? ?list\b/.test(text));

// Said the other way round ("no pain", "ya no me duele", "pain 2/10"): removed before pain is looked for.
const painDenied: RegExp[] = [
  /\b(no|zero|without|little|less|hardly any|not much|not any) (more )?(pain|aches?|swelling|soreness)\b/g,
  /\b(doesn'?t|does not|don'?t|do not|didn'?t|isn'?t|is not|not|no longer|never) (hurt|hurting|sore|swollen|aching|ache|painful)\b/g,
  /\b(pain|swelling|soreness)( is| has| was)? (gone|better|down|improving|much better|a lot better|way better|less)\b/g,
  /\b(pain|dolor)( is| es| level| de| at| was| now)* [0-3]( ?(\/|de|out of|over) ?10)?\b/g,
  /\b(ya )?no (me )?(duele|duelen|dolio)\b/g,
  /\b(sin|no tengo|nada de) dolor\b/g,
  /\bdolor (esta |es )?(mejor|menos)\b/g,
];

const painCue = any([
  /\b(pain|painful|pains|hurts?|hurting|ache|aches|aching|achy|sore|soreness|swollen|swelling|puffy|throbbing|numb|numbness|tingling|tingly|spasms?|cramping|limping|ouch|sprain(ed)?|tweak(ed)?|injur(ed|y)|worse)\b/,
  /\bflare(d|s)?\b|\bflare-?ups?\b|\bflaring\b/,
  /\bkilling me\b|\bpulled (a|my) (muscle|back)\b/,
  /\b(back|knee|hip|neck|leg|ankle|shoulder) (went|gave) out\b/,
  /\b(can'?t|cannot|barely|hardly) (walk|move|sleep|stand|bend|lift|sit|turn|raise)\b/,
  /\b(i|he|she) fell\b(?! asleep)/,
  /\b(dolor|dolores|duele|duelen|doliendo|dolio|dolia|adolorid[oa]s?|hinch\w*|inflam\w*|peor|punzadas?|punzante|hormigueo|entumid[oa]s?|calambres?|espasmos?|lesion)\b/,
  /\b(lastime|lastimado|lastimada|lastimo|me cai|se cayo|torci|torcido|torcida)\b/,
  /\bno (me )?puedo (caminar|moverme|mover|dormir|agacharme|levantar\w*|pararme|sentarme|doblar)\b/,
  // "my back is really bad today", "la espalda muy mal": no pain word, but the same call-back.
  new RegExp(`\\b${bodyPart}\\b( \\w+){0,3} (bad|terrible|awful|mal|fatal)\\b`),
  /\b(brazo|pierna|mano|pie|pies|piernas|manos|dedos) (dormid[oa]s?|entumid[oa]s?)\b/,
]);
const painMild = any([
  /\b(sore|soreness|achy|stiff|adolorid[oa])\b/,
  /\b(a little|a bit|a tad|slightly|kinda|un poco|un poquito|poquito)\b/,
]);
const painStrong = any([
  /\b(a lot|lots|really|very|so much|so bad|bad|badly|terrible|severe|sharp|killing|worse|swollen|swelling|flare\w*|numb\w*|can'?t|cannot|barely)\b/,
  /\b(mucho|muchisimo|demasiado|muy|fuerte|peor|hinchad\w*|inflamad\w*|no puedo)\b/,
  /\b([7-9]|10) ?(\/|de|out of) ?10\b/,
]);

/**
 * Pain, a flare, swelling, a fall or new numbness: the therapist calls back. "Mild" is soreness
 * with nothing that says it is bad, so "I'm sore but coming" can stay a confirmation.
 */
export function painIn(text: string): "pain" | "mild" | null {
  const rest = painDenied.reduce((t, re) => t.replace(re, " "), text);
  if (!painCue(rest)) return null;
  return painMild(rest) && !painStrong(rest) ? "mild" : "pain";
}

export const asksToReschedule = (text: string) =>
  any([
    /\b(reschedule|reagendar|reprogramar|re-?book)\b/,
    /\b(move|push|shift|bump|switch|change)\b( \w+){0,2} (it|appointment|appointments|visit|visits|session|time|day|date|to)\b/,
    /\b(different|another|other|later|earlier|new) (day|time|date|slot|appointment|one|visit|session)\b/,
    /\banything (later|earlier|else)\b|\b(later|earlier) in the (day|week)\b/,
    /\b(an|a|one|two|\d+|half an) (hour|hours|min|mins|minutes) (later|earlier)\b/,
    new RegExp(
      `\\b(any|other) (openings?|availability|slots?|spots?)\\b|\\b(tienen|hay) (espacio|lugar|citas?|algo)\\b.*\\b(${day}|manana|semana|tarde)\\b`,
    ),
    /\b(works|is|be|would be) better\b|\bbetter for me\b/,
    new RegExp(`\\bbut (tomorrow|${day}|next week|later)\\b`),
    new RegExp(`\\b${day} or ${day}\\b|\\b(morning|afternoon|evening) or (morning|afternoon|evening)\\b`),
    /\b(cambiar|cambiarla|cambiarme|mover|moverla|pasar|pasarla|pasarme|correr|recorrer)\b( \w+){0,2} (cita|citas|hora|horario|dia|fecha|turno|para)\b/,
    /\b(otro|otra) (dia|hora|horario|fecha|cita|turno|semana)\b/,
    /\bmas (tarde|temprano)\b/,
    new RegExp(`(^| )mejor (el |la |a las |en la |por la )?(manana|${day}|tarde|\\d)`),
    new RegExp(`\\b(manana|${day}) si\\b`),
  ])(text) ||
  (/\b(instead|rather than|in place of|en vez|en lugar)\b/.test(text) && when.test(text));

export const says = {
  cancel: any([
    /\bcancel\w*/,
    /\b(can'?t|cannot|can not) (make|come|go|attend|do it|be there|be in)\b/,
    /\bwon'?t (be )?(make|making|come|coming|able|there|in|attend)/,
    /\bwill not (be )?(make|making|come|coming|able|there|attend)/,
    /\bnot (gonna|going to) (make|come|be)\b|\bnot (coming|attending)\b/,
    /\b(unable|not able) to (come|make|attend)\b/,
    /\bskip(ping)? (this|the|my|today|tomorrow|it)\b/,
    /\bnot (today|tomorrow|tonight|this week)\b/,
    /\bno (lo |la |los )?(puedo|podre|podemos|podremos|voy a poder|vamos a poder|va a poder|llego|asistire)\b/,
    /\bno (voy|vamos|va)\b/,
    /\b(hoy|manana) no\b/,
  ]),
  confirm: any([
    /\bconfirm\w*/,
    /\b(i'?ll|i will|we'?ll|we will|will) (be there|be in|see you|come|make it)\b/,
    /\bbe there\b|\bsee (you|ya)\b|\bon (my|our) way\b|\bomw\b|\bcoming\b/,
    /\brunning( a bit| a little)?( about)?( \d+ min(ute)?s?)? late\b/,
    /^(ok|okay|yes|yeah|yep|sure|perfect|great|got it|sounds good|si|claro|listo|perfecto|de acuerdo|dale|vale)\b/,
    /\bsounds (good|great|perfect)\b/,
    /\b(we'?re|i'?m|we are|i am) (good|all set|set)\b|\ball set\b/,
    /\b(ahi|alli|aqui|ai) (estare|estaremos|estoy|voy|vamos)\b|\bnos vemos\b/,
    /\b(voy|vamos) a (ir|estar|llegar)\b|\bsi voy\b|\ben camino\b|\bllego\b/,
  ]),
};

const questionOpener = new RegExp(
  [
    "^(hi |hello |hey |also |and |so |ok |yes |oh )?(what|what's|whats|when|where|wheres|how|why|who|which|whose)\\b",
    "^(hi |hello |hey |also |and |so |ok |yes |oh )?(can|could|would|may|will|should|shall|do|does|did|am|have) (i|you|we|they|he|she|it|my|the|this|that|there|someone|somebody|anyone|y'?all|u)\\b",
    "^(hi |hello |hey |also |and |so |ok |yes |oh )?(is|are) (?!not\\b)\\w+",
    "^(any chance|just checking|quick question|question)\\b",
    "^(hola |buenas |y |oiga |si )?(a |con |para |de |en |por )?(que|cual|cuales|cuando|donde|adonde|como|cuanto|cuanta|cuantos|cuantas|quien|quienes)\\b",
    "^(hola |buenas |y |oiga |si )?(puedo|puede|pueden|podria|podrian|podemos|hay|debo|necesito saber|se puede|aceptan|tienen)\\b",
    "^(tengo|tenemos) que (llevar|traer|pagar|firmar|llenar|hacer)\\b",
  ].join("|"),
);
const questionPhrase =
  /\b(wondering|question about|just checking|let me know|do i need|me (la |lo |las |los )?(pueden|puede|podria|podrian)|quisiera saber|queria saber|una pregunta|necesito una (carta|nota|constancia|factura))\b/;

/** A question for the clinic, with or without the question mark. */
export const asksSomething = (reply: { clauses: string[]; asks: boolean; text: string }) =>
  reply.asks || reply.clauses.some((c) => questionOpener.test(c)) || questionPhrase.test(reply.text);

/** "Wrong number", "who's Maria?": the text reached someone else; nothing to do for a patient. */
export const wrongPerson = (text: string) => /\b(wrong (number|person|phone)|numero equivocado|persona equivocada)\b/.test(text);
