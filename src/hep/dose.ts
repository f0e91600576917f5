/**
 * Dose bounds and the staff's shorthand for a dose, plus the adherence figures the staff page shows.
 * Pure: no I/O, no clock.
 */
import {
  ADHERENCE_WINDOW_DAYS,
  addDays,
  adherence,
  type Dose,
  type HepLog,
  type Program,
  sessionsLogged,
  sessionsPrescribed,
} from "./model";

export const DOSE_FIELDS = ["sets", "reps", "holdSeconds", "timesPerDay", "daysPerWeek"] as const satisfies readonly (keyof Dose)[];
export type DoseField = (typeof DOSE_FIELDS)[number];

/** What a therapist may prescribe, inclusive. Beyond these a home program is more likely a typo than a plan. */
export const DOSE_LIMITS: Record<DoseField, { min: number; max: number; label: string }> = {
  sets: { min: 1, max: 10, label: "Sets" },
  reps: { min: 1, max: 50, label: "Repetitions" },
  holdSeconds: { min: 0, max: 120, label: "Hold (seconds)" },
  timesPerDay: { min: 1, max: 5, label: "Times a day" },
  daysPerWeek: { min: 1, max: 7, label: "Days a week" },
};

/** True when every field is a whole number within DOSE_LIMITS. */
export function isValidDose(dose: Dose): boolean {
  return DOSE_FIELDS.every((f) => Number.isInteger(dose[f]) && dose[f] >= DOSE_LIMITS[f].min && dose[f] <= DOSE_LIMITS[f].max);
}

export function sameDose(a: Dose, b: Dose): boolean {
  return DOSE_FIELDS.every((f) => a[f] === b[f]);
}

export function pickDose(d: Dose): Dose {
  return { sets: d.sets, reps: d.reps, holdSeconds: d.holdSeconds, timesPerDay: d.timesPerDay, daysPerWeek: d.daysPerWeek };
}

/** The clinic's shorthand: "2 × 10, hold 5 s, 2×/day, 7 days/week" (no hold part when there is none). */
export function doseShorthand(d: Dose): string {
  const hold = d.holdSeconds > 0 ? `, hold ${d.holdSeconds} s` : "";
  return `${d.sets} × ${d.reps}${hold}, ${d.timesPerDay}×/day, ${d.daysPerWeek} ${d.daysPerWeek === 1 ? "day" : "days"}/week`;
}

export interface AdherenceFigures {
  /** Whole percent, 0 to 100. */
  percent: number;
  /** Sessions counted as done, at most `prescribed`. */
  done: number;
  prescribed: number;
}

/**
 * The last 14 days ending `today`, as the model counts them (see model.adherence); null when nothing was
 * prescribed in the window. `done` is capped at `prescribed` so that the two figures and the percent agree.
 */
export function adherenceFigures(program: Program, logs: readonly HepLog[], today: string): AdherenceFigures | null {
  const ratio = adherence(program, logs, today);
  if (ratio === null) return null;
  const from = addDays(today, -(ADHERENCE_WINDOW_DAYS - 1));
  const prescribed = sessionsPrescribed(program, from, today);
  const done = Math.min(prescribed, sessionsLogged(logs, from, today, program));
  return { percent: Math.round(ratio * 100), done, prescribed };
}

/**
 * Days between sessions that the program asks for: ceil(7 / the most days a week of any exercise), 1 for a
 * daily program. 7 for an empty program (nothing is expected; the journey reads `items` to know that).
 */
export function intervalDays(doses: readonly Pick<Dose, "daysPerWeek">[]): number {
  const most = Math.max(0, ...doses.map((d) => d.daysPerWeek));
  return most <= 0 ? 7 : Math.min(7, Math.ceil(7 / most));
}
