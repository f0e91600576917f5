/**
 * Pure rules of the discharge satisfaction survey ("how likely are you to recommend us, 0-10"):
 * the Net Promoter categories, the clinic's NPS, what a text reply means, and the words of the
 * service-recovery task. No I/O.
 */

export type SurveyCategory = "promoter" | "passive" | "detractor";

/** A whole number from 0 to 10: the only answers the survey takes. */
export const isSurveyScore = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 10;

/** Promoters 9-10, passives 7-8, detractors 0-6 (the standard NPS cut-offs). */
export function categoryOf(score: number): SurveyCategory {
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

/** Net Promoter Score of a set of answers: % promoters - % detractors (-100..100), null when there are none. */
export function npsOf(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  let promoters = 0;
  let detractors = 0;
  for (const s of scores) {
    const c = categoryOf(s);
    if (c === "promoter") promoters += 1;
    else if (c === "detractor") detractors += 1;
  }
  return ((promoters - detractors) / scores.length) * 100;
}

/** How long after the survey text a bare number is still read as its answer. */
export const SMS_SURVEY_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

const numberWords: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  cero: 0,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
};

/*
 * The whole reply must be the answer: an optional article ("a 9", "un 9"), the number in digits or
 * in words (English or Spanish), an optional "out of 10" ("9/10", "9 out of 10", "9 de 10"), and an
 * optional thanks. Anything more ("5 stars", "10/10 would recommend", "19", "9.5", "7-8", "10:30")
 * is not read as a score: it goes to the inbox, where a person reads it.
 */
const scoreReply =
  /^(?:(?:a|an|un|una)\s+)?([a-z]+|\d{1,2})(?:\s*(?:\/|out of|of|de|sobre)\s*(?:10|ten|diez))?(?:\s+(?:thanks|thank you|thx|ty|gracias))?$/;

/**
 * A text reply read as a survey score, or null. Accents, emoji and end punctuation are ignored
 * ("10!", "¡diez!", "9 👍"); carrier keywords (STOP, HELP, C, X...) are never numbers, so never scores.
 */
export function parseScoreReply(text: string): number | null {
  if (text.length > 60) return null;
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, " ")
    // A decimal or thousands mark between digits is part of the number ("9.5" is not a 9).
    .replace(/(\d)[.,](\d)/g, "$1#$2")
    .replace(/[!.?¡¿,;:"'“”‘’()*]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const m = scoreReply.exec(s);
  const token = m?.[1];
  if (token === undefined) return null;
  if (/^\d+$/.test(token)) return /^(10|\d)$/.test(token) ? Number(token) : null;
  return numberWords[token] ?? null;
}

const COMMENT_IN_TITLE = 160;

/**
 * The service-recovery task's title, in the clinic's words. Tasks have no body, so the score and the
 * start of the patient's comment are in the title; the whole comment is on the patient page.
 */
export function serviceRecoveryTitle(score: number, comment: string | null): string {
  const base = `Unhappy after discharge (rated us ${score} of 10): call to put things right`;
  const said = comment?.replace(/\s+/g, " ").trim();
  if (!said) return base;
  const clipped = said.length > COMMENT_IN_TITLE ? `${said.slice(0, COMMENT_IN_TITLE - 1).trimEnd()}…` : said;
  return `${base}. They wrote: “${clipped}”`;
}

/** Who the service-recovery task is for: the clinic's first active owner, else an admin (the managers); else nobody yet. */
export function recoveryOwner(staff: readonly { id: string; role: string; active: boolean; createdAt: number }[]): string | null {
  for (const role of ["owner", "admin"]) {
    const first = staff.filter((s) => s.active && s.role === role).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))[0];
    if (first) return first.id;
  }
  return null;
}
