import { isCalendarDate } from "../patients/model";
import { addDays, zonedToUtc } from "../platform/time";

/** Pure: FHIR date search values ("ge2026-11-30", "2026-11", "lt2026-11-30T10:00:00Z") as ranges. */

export const datePrefixes = ["eq", "gt", "lt", "ge", "le"] as const;
export type DatePrefix = (typeof datePrefixes)[number];

/** The value's implicit range [lower, upper) with the prefix that compares against it. */
export interface DateRange<T> {
  prefix: DatePrefix;
  lower: T;
  upper: T;
}

const DATE_VALUE =
  /^(?<prefix>[a-z]{2})?(?<year>\d{4})(?:-(?<month>\d{2})(?:-(?<day>\d{2})(?:T(?<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(?<zone>Z|[+-]\d{2}:\d{2}))?)?)?$/;

type Parsed =
  | { ok: true; prefix: DatePrefix; first: string; next: string; instant: { at: number; precisionMs: number } | null }
  | { ok: false; message: string };

function parse(raw: string): Parsed {
  const m = DATE_VALUE.exec(raw);
  if (!m?.groups)
    return { ok: false, message: "use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a zone, after an optional prefix" };
  const g = m.groups as Record<string, string | undefined>;
  const prefix = (g.prefix ?? "eq") as DatePrefix;
  if (!datePrefixes.includes(prefix)) return { ok: false, message: `the prefix "${g.prefix}" is not supported (use eq, gt, lt, ge or le)` };
  const year = g.year as string;
  if (!g.month)
    return { ok: true, prefix, first: `${year}-01-01`, next: `${String(Number(year) + 1).padStart(4, "0")}-01-01`, instant: null };
  const month = Number(g.month);
  if (month < 1 || month > 12) return { ok: false, message: "that month does not exist" };
  if (!g.day) {
    const next = month === 12 ? `${String(Number(year) + 1).padStart(4, "0")}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
    return { ok: true, prefix, first: `${year}-${g.month}-01`, next, instant: null };
  }
  const date = `${year}-${g.month}-${g.day}`;
  if (!isCalendarDate(date)) return { ok: false, message: "that date does not exist" };
  if (!g.time) return { ok: true, prefix, first: date, next: addDays(date, 1), instant: null };
  const at = Date.parse(`${date}T${g.time.length === 5 ? `${g.time}:00` : g.time}${g.zone}`);
  if (Number.isNaN(at) || !/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?/.test(g.time)) return { ok: false, message: "that time does not exist" };
  const precisionMs = g.time.includes(".") ? 1 : g.time.length === 5 ? 60_000 : 1000;
  return { ok: true, prefix, first: date, next: addDays(date, 1), instant: { at, precisionMs } };
}

/** For a date element (birth date): calendar-date strings, compared as text. Times are refused. */
export function parseDateOnly(raw: string): { ok: true; range: DateRange<string> } | { ok: false; message: string } {
  const p = parse(raw);
  if (!p.ok) return p;
  if (p.instant) return { ok: false, message: "this is a date: use YYYY, YYYY-MM or YYYY-MM-DD" };
  return { ok: true, range: { prefix: p.prefix, lower: p.first, upper: p.next } };
}

/**
 * For an instant element (a visit's start): a date without a time means that day in the clinic's
 * time zone (a clinic's "30 November" is its own day, not UTC's); a time carries its own zone.
 */
export function parseInstantRange(raw: string, timeZone: string): { ok: true; range: DateRange<number> } | { ok: false; message: string } {
  const p = parse(raw);
  if (!p.ok) return p;
  if (p.instant) return { ok: true, range: { prefix: p.prefix, lower: p.instant.at, upper: p.instant.at + p.instant.precisionMs } };
  return {
    ok: true,
    range: { prefix: p.prefix, lower: zonedToUtc(p.first, "00:00", timeZone), upper: zonedToUtc(p.next, "00:00", timeZone) },
  };
}

/**
 * Whether a value satisfies the range under its prefix (FHIR's rules for a point value against the
 * search value's implicit range): eq inside, ge from its start, gt after its end, le before its end,
 * lt before its start. The repo turns the same rule into SQL.
 */
export function bounds<T>(r: DateRange<T>): { from?: T; before?: T } {
  switch (r.prefix) {
    case "eq":
      return { from: r.lower, before: r.upper };
    case "ge":
      return { from: r.lower };
    case "gt":
      return { from: r.upper };
    case "le":
      return { before: r.upper };
    case "lt":
      return { before: r.lower };
  }
}
