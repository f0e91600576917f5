import { z } from "zod";
import { isCalendarDate } from "../patients/model";
import { addDays } from "../platform/time";
import { type BodyRegion, bodyRegions, type DischargeReason, dischargeReasons } from "./tables";

/** How the clinic says each body region and discharge reason (forms, cards, timeline). */
export const bodyRegionLabels: Record<BodyRegion, string> = {
  neck: "Neck",
  shoulder: "Shoulder",
  elbow: "Elbow",
  wrist_hand: "Wrist and hand",
  thoracic: "Mid back (thoracic)",
  low_back: "Low back",
  hip: "Hip",
  knee: "Knee",
  ankle_foot: "Ankle and foot",
  other: "Other",
};

export const dischargeReasonLabels: Record<DischargeReason, string> = {
  goals_met: "Goals met",
  plan_completed: "Plan of care completed",
  dropped_out: "Stopped coming",
  moved: "Moved away",
  other: "Other",
};

export const bodyRegionOptions = bodyRegions.map((r) => [r, bodyRegionLabels[r]] as const);
export const dischargeReasonOptions = dischargeReasons.map((r) => [r, dischargeReasonLabels[r]] as const);

/** ICD-10-CM shape: letter, digit, letter or digit, then optionally a dot and 1-4 more (M54.5, S83.511A). */
export const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));

/** A whole number typed into a form, within bounds; "", "1.5", "-2", "1e3" and "abc" are refused. */
const count = (missing: string, min: number, max: number) =>
  z
    .string({ message: missing })
    .trim()
    .transform((v, ctx) => {
      const n = /^\d{1,4}$/.test(v) ? Number(v) : Number.NaN;
      if (v === "" || !(n >= min && n <= max)) {
        ctx.addIssue({ code: "custom", message: v === "" ? missing : `Enter a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** A clinic-local calendar date no further than `back` days before and `ahead` days after today. */
const localDate = (missing: string, todayIso: string, back: number, ahead: number) =>
  z
    .string({ message: missing })
    .trim()
    .superRefine((v, ctx) => {
      const problem =
        v === ""
          ? missing
          : !/^\d{4}-\d{2}-\d{2}$/.test(v)
            ? "Use the format YYYY-MM-DD"
            : !isCalendarDate(v)
              ? "That date does not exist"
              : v < addDays(todayIso, -back)
                ? `A date before ${addDays(todayIso, -back)} is not plausible`
                : v > addDays(todayIso, ahead)
                  ? `A date after ${addDays(todayIso, ahead)} is not plausible`
                  : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** Start of care and plan of care; `todayIso` is the clinic's local date. */
export function episodeFormSchema(todayIso: string) {
  return z
    .object({
      bodyRegion: z.enum(bodyRegions, { message: "Choose a body region" }),
      diagnosis: z.string({ message: "Enter the diagnosis" }).trim().min(1, "Enter the diagnosis").max(200, "At most 200 characters"),
      icd10Code: optionalText(10)
        .transform((v) => v?.toUpperCase() ?? null)
        .refine((v) => v === null || ICD10_SHAPE.test(v), "Use the ICD-10 shape, e.g. M54.5 or S83.511A"),
      referralSourceId: optionalText(40),
      referringPhysician: optionalText(100),
      startDate: localDate("Enter the start date", todayIso, 3653, 366),
      visitsPrescribed: count("Enter the visits prescribed", 1, 100),
      frequencyPerWeek: count("Enter the visits per week", 1, 7),
      durationWeeks: count("Enter the duration in weeks", 1, 52),
      goals: z.string().trim().max(2000, "At most 2000 characters").optional().default(""),
    })
    .superRefine((v, ctx) => {
      // 30 visits at 1 a week for 4 weeks cannot happen: the plan must add up.
      if (v.visitsPrescribed > v.frequencyPerWeek * v.durationWeeks) {
        ctx.addIssue({
          code: "custom",
          path: ["visitsPrescribed"],
          message: `${v.visitsPrescribed} visits do not fit in ${v.durationWeeks} weeks at ${v.frequencyPerWeek} a week`,
        });
      }
    });
}
export type EpisodeFormInput = z.infer<ReturnType<typeof episodeFormSchema>>;

export function authorizationFormSchema(todayIso: string) {
  return z
    .object({
      payer: z.string({ message: "Enter the payer" }).trim().min(1, "Enter the payer").max(100, "At most 100 characters"),
      visitsAuthorized: count("Enter the visits authorized", 1, 200),
      startDate: localDate("Enter the start date", todayIso, 3653, 366),
      endDate: localDate("Enter the end date", todayIso, 3653, 366 + 731),
    })
    .superRefine((v, ctx) => {
      if (v.endDate < v.startDate) {
        ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be on or after the start date" });
      } else if (v.endDate > addDays(v.startDate, 731)) {
        ctx.addIssue({ code: "custom", path: ["endDate"], message: "An authorization longer than two years is not plausible" });
      }
    });
}

export const dischargeFormSchema = z.object({
  reason: z.enum(dischargeReasons, { message: "Choose why the episode ends" }),
});
