/**
 * Wall-clock time in a named time zone, without a library: Intl gives the offset at an
 * instant, and we search for the instant whose local reading is the wall time we want.
 */

export interface LocalParts {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  minutes: number; // minutes since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(at: number, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const hour = parts.hour === "24" ? "00" : (parts.hour ?? "00");
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${hour}:${parts.minute}`,
    weekday: weekdays[parts.weekday ?? "Mon"] ?? 1,
    minutes: Number(hour) * 60 + Number(parts.minute),
  };
}

/** Offset of the zone from UTC at an instant, in ms (New York in winter: -5 h). */
export function offsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const hour = parts.hour === "24" ? 0 : Number(parts.hour);
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hour, Number(parts.minute), Number(parts.second));
  return asUtc - (at - (at % 1000));
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `time`. In the spring-forward
 * gap (02:30 that never happens) the clock reading after the jump is used; in the fall-back
 * overlap (01:30 that happens twice) the first one is.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const candidates = new Set<number>();
  for (const probe of [wall - 14 * 3600_000, wall, wall + 14 * 3600_000]) candidates.add(wall - offsetAt(probe, timeZone));
  const exact = [...candidates].filter((at) => at + offsetAt(at, timeZone) === wall).sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  // In a gap: use the offset from before the jump, which lands after it.
  return wall - offsetAt(wall - 14 * 3600_000, timeZone);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday on or before a date. */
export function startOfWeek(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Whole days from a to b (calendar dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
