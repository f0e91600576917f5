/** Pure rules for patient records: no I/O here. */

/**
 * Normalises a phone number to E.164. Numbers without a country code are read as
 * North American (the clinics we serve first); returns null when it cannot be a real number.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) {
    if (digits.length < 8 || digits.length > 15 || digits.startsWith("0")) return null;
    if (digits.startsWith("1")) return isNanp(digits.slice(1)) ? `+${digits}` : null;
    return `+${digits}`;
  }
  if (digits.length === 10 && isNanp(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1") && isNanp(digits.slice(1))) return `+${digits}`;
  return null;
}

/** NANP: 10 digits, area code and exchange each starting 2-9. */
function isNanp(ten: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(ten);
}

/**
 * A birth date must be a real calendar date, not after `todayIso` (the clinic's local date),
 * and not more than 130 years before it.
 */
export function checkDateOfBirth(value: string, todayIso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return "Use the format YYYY-MM-DD";
  if (!isCalendarDate(value)) return "That date does not exist";
  if (value > todayIso) return "A birth date cannot be in the future";
  const oldest = `${String(Number(todayIso.slice(0, 4)) - 130).padStart(4, "0")}${todayIso.slice(4)}`;
  if (value < oldest) return "A birth date more than 130 years ago is not plausible";
  return null;
}

/** Whether YYYY-MM-DD names a day that exists (no Feb 30, no month 13; years 0-99 are not 19xx). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The indexed search key: lower-cased "family given", accents folded. */
export function searchNameOf(givenName: string, familyName: string): string {
  return fold(`${familyName} ${givenName}`);
}

export function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export interface SearchPlan {
  nameTokens: string[];
  phoneDigits: string | null;
  dateOfBirth: string | null;
  identifier: string | null;
}

/** Reads what a front-desk search box could mean: a name, a phone, a birth date or an identifier (MRN). */
export function planSearch(q: string): SearchPlan {
  const raw = q.trim().slice(0, 100);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : null;
  const fromUs = us ? `${us[3]}-${us[1]?.padStart(2, "0")}-${us[2]?.padStart(2, "0")}` : null;
  const dateOfBirth = [iso, fromUs].find((d) => d && isCalendarDate(d)) ?? null;
  const digits = raw.replace(/\D/g, "");
  const phoneLike = /^[+\d\s().-]+$/.test(raw) && digits.length >= 4 && !dateOfBirth;
  const nameTokens = /\p{L}/u.test(raw)
    ? fold(raw)
        .split(/[\s,]+/)
        .filter(Boolean)
        .slice(0, 4)
    : [];
  return {
    nameTokens,
    phoneDigits: phoneLike ? digits.slice(-10) : null,
    dateOfBirth,
    identifier: raw.length > 0 ? raw : null,
  };
}

/** Escapes LIKE wildcards so a search for "50%" means the characters. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export function displayName(p: { givenName: string; familyName: string }): string {
  return `${p.givenName} ${p.familyName}`;
}
