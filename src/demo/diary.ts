import { HOUR, MINUTE } from "../platform/clock";
import { minutesOf, offsetAt, timeOf, weekdayOf, zonedToUtc } from "../platform/time";
import type { AvailabilityWindow } from "../scheduling/model";

/** The diary works in 15-minute cells of local wall-clock time. */
const CELL = 15;
const CELLS_PER_DAY = (24 * 60) / CELL;

/**
 * One therapist's diary while the demo is generated: which local times are inside their weekly
 * hours, and which are already taken. Every visit takes its cells, whatever its final status, so
 * no two visits of a therapist ever overlap.
 */
export class TherapistDiary {
  private readonly windows = new Map<number, [number, number][]>();
  private readonly days = new Map<string, { cells: Uint8Array; windows: [number, number][] }>();

  constructor(
    readonly therapistId: string,
    hours: readonly AvailabilityWindow[],
  ) {
    for (const h of hours) {
      const list = this.windows.get(h.weekday) ?? [];
      list.push([minutesOf(h.startTime), minutesOf(h.endTime)]);
      this.windows.set(h.weekday, list);
    }
  }

  works(date: string): boolean {
    return this.day(date).windows.length > 0;
  }

  /** Start minutes on `date` where a visit of `minutes` fits inside one window and nothing is booked. */
  freeStarts(date: string, minutes: number, earliest = 0): number[] {
    const out: number[] = [];
    this.eachFree(date, minutes, earliest, (start) => out.push(start));
    return out;
  }

  /**
   * The free start nearest the patient's preferred time, preferring starts that sit right
   * after or before another visit (or a window edge), as a front desk packs a day.
   */
  find(date: string, minutes: number, preferred: number, earliest = 0): number | null {
    let best: number | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    const day = this.day(date);
    this.eachFree(date, minutes, earliest, (start) => {
      const snug = !open(day, start / CELL - 1) || !open(day, (start + minutes) / CELL);
      const score = Math.abs(start - preferred) + (snug ? 0 : 40);
      if (score < bestScore) {
        best = start;
        bestScore = score;
      }
    });
    return best;
  }

  private eachFree(date: string, minutes: number, earliest: number, visit: (start: number) => void): void {
    const { cells, windows } = this.day(date);
    const need = minutes / CELL;
    for (const [from, to] of windows) {
      for (let start = Math.max(from, Math.ceil(earliest / CELL) * CELL); start + minutes <= to; start += CELL) {
        const first = start / CELL;
        let free = true;
        for (let c = first; c < first + need && free; c++) if (cells[c]) free = false;
        if (free) visit(start);
      }
    }
  }

  take(date: string, start: number, minutes: number): void {
    const { cells } = this.day(date);
    for (let c = start / CELL; c < (start + minutes) / CELL; c++) cells[c] = 1;
  }

  private day(date: string) {
    let day = this.days.get(date);
    if (!day) {
      day = { cells: new Uint8Array(CELLS_PER_DAY), windows: this.windows.get(weekdayOf(date)) ?? [] };
      this.days.set(date, day);
    }
    return day;
  }
}

/** Whether a cell is inside the therapist's hours that day and still free. */
function open(day: { cells: Uint8Array; windows: [number, number][] }, cell: number): boolean {
  if (cell < 0 || cell >= CELLS_PER_DAY || day.cells[cell]) return false;
  const minute = cell * CELL;
  return day.windows.some(([from, to]) => minute >= from && minute < to);
}

/**
 * Local date + minute -> instant, DST-correct. Asking the time zone database is slow, so each
 * date asks for the zone's offset twice, at instants just before and just after the whole local day
 * (offsets are within 14 hours of UTC): on the many days with no clock change the two agree and hold
 * all day; on the two days a year with one, every time is looked up.
 */
export function instantMaker(timeZone: string) {
  const offsets = new Map<string, number | null>();
  return (date: string, minute: number): number => {
    let offset = offsets.get(date);
    if (offset === undefined) {
      const midnight = Date.parse(`${date}T00:00:00Z`);
      const before = offsetAt(midnight - 14 * HOUR, timeZone);
      const after = offsetAt(midnight + 38 * HOUR, timeZone);
      offset = before === after ? -before : null;
      offsets.set(date, offset);
    }
    return offset === null ? zonedToUtc(date, timeOf(minute), timeZone) : Date.parse(`${date}T00:00:00Z`) + minute * MINUTE + offset;
  };
}
