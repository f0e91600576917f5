import { z } from "zod";
import { fieldErrors } from "../platform/validate";
import { type DOSE_FIELDS, DOSE_LIMITS } from "./dose";
import { type Exercise, exerciseById } from "./library";
import type { Dose } from "./model";

const doseNumber = (field: (typeof DOSE_FIELDS)[number], fallback: number | undefined) => {
  const { min, max, label } = DOSE_LIMITS[field];
  const missing = `Enter ${label.toLowerCase()}`;
  return z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      const v = raw ?? "";
      if (v === "" && fallback !== undefined) return fallback;
      const n = /^\d{1,4}$/.test(v) ? Number(v) : Number.NaN;
      if (v === "" || !(n >= min && n <= max)) {
        ctx.addIssue({ code: "custom", message: v === "" ? missing : `Enter a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });
};

/** The five dose fields of a form; a blank field takes `fallback`'s value when there is one, else it is refused. */
export function doseFormSchema(fallback?: Dose) {
  return z.object({
    sets: doseNumber("sets", fallback?.sets),
    reps: doseNumber("reps", fallback?.reps),
    holdSeconds: doseNumber("holdSeconds", fallback?.holdSeconds),
    timesPerDay: doseNumber("timesPerDay", fallback?.timesPerDay),
    daysPerWeek: doseNumber("daysPerWeek", fallback?.daysPerWeek),
  });
}

export const UNKNOWN_EXERCISE = "Choose an exercise from the library";

const exerciseField = z.object({
  exerciseId: z
    .string({ message: UNKNOWN_EXERCISE })
    .trim()
    .max(64, UNKNOWN_EXERCISE)
    .transform((id, ctx) => {
      const exercise = exerciseById(id);
      if (!exercise) {
        ctx.addIssue({ code: "custom", message: UNKNOWN_EXERCISE });
        return z.NEVER;
      }
      return exercise;
    }),
});

/** A neutral valid dose, so that an unknown exercise does not also flag its blank dose fields. */
const ANY_DOSE: Dose = { sets: 1, reps: 1, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 1 };

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** "Add an exercise": a library id, and a dose whose blank fields take the exercise's usual dose. */
export function parseAddForm(values: Record<string, string>): FormResult<{ exercise: Exercise; dose: Dose }> {
  const exercise = exerciseField.safeParse(values);
  const dose = doseFormSchema(exercise.success ? exercise.data.exerciseId.defaults : ANY_DOSE).safeParse(values);
  if (exercise.success && dose.success) return { ok: true, value: { exercise: exercise.data.exerciseId, dose: dose.data } };
  return {
    ok: false,
    errors: { ...(exercise.success ? {} : fieldErrors(exercise.error)), ...(dose.success ? {} : fieldErrors(dose.error)) },
  };
}

/** "Change dose": every field required (the form shows the current dose). */
export function parseDoseForm(values: Record<string, string>): FormResult<Dose> {
  const dose = doseFormSchema().safeParse(values);
  return dose.success ? { ok: true, value: dose.data } : { ok: false, errors: fieldErrors(dose.error) };
}
