import { z } from "zod";
import { minutesOf } from "../platform/time";
import { appointmentStatuses, appointmentTypes } from "./tables";

/** Zod shapes for the schedule's forms and query strings; messages are shown beside the field. */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export const isoDate = (message = "Enter a date like 2026-03-14") =>
  z
    .string()
    .trim()
    .refine((v) => isIsoDate(v) && v >= "2000-01-01" && v <= "2100-12-31", message);
export const hhmm = (message = "Enter a time like 09:30") => z.string().trim().regex(HHMM, message);

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** Where a no-JS form returns to: only a schedule page of ours, never another site. */
export const backPath = z
  .string()
  .optional()
  .transform((v) => (v && /^\/schedule(\/waitlist)?(\?[\w=&%.-]*)?$/.test(v) ? v : "/schedule"));

export const scheduleQuerySchema = z.object({
  date: isoDate().optional().catch(undefined),
  view: z.enum(["day", "week"]).catch("day"),
  therapist: optionalId.catch(null),
});

export const statusFormSchema = z.object({
  status: z.enum(appointmentStatuses, { message: "Choose what happened" }),
  reason: optionalText(200),
  back: backPath,
});

export const rescheduleFormSchema = z.object({
  date: isoDate(),
  time: hhmm(),
  override: checkbox,
  back: backPath,
});

export const bookingFormSchema = z.object({
  patientId: z.string().trim().min(1, "Choose a patient").max(64, "Choose a patient"),
  therapistId: z.string().trim().min(1, "Choose a therapist").max(64, "Choose a therapist"),
  episodeId: optionalId,
  date: isoDate(),
  time: hhmm(),
  durationMinutes: z.coerce
    .number({ message: "Enter the length in minutes" })
    .int("Whole minutes, please")
    .min(1, "A visit lasts at least 1 minute")
    .max(480, "A visit lasts at most 480 minutes (8 hours)"),
  type: z.enum(appointmentTypes, { message: "Choose the visit type" }),
  override: checkbox,
  waitlistEntryId: optionalId,
});
export type BookingForm = z.infer<typeof bookingFormSchema>;

/** A slot to fill from the waitlist or to book into. */
export const slotQuerySchema = z.object({
  therapist: z.string().trim().min(1).max(64),
  date: isoDate(),
  time: hhmm(),
  minutes: z.coerce.number().int().min(1).max(480).catch(45),
});

export const waitlistFormSchema = z
  .object({
    patientId: z.string().trim().min(1, "Choose a patient").max(64, "Choose a patient"),
    weekdays: z
      .array(z.coerce.number().int().min(1).max(7), { message: "Tick at least one day" })
      .min(1, "Tick at least one day")
      .transform((days) => [...new Set(days)].sort()),
    from: hhmm(),
    to: hhmm(),
    therapistId: optionalId,
    note: optionalText(500),
  })
  .refine((v) => minutesOf(v.to) > minutesOf(v.from), { path: ["to"], message: "The latest time must be after the earliest" });

/** One weekly window as typed in the hours form. */
export const availabilityRowSchema = z
  .object({
    weekday: z.coerce.number({ message: "Choose a day" }).int().min(1, "Choose a day").max(7, "Choose a day"),
    startTime: hhmm("Start like 08:00"),
    endTime: hhmm("End like 17:00"),
  })
  .refine((w) => minutesOf(w.endTime) > minutesOf(w.startTime), { path: ["endTime"], message: "The end must be after the start" });
export type AvailabilityRow = z.infer<typeof availabilityRowSchema>;

/**
 * A therapist's whole week as typed: every row valid, and no two windows on the same day
 * overlapping (back to back is fine). Issues carry the row index and the field.
 */
export const availabilityFormSchema = z.array(availabilityRowSchema).superRefine((rows, ctx) => {
  rows.forEach((a, i) => {
    const clash = rows.findIndex(
      (b, j) =>
        j < i && b.weekday === a.weekday && minutesOf(a.startTime) < minutesOf(b.endTime) && minutesOf(b.startTime) < minutesOf(a.endTime),
    );
    if (clash >= 0) {
      const other = rows[clash];
      ctx.addIssue({
        code: "custom",
        path: [i, "startTime"],
        message: `Overlaps ${other?.startTime}-${other?.endTime} on the same day`,
      });
    }
  });
});
