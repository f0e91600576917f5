import { z } from "zod";
import { addDays, daysBetween, localParts, zonedToUtc } from "../platform/time";

/** A report range: local calendar dates in the clinic's zone, both inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

/** A range as instants: [fromMs, toMs), local midnight to local midnight. */
export interface PeriodBounds extends DateRange {
  fromMs: number;
  toMs: number;
}

export const DEFAULT_DAYS = 28;
/** Two years, a leap day included (days counted inclusive). Longer ranges would make the weekly chart unreadable, and home exercise and check-ins are read raw. */
export const MAX_DAYS = 731;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-01")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a real date");

/** The query string of /analytics and its CSV export; empty fields fall back to the default range. */
export const rangeQuerySchema = z
  .object({
    from: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
    to: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
  })
  .refine((r) => !(r.from && r.to) || r.from <= r.to, { message: "The start date must be on or before the end date.", path: ["from"] })
  .refine((r) => !(r.from && r.to) || daysBetween(r.from, r.to) + 1 <= MAX_DAYS, {
    message: "Choose a range of at most two years.",
    path: ["to"],
  });

/**
 * The range to report: both dates given, or the default last 28 days ending today in the clinic's zone.
 * With only one date, the other is filled so the range keeps the default length.
 */
export function resolveRange(query: { from?: string; to?: string }, now: number, timeZone: string): DateRange {
  const today = localParts(now, timeZone).date;
  if (query.from && query.to) return { from: query.from, to: query.to };
  if (query.from) return { from: query.from, to: addDays(query.from, DEFAULT_DAYS - 1) };
  const to = query.to ?? today;
  return { from: addDays(to, 1 - DEFAULT_DAYS), to };
}

/** The period of the same length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
  const days = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

export function boundsOf(range: DateRange, timeZone: string): PeriodBounds {
  return { ...range, fromMs: zonedToUtc(range.from, "00:00", timeZone), toMs: zonedToUtc(addDays(range.to, 1), "00:00", timeZone) };
}
