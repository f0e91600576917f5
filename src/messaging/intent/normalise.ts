/** Pure: a patient's reply reduced to what the intent rules read. */

/**
 * The form carrier keywords are matched on, kept exactly as it has always been (STOP, START and
 * HELP must behave the same whatever the rest of the classifier learns): accents and emoji gone,
 * lower case, punctuation other than ' ? - dropped, trailing question marks ignored.
 */
export function keywordForm(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'\s?-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[?\s]+$/, "");
}

export interface Reply {
  /** Lower case, no accents, words separated by single spaces, clause punctuation removed. */
  text: string;
  /** The same split at . , ! ; ? and line breaks: question openers are looked for at each start. */
  clauses: string[];
  /** The patient wrote ? or ¿ somewhere. */
  asks: boolean;
}

// Emoji that patients send as the whole answer to "Reply C to confirm, X to cancel".
const emojiWords: [RegExp, string][] = [
  [/[\u{1F44D}\u{1F44C}\u2705\u2714]/gu, " ok "],
  [/[\u274C\u2716\u{1F6AB}]/gu, " x "],
];

// Texting shorthand and the misspellings seen most in replies, so each rule lists one spelling.
const shorthand: [RegExp, string][] = [
  [/\b(tmrw|tmrow|tmr|tmw|tomorow|tommorow|tommorrow|2morrow)\b/g, "tomorrow"],
  [/\b(appt|apt|appointmnt|appoinment|apointment)\b/g, "appointment"],
  [/\b(pls|plz|plse|pleas)\b/g, "please"],
  [/\b(thx|thanx|thnx|thnks|ty|tysm)\b/g, "thanks"],
  [/\b(xfa|xfavor|porfa|porfis|porfavor)\b/g, "por favor"],
  [/\br (u|you|we|they)\b/g, "are $1"],
  [/\bu\b/g, "you"],
  [/\bur\b/g, "your"],
  [/\bcant\b/g, "can't"],
  [/\bwont\b/g, "won't"],
  [/\bdont\b/g, "don't"],
  [/\bdoesnt\b/g, "doesn't"],
  [/\bim\b/g, "i'm"],
  [/\b(confrim|comfirm|cofirm|confim|conform)(ed)?\b/g, "confirm$2"],
  [/\b(cancle|cancell|cancl|cansel)\b/g, "cancel"],
  [/\b(rescedule|reschedual|reshedule|rescheduel|reschdule|resched|re-schedule)\b/g, "reschedule"],
  [/\b(pian|pain+)\b/g, "pain"],
  [/\bq\b/g, "que"],
];

export function readReply(raw: string): Reply {
  let s = raw.replace(/[\u2018\u2019\u02BC`]/g, "'");
  for (const [re, word] of emojiWords) s = s.replace(re, word);
  s = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\u00BF/g, " ? ")
    .replace(/\r?\n/g, " . ")
    .replace(/[^\p{L}\p{N}'\s?/:.,!;-]/gu, " ");
  for (const [re, word] of shorthand) s = s.replace(re, word);
  // A full stop inside a number (8.5) or a title (Dr.) is not a clause break; the others are.
  const clauses = s
    .split(/(?<!\b(?:dr|mr|mrs|ms|sr|sra|st))[.](?!\d)|[,!;?]+/)
    .map((c) => c.replace(/[.]/g, " ").replace(/\s+/g, " ").trim())
    .filter((c) => c !== "");
  return { text: clauses.join(" "), clauses, asks: s.includes("?") };
}

/**
 * iMessage and Google Messages send a reaction to our text as a text of its own: Liked "Hi Ana, a
 * reminder of your visit…". A like or love on a visit reminder is a yes; any other reaction, or a
 * like on anything else, is not an answer. Null when the reply is not a reaction.
 */
export function reactionIntent(raw: string): "confirm" | "other" | null {
  const s = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
  const match =
    /^(liked|loved|emphasi[sz]ed|laughed at|disliked|questioned|reacted (\S{1,8}) to|me gusta|le gusto|me encanta|me encanto|le encanto|destaco|se rio de|pregunto por)\s*["\u201C\u201E]([\s\S]*)$/u.exec(
      s,
    );
  if (!match) return null;
  const verb = match[1] ?? "";
  const positive =
    /^(liked|loved|me gusta|le gusto|me encanta|me encanto|le encanto)$/.test(verb) || /[\u{1F44D}\u2764]/u.test(match[2] ?? "");
  const aboutVisit = /\b(visit|appointment|cita|reminder|recordatorio|confirm|confirmar)\b/.test(match[3] ?? "");
  return positive && aboutVisit ? "confirm" : "other";
}
