import { addDays, daysBetween, offsetAt, zonedToUtc } from "../platform/time";

/**
 * Which days the nightly rollup covers, cut into chunks the statements can bucket by arithmetic. Pure.
 */

/**
 * A day is closed, and rolled, once the 48-hour answer window of every message sent on it has passed
 * and the day's visits have had time to be marked: three days after it.
 */
export const CLOSED_AFTER_DAYS = 3;

/** Long enough for few statements a night, short enough to keep each result small (days x groups rows). */
export const MAX_CHUNK_DAYS = 184;

export interface RollChunk {
  /** Local dates, both inclusive. */
  from: string;
  to: string;
  /** Local midnight before `from` to local midnight after `to`. */
  fromMs: number;
  toMs: number;
  /** The zone's offset from UTC all through the chunk; null for a single day on which the clock changes. */
  offsetMs: number | null;
}

/** The last day the rollup may cover when it runs on `today` (the clinic's local date). */
export const lastClosedDay = (today: string) => addDays(today, -CLOSED_AFTER_DAYS);

/** The days `first` to `through`, in order, in chunks of one offset (a clock-change day alone). */
export function rollChunks(first: string, through: string, timeZone: string, maxDays = MAX_CHUNK_DAYS): RollChunk[] {
  const chunks: RollChunk[] = [];
  // The chunk still being extended: only ever a run of steady days.
  let open: RollChunk | null = null;
  for (let day = first, start = zonedToUtc(first, "00:00", timeZone); day <= through; ) {
    const next = addDays(day, 1);
    const end = zonedToUtc(next, "00:00", timeZone);
    const offset = offsetAt(start, timeZone);
    const steady = offsetAt(end - 1, timeZone) === offset && end - start === 86_400_000;
    if (steady && open && open.offsetMs === offset && daysBetween(open.from, day) < maxDays) {
      open.to = day;
      open.toMs = end;
    } else {
      if (open) chunks.push(open);
      const chunk: RollChunk = { from: day, to: day, fromMs: start, toMs: end, offsetMs: steady ? offset : null };
      open = steady ? chunk : null;
      if (!steady) chunks.push(chunk);
    }
    day = next;
    start = end;
  }
  if (open) chunks.push(open);
  return chunks;
}
