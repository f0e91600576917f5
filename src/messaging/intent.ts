/**
 * Pure: what a patient's text reply means, in English and Spanish. Rule-based, measured against
 * the labelled replies in test/fixtures/replies/ (`npm run eval:intent` prints precision and
 * recall per class), and small enough to read: each step below is one decision in order.
 */
import {
  asksSomething,
  asksToReschedule,
  asksToStopMessages,
  codeLetters,
  filler,
  painIn,
  says,
  shortAnswers,
  unstretched,
  wrongPerson,
} from "./intent/cues";
import { keywordForm, reactionIntent, readReply } from "./intent/normalise";

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

/** A reply of only short answers and courtesy words ("C thanks", "👍", "x perdón"), or null. */
function shortAnswer(text: string): "confirm" | "cancel" | "reschedule" | "opt_out" | null {
  const words = text
    .split(" ")
    .filter((w) => !filler.has(w) && w !== "-")
    .map(unstretched);
  if (words.length === 0) return null;
  for (const intent of ["opt_out", "cancel", "reschedule", "confirm"] as const) {
    if (words.every((w) => shortAnswers[intent].has(w))) return intent;
  }
  return null;
}

/**
 * The order is the clinic's priorities. A bare carrier keyword decides alone (so a bare CANCEL is
 * an opt-out, as the carrier treats it). Then, first match wins: a reaction to our text; a short
 * coded answer ("C thanks"); a plain request to stop texting; a text that reached the wrong
 * person; pain (a call-back beats any scheduling: "can't come, my back went out" needs a
 * therapist, not just a cancelled visit); a wish to move the visit (before cancel, so "can't make
 * it, can we do Thursday" gets a new time); a cancellation; a reply that starts with the letter we
 * asked for ("R - need an evening slot"); a question (before confirm: "yes, do I need to bring
 * anything?" needs an answer from staff); a confirmation; else other.
 */
export function classifyReply(text: string): Intent {
  const keyword = keywordForm(text);
  if (stopWords.has(keyword)) return "opt_out";
  if (startWords.has(keyword)) return keyword === "yes" ? "confirm" : "opt_in";
  if (helpWords.has(keyword)) return "help";

  const reaction = reactionIntent(text);
  if (reaction) return reaction;
  const reply = readReply(text);
  const short = shortAnswer(reply.text);
  if (short) return short;
  if (asksToStopMessages(reply.text)) return "opt_out";
  if (wrongPerson(reply.text)) return "other";
  const pain = painIn(reply.text);
  // Expected soreness from someone who says they are coming is a confirmation; anything more is not.
  if (pain === "pain" || (pain === "mild" && !says.confirm(reply.text))) return "pain";
  if (asksToReschedule(reply.text)) return "reschedule";
  if (says.cancel(reply.text)) return "cancel";
  const code = codeLetters[reply.text.split(" ")[0] ?? ""];
  if (code) return code;
  if (asksSomething(reply)) return "question";
  if (says.confirm(reply.text)) return "confirm";
  return "other";
}

/** START, UNSTOP and YES restore SMS consent; YES also confirms a visit when consent is already given. */
export function isConsentRestore(text: string): boolean {
  return startWords.has(keywordForm(text));
}
