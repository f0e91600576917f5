/** Pure: what a patient's text reply means. English and Spanish, rule-based and tested. */
export type Intent = "opt_out" | "opt_in" | "help" | "confirm" | "cancel" | "reschedule" | "pain" | "question" | "other";

// Carrier keywords (CTIA): these must work exactly, whatever else the message says around them.
const stopWords = new Set([
  "stop",
  "stopall",
  "unsubscribe",
  "cancel",
  "end",
  "quit",
  "revoke",
  "optout",
  "opt-out",
  "opt out",
  "alto",
  "parar",
  "detener",
  "baja",
]);
const startWords = new Set(["start", "unstop", "yes", "subscribe", "resume", "reanudar", "iniciar"]);
const helpWords = new Set(["help", "info", "ayuda"]);

const plainOptOut = [
  /\b(stop|quit|don'?t|do not|no more)\b.*\b(text|texting|message|messaging|sms|contact)(ing|s)?\b/,
  /\bunsubscribe\b/,
  /\b(remove|take) me\b.*\blist\b/,
  /\b(no|deja de|dejen de)\b.*\b(mensajes|textos|escribirme|enviarme)\b/,
  /\bno me (escriban|manden|envíen|envien)\b/,
];

const pain =
  /\b(pain|hurts?|hurting|ache|aching|flare|swollen|swelling|worse|can'?t (walk|move|sleep)|dolor|duele|me duele|hinchad[oa]|peor|no puedo (caminar|moverme|dormir))\b/;

const normalise = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s?-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * A bare keyword reply decides the intent; otherwise plain-language opt-outs, then pain, then
 * confirm/cancel/reschedule phrases, then questions. STOP-family words are checked first so an
 * opt-out is never mistaken for anything else (carriers require it).
 */
export function classifyReply(text: string): Intent {
  const t = normalise(text);
  const bare = t.replace(/[?\s]+$/, "");
  if (stopWords.has(bare)) return "opt_out";
  if (startWords.has(bare)) return bare === "yes" ? "confirm" : "opt_in";
  if (helpWords.has(bare)) return "help";
  if (["c", "y", "confirm", "confirmed", "si", "sí", "confirmo", "confirmar", "ok", "okay", "yep", "sure"].includes(bare)) return "confirm";
  if (["x", "n", "no"].includes(bare)) return "cancel";
  if (["r", "reschedule", "cambiar", "reprogramar"].includes(bare)) return "reschedule";
  if (plainOptOut.some((re) => re.test(t))) return "opt_out";
  if (pain.test(t)) return "pain";
  if (
    /\b(reschedule|move my|change my|another (time|day)|different (time|day)|cambiar (mi )?cita|otro (dia|horario)|reprogramar)\b/.test(t)
  )
    return "reschedule";
  if (/\b(can'?t (make|come)|won'?t (make|be able)|cancel|no puedo ir|no podre|cancelar)\b/.test(t)) return "cancel";
  if (/\b(i'?ll be there|see you|confirm|confirmo|alli estare|ahi estare|nos vemos)\b/.test(t)) return "confirm";
  if (t.includes("?") || /^(what|when|where|how|can|do|does|is|are|que|cuando|donde|como|puedo|tienen)\b/.test(t)) return "question";
  return "other";
}

/** START, UNSTOP and YES restore SMS consent; YES also confirms a visit when consent is already given. */
export function isConsentRestore(text: string): boolean {
  const bare = normalise(text).replace(/[?\s]+$/, "");
  return startWords.has(bare);
}
