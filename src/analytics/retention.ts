/**
 * Retention by start month: for the 12 calendar months up to the range's last day, the episodes that
 * started in each and where they stand now. Pure: the months, and the query's rows laid out on them.
 */
import type { StartMonthRow } from "./chart-queries";
import type { DateRange } from "./range";

export const RETENTION_MONTHS = 12;

export type RetentionMonth = StartMonthRow;

function shiftMonth(month: string, by: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The start dates to read: from the first day of the 12th month back to the range's last day (that month is cut at it). */
export function retentionSpan(rangeTo: string): DateRange {
  return { from: `${shiftMonth(rangeTo.slice(0, 7), 1 - RETENTION_MONTHS)}-01`, to: rangeTo };
}

/** Every one of the 12 months, oldest first, with zeros for months when no episode started. */
export function retentionByMonth(rangeTo: string, rows: readonly StartMonthRow[]): RetentionMonth[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const first = rangeTo.slice(0, 7);
  return Array.from({ length: RETENTION_MONTHS }, (_, i) => {
    const month = shiftMonth(first, i + 1 - RETENTION_MONTHS);
    const r = byMonth.get(month);
    return {
      month,
      started: Number(r?.started ?? 0),
      completed: Number(r?.completed ?? 0),
      inCare: Number(r?.inCare ?? 0),
      droppedOut: Number(r?.droppedOut ?? 0),
      otherDischarge: Number(r?.otherDischarge ?? 0),
    };
  });
}
