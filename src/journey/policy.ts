import { z } from "zod";
import { DAY, HOUR, MINUTE } from "../platform/clock";

/**
 * Every timing the journey uses, per clinic, with the defaults of PRODUCT.md section 2.
 * Stored in the clinic's settings under "journey"; each field falls back on its own.
 */
export const journeyPolicySchema = z.object({
  referralFirstContactMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .catch(5),
  referralFollowUpDays: z.array(z.number().min(0.5).max(60)).max(6).catch([2, 4, 7]),
  remindersHoursBefore: z
    .array(
      z
        .number()
        .min(0.5)
        .max(24 * 14),
    )
    .max(4)
    .catch([48, 2]),
  lapseAfterDays: z.number().int().min(1).max(90).catch(10),
  reactivationDays: z.array(z.number().min(0).max(120)).max(6).catch([0, 7, 21]),
  surveyAfterDischargeHours: z
    .number()
    .min(0)
    .max(24 * 14)
    .catch(2),
  alumniAfterDischargeDays: z.number().int().min(1).max(60).catch(7),
  alumniCheckInDays: z.array(z.number().int().min(1).max(730)).max(6).catch([30, 90, 180]),
  enabled: z
    .object({
      referralOutreach: z.boolean().catch(true),
      visitReminders: z.boolean().catch(true),
      atRiskOutreach: z.boolean().catch(true),
      reactivation: z.boolean().catch(true),
      dischargeSurvey: z.boolean().catch(true),
      alumniCheckIns: z.boolean().catch(true),
    })
    .catch({
      referralOutreach: true,
      visitReminders: true,
      atRiskOutreach: true,
      reactivation: true,
      dischargeSurvey: true,
      alumniCheckIns: true,
    }),
});

export type JourneyPolicy = z.infer<typeof journeyPolicySchema>;

export const defaultJourneyPolicy: JourneyPolicy = journeyPolicySchema.parse({});

export function parseJourneyPolicy(raw: unknown): JourneyPolicy {
  const parsed = journeyPolicySchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : defaultJourneyPolicy;
}

/**
 * Care timers during an episode (HEP nudge, weekly check-in request, questionnaires). Stored in the
 * clinic's settings under "care", apart from "journey", so that saving the journey form keeps them.
 */
export const carePolicySchema = z.object({
  /** Care messages go out at this clinic-local time on the day they are due. */
  messageTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .catch("10:00"),
  /** Days without a HEP log beyond the prescribed interval before the one nudge of a gap. */
  hepGraceDays: z.number().int().min(0).max(7).catch(1),
  checkInEveryDays: z.number().int().min(3).max(28).catch(7),
  questionnaireEveryDays: z.number().int().min(7).max(90).catch(28),
  /** A questionnaire completed this recently makes the intake or periodic request unnecessary. */
  questionnaireRecentDays: z.number().int().min(0).max(14).catch(3),
  hepNudges: z.boolean().catch(true),
  painCheckIns: z.boolean().catch(true),
  questionnaires: z.boolean().catch(true),
});

export type CarePolicy = z.infer<typeof carePolicySchema>;

export const defaultCarePolicy: CarePolicy = carePolicySchema.parse({});

export function parseCarePolicy(raw: unknown): CarePolicy {
  const parsed = carePolicySchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : defaultCarePolicy;
}

export const ms = { minute: MINUTE, hour: HOUR, day: DAY };
