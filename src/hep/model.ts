/**
 * Home exercise program (HEP): what a patient was prescribed, what they logged, and how the two compare.
 * Pure: no I/O, no clock, no runtime imports. Dates are local calendar dates, "YYYY-MM-DD".
 */

/** How much of an exercise, how often. Shared by library defaults and prescribed items. */
export interface Dose {
  sets: number;
  reps: number;
  /** Seconds to hold each rep; 0 when the exercise has no hold. */
  holdSeconds: number;
  /** Sessions a day on the days the exercise is done. */
  timesPerDay: number;
  /** "Any N days in a week": the patient picks which days, there is no fixed weekday schedule. */
  daysPerWeek: number;
}

export interface ProgramItem extends Dose {
  exerciseId: string;
  /** First day the item is active, inclusive. */
  startDate: string;
  /** Last day the item is active, inclusive; null while open-ended. */
  endDate: string | null;
}

export interface Program {
  items: readonly ProgramItem[];
}

/** A log of a whole session rather than of one exercise. */
export const SESSION_LOG = "session";

export interface HepLog {
  /** Local calendar date the patient did it, YYYY-MM-DD. */
  date: string;
  /** An exercise id, or "session" for "I did my whole session". */
  exerciseId: string;
  /** When it was logged, epoch ms. Orders the day's logs and tells sessions apart. */
  at: number;
}

export const ADHERENCE_WINDOW_DAYS = 14;

/**
 * Logs on the same date less than this long after the first log of a session belong to that session,
 * whatever exercise they name: a double tap, or the next exercise of the same session. A log this long
 * or longer after the session began starts the next session.
 */
export const SAME_SESSION_MS = 2 * 60 * 60 * 1000;

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

export function isActiveOn(item: ProgramItem, date: string): boolean {
  const d = dayNumber(date);
  return dayNumber(item.startDate) <= d && (item.endDate === null || d <= dayNumber(item.endDate));
}

const timesOf = (item: Dose) => Math.max(0, Math.floor(item.timesPerDay));
const daysOf = (item: Dose) => Math.min(7, Math.max(0, Math.floor(item.daysPerWeek)));

/**
 * Expected sessions on one day, in sevenths of a session.
 *
 * A day's sessions are "layers": layer t (t = 1, 2, 3 ...) is the t-th session of the day. An item done
 * timesPerDay times a day on daysPerWeek days needs layers 1..timesPerDay on daysPerWeek days a week.
 * Because the days are "any N days", the patient can do all items on the same days, so layer t is needed
 * on max(daysPerWeek of the items with timesPerDay >= t) days a week: the fewest sessions that satisfy
 * every active item. Spread evenly, that is that many sevenths of a session per day.
 * One item alone: timesPerDay x daysPerWeek sevenths a day.
 */
function expectedSevenths(active: readonly ProgramItem[]): number {
  const layers = Math.max(0, ...active.map(timesOf));
  let sevenths = 0;
  for (let t = 1; t <= layers; t++) {
    sevenths += Math.max(0, ...active.filter((i) => timesOf(i) >= t).map(daysOf));
  }
  return sevenths;
}

/**
 * Sessions prescribed from `from` to `to`, both inclusive.
 *
 * Rule: sum over every day of the window of expectedSevenths(items active that day) / 7, then round UP
 * once for the whole window. So each item contributes daysPerWeek x timesPerDay per week, prorated by
 * the days of the window it is active, and overlapping items share sessions (the day needs the most
 * any item asks for, layer by layer; see expectedSevenths).
 * Examples: 1x/day, 7 days/week, active 14 days -> 14. 1x/day, 3 days/week over 14 days -> 6.
 * 1x/day, 3 days/week, active 4 days -> ceil(12/7) = 2.
 */
export function sessionsPrescribed(program: Program, from: string, to: string): number {
  // Day numbers once per item, not a date parsed per item per day: analytics runs this for every
  // episode of a year (isActiveOn's rule, in numbers).
  const spans = program.items.map((item) => ({
    item,
    start: dayNumber(item.startDate),
    end: item.endDate === null ? Number.POSITIVE_INFINITY : dayNumber(item.endDate),
  }));
  let sevenths = 0;
  for (let d = dayNumber(from), last = dayNumber(to); d <= last; d++) {
    sevenths += expectedSevenths(spans.filter((s) => s.start <= d && d <= s.end).map((s) => s.item));
  }
  return Math.ceil(sevenths / 7);
}

/** Most sessions a day can count for: the highest timesPerDay among items active that day (0 if none). */
export function maxSessionsOn(program: Program, date: string): number {
  return Math.max(0, ...program.items.filter((i) => isActiveOn(i, date)).map(timesOf));
}

/** Distinct sessions among one day's log times (see SAME_SESSION_MS). */
function countSessions(ats: readonly number[]): number {
  let sessions = 0;
  let sessionStart = Number.NEGATIVE_INFINITY;
  for (const at of [...ats].sort((a, b) => a - b)) {
    if (at - sessionStart >= SAME_SESSION_MS) {
      sessions++;
      sessionStart = at;
    }
  }
  return sessions;
}

function logsByDate(logs: readonly HepLog[], from: string, to: string): Map<string, HepLog[]> {
  const byDate = new Map<string, HepLog[]>();
  for (const log of logs) {
    if (log.date < from || log.date > to) continue;
    const day = byDate.get(log.date);
    if (day) day.push(log);
    else byDate.set(log.date, [log]);
  }
  return byDate;
}

/**
 * Sessions logged from `from` to `to`, both inclusive (by the log's local `date`).
 *
 * A day counts a session when at least one exercise, or a whole "session", is logged; logs within
 * SAME_SESSION_MS of the session's first log are the same session, so repeated taps count once.
 * With `program`, each day counts at most maxSessionsOn(program, day) sessions (its highest
 * timesPerDay), and so nothing on days when no item is active. Without it, days are not capped.
 */
export function sessionsLogged(logs: readonly HepLog[], from: string, to: string, program?: Program): number {
  let total = 0;
  for (const [date, day] of logsByDate(logs, from, to)) {
    const sessions = countSessions(day.map((l) => l.at));
    total += program ? Math.min(sessions, maxSessionsOn(program, date)) : sessions;
  }
  return total;
}

/**
 * Share of prescribed sessions done over the last 14 days ending `today`, inclusive: 0 to 1.
 * sessionsLogged (capped per day by the program) / sessionsPrescribed, capped at 1; null when nothing
 * was prescribed in the window.
 */
export function adherence(program: Program, logs: readonly HepLog[], today: string): number | null {
  const from = addDays(today, -(ADHERENCE_WINDOW_DAYS - 1));
  const prescribed = sessionsPrescribed(program, from, today);
  if (prescribed === 0) return null;
  return Math.min(1, sessionsLogged(logs, from, today, program) / prescribed);
}

export interface TodaysExercise {
  item: ProgramItem;
  /** Sessions of this exercise logged today (its own logs plus whole-session logs), at most timesPerDay. */
  timesDone: number;
  /** Done for today: timesDone has reached timesPerDay. */
  done: boolean;
}

/** Each item active today, in program order, with what was logged for it today. */
export function todaysExercises(program: Program, logs: readonly HepLog[], today: string): TodaysExercise[] {
  const todays = logs.filter((l) => l.date === today);
  return program.items
    .filter((item) => isActiveOn(item, today))
    .map((item) => {
      const ats = todays.filter((l) => l.exerciseId === item.exerciseId || l.exerciseId === SESSION_LOG).map((l) => l.at);
      const timesDone = Math.min(countSessions(ats), timesOf(item));
      return { item, timesDone, done: timesDone >= timesOf(item) };
    });
}
